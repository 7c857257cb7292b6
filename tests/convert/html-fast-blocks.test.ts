/**
 * The fast HTML path's block sequences (html-fast.ts `blocks`: Gutenberg's
 * `<!-- wp:paragraph -->\n<p>…</p>\n<!-- /wp:paragraph -->`, headings alike) must give exactly what
 * rehype-parse + rehype-remark give, whenever they answer: every HTML paragraph of generated
 * WordPress-shaped bodies and of the shared real bodies, and generated sequences.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RootContent } from "mdast";
import { convert } from "../../src/convert/index.js";
import { fastHtmlToMdast, htmlToMdastProbe, rehypeHtmlToMdast, type RenderPlaceholder } from "../../src/convert/html.js";
import type { ConvertOptions } from "../../src/convert/types.js";

const ROOT = join(import.meta.dirname, "../..");
const REAL = join(ROOT, "../shared/realworld/bodies");

const strip = (nodes: unknown): string => JSON.stringify(nodes, (key, value: unknown) => (key === "position" ? undefined : value));

/** Every HTML paragraph of `bodies` both ways: how many the fast path took, and the mismatches. */
function compare(bodies: readonly string[], options: ConvertOptions): { fast: number; blocks: number; mismatches: string[] } {
  const tally = { fast: 0, blocks: 0, mismatches: [] as string[] };
  htmlToMdastProbe.observe = (html, render, raw, breaks) => {
    const observe = htmlToMdastProbe.observe;
    htmlToMdastProbe.observe = undefined; // render() may re-enter htmlToMdast
    try {
      const fast = fastHtmlToMdast(html, render, raw, breaks);
      if (fast === null) return;
      tally.fast++;
      if (/^\s*<(?:!--|p[\s>])/.test(html)) tally.blocks++;
      if (strip(fast) !== strip(rehypeHtmlToMdast(html, render, raw, breaks))) tally.mismatches.push(html);
    } finally {
      htmlToMdastProbe.observe = observe;
    }
  };
  try {
    for (const body of bodies) convert(body, options);
  } finally {
    htmlToMdastProbe.observe = undefined;
  }
  return tally;
}

describe("fast path block sequences equal rehype", () => {
  test("generated WordPress-shaped bodies (200): equal wherever it answers, and it takes the Gutenberg paragraphs", async () => {
    const { generateWordPressBody } = (await import(join(ROOT, "bench/lib/wordpress-corpus.mjs"))) as {
      generateWordPressBody: (seed: number, index: number) => { body: string };
    };
    const { DEFAULT_SEED } = (await import(join(ROOT, "bench/corpus.mjs"))) as { DEFAULT_SEED: number };
    const bodies = Array.from({ length: 200 }, (_, index) => generateWordPressBody(DEFAULT_SEED, index).body);
    const tally = compare(bodies, { to: "markdown", preset: "wordpress" });
    expect(tally.mismatches).toEqual([]);
    expect(tally.blocks).toBeGreaterThan(100);
  });

  test("the shared real WordPress bodies: equal wherever it answers", () => {
    if (!existsSync(REAL)) {
      console.warn(`skipped: no real bodies at ${REAL}`);
      return;
    }
    const bodies = readdirSync(REAL)
      .filter((name) => name.endsWith(".ndjson"))
      .flatMap((name) =>
        readFileSync(join(REAL, name), "utf8")
          .split("\n")
          .filter((line) => line.trim()),
      )
      .map((line) => (JSON.parse(line) as { body?: unknown }).body)
      .filter((body): body is string => typeof body === "string" && body !== "");
    const tally = compare(bodies, { to: "markdown", preset: "wordpress" });
    expect(tally.mismatches).toEqual([]);
    expect(tally.blocks).toBeGreaterThan(10);
  });

  const render: RenderPlaceholder = (index) => {
    if (index % 2 === 0) return { nodes: [{ type: "text", value: ` sc${index} ` }], display: "inline" };
    return { nodes: [{ type: "embed", kind: "iframe", url: `https://x.test/${index}`, title: null } as unknown as RootContent], display: "block" };
  };
  const raw = (index: number) => `[sc n="${index}"]`;

  // Mostly what the path takes, sometimes what it must refuse (or take only when rehype agrees).
  const pick = (good: string[], bad: string[]) =>
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
  const comment = pick(
    ["<!-- wp:paragraph -->", "<!-- /wp:paragraph -->", '<!-- wp:paragraph {"align":"center"} -->', "<!--more-->", "<!-- a - b -->", "<!-- wp:quote -->"],
    ["<!---->", "<!-- x --->", "<!--->", "<!-->", "<!-- a -- b -->", "<!-- <!-- -->", "<!-- > -->", "<!--x"],
  );
  const name = pick(["p", "p", "h2", "h3", "h6"], ["P", "h7", "h"]);
  const attributes = pick(
    ["", ' class="has-text-align-center"', ' style="color: red" dir="rtl"', " ", '\nclass="wp-block-heading"'],
    [' id="x"', ' class="a>b"', ' title="t"'],
  );
  const close = pick(["same"], ["none", "upper", "p", "spaced"]);
  const inner = fc
    .array(
      pick(
        [
          "Ankara",
          "İzmir’de",
          " ",
          "  ",
          "\n",
          "<br>",
          "<br data-nl>\n",
          "&amp;",
          "&nbsp;",
          "\u00a0",
          "<em>x</em>",
          "<code>a &lt; b</code>",
          "<strong> y </strong>",
          '<a href="/u">l</a>',
          "\ue0000\ue001",
          "\ue0001\ue001",
        ],
        ["<span>", "<p>", "</p>", "<", "<!-- c -->"],
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(""));
  const gap = pick(["", "\n", " ", "<br data-nl>\n", "\n\n", "\t"], ["\u00a0", "<br>", "x"]);
  const element = fc.tuple(name, attributes, inner, close).map(([tag, attrs, content, end]) => {
    const closings: Record<string, string> = { same: `</${tag}>`, none: "", upper: `</${tag.toUpperCase()}>`, p: "</p>", spaced: `</${tag} >` };
    const closing = closings[end]!;
    return `<${tag}${attrs}>${content}${closing}`;
  });
  // `<pre>` (optionally one `<code>` in it) holding text: code blocks, as WordPress's classic and block editors write them
  const preAttributes = pick(
    ["", ' class="wp-block-code"', ' style="tab-size: 4"', "\n"],
    [' class="language-php"', ' class="brush: js"', ' wrap=""', ' id="x"'],
  );
  const codeOpen = pick(["", "<code>", '<code class="x">'], ['<code class="language-js">', '<code class="lang-rb">', "<code >", "<CODE>", "<span>"]);
  const preText = fc
    .array(
      pick(
        [
          "$x = get( $post-&gt;ID );",
          "if ( a &lt; 1 &amp;&amp; b ) {",
          "\n",
          "\n\n",
          "\t",
          "  ",
          "echo '&lt;div class=\"a\"&gt;[x]&lt;/div&gt;';",
          "```",
          "a & b",
          "&quot;q&quot;",
          "\ue0000\ue001",
          "İzmir’de",
        ],
        ["<", "&lt", "&amp", "&#10;", "&#x9;", "&nbsp;", "<br>", "<b>x</b>", "\r"],
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(""));
  const pre = fc
    .tuple(preAttributes, fc.constantFrom("", "\n", "\n\n"), codeOpen, preText, pick(["same"], ["none", "spaced"]))
    .map(([attrs, lead, open, text, end]) => {
      const closeCode = open === "" ? "" : open === "<span>" ? "</span>" : "</code>";
      const closing = end === "same" ? "</pre>" : end === "spaced" ? "</pre >" : "";
      return `<pre${attrs}>${lead}${open}${text}${closeCode}${closing}`;
    });
  const item = fc.oneof(comment, element, pre);
  const sequence = fc
    .array(fc.tuple(gap, item), { minLength: 1, maxLength: 4 })
    .chain((items) => gap.map((end) => items.map(([space, one]) => space + one).join("") + end));

  /** Run the fast path against rehype on generated HTML (with and without breaks); how many inputs it answered. */
  const answeredEqual = (html: fc.Arbitrary<string>): number => {
    let answered = 0;
    fc.assert(
      fc.property(html, fc.boolean(), (input, breaks) => {
        const fast = fastHtmlToMdast(input, render, raw, breaks);
        if (fast === null) return;
        answered++;
        expect(strip(fast)).toBe(strip(rehypeHtmlToMdast(input, render, raw, breaks)));
      }),
      { numRuns: Number(process.env.HTML_FAST_RUNS ?? 3000) },
    );
    return answered;
  };

  test("generated sequences: equal wherever it answers (3,000 runs)", () => {
    expect(answeredEqual(sequence)).toBeGreaterThan(300);
  });

  // `<ul>`/`<ol>` of `<li>` holding the inline subset, as the classic editor writes them (tab-indented items on lines of their own)
  const listName = pick(["ul", "ol"], ["UL", "menu", "dl"]);
  const listAttributes = pick(["", ' class="wp-block-list"', ' style="list-style: square"'], [' start="3"', ' type="a"', " reversed", ' id="x"']);
  const itemOpen = pick(["<li>", '<li class="blocks-gallery-item">', "<li >"], ['<li value="4">', "<li hidden>", '<li id="x">', "<LI>"]);
  const itemContent = fc
    .array(
      pick(
        [
          "Ankara",
          " İzmir’de ",
          "\n",
          "<br>",
          "&amp;",
          "<em>x</em>",
          "<code>the_title()</code>",
          "<strong> y </strong>",
          '<sup><a href="#fn1">1</a></sup>',
          "<s>eski</s>",
          "\ue0000\ue001",
        ],
        ["<strike>a</strike><strike>b</strike>", "<strike>a</strike>", "<p>p</p>", '<input type="checkbox">', "<ul><li>in</li></ul>", "<li>", "<span>"],
      ),
      { maxLength: 4 },
    )
    .map((parts) => parts.join(""));
  const itemGap = pick(["", "\n", "\n\t", " "], ["<br>", "x", "<!-- c -->", "\u00a0"]);
  const list = fc
    .tuple(listName, listAttributes, fc.array(fc.tuple(itemGap, itemOpen, itemContent, pick(["</li>"], ["", "</LI>"])), { maxLength: 4 }), itemGap)
    .map(
      ([tag, attrs, items, end]) =>
        `<${tag}${attrs}>${items.map(([space, open, content, closing]) => space + open + content + closing).join("")}${end}</${tag}>`,
    );

  test("generated lists (<ul>, <ol>): equal wherever it answers, and it answers for many (3,000 runs)", () => {
    const blocks = fc
      .array(fc.tuple(gap, fc.oneof({ weight: 3, arbitrary: list }, { weight: 1, arbitrary: element }, { weight: 1, arbitrary: comment })), {
        minLength: 1,
        maxLength: 3,
      })
      .map((items) => items.map(([space, one]) => space + one).join(""));
    expect(answeredEqual(blocks)).toBeGreaterThan(300);
  });

  test("generated code blocks (<pre>, <pre><code>): equal wherever it answers, and it answers for most (3,000 runs)", () => {
    const blocks = fc
      .array(fc.tuple(gap, fc.oneof({ weight: 3, arbitrary: pre }, { weight: 1, arbitrary: comment })), { minLength: 1, maxLength: 3 })
      .map((items) => items.map(([space, one]) => space + one).join(""));
    expect(answeredEqual(blocks)).toBeGreaterThan(300);
  });
});
