/**
 * Properties that must hold for ANY input string (issue: "Lossless", "Never throws", positions):
 * - print(parse(x, opts).tree) === x, byte for byte (10,000 generated inputs per options set);
 * - parse never throws;
 * - the tree tiles the input: root covers 0..x.length, children are contiguous and cover their
 *   parent (shortcode: opening, children, closing), values equal their source slices;
 * - every line/column agrees with a reference computation from the offset;
 * - every message has a valid position inside the input.
 *
 * Reproduce a failure with FC_SEED=<seed> (and FC_PATH=<path>) from fast-check's report.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { parse, type ParseOptions } from "../../src/parse.js";
import { print } from "../../src/ast/print.js";
import { hostileText } from "./support/arbitraries.js";
import { treeProblems } from "./support/tree.js";

const optionSets: Array<[string, ParseOptions | undefined]> = [
  ["default", undefined],
  ["wordpress", { compat: "wordpress" }],
  ["tags all", { tags: "all" }],
  ["tags all + wordpress", { tags: "all", compat: "wordpress" }],
];

const replay: Partial<fc.Parameters<[string]>> = process.env.FC_SEED
  ? { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) }
  : {};

/** Inputs every run must cover, whatever the seed. */
const edgeCases: Array<[string]> = [
  [""],
  ["["],
  ["]"],
  ["[/"],
  ["[[]]"],
  ["\uD800"],
  ["\uDC00[old_news_related_template]\uD800"],
  ["\r"],
  ["\r\n\r\n\r"],
  ["[old_news_related_template"],
  ['[old_news_related_template title="'],
  ['[old_news_related_template title="a]b" desc="" link="https://x/"]'],
  ["[old_news_related_template]x[/old_news_related_template]"],
  ["[[old_news_related_template]]"],
  ["[/old_news_related_template]"],
  ["[old_news_related_template\u00a0title=”x”]"],
  ['<a href="[old_news_related_template]">'],
  ["<!--[old_news_related_template]-->"],
  ['[old_news_related_template title="Enflasyon <%50 hedefi"]'],
  ["[foo][foo]a[/foo]b[/foo]"],
  ["[gallery]\r\n[caption]😀[/caption]\r[/gallery]"],
];

describe.each(optionSets)("options: %s", (_name, opts) => {
  // One property over one parse per input (these were two properties over the same 10,000
  // inputs, each parsing them again): printing back and the tree's shape are checked together.
  test("never throws, prints back byte for byte; the tree tiles the input, positions and messages are consistent (10,000 inputs)", () => {
    fc.assert(
      fc.property(hostileText, (x) => {
        const { tree, messages } = parse(x, opts);
        // A failing property shows the problems, not just "false".
        expect({ printsBack: print(tree) === x, problems: treeProblems(x, tree, messages) }).toEqual({ printsBack: true, problems: [] });
      }),
      { numRuns: 10_000, examples: edgeCases, ...replay },
    );
  });

  test("also for arbitrary UTF-16 strings (lone surrogates included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }), (x) => {
        return print(parse(x, opts).tree) === x;
      }),
      { numRuns: 1_000, ...replay },
    );
  });
});
