/**
 * A generated WordPress export (WXR 1.2) of Sözcü-shaped posts, for the benchmark's export
 * row (`node bench/run.mjs --suite convert --wxr`): the seed-shaped articles of
 * `bench/corpus.mjs` (related-news boxes, captions, galleries, embeds) as posts with their
 * metadata (an author, categories, tags, dates with the GMT date, about 5% drafts), and an
 * attachment item for every id their `[gallery ids=…]` name, so the galleries are rendered.
 * Deterministic for a seed; streamed to the file (never held whole).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateArticle, GENERATOR_VERSION } from "../corpus.mjs";

/** Bump when the export's shape changes (invalidates cached exports). */
const WXR_EXPORT_VERSION = 1;

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<!-- A generated WordPress export (shortcode-migrate's benchmark): Sözcü-shaped posts, no real text. -->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Örnek Haber</title>
\t<link>https://haber.example.com.tr</link>
\t<language>tr-TR</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://haber.example.com.tr</wp:base_site_url>
\t<wp:base_blog_url>https://haber.example.com.tr</wp:base_blog_url>
\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_display_name><![CDATA[Haber Merkezi]]></wp:author_display_name></wp:author>
`;
const TAIL = "</channel>\n</rss>\n";
const CATEGORIES = [
  ["gundem", "Gündem"],
  ["ekonomi", "Ekonomi"],
  ["dunya", "Dünya"],
  ["spor", "Spor"],
];

/** Text as CDATA, a `]]>` inside split the way WordPress's exporter splits it. */
const cdata = (text) => `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
const two = (n) => String(n).padStart(2, "0");

/** The local (UTC+3) and GMT dates of post `index`, an hour apart each. */
function datesOf(index) {
  const gmt = new Date(Date.UTC(2015, 0, 1) + index * 3_600_000);
  const local = new Date(gmt.getTime() + 3 * 3_600_000);
  const fmt = (d) => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:00`;
  return { local: fmt(local), gmt: fmt(gmt) };
}

function postItem(index, article) {
  const id = 1_000_000 + index;
  const { local, gmt } = datesOf(index);
  const draft = index % 20 === 19;
  const [slug, name] = CATEGORIES[index % CATEGORIES.length];
  return `\t<item>
\t\t<title>${cdata(`Haber ${index}: gündemden başlıklar`)}</title>
\t\t<link>https://haber.example.com.tr/${local.slice(0, 4)}/${slug}/haber-${index}-${id}/</link>
\t\t<dc:creator>${cdata("editor")}</dc:creator>
\t\t<guid isPermaLink="false">https://haber.example.com.tr/?p=${id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(article.body)}</content:encoded>
\t\t<excerpt:encoded>${cdata("")}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(local)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(draft ? "0000-00-00 00:00:00" : gmt)}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(draft ? "" : `haber-${index}`)}</wp:post_name>
\t\t<wp:status>${cdata(draft ? "draft" : "publish")}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata("post")}</wp:post_type>
\t\t<category domain="category" nicename="${slug}">${cdata(name)}</category>
\t\t<category domain="post_tag" nicename="haber">${cdata("haber")}</category>
\t</item>
`;
}

function attachmentItem(id, parent, order) {
  const url = `https://cdn.haber.example/wp-content/uploads/2020/10/galeri-${id}.jpg`;
  return `\t<item>
\t\t<title>${cdata(`Galeri ${id}`)}</title>
\t\t<guid isPermaLink="false">${url}</guid>
\t\t<content:encoded>${cdata("")}</content:encoded>
\t\t<excerpt:encoded>${cdata(`Fotoğraf ${id}: ‘‘gündemden’’ bir kare`)}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata("2020-10-10 10:00:00")}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata("2020-10-10 07:00:00")}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(`galeri-${id}`)}</wp:post_name>
\t\t<wp:status>${cdata("inherit")}</wp:status>
\t\t<wp:post_parent>${parent}</wp:post_parent>
\t\t<wp:menu_order>${order}</wp:menu_order>
\t\t<wp:post_type>${cdata("attachment")}</wp:post_type>
\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>
\t\t<wp:postmeta><wp:meta_key>${cdata("_wp_attachment_image_alt")}</wp:meta_key><wp:meta_value>${cdata(`Galeri fotoğrafı ${id}`)}</wp:meta_value></wp:postmeta>
\t</item>
`;
}

/**
 * Write an export of at least `targetBytes` (whole items) to `file`.
 *
 * @returns `{ posts, drafts, attachments, bytes (UTF-8 size of the post bodies), fileBytes }`
 */
function writeWxrExport(file, targetBytes, seed) {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  const seen = new Set();
  let fileBytes;
  let bytes = 0;
  let posts = 0;
  let attachments = 0;
  let chunk = "";
  // bytes written and waiting in `chunk`: counted as items are added (re-measuring the chunk each time is quadratic)
  let pending = 0;
  const put = (text) => {
    chunk += text;
    pending += Buffer.byteLength(text);
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  };
  try {
    put(HEAD);
    while (pending < targetBytes) {
      const index = posts++;
      const article = generateArticle(seed, index);
      bytes += Buffer.byteLength(article.body);
      put(postItem(index, article));
      for (const m of article.body.matchAll(/\[gallery\b[^\]]*\bids="([\d,]+)"/g)) {
        m[1].split(",").forEach((id, order) => {
          if (seen.has(id)) return;
          seen.add(id);
          attachments++;
          put(attachmentItem(Number(id), 1_000_000 + index, order));
        });
      }
    }
    put(TAIL);
    writeSync(fd, chunk);
    fileBytes = pending;
  } finally {
    closeSync(fd);
  }
  return { posts, drafts: Math.floor(posts / 20), attachments, bytes, fileBytes };
}

/**
 * The export for `targetBytes` and `seed`, written once into `cacheRoot` and reused while its
 * manifest matches. Returns `{ file, posts, drafts, attachments, bytes, fileBytes, cached }`.
 */
export function prepareWxrExport({ cacheRoot, targetBytes, seed }) {
  const key = `v${WXR_EXPORT_VERSION}-g${GENERATOR_VERSION}-${seed}-${targetBytes}`;
  const file = join(cacheRoot, `export-${targetBytes}-${seed}-v${WXR_EXPORT_VERSION}.xml`);
  const manifestFile = `${file}.manifest.json`;
  let manifest = null;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    // none yet
  }
  if (existsSync(file) && manifest?.key === key) return { ...manifest, file, cached: true };
  const written = writeWxrExport(file, targetBytes, seed);
  writeFileSync(manifestFile, JSON.stringify({ key, ...written }, null, 2) + "\n");
  return { key, ...written, file, cached: false };
}
