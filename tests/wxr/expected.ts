import { unified } from "unified";
import rehypeParse from "rehype-parse";
import type { Nodes as HastNodes } from "hast";
/**
 * Expectations about WordPress exports taken from the raw file text (regular expressions over
 * `<item>` blocks, not an XML parser), shared by the library's and the CLI's tests.
 */
import { readFileSync } from "node:fs";

/** Raw-text reading of one element's value: CDATA sections joined, else XML entities decoded. */
export function value(block: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(block);
  if (!m) return undefined;
  return textOf(m[1] ?? "");
}
export function textOf(raw: string): string {
  if (raw.includes("<![CDATA[")) {
    return [...raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join("");
  }
  return raw
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
export const rawItems = (xml: string): string[] => [...xml.matchAll(/<item[\s>][\s\S]*?<\/item>/g)].map((m) => m[0]);
export const typeOf = (item: string): string => value(item, "wp:post_type")?.trim() ?? "";

/**
 * The front matter every post and page of an export should get, by post id, read from the raw
 * text (author display names, terms, dates with the offset of local and GMT, the excerpt or
 * the part before `<!--more-->`, the featured image's URL, page parent and order, sticky).
 *
 * @param file the export's path
 */
export function a11yExpected(file: string): Map<number, Record<string, unknown>> {
  const xml = readFileSync(file, "utf8");
  const items = rawItems(xml);
  const authors = new Map<string, string>();
  for (const a of xml.matchAll(/<wp:author>([\s\S]*?)<\/wp:author>/g)) {
    const login = value(a[1]!, "wp:author_login")!.trim();
    authors.set(login, value(a[1]!, "wp:author_display_name")?.trim() || login);
  }
  const attachmentUrl = new Map<string, string>();
  for (const it of items) if (typeOf(it) === "attachment") attachmentUrl.set(value(it, "wp:post_id")!.trim(), value(it, "wp:attachment_url")!.trim());
  const expected = new Map<number, Record<string, unknown>>();
  for (const it of items) {
    const type = typeOf(it);
    if (type !== "post" && type !== "page") continue;
    const id = Number(value(it, "wp:post_id"));
    const terms = [...it.matchAll(/<category domain="([^"]*)" nicename="([^"]*)">([\s\S]*?)<\/category>/g)].map((m) => ({
      domain: m[1]!,
      slug: m[2]!,
      name: textOf(m[3]!),
    }));
    const local = value(it, "wp:post_date")!.trim();
    const gmt = value(it, "wp:post_date_gmt")!.trim();
    const offsetMin = (Date.parse(`${local.replace(" ", "T")}Z`) - Date.parse(`${gmt.replace(" ", "T")}Z`)) / 60000;
    const sign = offsetMin < 0 ? "-" : "+";
    const hh = String(Math.floor(Math.abs(offsetMin) / 60)).padStart(2, "0");
    const mm = String(Math.abs(offsetMin) % 60).padStart(2, "0");
    const fm: Record<string, unknown> = {
      id,
      title: value(it, "title"),
      date: `${local.replace(" ", "T")}${sign}${hh}:${mm}`,
      slug: value(it, "wp:post_name")?.trim() ?? "",
      type,
      status: value(it, "wp:status")!.trim(),
    };
    const login = value(it, "dc:creator")!.trim();
    fm.author = authors.get(login) ?? login;
    const cats = terms.filter((t) => t.domain === "category").map((t) => t.name);
    const tags = terms.filter((t) => t.domain === "post_tag").map((t) => t.name);
    if (cats.length) fm.categories = cats;
    if (tags.length) fm.tags = tags;
    const body = value(it, "content:encoded") ?? "";
    let excerpt = value(it, "excerpt:encoded") ?? "";
    if (!excerpt.trim()) {
      const cleaned = body.replace(/<!--\s+\/?wp:[\s\S]*?-->/g, "");
      const more = cleaned.indexOf("<!--more");
      excerpt = more >= 0 ? visibleText(cleaned.slice(0, more)) : "";
    }
    if (excerpt.trim()) fm.excerpt = excerpt;
    fm.link = value(it, "link")!.trim();
    const thumb = /<wp:meta_key>(?:<!\[CDATA\[)?_thumbnail_id(?:\]\]>)?<\/wp:meta_key>\s*<wp:meta_value>(?:<!\[CDATA\[)?(\d+)/.exec(it)?.[1];
    if (thumb && attachmentUrl.has(thumb)) fm.featured_image = attachmentUrl.get(thumb);
    const format = terms.find((t) => t.domain === "post_format");
    if (format) fm.format = format.slug.replace("post-format-", "");
    if (type === "page") {
      fm.parent = Number(value(it, "wp:post_parent"));
      fm.menu_order = Number(value(it, "wp:menu_order"));
    }
    if (value(it, "wp:is_sticky")?.trim() === "1") fm.sticky = true;
    expected.set(id, fm);
  }
  return expected;
}

/** What a reader sees of an HTML fragment, read by an HTML parser: text, a line per paragraph, break or list item. */
function visibleText(html: string): string {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  let out = "";
  const walk = (node: HastNodes): void => {
    if (node.type === "text") out += node.value;
    else if (node.type === "element" || node.type === "root") {
      if (node.type === "element" && ["script", "style"].includes(node.tagName)) return;
      for (const child of node.children) walk(child as HastNodes);
      if (node.type === "element" && /^(?:p|div|h[1-6]|li|blockquote|pre|figure|figcaption|tr|ul|ol|table|br)$/.test(node.tagName)) out += "\n";
    }
  };
  walk(tree);
  return out
    .split("\n")
    .map((l) => l.replace(/[ \t\r\f\u00a0]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
