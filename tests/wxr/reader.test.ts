import { describe, expect, test } from "@jest/globals";
import { readWxr } from "../../src/wxr/reader.js";
import type { WxrEvent, WxrItem, WxrProblem } from "../../src/wxr/types.js";

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Deneme</title>
<wp:wxr_version>1.2</wp:wxr_version>
`;
const TAIL = `</channel>\n</rss>\n`;

/** An export of the given items, fed in chunks of `size` characters (or as UTF-8 bytes cut anywhere). */
async function read(xml: string, size = 7, bytes = false): Promise<WxrEvent[]> {
  async function* chunks() {
    if (bytes) {
      const buf = Buffer.from(xml);
      for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
    } else for (let i = 0; i < xml.length; i += size) yield xml.slice(i, i + size);
  }
  const events: WxrEvent[] = [];
  for await (const e of readWxr(chunks())) events.push(e);
  return events;
}
const items = (events: WxrEvent[]): WxrItem[] => events.flatMap((e) => (e.kind === "item" ? [e.item] : []));
const problems = (events: WxrEvent[]): WxrProblem[] => events.flatMap((e) => (e.kind === "problem" ? [e.problem] : []));

function item(content: string, extra = ""): string {
  return `<item>\n<title>T</title>\n<wp:post_id>7</wp:post_id>\n<wp:post_type>post</wp:post_type>\n<content:encoded>${content}</content:encoded>${extra}\n</item>\n`;
}

describe("readWxr: CDATA and text, byte for byte", () => {
  test.each([1, 3, 7, 64])("a body split as ]]]]><![CDATA[> comes back whole (chunks of %i)", async (size) => {
    const [it] = items(await read(HEAD + item("<![CDATA[a ]]]]><![CDATA[> b <![CDATA[ c]]]]><![CDATA[>]]>") + TAIL, size));
    expect(it!.content).toBe("a ]]> b <![CDATA[ c]]>");
  });

  test("several CDATA sections are joined; the layout white space between them is not content", async () => {
    const [it] = items(await read(HEAD + item("\n<![CDATA[line one]]><![CDATA[line two]]>\n  <![CDATA[\nline three]]>\n") + TAIL));
    expect(it!.content).toBe("line oneline two\nline three");
  });

  test("white space inside CDATA is kept exactly, leading and trailing too", async () => {
    const body = "\n\n  <p>x</p>\t\n\n";
    const [it] = items(await read(HEAD + item(`<![CDATA[${body}]]>`) + TAIL));
    expect(it!.content).toBe(body);
  });

  test("entities in non-CDATA text are decoded once; an unknown one is kept as written and reported", async () => {
    const events = await read(HEAD + item("&lt;p&gt;Tom &amp; Jerry &#8217;s &#x131; &quot;x&quot;&lt;/p&gt; &nbsp;") + TAIL);
    expect(items(events)[0]!.content).toBe('<p>Tom & Jerry ’s ı "x"</p> &nbsp;');
    const [p] = problems(events);
    expect(p).toMatchObject({ severity: "warning", ruleId: "wxr-xml", postId: 7 });
    expect(p!.reason).toMatch(/undefined entity/);
  });

  test("CDATA keeps entity-looking text literally", async () => {
    const [it] = items(await read(HEAD + item("<![CDATA[&amp; &nbsp; &#8217;]]>") + TAIL));
    expect(it!.content).toBe("&amp; &nbsp; &#8217;");
  });

  test("multi-byte UTF-8 cut across byte chunks is decoded intact", async () => {
    const body = "Dağlık Karabağ’da “ateşkes” — 😀 İstanbul";
    for (const size of [1, 2, 5]) {
      const [it] = items(await read(HEAD + item(`<![CDATA[${body}]]>`) + TAIL, size, true));
      expect(it!.content).toBe(body);
    }
  });

  test("an unescaped ]]> inside CDATA is read as WordPress's importer reads it, and reported", async () => {
    const events = await read(HEAD + item("<![CDATA[nested <![CDATA[ tags ]]> :)]]>") + TAIL);
    expect(items(events)[0]!.content).toBe("nested <![CDATA[ tags ]]> :)");
    expect(problems(events)).toEqual([expect.objectContaining({ severity: "warning", ruleId: "wxr-cdata", postId: 7 })]);
  });

  test("a problem inside an item carries the item's id even though the id comes after the body", async () => {
    const xml =
      HEAD +
      `<item><title>T</title><content:encoded><![CDATA[a ]]> b]]></content:encoded><wp:post_id>42</wp:post_id><wp:post_type>post</wp:post_type></item>\n` +
      TAIL;
    const events = await read(xml);
    expect(events.map((e) => e.kind)).toEqual(["channel", "problem", "item"]);
    expect(problems(events)[0]).toMatchObject({ ruleId: "wxr-cdata", postId: 42 });
  });

  test("the body's place in the file is where its CDATA text starts", async () => {
    const xml = HEAD + item("\n  <![CDATA[Merhaba]]>") + TAIL;
    const [it] = items(await read(xml));
    const lines = xml.split("\n");
    const { line, column } = it!.contentPlace!;
    expect(lines[line - 1]!.slice(column - 1, column - 1 + 7)).toBe("Merhaba");
    expect(lines[it!.place.line - 1]!.slice(0, it!.place.column - 1)).toBe("<item>");
  });
});

describe("readWxr: structure", () => {
  test("channel, authors, terms and items come in document order, one event each", async () => {
    const xml =
      HEAD +
      `<wp:base_site_url>https://a.example</wp:base_site_url>
<wp:author><wp:author_id>1
</wp:author_id><wp:author_login>ayse
</wp:author_login><wp:author_display_name><![CDATA[Ayşe Y.]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>gundem</wp:category_nicename><wp:cat_name><![CDATA[Gündem]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>4</wp:term_id><wp:tag_slug>rusya</wp:tag_slug><wp:tag_name>Rusya</wp:tag_name></wp:tag>
<wp:term><wp:term_id>5</wp:term_id><wp:term_taxonomy>bolge</wp:term_taxonomy><wp:term_slug>k</wp:term_slug><wp:term_name>Kafkasya</wp:term_name><wp:termmeta><wp:meta_key>x</wp:meta_key><wp:meta_value>y</wp:meta_value></wp:termmeta></wp:term>
` +
      item(
        "<![CDATA[b]]>",
        `<category domain="category" nicename="gundem"><![CDATA[Gündem]]></category><category domain="tag" nicename="r">Rusya</category><wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value><![CDATA[a:1:{s:1:"a";s:1:"b";}]]></wp:meta_value></wp:postmeta><wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>c</wp:comment_content><wp:commentmeta><wp:meta_key>no</wp:meta_key></wp:commentmeta></wp:comment>`,
      ) +
      TAIL;
    const events = await read(xml);
    expect(events.map((e) => e.kind)).toEqual(["channel", "author", "term", "term", "term", "item"]);
    expect(events[0]).toMatchObject({ channel: { title: "Deneme", wxrVersion: "1.2", baseSiteUrl: "https://a.example" } });
    expect(events[1]).toMatchObject({ author: { id: 1, login: "ayse", displayName: "Ayşe Y." } });
    expect(events.slice(2).map((e) => (e.kind === "term" ? [e.term.taxonomy, e.term.slug, e.term.name] : null))).toEqual([
      ["category", "gundem", "Gündem"],
      ["post_tag", "rusya", "Rusya"],
      ["bolge", "k", "Kafkasya"],
      null,
    ]);
    const it = items(events)[0]!;
    expect(it.terms).toEqual([
      { domain: "category", slug: "gundem", name: "Gündem" },
      { domain: "post_tag", slug: "r", name: "Rusya" },
    ]);
    expect(it.meta).toEqual([{ key: "k", value: 'a:1:{s:1:"a";s:1:"b";}' }]);
    expect(it.commentCount).toBe(1);
  });

  test("a missing wp:wxr_version is a warning, and reading goes on", async () => {
    const events = await read(HEAD.replace("<wp:wxr_version>1.2</wp:wxr_version>\n", "") + item("<![CDATA[x]]>") + TAIL);
    expect(events.map((e) => e.kind)).toEqual(["channel", "problem", "item"]);
    expect(problems(events)[0]).toMatchObject({ severity: "warning", ruleId: "wxr-missing-version" });
  });

  test("wp: is recognised by namespace: a rebound prefix is not WXR, another prefix bound to WXR is", async () => {
    const xml =
      HEAD +
      `<item xmlns:w="http://wordpress.org/export/1.0/"><title>A</title><w:post_id>1</w:post_id><w:post_type>post</w:post_type></item>
<item xmlns:wp="http://evil.example/"><title>B</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type></item>
` +
      TAIL;
    const its = items(await read(xml));
    expect(its.map((i) => [i.id, i.type])).toEqual([
      [1, "post"],
      [null, ""],
    ]);
  });

  test.each([
    [
      "a truncated export",
      HEAD + item("<![CDATA[one]]>") + `<item><title>cut</title><wp:post_id>8</wp:post_id><content:encoded><![CDATA[half`,
      /unclosed|unexpected end/,
      "half",
    ],
    ["a mismatched end tag", HEAD + item("<![CDATA[one]]>") + `<item><title>x</title></itemz>` + TAIL, /close tag|unmatched|unexpected/, "</itemz>"],
  ])("%s: the items before the break, then one error with its line and column", async (_, xml, reason, brk) => {
    const events = await read(xml);
    expect(items(events).map((i) => i.id)).toEqual([7]);
    const errors = problems(events).filter((p) => p.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(reason);
    expect(errors[0]!.reason).toMatch(/is cut off and not read/);
    expect(events.at(-1)).toMatchObject({ kind: "problem", problem: { severity: "error", ruleId: "wxr-malformed" } });
    // The place is just after the break, counted independently here.
    const upTo = xml.slice(0, xml.indexOf(brk) + brk.length).split("\n");
    expect(errors[0]!.place).toEqual({ line: upTo.length, column: upTo.at(-1)!.length + 1 });
  });

  test("a file that is no export is an error, not a crash", async () => {
    expect(problems(await read("<html><body>hi</body></html>"))).toEqual([expect.objectContaining({ severity: "error", ruleId: "wxr-not-wxr" })]);
    expect(problems(await read('<rss version="2.0"><foo/></rss>'))).toEqual([expect.objectContaining({ severity: "error", ruleId: "wxr-not-wxr" })]);
    expect(problems(await read(""))).toEqual([expect.objectContaining({ severity: "error" })]);
  });
});
