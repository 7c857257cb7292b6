/**
 * The fast serializer must give exactly what remark-stringify gives, whenever it
 * answers at all; and it must answer for ordinary articles (or it is dead weight).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PhrasingContent, Root, RootContent } from "mdast";
import { Builder } from "../../src/convert/build.js";
import { fastMarkdown } from "../../src/convert/fast-markdown.js";
import { buildTree, finalMdast } from "../../src/convert/index.js";
import { normalizeOptions } from "../../src/convert/settings.js";
import { toMarkdownWithRemark } from "../../src/convert/stringify.js";

const pieces = [
  "Ankara",
  "İzmir",
  "ş",
  "ğ",
  "ı",
  " ",
  " ",
  "  ",
  "’",
  "“",
  "”",
  "''",
  "'",
  '"',
  ",",
  ".",
  "1.",
  "2)",
  "10",
  "-",
  "--",
  "+",
  "=",
  ">",
  "#",
  "~",
  "!",
  "?",
  ":",
  ";",
  "(",
  ")",
  "&",
  "&amp;",
  "&x",
  "& ",
  "*",
  "_",
  "[",
  "]",
  "<",
  "<b>",
  "\\",
  "`",
  "|",
  "\u00a0",
  "\u200b",
  "\t",
  "\n",
  "%",
  "/",
  "…",
  "—",
  "😀",
  "a_b",
  "https://x.test/a",
  ":-",
  "|-",
];
const value = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((p) => p.join(""));
const url = fc.constantFrom(
  "https://www.sozcu.com.tr/2019/gundem/a-5458424/",
  "https://www.youtube.com/watch?v=a_B-9~x&w=1",
  "https://youtu.be/a_b-C9",
  "http://x.test/a?b=c;d,e+f%20#g:h@i",
  "https://x.test/a_b*c~d!e'f$g",
  "https://x.test/p?q=1&amp;r=%20#frag",
  "https://x.test/[a]",
  "https://x.test/a`b",
  "https://x.test/a=b+c,d;e@f:g",
  "https://x.test/a b",
  "https://x.test/(a)",
  "",
  "/yerel/haber?id=1&x=2",
  "mailto:a@b.test",
);
const leaf = fc.oneof(
  { weight: 6, arbitrary: value.map((v) => ({ type: "text", value: v }) as const) },
  { weight: 1, arbitrary: fc.constant({ type: "break" } as const) },
  { weight: 1, arbitrary: fc.constantFrom("<br>", "<span>", '[gallery ids="1"]', "").map((v) => ({ type: "html", value: v }) as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('[gallery ids="1"]', "[1]", '[code lang="js"]x[/code]', "").map((v) => ({ type: "keptShortcode", value: v }) as const),
  },
  { weight: 1, arbitrary: fc.tuple(url, value).map(([u, v]) => ({ type: "link", url: u, title: null, children: [{ type: "text", value: v }] }) as const) },
  { weight: 1, arbitrary: fc.tuple(url, value).map(([u, v]) => ({ type: "link", url: u, title: null, children: [{ type: "text", value: u || v }] }) as const) },
  { weight: 1, arbitrary: fc.tuple(url, value).map(([u, v]) => ({ type: "image", url: u, alt: v, title: null }) as const) },
) as fc.Arbitrary<PhrasingContent>;
const phrasing: fc.Arbitrary<PhrasingContent> = fc.oneof(
  { weight: 5, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((children) => ({ type: "strong", children }) as PhrasingContent) },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }).map((children) => ({ type: "emphasis", children }) as PhrasingContent) },
);
const line = fc.array(phrasing, { minLength: 1, maxLength: 6 });
const block: fc.Arbitrary<RootContent> = fc.oneof(
  { weight: 5, arbitrary: line.map((children) => ({ type: "paragraph", children }) as const) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([depth, children]) => ({ type: "heading", depth: depth as 1, children }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(line, { minLength: 1, maxLength: 3 })
      .map((ls) => ({ type: "blockquote", children: ls.map((children) => ({ type: "paragraph", children }) as const) }) as const),
  },
  { weight: 1, arbitrary: fc.constantFrom("<div>", "<!--more-->", "[caption]x[/caption]").map((v) => ({ type: "html", value: v }) as const) },
  { weight: 1, arbitrary: fc.constant({ type: "thematicBreak" } as const) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(null, "", "js", "php", "c++", "a b"),
        fc.constantFrom(null, "x=1"),
        fc.array(fc.constantFrom("a", "`", "``", "```", "````", "\n", "\r\n", " ", "~~~", "> q", ""), { maxLength: 6 }),
      )
      .map(([lang, meta, parts]) => ({ type: "code", lang, meta, value: parts.join("") }) as const),
  },
);

describe("fast markdown serializer", () => {
  test("equals remark-stringify on 20,000 generated trees whenever it answers", () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (children) => {
        const tree: Root = { type: "root", children };
        // remark-stringify (the slow side) only for the trees the fast serializer answers for:
        // a refusal has nothing to compare
        const fast = fastMarkdown(structuredClone(tree));
        if (fast !== null) {
          answered++;
          expect(fast).toBe(toMarkdownWithRemark(structuredClone(tree), false));
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 20_000) },
    );
    // The generator is hostile on purpose; still, a good share must take the fast path.
    expect(answered).toBeGreaterThan(1000);
  });

  test("answers, and equals remark-stringify, for every converter fixture that it answers", () => {
    const root = path.resolve("fixtures/convert");
    let answered = 0;
    let total = 0;
    for (const name of readdirSync(root)) {
      const dir = path.join(root, name);
      const input = readdirSync(dir).find((f) => f.startsWith("input."));
      if (!input || !input.endsWith(".txt")) continue;
      const text = readFileSync(path.join(dir, input), "utf8");
      const settings = normalizeOptions({});
      const builder = new Builder(text, settings);
      const mdast = finalMdast(buildTree(text, builder), builder);
      total++;
      const fast = fastMarkdown(structuredClone(mdast));
      if (fast === null) continue;
      answered++;
      expect(fast).toBe(toMarkdownWithRemark(mdast, false));
    }
    expect(total).toBeGreaterThan(10);
    expect(answered).toBeGreaterThan(total / 2);
  });

  test("answers for the seed article", () => {
    const text = readFileSync("fixtures/convert/seed/input.txt", "utf8");
    const builder = new Builder(text, normalizeOptions({}));
    const mdast = finalMdast(buildTree(text, builder), builder);
    expect(fastMarkdown(structuredClone(mdast))).toBe(toMarkdownWithRemark(mdast, false));
  });
});
