import { describe, expect, test } from "@jest/globals";
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { frontMatterOf, renderFrontMatter } from "../../src/wxr/front-matter.js";
import { indexWxr } from "../../src/wxr/export-index.js";
import { childAttachmentsOf } from "../../src/wxr/gallery.js";
import { WxrPathNamer } from "../../src/wxr/paths.js";
import { placeInExport, readWxrPosts, WxrOptionError, type ReadWxrPostsOptions, type WxrPost, type WxrPostEvent } from "../../src/wxr/posts.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/wxr/haber-sitesi.xml", import.meta.url));
const TRUNCATED = fileURLToPath(new URL("../../fixtures/wxr/haber-sitesi-truncated.xml", import.meta.url));

async function collect(file: string, options?: ReadWxrPostsOptions, once = false): Promise<WxrPostEvent[]> {
  const events: WxrPostEvent[] = [];
  const source = once ? { once: createReadStream(file, { highWaterMark: 512 }) } : () => createReadStream(file, { highWaterMark: 512 });
  for await (const e of readWxrPosts(source, options)) events.push(e);
  return events;
}
const postsOf = (events: WxrPostEvent[]): WxrPost[] => events.flatMap((e) => (e.kind === "post" ? [e.post] : []));
const byId = (posts: WxrPost[], id: number): WxrPost => posts.find((p) => p.id === id)!;

describe("readWxrPosts over the fixture export", () => {
  test("posts and pages whatever their status, in export order; attachments, blocks, menus and revisions are no posts", async () => {
    const events = await collect(FIXTURE);
    expect(postsOf(events).map((p) => [p.id, p.type, p.status])).toEqual([
      [101, "post", "publish"],
      [102, "post", "publish"],
      [103, "post", "draft"],
      [104, "post", "publish"],
      [105, "page", "publish"],
    ]);
    expect(events.at(-1)).toEqual({
      kind: "summary",
      summary: { counts: { post: 4, page: 1, attachment: 3, wp_block: 1, nav_menu_item: 1, revision: 1 }, posts: 5, skipped: 6, complete: true },
    });
  });

  test("metadata: author by display name (login when there is none), terms by taxonomy, format, sticky, dates with the offset the dates imply", async () => {
    const posts = postsOf(await collect(FIXTURE));
    const p101 = byId(posts, 101);
    expect(p101).toMatchObject({
      title: "Lavrov: Türkiye stratejik ortağımız değil",
      author: "Ayşe Yılmaz",
      authorLogin: "ayse",
      categories: ["Gündem", "Dünya"],
      tags: ["Rusya"],
      taxonomies: { bolge: ["Kafkasya"] },
      format: null,
      sticky: true,
      date: "2020-10-14T14:30:00+03:00",
      modified: "2020-10-15T09:05:00+03:00",
      link: "https://haber.example.com.tr/2020/10/14/lavrov-turkiye-stratejik-ortak/",
    });
    expect(byId(posts, 102)).toMatchObject({ author: "mehmet", format: "gallery", title: "Moskova’da ateşkes görüşmesi & fotoğraflar" });
    // Winter 2015: Turkey was at +02:00 then; the offset comes from the post's own two dates.
    expect(byId(posts, 104).date).toBe("2015-01-10T10:00:00+02:00");
    // The draft has no GMT date: the site's usual offset (+03:00) is used.
    expect(byId(posts, 103)).toMatchObject({ date: "2021-01-05T09:15:00+03:00", dateSource: "local+site-offset", slug: "" });
    // …unless the user says otherwise.
    expect(byId(postsOf(await collect(FIXTURE, { utcOffset: "+01:00" })), 103).date).toBe("2021-01-05T09:15:00+01:00");
  });

  test("the featured image resolves through an attachment that comes after the post", async () => {
    const p101 = byId(postsOf(await collect(FIXTURE)), 101);
    expect(p101).toMatchObject({ featuredImageId: 201, featuredImage: "https://haber.example.com.tr/wp-content/uploads/2020/10/lavrov.jpg" });
    // Read once (stdin): the attachment comes too late, and that is said.
    const once = await collect(FIXTURE, {}, true);
    expect(byId(postsOf(once), 101).featuredImage).toBeNull();
    expect(once).toContainEqual({ kind: "problem", problem: expect.objectContaining({ ruleId: "wxr-featured-missing", postId: 101 }) });
  });

  test("the body: content:encoded byte for byte in rawContent; block delimiters out, reusable block in, facts kept", async () => {
    const p102 = byId(postsOf(await collect(FIXTURE)), 102);
    const xml = readFileSync(FIXTURE, "utf8");
    const last = '<!-- wp:block {"ref":301} /-->';
    const cdata = xml.slice(xml.indexOf("<![CDATA[<!-- wp:paragraph -->") + 9, xml.indexOf(`${last}]]>`) + last.length);
    expect(p102.rawContent).toBe(cdata.replace("]]]]><![CDATA[>", "]]>"));
    expect(p102.content).not.toMatch(/<!-- \/?wp:/);
    // the block's language attribute made explicit in its HTML (the fence's language)
    expect(p102.content).toContain('<pre class="wp-block-code"><code class="language-json">{"ateşkes": true, "not": "a ]]> b"}</code></pre>');
    expect(p102.content).toContain('[gallery ids="203,202" columns="2"]');
    expect(p102.content).toContain('[caption id="attachment_202"');
    expect(p102.content).toContain('<a href="https://haber.example.com.tr/abone-ol/">abone olun</a>');
    expect(p102.blocks.map((f) => f.kind)).toEqual(["code", "image", "embed"]);
    expect(p102.blocks[0]).toMatchObject({ language: "json" });
    expect(p102.blocks[1]).toMatchObject({ id: 202, linkDestination: "media", href: "https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg" });
    expect(p102.blocks[2]).toMatchObject({ url: "https://www.youtube.com/watch?v=abc123", provider: "youtube" });
    for (const f of p102.blocks) expect(p102.content.slice(f.start, f.end)).toMatch(f.kind === "code" ? /^\n<pre/ : /^\n<figure/);
    // Kept on request.
    const kept = byId(postsOf(await collect(FIXTURE, { keepBlockDelimiters: true })), 102);
    expect(kept.content).toContain('<!-- wp:code {"language":"json"} -->');
    expect(kept.content).not.toContain("wp:block {");
  });

  test("excerpt: the export's own, else the part before <!--more--> (the marker stays in the body)", async () => {
    const posts = postsOf(await collect(FIXTURE));
    expect(byId(posts, 101)).toMatchObject({
      excerpt: "Rusya Dışişleri Bakanı Sergey Lavrov, Dağlık Karabağ’daki son gelişmeleri değerlendirdi.",
      excerptSource: "more",
    });
    expect(byId(posts, 101).content).toContain("<!--more-->");
    expect(byId(posts, 102)).toMatchObject({ excerpt: "Ateşkes görüşmesinden kareler.", excerptSource: "excerpt" });
    expect(byId(posts, 104)).toMatchObject({ excerpt: "", excerptSource: "none" });
  });

  test("seed-shaped related-news boxes come through untouched", async () => {
    const p101 = byId(postsOf(await collect(FIXTURE)), 101);
    expect(p101.content).toContain(
      `[old_news_related_template title="Dugin: 'Türkiye ve Rusya stratejik ortak olmalı'" desc="" image="https://cdn.example.com.tr/2016/07/dugin.jpg"`,
    );
    expect(p101.content).toContain("çok büyük yara alırız’’ dedi.");
  });

  test("a place in a body maps to the export's line and column; not where a reusable block was inserted", async () => {
    const posts = postsOf(await collect(FIXTURE));
    const lines = readFileSync(FIXTURE, "utf8")
      .split("\n")
      .map((l) => [...l]);
    const p101 = byId(posts, 101);
    for (const needle of ["Rusya Dışişleri", '[old_news_related_template title="Dugin', "<!--more-->"]) {
      const place = placeInExport(p101, p101.content.indexOf(needle))!;
      expect(lines[place.line - 1]!.slice(place.column - 1, place.column - 1 + [...needle].length).join("")).toBe(needle);
    }
    expect(placeInExport(byId(posts, 102), 0)).toBeNull();
  });

  test("filters: post types and statuses", async () => {
    expect(postsOf(await collect(FIXTURE, { postTypes: ["page"] })).map((p) => p.id)).toEqual([105]);
    expect(postsOf(await collect(FIXTURE, { statuses: ["draft"] })).map((p) => p.id)).toEqual([103]);
    expect(postsOf(await collect(FIXTURE, { postTypes: ["post"], statuses: ["publish"] })).map((p) => p.id)).toEqual([101, 102, 104]);
  });

  test("options are checked before any reading", () => {
    expect(() => readWxrPosts(() => createReadStream(FIXTURE), { postTypes: ["attachment"] })).toThrow(WxrOptionError);
    expect(() => readWxrPosts(() => createReadStream(FIXTURE), { postTypes: ["post", "nav_menu_item"] })).toThrow(/nav_menu_item.*not a post/);
    expect(() => readWxrPosts(() => createReadStream(FIXTURE), { utcOffset: "Europe/Istanbul" })).toThrow(/"Europe\/Istanbul" is not an offset/);
  });

  test("gallery without ids: the post's attachments by menu order", async () => {
    const index = await indexWxr(createReadStream(FIXTURE));
    expect(childAttachmentsOf(index, 102).map((a) => [a.id, a.alt, a.caption])).toEqual([
      [203, "Kremlin sarayı", "Kremlin’den bir görünüm"],
      [202, "Müzakere masası", "Müzakere masası"],
    ]);
    expect(index.siteOffset).toBe(180);
  });

  test("the truncated copy: the posts before the break, then the error with its line and column", async () => {
    const events = await collect(TRUNCATED);
    expect(postsOf(events).map((p) => p.id)).toEqual([101, 102]);
    const errors = events.flatMap((e) => (e.kind === "problem" && e.problem.severity === "error" ? [e.problem] : []));
    const lines = readFileSync(TRUNCATED, "utf8").split("\n");
    expect(errors).toEqual([expect.objectContaining({ ruleId: "wxr-malformed", place: { line: lines.length, column: lines.at(-1)!.length + 1 } })]);
    // The id comes after the body in an item, so the cut-off item is named by its title and place.
    const itemLine = lines.findLastIndex((l) => l.includes("<item>")) + 1;
    expect(errors[0]!.reason).toContain(`(“Ekonomi notları”) that starts at ${itemLine}:`);
    expect(events.at(-1)).toMatchObject({ kind: "summary", summary: { posts: 2, complete: false } });
  });
});

describe("front matter and output paths", () => {
  test("YAML front matter reads back to the post's metadata", async () => {
    const posts = postsOf(await collect(FIXTURE));
    const p101 = byId(posts, 101);
    const text = renderFrontMatter(frontMatterOf(p101, { meta: ["kaynak", "absent"] }));
    expect(text.startsWith("---\n") && text.endsWith("---\n")).toBe(true);
    expect(parseYaml(text.slice(4, -4))).toEqual({
      id: 101,
      title: "Lavrov: Türkiye stratejik ortağımız değil",
      date: "2020-10-14T14:30:00+03:00",
      modified: "2020-10-15T09:05:00+03:00",
      slug: "lavrov-turkiye-stratejik-ortak",
      type: "post",
      status: "publish",
      author: "Ayşe Yılmaz",
      categories: ["Gündem", "Dünya"],
      tags: ["Rusya"],
      taxonomies: { bolge: ["Kafkasya"] },
      excerpt: "Rusya Dışişleri Bakanı Sergey Lavrov, Dağlık Karabağ’daki son gelişmeleri değerlendirdi.",
      link: "https://haber.example.com.tr/2020/10/14/lavrov-turkiye-stratejik-ortak/",
      featured_image: "https://haber.example.com.tr/wp-content/uploads/2020/10/lavrov.jpg",
      sticky: true,
      meta: { kaynak: 'a:2:{s:4:"ajan";s:2:"AA";s:3:"url";s:0:"";}' },
    });
    const page = parseYaml(renderFrontMatter(frontMatterOf(byId(posts, 105))).slice(4, -4));
    expect(page).toMatchObject({ id: 105, type: "page", parent: 0, menu_order: 2, author: "Ayşe Yılmaz" });
    expect(parseYaml(renderFrontMatter(frontMatterOf(byId(posts, 102))).slice(4, -4))).toMatchObject({
      format: "gallery",
      excerpt: "Ateşkes görüşmesinden kareler.",
    });
  });

  test("values a YAML 1.1 reader would turn into something else stay strings", () => {
    const text = renderFrontMatter({ title: "yes", slug: "0123", other: "null", date: "2020-10-14T14:30:00+03:00" });
    expect(text).toMatch(/title: "yes"/);
    expect(parseYaml(text.slice(4, -4), { version: "1.1" })).toEqual({ title: "yes", slug: "0123", other: "null", date: "2020-10-14T14:30:00+03:00" });
  });

  test("deterministic unique names: posts/<slug>.md, pages/<slug>.md; a draft without slug and a taken slug are renamed and say so", async () => {
    const posts = postsOf(await collect(FIXTURE));
    const run = () => {
      const namer = new WxrPathNamer();
      return posts.map((p) => namer.pathOf(p));
    };
    const names = run();
    expect(names.map((n) => n.path)).toEqual([
      "posts/lavrov-turkiye-stratejik-ortak.md",
      "posts/moskova-ateskes-fotograflar.md",
      "posts/ekonomi-notlari-103.md",
      "posts/lavrov-turkiye-stratejik-ortak-104.md",
      "pages/hakkimizda.md",
    ]);
    expect(names.map((n) => n.renamed?.reason ?? null)).toEqual([null, null, "no-slug", "collision", null]);
    expect(names[3]!.renamed!.note).toMatch(/post 104: "posts\/lavrov-turkiye-stratejik-ortak.md" is taken/);
    expect(run()).toEqual(names);
  });

  test("a path template by type and date", async () => {
    const posts = postsOf(await collect(FIXTURE));
    const namer = new WxrPathNamer("{type}/{yyyy}/{mm}/{slug}.md");
    expect(posts.map((p) => namer.pathOf(p).path)).toEqual([
      "post/2020/10/lavrov-turkiye-stratejik-ortak.md",
      "post/2020/10/moskova-ateskes-fotograflar.md",
      "post/2021/01/ekonomi-notlari-103.md",
      "post/2015/01/lavrov-turkiye-stratejik-ortak.md",
      "page/2019/01/hakkimizda.md",
    ]);
    expect(() => new WxrPathNamer("{type}/{title}.md")).toThrow(/unknown placeholder \{title\}/);
    expect(() => new WxrPathNamer("{type}.md")).toThrow(/neither \{slug\} nor \{id\}/);
    expect(() => new WxrPathNamer("../{slug}.md")).toThrow(/inside the output folder/);
  });
});
