/**
 * `stabilizeMarkdown` skips its second parse when `mayRewrite` says no second pass can rewrite
 * anything. That shortcut must never be wrong: whenever `mayRewrite` answers `false`, the full
 * `planEdits` finds no edit, for any text, preset and unknown-tag policy. And it must pay off:
 * on seed-shaped articles the skip is taken for most outputs (otherwise it silently died).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { convert, normalizeOptions } from "../../src/convert/index.js";
import { mayRewrite, planEdits, stabilizeMarkdown } from "../../src/convert/markdown-input.js";
import type { ConvertOptions } from "../../src/convert/types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const TAG = "old_news_related_template";
const FRAGMENTS = [
  "Ankara",
  "Bakü’de",
  "haber",
  " ",
  "\n",
  "\n\n",
  "\\",
  "`",
  "```\n",
  "(",
  ")",
  "]",
  "[",
  "[[",
  "]]",
  "/",
  '"',
  "'",
  "=",
  "[Başlık](https://example.com/a)",
  '[Haberin devamı](https://example.com/b "t")',
  "![resim](https://example.com/i.jpg)",
  `[${TAG}`,
  `[${TAG.toUpperCase()}`,
  "[Old_News_Related_Template",
  `[${TAG} title="x" link="https://example.com/y"]`,
  "[caption",
  "[Caption]",
  "[CAPTION id=1]",
  "[/caption]",
  '[gallery ids="1"]',
  "[embed]",
  "[/embed]",
  "[video]",
  "[audio",
  "[playlist]",
  "[unknown_tag a=1]",
  "[x]",
  "[[caption]]",
  "\\[caption]",
  "[galleryx]",
  "[embed-2]",
];
const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join(""));
const options = fc.record({
  preset: fc.constantFrom<"sozcu" | "wordpress" | "none">("sozcu", "wordpress", "none"),
  unknown: fc.constantFrom<"keep" | "strip" | "comment" | "error">("keep", "strip", "comment", "error"),
  config: fc.constantFrom(undefined, { rules: { pullquote: { markdown: "> {{content}}", display: "block" } } }),
});

function markdownSettings(opts: ConvertOptions) {
  return normalizeOptions({ ...opts, inputFormat: "markdown" });
}

describe("stabilizeMarkdown's shortcut", () => {
  test(`never skips a rewrite (${RUNS} generated texts × presets × unknown policies)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(text, options, (value, opts) => {
        const settings = markdownSettings(opts as ConvertOptions);
        if (mayRewrite(value, settings)) return;
        checked++;
        expect(planEdits(value, settings).edits).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // the generator must reach the interesting side: texts with brackets that are skipped
    expect(checked).toBeGreaterThan(RUNS / 10);
  });

  test(`answers as one case-folding scan of the whole text would (${RUNS} generated texts × presets)`, () => {
    // the definition before the scan went from `[` to `[`: `[[` or `[` + a rendering name, `iu`
    const folded = fc.constantFrom("[\u017Fourcecode", "[\u212Aey", "[\u0130mage", "[\u0131", "[Ç", "[\u00e9", "[ ", "[1", "[_", "[-");
    const mixed = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), folded), { maxLength: 24 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(mixed, options, (value, opts) => {
        const settings = markdownSettings(opts as ConvertOptions);
        const names = settings.registry.renderingNames.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
        const whole = new RegExp(`\\[(?:${["\\[", ...names].join("|")})`, "iu");
        const expected = value.includes("[") && (settings.unknown === "strip" || settings.unknown === "comment" || whole.test(value));
        expect(mayRewrite(value, settings)).toBe(expected);
      }),
      { numRuns: RUNS },
    );
    // a name's first letter in another case, or folded from a non-ASCII letter, still counts
    const sozcu = markdownSettings({ preset: "sozcu,syntaxhighlighter" } as ConvertOptions);
    expect(mayRewrite("metin [CAPTION] metin", sozcu)).toBe(true);
    expect(mayRewrite("metin [\u017Fourcecode] metin", sozcu)).toBe(true);
  });

  test("answers true where a second pass does rewrite", () => {
    const settings = markdownSettings({ preset: "wordpress" });
    expect(mayRewrite("[[caption]]", settings)).toBe(true);
    expect(mayRewrite("metin [Caption] metin", settings)).toBe(true);
    expect(mayRewrite("[x] ve [y]", markdownSettings({ unknown: "strip" }))).toBe(true);
    expect(mayRewrite("[Başlık](https://example.com/a) ve [x]", settings)).toBe(false);
    expect(mayRewrite("köşeli parantez yok", settings)).toBe(false);
    // a user rule's name counts like a preset's
    const withRule = markdownSettings({ config: { rules: { pullquote: { markdown: "> {{content}}", display: "block" } } } } as ConvertOptions);
    expect(mayRewrite("[pullquote]söz[/pullquote]", withRule)).toBe(true);
  });

  test("is taken for most converted seed-shaped articles, and their output is still a fixed point", async () => {
    const { generateCorpus } = (await import(join(ROOT, "bench/corpus.mjs"))) as {
      generateCorpus: (options: { articles: number }) => { body: string }[];
    };
    const bodies = generateCorpus({ articles: 300 }).map((article) => article.body);
    const settings = markdownSettings({});
    let skipped = 0;
    for (const body of bodies) {
      const { output } = convert(body);
      if (!mayRewrite(output, settings)) skipped++;
      expect(stabilizeMarkdown(output, settings)).toBe(output);
      expect(convert(output, { inputFormat: "markdown" }).output).toBe(output);
    }
    expect(skipped / bodies.length).toBeGreaterThan(0.9);
  });
});
