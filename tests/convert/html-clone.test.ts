/**
 * rehype's path does two of rehype-remark's steps itself (html.ts `hastToMdast`): white space
 * minifying (minify-whitespace.ts, a port of hast-util-minify-whitespace) and no deep copy of
 * the freshly parsed tree. The conversion must be exactly what rehype-remark itself makes, for
 * every HTML paragraph of generated WordPress-shaped bodies, of the seed-shaped corpus and of
 * the shared real bodies, and for generated tag soup; the global `structuredClone` is untouched.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convert } from "../../src/convert/index.js";
import { htmlToMdastProbe, rehypeHtmlToMdast, libraryToMdast, type RenderPlaceholder } from "../../src/convert/html.js";
import type { ConvertOptions } from "../../src/convert/types.js";

const ROOT = join(import.meta.dirname, "../..");
const REAL = join(ROOT, "../shared/realworld/bodies");

type Paragraph = { html: string; render: RenderPlaceholder; raw: (index: number) => string; breaks: boolean };

/** Every paragraph `convert` sends to the HTML path while converting `bodies`. */
function paragraphsOf(bodies: readonly string[], options: ConvertOptions): Paragraph[] {
  const seen: Paragraph[] = [];
  htmlToMdastProbe.observe = (html, render, raw, breaks) => seen.push({ html, render, raw, breaks });
  try {
    for (const body of bodies) convert(body, options);
  } finally {
    htmlToMdastProbe.observe = undefined;
  }
  return seen;
}

/** Converted through html.ts's own steps and through rehype-remark; the mismatching paragraphs. */
function mismatches(paragraphs: readonly Paragraph[]): string[] {
  const bad: string[] = [];
  const original = globalThis.structuredClone;
  for (const { html, render, raw, breaks } of paragraphs) {
    libraryToMdast.use = true;
    let reference: string;
    try {
      reference = JSON.stringify(rehypeHtmlToMdast(html, render, raw, breaks));
    } finally {
      libraryToMdast.use = false;
    }
    const skipped = JSON.stringify(rehypeHtmlToMdast(html, render, raw, breaks));
    expect(globalThis.structuredClone).toBe(original);
    if (skipped !== reference) bad.push(html);
  }
  return bad;
}

async function generated<T>(module: string, name: string, count: number, pick: (value: T) => string): Promise<string[]> {
  const generators = (await import(join(ROOT, module))) as Record<string, (seed: number, index: number) => T>;
  const { DEFAULT_SEED } = (await import(join(ROOT, "bench/corpus.mjs"))) as { DEFAULT_SEED: number };
  return Array.from({ length: count }, (_, index) => pick(generators[name]!(DEFAULT_SEED, index)));
}

describe("rehype path with its own white space pass and no root copy equals rehype-remark", () => {
  test("generated WordPress-shaped bodies (150): every HTML paragraph", async () => {
    const bodies = await generated<{ body: string }>("bench/lib/wordpress-corpus.mjs", "generateWordPressBody", 150, (article) => article.body);
    const paragraphs = paragraphsOf(bodies, { to: "markdown", preset: "wordpress" });
    expect(paragraphs.length).toBeGreaterThan(400);
    expect(mismatches(paragraphs)).toEqual([]);
  });

  // 200 bodies give about 570 paragraphs of the generator's few shapes (500 gave 1,440 at 2.5 times the cost)
  test("seed-shaped bodies (200): every HTML paragraph", async () => {
    const bodies = await generated<{ body: string }>("bench/corpus.mjs", "generateArticle", 200, (article) => article.body);
    const paragraphs = paragraphsOf(bodies, { to: "markdown" });
    expect(paragraphs.length).toBeGreaterThan(100);
    expect(mismatches(paragraphs)).toEqual([]);
  });

  test("the shared real WordPress bodies: every HTML paragraph", () => {
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
    const paragraphs = paragraphsOf(bodies, { to: "markdown", preset: "wordpress" });
    expect(paragraphs.length).toBeGreaterThan(100);
    expect(mismatches(paragraphs)).toEqual([]);
  });

  // White space around and inside every kind of element the port tells apart: blocks, content
  // (form controls, embedded), skippable ones, `hidden`, pre/nobr/textarea/nowrap cells, comments.
  const TAGS = ["p", "div", "span", "b", "br", "img", "center", "li", "td", "pre", "nobr", "textarea", "script", "select", "template", "table", "ul", "a"];
  const ATTRIBUTES = ["", ' id="x"', ' id="y"', " hidden", " nowrap", " wrap", ' href="https://e.test/a"', ' list="x"', ' src="i.png" alt=" a  b "'];
  const piece = fc.oneof(
    fc.constantFrom(" ", "  ", "\n", "\t \n", "word", " two  words ", "&nbsp;", "\u00a0", "<br data-nl>\n", "<!-- c -->"),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRIBUTES), fc.boolean())
      .map(([tag, attributes, close]) => (close ? `</${tag}>` : `<${tag}${attributes}>`)),
    fc.constantFrom('<input list="x">', '<datalist id="x"><option value="one"><option value="two"></datalist>'),
  );

  test("generated tag soup: the same mdast both ways", () => {
    const none: RenderPlaceholder = () => ({ nodes: [], display: "inline" });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.boolean(), (pieces, breaks) => {
        const html = pieces.join("");
        libraryToMdast.use = true;
        let reference: string;
        try {
          reference = JSON.stringify(rehypeHtmlToMdast(html, none, () => "", breaks));
        } finally {
          libraryToMdast.use = false;
        }
        expect(JSON.stringify(rehypeHtmlToMdast(html, none, () => "", breaks))).toBe(reference);
      }),
      { numRuns: 1500 },
    );
  });

  test("a clone asked for inside the conversion still copies (wrap's split parents)", () => {
    // A block inside a link makes hast-util-to-mdast split the link, cloning it per piece.
    const html = '<a href="https://example.com/x"><p>one</p><p>two</p></a>';
    const none: RenderPlaceholder = () => ({ nodes: [], display: "inline" });
    libraryToMdast.use = true;
    const reference = JSON.stringify(rehypeHtmlToMdast(html, none, () => "", false));
    libraryToMdast.use = false;
    expect(JSON.stringify(rehypeHtmlToMdast(html, none, () => "", false))).toBe(reference);
  });
});
