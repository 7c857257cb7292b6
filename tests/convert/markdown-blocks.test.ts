/**
 * The fast serializer's per-block fallback (a block it does not take is written by remark-stringify
 * alone, the rest by the fast path) must give exactly what remark-stringify gives for the whole
 * tree: over generated trees that mix blocks of both kinds (lists next to lists, tables, code,
 * HTML with line ends), and over every body of the corpora (fixtures, generated WordPress-shaped
 * bodies, and the shared real ones when present).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BlockContent, ListItem, PhrasingContent, Root, RootContent, TableRow } from "mdast";
import { Builder } from "../../src/convert/build.js";
import { removeBlockComments } from "../../src/convert/block-comments.js";
import { fastMarkdown } from "../../src/convert/fast-markdown.js";
import { buildTree, finalMdast } from "../../src/convert/index.js";
import { normalizeOptions } from "../../src/convert/settings.js";
import { toMarkdown, toMarkdownWithRemark } from "../../src/convert/stringify.js";

const ROOT = path.join(import.meta.dirname, "../..");
const REAL = path.join(ROOT, "../shared/realworld/bodies");
const { generateWordPressBody } = (await import(path.join(ROOT, "bench/lib/wordpress-corpus.mjs"))) as {
  generateWordPressBody: (seed: number, index: number) => { body: string };
};

const words = fc.constantFrom("Ankara", "İzmir’’", "a_b", "1.", "- x", "`kod`", "x\ny", "*", "|", "~", "&amp;", " ", "", "#", "---", "```");
const value = fc.array(words, { minLength: 1, maxLength: 4 }).map((p) => p.join(" "));
const inline = fc.oneof(
  { weight: 5, arbitrary: value.map((v) => ({ type: "text", value: v }) as const) },
  { weight: 1, arbitrary: fc.constant({ type: "break" } as const) },
  { weight: 1, arbitrary: value.map((v) => ({ type: "strong", children: [{ type: "text", value: v }] }) as const) },
  { weight: 1, arbitrary: value.map((v) => ({ type: "delete", children: [{ type: "text", value: v }] }) as const) },
  { weight: 1, arbitrary: value.map((v) => ({ type: "inlineCode", value: v }) as const) },
  { weight: 1, arbitrary: value.map((v) => ({ type: "link", url: "https://x.test/a", title: null, children: [{ type: "text", value: v }] }) as const) },
) as fc.Arbitrary<PhrasingContent>;
const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((children) => ({ type: "paragraph", children }) as const);
const item: fc.Arbitrary<ListItem> = fc
  .tuple(fc.array(paragraph, { minLength: 0, maxLength: 2 }), fc.boolean())
  .map(([children, spread]) => ({ type: "listItem", spread, checked: null, children }));
const list: fc.Arbitrary<RootContent> = fc
  .tuple(fc.boolean(), fc.constantFrom(1, 2, null), fc.boolean(), fc.array(item, { minLength: 1, maxLength: 3 }))
  .map(([ordered, start, spread, children]) => ({ type: "list", ordered, start, spread, children }));
const row: fc.Arbitrary<TableRow> = fc
  .array(value, { minLength: 2, maxLength: 2 })
  .map((cells) => ({ type: "tableRow", children: cells.map((v) => ({ type: "tableCell", children: [{ type: "text", value: v }] })) }));
const block: fc.Arbitrary<RootContent> = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  { weight: 3, arbitrary: list },
  { weight: 1, arbitrary: fc.array(row, { minLength: 1, maxLength: 3 }).map((children): RootContent => ({ type: "table", align: [null, "left"], children })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(null, "js"), value).map(([lang, v]) => ({ type: "code", lang, meta: null, value: v }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 2 }).map((children) => ({ type: "blockquote", children: children as BlockContent[] }) as const),
  },
  { weight: 1, arbitrary: fc.constantFrom("<div>\n", "<!--more-->", "<pre>\na\n</pre>", "").map((v) => ({ type: "html", value: v }) as const) },
  { weight: 1, arbitrary: fc.constant({ type: "thematicBreak" } as const) },
  { weight: 1, arbitrary: fc.constantFrom('[gallery ids="1"]', "").map((v) => ({ type: "keptShortcode", value: v }) as unknown as RootContent) },
);

/** The final mdast `convert()` serializes for `text` (as its markdown route builds it). */
function mdastOf(text: string, preset?: "wordpress"): Root {
  const settings = normalizeOptions(preset ? { preset } : {});
  const builder = new Builder(text, settings);
  const tree = buildTree(text, builder);
  if (settings.removeBlockComments && text.includes("wp:")) removeBlockComments(tree);
  return finalMdast(tree, builder);
}

/** Compares both serializers on every body; returns how many the fast path answered (wholly or block by block). */
function compareAll(bodies: Iterable<string>, preset?: "wordpress"): { total: number; answered: number } {
  let total = 0;
  let answered = 0;
  for (const body of bodies) {
    const mdast = mdastOf(body, preset);
    if (mdast.children.length === 0) continue;
    total++;
    if (fastMarkdown(structuredClone(mdast), () => "") !== null) answered++;
    expect(toMarkdown(mdast, false)).toBe(toMarkdownWithRemark(mdast, false));
  }
  return { total, answered };
}

describe("fast markdown serializer, block by block", () => {
  test("equals remark-stringify on 5,000 generated trees mixing fast and remark blocks", () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (children) => {
        const tree: Root = { type: "root", children };
        expect(toMarkdown(structuredClone(tree), false)).toBe(toMarkdownWithRemark(tree, false));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 5_000) },
    );
  });

  test("a root with phrasing among its children is remark-stringify's alone (it writes the root as phrasing)", () => {
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "a" }] }, { type: "text", value: "b" } as never] };
    expect(fastMarkdown(tree, () => "")).toBeNull();
  });

  test("equals remark-stringify for every converter fixture, default and wordpress presets", () => {
    const root = path.join(ROOT, "fixtures/convert");
    const texts: string[] = [];
    for (const name of readdirSync(root)) {
      const input = readdirSync(path.join(root, name)).find((f) => f === "input.txt");
      if (input) texts.push(readFileSync(path.join(root, name, input), "utf8"));
    }
    expect(compareAll(texts).total).toBeGreaterThan(10);
    compareAll(texts, "wordpress");
  });

  test("equals remark-stringify for 600 generated WordPress-shaped bodies, and answers for nearly all", () => {
    const bodies = Array.from({ length: 600 }, (_, i) => generateWordPressBody(20201010, i).body);
    const { total, answered } = compareAll(bodies, "wordpress");
    expect(answered).toBeGreaterThan(total * 0.9);
  });

  test("equals remark-stringify for every shared real body", () => {
    if (!existsSync(REAL)) {
      process.stderr.write(`tests/convert/markdown-blocks: ${REAL} is absent, so the real bodies are skipped\n`);
      return;
    }
    const bodies: string[] = [];
    for (const name of readdirSync(REAL).filter((n) => n.endsWith(".ndjson")))
      for (const line of readFileSync(path.join(REAL, name), "utf8").split("\n")) {
        if (!line.trim()) continue;
        const body = (JSON.parse(line) as { body?: unknown }).body;
        if (typeof body === "string" && body) bodies.push(body);
      }
    expect(compareAll(bodies, "wordpress").total).toBeGreaterThan(50);
  });
});
