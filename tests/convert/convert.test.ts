import { describe, expect, test } from "@jest/globals";
import type { Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { convert } from "../../src/convert/index.js";

const box = (title: string, desc: string, image = "https://img.example/a.jpg", link = "https://www.sozcu.com.tr/a/") =>
  `[old_news_related_template title="${title}" desc="${desc}" image="${image}" link="${link}"]`;

const reparse = (markdown: string) => unified().use(remarkParse).parse(markdown) as Root;

function text(node: unknown): string {
  const n = node as { type: string; value?: string; children?: unknown[] };
  if (n.type === "text") return n.value ?? "";
  if (n.type === "break") return "\n";
  return (n.children ?? []).map(text).join("");
}

describe("markdown-looking text stays text", () => {
  const hostile = [
    "1. Lig",
    "*yıldız*",
    "_alt_",
    "# etiket",
    "[x](y)",
    "[video](x)",
    "[a][b]",
    "<b",
    "a <3 b",
    "<https://x.y>",
    "<ad-soyad>",
    "- madde",
    "+ artı",
    "> alıntı",
    "`kod`",
    "2) iki",
    "***",
    "---",
    "=== ",
    "a\\b",
    "![r](u)",
    "<https://x.y>",
    "&copy; ve &amp;",
    "x  y",
  ];
  test.each(hostile)("%j reads back as the same text", (value) => {
    const { output } = convert(`Önce\n${value}\n\n${value}`);
    const tree = reparse(output);
    expect(tree.children.map((child) => child.type)).toEqual(["paragraph", "paragraph"]);
    const expected = value.replace("&copy;", "©").replace("&amp;", "&");
    expect(text(tree.children[1])).toBe(expected.trim());
    expect(text(tree.children[0])).toBe(`Önce\n${expected.trim()}`);
  });
});

describe("WordPress's paragraph rule", () => {
  test("blank line = paragraph, single newline = break", () => {
    const { output } = convert("a\nb\n\n\n  c  \r\n\r\nd");
    expect(output).toBe("a\\\nb\n\nc\n\nd\n");
  });
  test("empty input gives empty output, unchanged", () => {
    expect(convert("")).toMatchObject({ output: "", changed: false });
  });
});

describe("related-news boxes", () => {
  test("a single box: label, image, title link, desc", () => {
    const { output, stats } = convert(box("Başlık & 'tırnak'", "Özet &#8217;metin&#8217;"));
    expect(output).toBe(
      "> **İlgili Haber**\n>\n> ![Başlık & 'tırnak'](https://img.example/a.jpg)\\\n> **[Başlık & 'tırnak'](https://www.sozcu.com.tr/a/)**\\\n> Özet ’metin’\n",
    );
    expect(stats).toMatchObject({ converted: 1, kept: 0, shortcodes: { old_news_related_template: 1 } });
  });
  test("&amp; in values is decoded", () => {
    const { output } = convert(box("A &amp; B", "", "https://i/x.jpg?a=1&amp;b=2"));
    const tree = reparse(output);
    expect(JSON.stringify(tree)).toContain('"url":"https://i/x.jpg?a=1&b=2"');
    expect(output).toContain("[A & B]");
  });
  test("consecutive boxes are one block labelled in the plural; a box alone is singular", () => {
    const two = convert(`${box("A", "")}\n\n${box("B", "")}`).output;
    expect(two.match(/İlgili Haber/g)).toHaveLength(1);
    expect(two).toContain("**İlgili Haberler**");
    const apart = convert(`${box("A", "")}\n\nAra metin.\n\n${box("B", "")}`).output;
    expect(apart.match(/\*\*İlgili Haber\*\*/g)).toHaveLength(2);
  });
  test("empty desc is left out and not reported", () => {
    const { output, messages } = convert(box("A", ""));
    expect(output).not.toMatch(/\\\n>\s*$/);
    expect(messages).toEqual([]);
  });
  test("unrendered attributes are reported with their position", () => {
    const input = `x\n\n[old_news_related_template title="A" link="https://l/" extra="1" pos]`;
    const { messages } = convert(input);
    expect(messages.map((m) => [m.ruleId, m.severity, m.position.start.line, m.position.start.column])).toEqual([
      ["unrendered-attribute", "warning", 3, 56],
      ["unrendered-attribute", "warning", 3, 66],
    ]);
  });
  test("locale and styles", () => {
    expect(convert(box("A", ""), { locale: "en" }).output).toContain("**Related article**");
    const list = convert(box("A", "d"), { style: "list" });
    expect(list.output).toBe("> **İlgili Haber**\n>\n> - [A](https://www.sozcu.com.tr/a/) — d\n");
    expect(list.messages.map((m) => m.ruleId)).toEqual(["omitted-field"]);
    const directive = convert(box("A", "d"), { style: "directive" }).output;
    expect(directive).toBe('::related-news[A]{url="https://www.sozcu.com.tr/a/" image="https://img.example/a.jpg" description="d"}\n');
  });
  test("a box inside a paragraph splits it", () => {
    const { output } = convert(`Önce ${box("A", "")} sonra`);
    expect(reparse(output).children.map((c) => c.type)).toEqual(["paragraph", "blockquote", "paragraph"]);
  });
});

describe("unknown and escaped shortcodes", () => {
  test("unknown shortcodes are kept byte for byte, reported and counted", () => {
    // ([gallery] is the default preset's since it holds WordPress core: [galeri] is unknown)
    const input = 'Metin [tweet id="1"] devam.\n\n[galeri ids="1,2"]\n\n[x]a *b*[/x]';
    const { output, messages, stats } = convert(input);
    expect(output).toBe('Metin [tweet id="1"] devam.\n\n[galeri ids="1,2"]\n\n[x]a *b*[/x]\n');
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ["unknown-shortcode", "warning"],
      ["unknown-shortcode", "warning"],
      ["unknown-shortcode", "warning"],
    ]);
    expect(stats).toMatchObject({ kept: 3, shortcodes: { tweet: 1, galeri: 1, x: 1 } });
  });
  test("policies strip, comment, error", () => {
    expect(convert("a [g] b", { unknown: "strip" }).output).toBe("a  b\n");
    expect(convert('a [g x="--"] b', { unknown: "comment" }).output).toBe('a <!-- [g x="- -"] --> b\n');
    expect(convert("a [g] b", { unknown: "error" }).messages[0]).toMatchObject({ ruleId: "unknown-shortcode", severity: "error" });
  });
  test("escaped shortcodes are literal text", () => {
    const { output, stats } = convert('Yaz: [[gallery ids="1"]] ve [[old_news_related_template]].');
    expect(output).toBe('Yaz: \\[gallery ids="1"] ve \\[old_news_related_template].\n');
    expect(text(reparse(output).children[0])).toBe('Yaz: [gallery ids="1"] ve [old_news_related_template].');
    expect(stats.escaped).toBe(2);
  });
  test("markdown-link-looking brackets are text, not shortcodes", () => {
    const { output, messages } = convert("[video](x) ve [a][b]\n\n[a]: http://x");
    expect(messages).toEqual([]);
    expect(reparse(output).children.every((c) => c.type === "paragraph")).toBe(true);
  });
});

describe("sozcu subheadings", () => {
  test.each(["'MÜZAKERELER BENZERSİZDİ'", "“SEÇİM 2023”", '"İSTANBUL’DA YAĞMUR"', '"KARMA”'])("%s → ## heading", (line) => {
    expect(convert(`a\n\n${line}\n\nb`).output).toBe(`a\n\n## ${line.slice(1, -1)}\n\nb\n`);
  });
  test.each(["'küçük harf'", "'A' ve 'B'", "'123'", "'MÜZAKERE\nSONU'", "“EVET!”", "'NEDEN?'", '"HAYIR!!"'])("%j stays a paragraph", (line) => {
    expect(convert(line).output).not.toMatch(/^##/);
  });
  test("only in the sozcu preset", () => {
    expect(convert("'BAŞLIK'", { preset: "none" }).output).toBe("'BAŞLIK'\n");
    expect(convert('"NOTE"', { preset: "wordpress" }).output).toBe('"NOTE"\n');
    expect(convert('"NOTE"', { preset: ["wordpress", "syntaxhighlighter", "jetpack"] }).output).toBe('"NOTE"\n');
    expect(convert('"NOTE"', { preset: "wordpress,sozcu" }).output).toBe("## NOTE\n");
  });
});

describe("HTML in bodies", () => {
  test("inline and block HTML become markdown; entities decoded; NBSP/ZWSP normalized", () => {
    const { output } = convert(
      '<p>Bir <strong>güçlü</strong> ve <em>eğik</em> <a href="https://x.y/">bağ</a>&nbsp;metin&#8203;.</p>\n\n<ul>\n<li>bir</li>\n<li>iki</li>\n</ul>\n\n<h3>Başlık</h3>',
    );
    expect(output).toBe("Bir **güçlü** ve _eğik_ [bağ](https://x.y/) metin.\n\n- bir\n- iki\n\n### Başlık\n");
  });
  test("a newline next to inline HTML is a line break", () => {
    expect(convert("Bir <b>kalın</b>\niki").output).toBe("Bir **kalın**\\\niki\n");
  });
  test("iframes become links; comments are kept; a simple table is a GFM table, another is kept as HTML", () => {
    const { output } = convert('<iframe src="https://v.example/e/1"></iframe>\n\n<!--more-->\n\n<table><tr><td>1</td></tr></table>');
    // (no <th>: the header row stays empty rather than taking the first row of data)
    expect(output).toBe("<https://v.example/e/1>\n\n<!--more-->\n\n|   |\n| - |\n| 1 |\n");
    const merged = convert('<table><tr><td rowspan="2">1</td><td>2</td></tr><tr><td>3</td></tr></table>');
    expect(merged.output).toBe('<table><tr><td rowspan="2">1</td><td>2</td></tr><tr><td>3</td></tr></table>\n');
    expect(merged.messages.map((m) => [m.ruleId, m.severity])).toEqual([["kept-html", "info"]]);
  });
  test("a shortcode inside HTML is converted in place", () => {
    const { output } = convert(`<p>${box("A", "")}</p>`);
    expect(output).toContain("**[A](https://www.sozcu.com.tr/a/)**");
    expect(convert("<p>Bir [tweet id=1] iki</p>").output).toBe("Bir [tweet id=1] iki\n");
  });
  test("<script> in prose is kept as a raw HTML block, verbatim, and reported", () => {
    const { output, messages } = convert("a <script>x()</script> b");
    expect(output).toBe("a\n\n<script>x()</script>\n\nb\n");
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([["kept-html", "info"]]);
  });
});

describe("unsafe URLs", () => {
  test("javascript:, vbscript:, data: never become links or images", () => {
    const input = `${box("A", "", "data:image/png;base64,AAA", "javascript:alert(1)")}\n\n<a href=" jAvAscript:x">t</a> <img src="vbscript:y" alt="r">`;
    const { output, messages } = convert(input);
    const json = JSON.stringify(reparse(output));
    expect(json).not.toMatch(/"type":"(link|image)","[^}]*"url":"(javascript|data|vbscript)/i);
    expect(messages.filter((m) => m.ruleId === "unsafe-url")).toHaveLength(4);
    const document = JSON.parse(convert(input, { to: "json" }).output) as { blocks: Array<{ url?: string; image?: string }> };
    expect(document.blocks[0]).toMatchObject({ type: "related-news", url: "", image: "" });
  });
});

describe("JSON and mdast output", () => {
  test("positions on request", () => {
    const document = JSON.parse(convert(`a\n\n${box("A", "")}`, { to: "json", positions: true }).output) as {
      blocks: Array<{ position?: { start: { line: number } } }>;
    };
    expect(document.blocks.map((b) => b.position?.start.line)).toEqual([1, 3]);
    const without = JSON.parse(convert("a", { to: "json" }).output) as { blocks: Array<{ position?: unknown }> };
    expect(without.blocks[0]!.position).toBeUndefined();
  });
  test("inline marks and kept shortcodes", () => {
    const document = JSON.parse(convert('<b>a</b> [x y="1"]', { to: "json" }).output) as { blocks: Array<{ content: unknown[] }> };
    expect(document.blocks[0]!.content).toEqual([
      { type: "text", text: "a", marks: [{ type: "bold" }] },
      { type: "text", text: " " },
      { type: "shortcode", tag: "x", attributes: { y: "1" }, positional: [], content: null, raw: '[x y="1"]' },
    ]);
  });
  test("--to mdast is plain mdast", () => {
    const tree = JSON.parse(convert(box("A", ""), { to: "mdast" }).output) as Root;
    expect(tree.type).toBe("root");
    expect(tree.children[0]!.type).toBe("blockquote");
    expect(JSON.stringify(tree)).not.toContain("position");
  });
  test("parse messages are passed through; changed", () => {
    const result = convert('[old_news_related_template title="a]');
    expect(result.messages.length).toBeGreaterThan(0);
    expect(convert("düz metin\n").changed).toBe(false);
    expect(convert("düz metin").changed).toBe(true);
  });
  test("invalid options are rejected with the allowed values", () => {
    expect(() => convert("a", { style: "fancy" as never })).toThrow('Invalid option style: "fancy"; expected one of block, list, directive');
  });
});
