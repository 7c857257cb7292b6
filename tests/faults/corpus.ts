/**
 * A small deterministic corpus for the fault tests: article i depends only on (seed, i).
 * Turkish prose, typographic quotes, entities, and the shortcodes the rules convert.
 */

/** mulberry32: a tiny seeded PRNG, so every kill moment and article is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "Dağlık",
  "Karabağ",
  "konusunda",
  "gelişmeleri",
  "değerlendiren",
  "Bakanı",
  "açıklamalarda",
  "bulundu",
  "ateşkes",
  "anlaşmasına",
  "İstanbul’da",
  "“Moskova”",
  "'MÜZAKERELER'",
  "ekonomi",
  "enflasyon",
  "derbi",
  "belediye",
  "bisiklet",
  "yolları",
  "AT&amp;T",
  "&#8217;",
  "ılık",
  "şehir",
  "öğrenci",
  "çarşı",
  "güneş",
];

/** One article: paragraphs with related-news boxes and captions among them. */
export function article(seed: number, i: number): string {
  const rnd = prng(seed * 100003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const sentence = (): string => {
    const n = 6 + Math.floor(rnd() * 12);
    const words = Array.from({ length: n }, () => pick(WORDS));
    return words.join(" ") + ".";
  };
  const parts: string[] = [];
  const paragraphs = 2 + Math.floor(rnd() * 3);
  for (let p = 0; p < paragraphs; p++) {
    parts.push(Array.from({ length: 1 + Math.floor(rnd() * 3) }, sentence).join(" "));
    const r = rnd();
    if (r < 0.35) {
      parts.push(
        `[old_news_related_template title="${pick(WORDS)} ${i}-${p}" desc="${pick(WORDS)}" image="https://example.com/i/${i}.jpg" link="https://example.com/haber/${i}-${p}/"]`,
      );
    } else if (r < 0) {
      parts.push(
        `[caption id="attachment_${i}" align="aligncenter" width="640"]<img src="https://example.com/${i}.jpg" alt="${pick(WORDS)}" /> ${pick(WORDS)}[/caption]`,
      );
    }
  }
  return parts.join("\n\n") + "\n";
}
