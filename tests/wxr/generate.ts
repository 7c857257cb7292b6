/**
 * Generated exports for the memory tests: Sözcü-shaped posts (Turkish prose, a related-news
 * box), each with a category and a featured image, one attachment per post written after
 * every ten posts (so the first pass has something to resolve).
 */
import { closeSync, openSync, writeSync } from "node:fs";

const BODY =
  `Dağlık Karabağ’daki son gelişmeleri değerlendiren Lavrov, “Moskova, Türkiye'nin pozisyonuyla hemfikir değil” dedi.\n\n`.repeat(8) +
  `[old_news_related_template title="Moskova ile bağımlı stratejik ortak olduk" desc="" image="https://cdn.example.com.tr/a.jpg" link="https://haber.example.com.tr/a/"]`;

/** Write an export of about `bytes` bytes: posts, and one attachment (a featured image) per ten posts, after them. */
export function generateExport(file: string, bytes: number): number {
  const fd = openSync(file, "w");
  writeSync(
    fd,
    `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Bellek</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n`,
  );
  let written = 0;
  let n = 0;
  while (written < bytes) {
    n++;
    let xml = `<item><title><![CDATA[Haber ${n}]]></title><link>https://haber.example.com.tr/${n}/</link><dc:creator>ayse</dc:creator><content:encoded><![CDATA[${n}. ${BODY}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${n}</wp:post_id><wp:post_date>2020-10-14 14:30:00</wp:post_date><wp:post_date_gmt>2020-10-14 11:30:00</wp:post_date_gmt><wp:post_name>haber-${n}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="gundem"><![CDATA[Gündem]]></category><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${1_000_000 + n}</wp:meta_value></wp:postmeta></item>\n`;
    if (n % 10 === 0) {
      for (let k = n - 9; k <= n; k++) {
        xml += `<item><title>Görsel ${k}</title><wp:post_id>${1_000_000 + k}</wp:post_id><wp:post_parent>${k}</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status><wp:attachment_url>https://haber.example.com.tr/wp-content/uploads/${k}.jpg</wp:attachment_url></item>\n`;
      }
    }
    written += writeSync(fd, xml);
  }
  writeSync(fd, `</channel>\n</rss>\n`);
  closeSync(fd);
  return n;
}
