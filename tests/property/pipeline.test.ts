/**
 * Hostile text through the whole pipeline (parse → build → lower → stringify | JSON), not only
 * the parser. For any input built from a rich alphabet:
 *   1. `convert` to markdown and to JSON never throws;
 *   2. the markdown output parses with remark-parse;
 *   3. converting the markdown output again (inputFormat "markdown") gives it back (idempotent);
 *   4. no text outside converted shortcodes disappears: every word of ≥ 3 letters that a reader
 *      sees in the input (outside shortcode spans and HTML tags, entities decoded, NBSP/ZWSP
 *      normalized as the converter does) is a word of the output read the same way.
 *
 * Budget: FUZZ_RUNS (default 300 per property, a few seconds; the long budget is FUZZ_RUNS=20000).
 * FUZZ_SEED replays a failure (fast-check prints the seed and path).
 */
import { describe, expect, test } from "@jest/globals";
import { decodeHTML } from "entities";
import fc from "fast-check";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { convert } from "../../src/convert/index.js";
import { parse } from "../../src/parse.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const replay = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {};

const TAG = "old_news_related_template";

/** Pieces legacy bodies are made of, and pieces that break naive converters. */
const FRAGMENTS = [
  // words, Turkish letters (dotted and dotless i), caps
  "Dağlık",
  "ılık",
  "İstanbul",
  "şehir",
  "ÇARŞI",
  "güneş",
  "haber",
  "metin",
  "ağaç",
  "IĞDIR",
  // structure
  " ",
  " ",
  "  ",
  "\n",
  "\n\n",
  "\r\n",
  "\r\n\r\n",
  "\t",
  "\r",
  // markdown-significant
  "*",
  "_",
  "#",
  "# ",
  "> ",
  "- ",
  "1. ",
  "`",
  "```",
  "|",
  "\\",
  "~",
  "[",
  "]",
  "(",
  ")",
  "!",
  "+",
  "=",
  "---",
  // HTML and entities
  "<",
  ">",
  "&",
  "&amp;",
  "&lt;",
  "&#8217;",
  "&#x27;",
  "&nbsp;",
  "&bogus;",
  "&copy",
  "<b>",
  "</b>",
  "<p>",
  "</p>",
  '<a href="https://example.com/a">',
  "</a>",
  '<img src="https://example.com/i.jpg" alt="resim">',
  "<br>",
  "<!--more-->",
  "<script>",
  "</script>",
  "<div>",
  "</div>",
  // quotes
  '"',
  "'",
  "“",
  "”",
  "’",
  "‘",
  "’’",
  "«",
  "»",
  // invisible and astral characters, lone surrogates
  "\u00a0",
  "\u200b",
  "\u202f",
  "\ufeff",
  "😀",
  "𝕏",
  "\ud800",
  "\udc00",
  "e\u0301",
  // shortcode fragments
  `[${TAG} title="`,
  `[${TAG}`,
  `[/${TAG}]`,
  "[caption]",
  "[/caption]",
  "[[",
  "]]",
  '="',
  "='",
  "title=",
  `[${TAG} title="Başlık" link="https://example.com/x/"]`,
  `[${TAG} title="Ç'ok “tırnak”" desc="a&amp;b" image="https://example.com/i.jpg" link="https://example.com/y/"]`,
  `[${TAG} title='tek' link=https://example.com/z/]`,
  '[caption id="attachment_1" width="300"]<img src="https://example.com/c.jpg" alt="alt metin" /> Altyazı[/caption]',
  '[gallery ids="1,2,3"]',
  "[embed]https://youtu.be/abc[/embed]",
  '[audio mp3="https://example.com/a.mp3"]',
  '[video src="https://example.com/v.mp4"][/video]',
  '[playlist ids="4,5"]',
  "[[caption]]",
];

/** A body: fragments and random strings (any code unit, lone surrogates included). */
const body = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."[]\"'<>&=/ \n"), maxLength: 8 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

const markdownParser = unified().use(remarkParse);

/** The text a reader sees: entities decoded, NBSP as space, ZWSP and BOM gone, escapes dropped. */
function readable(text: string): string {
  return decodeHTML(text)
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/[\u200b\ufeff]/g, "")
    .normalize("NFC");
}

/** Words of ≥ 3 letters (Unicode letters and combining marks), lower-cased the Turkish way. */
function words(text: string): Set<string> {
  return new Set([...text.matchAll(/[\p{L}\p{M}]{3,}/gu)].map((m) => m[0].toLocaleLowerCase("tr")));
}

/** The input with every shortcode span (known or not) and every HTML tag or comment blanked. */
function outsideShortcodes(text: string): string {
  const { tree } = parse(text, { tags: "all" });
  let out = "";
  let last = 0;
  for (const node of tree.children) {
    if (node.type !== "shortcode") continue;
    out += text.slice(last, node.position.start.offset) + " ";
    last = node.position.end.offset;
  }
  out += text.slice(last);
  // markup is not text: tags vanish into markdown, and words glued to a tag may be split from it
  return out.replace(/<!--[\s\S]*?-->|<[^>]*>?/g, " ");
}

/** Words of the output as a reader of the markdown sees them (escapes removed). */
function outputWords(markdown: string): Set<string> {
  return words(readable(markdown.replace(/\\(.)/g, "$1")));
}

describe(`convert on hostile text (${RUNS} runs per property)`, () => {
  test("markdown: never throws, parses, idempotent, loses no text", () => {
    fc.assert(
      fc.property(body, (text) => {
        const first = convert(text);
        expect(typeof first.output).toBe("string");
        markdownParser.parse(first.output);
        const again = convert(first.output, { inputFormat: "markdown" });
        expect(again.output).toBe(first.output);
        const seen = outputWords(first.output);
        // glued words may change boundaries (a removed ZWSP joins two); compare against the joined text too
        const joined = readable(first.output.replace(/\\(.)/g, "$1")).toLocaleLowerCase("tr");
        for (const word of words(readable(outsideShortcodes(text)))) {
          if (!seen.has(word) && !joined.includes(word))
            throw new Error(`lost ${JSON.stringify(word)}\ninput: ${JSON.stringify(text)}\noutput: ${JSON.stringify(first.output)}`);
        }
      }),
      { numRuns: RUNS, ...replay },
    );
  });

  test("JSON: never throws and is valid JSON", () => {
    fc.assert(
      fc.property(body, (text) => {
        const result = convert(text, { to: "json" });
        JSON.parse(result.output);
      }),
      { numRuns: RUNS, ...replay },
    );
  });

  test("HTML and markdown inputs, both presets: never throw; converting the markdown again changes nothing", () => {
    fc.assert(
      fc.property(body, fc.constantFrom("sozcu", "wordpress") as fc.Arbitrary<"sozcu" | "wordpress">, (text, preset) => {
        const fromHtml = convert(text, { inputFormat: "html", preset }).output;
        markdownParser.parse(fromHtml);
        expect(convert(fromHtml, { inputFormat: "markdown", preset }).output).toBe(fromHtml);
        JSON.parse(convert(text, { inputFormat: "html", to: "json", preset }).output);
        const fromText = convert(text, { preset }).output;
        expect(convert(fromText, { inputFormat: "markdown", preset }).output).toBe(fromText);
        const once = convert(text, { inputFormat: "markdown", preset }).output;
        markdownParser.parse(once);
        expect(convert(once, { inputFormat: "markdown", preset }).output).toBe(once);
      }),
      { numRuns: RUNS, ...replay },
    );
  });
});
