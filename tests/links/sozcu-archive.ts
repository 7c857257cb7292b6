/**
 * A generated Sözcü-shaped archive: NDJSON records (`id`, `url`, `date`, `slug`, `category`,
 * `body`) whose related-news boxes link to each other, then some articles removed. The
 * generator keeps the truth (which box points at which article, and whether that article is
 * still there) apart from the URLs it writes, so a test can check the link index against it.
 * Deterministic: the same seed gives the same archive.
 */
import { prng } from "../faults/corpus.js";

const CATEGORIES = ["gundem", "ekonomi", "dunya", "spor", "yazarlar/ugur-dundar"];
const WORDS = [
  "moskova",
  "ile",
  "bağımlı",
  "stratejik",
  "ortak",
  "olduk",
  "suriye",
  "krizinde",
  "rusya",
  "yol",
  "ayrımı",
  "ekonomi",
  "enflasyon",
  "derbi",
  "şehir",
  "güneş",
  "öğrenci",
  "çarşı",
];
const PROSE = [
  "Dağlık Karabağ konusunda son yaşanan gelişmeleri değerlendiren Lavrov açıklamalarda bulundu.",
  "Ateşkes anlaşmasına karşılık hala çatışmaların devam etmesine atıfta bulundu.",
  "“Moskova, Türkiye'nin pozisyonuyla hemfikir değil’’ dedi.",
];

/** How a box writes its target's URL. */
export type LinkSpelling = "exact" | "http-no-www" | "no-trailing-slash" | "slug-changed";

/** One related-news box as the generator meant it. */
export interface BoxTruth {
  /** The article holding the box. */
  from: string;
  /** The article linked. */
  to: string;
  /** Whether `to` is still in the archive. */
  targetKept: boolean;
  spelling: LinkSpelling;
  /** The `link=` value written. */
  url: string;
}

/** The generated archive. */
export interface GeneratedArchive {
  /** The NDJSON text (one record a line) of the articles kept. */
  ndjson: string;
  boxes: BoxTruth[];
  /** Ids of the articles removed. */
  removed: string[];
}

/** Seven-digit ids, increasing, as Sözcü's. */
function articleId(index: number): string {
  return String(5_000_000 + index * 7919);
}

function slugOf(rnd: () => number): string {
  const words = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
  return words.join("-").replace(/ı/g, "i").replace(/ğ/g, "g").replace(/ş/g, "s").replace(/ç/g, "c").replace(/ö/g, "o").replace(/ü/g, "u");
}

/**
 * @param count articles generated
 * @param seed the PRNG seed
 * @param removedShare the share of articles removed afterwards (their boxes elsewhere become dead)
 */
export function generateArchive(count: number, seed: number, removedShare = 0.15): GeneratedArchive {
  const rnd = prng(seed);
  const articles = Array.from({ length: count }, (_, index) => {
    const year = 2015 + Math.floor(rnd() * 7);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    const slug = slugOf(rnd);
    const id = articleId(index);
    return {
      id,
      year,
      date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T10:00:00+03:00`,
      category,
      slug,
      url: `https://www.sozcu.com.tr/${year}/${category}/${slug}-${id}/`,
      title: slug.replace(/-/g, " "),
    };
  });
  const removed = new Set(articles.filter(() => rnd() < removedShare).map((article) => article.id));
  const boxes: BoxTruth[] = [];
  const lines: string[] = [];
  for (const article of articles) {
    const parts: string[] = [];
    const boxCount = Math.floor(rnd() * 4);
    for (let p = 0; p < 2 + boxCount; p++) {
      parts.push(PROSE[Math.floor(rnd() * PROSE.length)]!);
      if (p >= boxCount) continue;
      let target = articles[Math.floor(rnd() * articles.length)]!;
      if (target.id === article.id) target = articles[(articles.indexOf(target) + 1) % articles.length]!;
      const spelling = (["exact", "exact", "http-no-www", "no-trailing-slash", "slug-changed"] as const)[Math.floor(rnd() * 5)]!;
      const url =
        spelling === "exact"
          ? target.url
          : spelling === "http-no-www"
            ? target.url.replace("https://www.", "http://")
            : spelling === "no-trailing-slash"
              ? target.url.slice(0, -1)
              : `https://www.sozcu.com.tr/${target.year}/${target.category}/eski-baslik-${target.id}/`;
      boxes.push({ from: article.id, to: target.id, targetKept: !removed.has(target.id), spelling, url });
      const image = `https://sozcuo01.sozcucdn.com/wp-content/uploads/${target.year}/0${1 + (Number(target.id) % 9)}/${target.slug}.jpg`;
      parts.push(`[old_news_related_template title="${target.title}" desc="" image="${image}" link="${url}"]`);
    }
    if (removed.has(article.id)) continue;
    lines.push(
      JSON.stringify({ id: article.id, url: article.url, date: article.date, slug: article.slug, category: article.category, body: `${parts.join("\n\n")}\n` }),
    );
  }
  return { ndjson: `${lines.join("\n")}\n`, boxes, removed: [...removed] };
}
