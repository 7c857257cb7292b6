/**
 * The fast `text` handler (src/convert/stringify.ts) must give exactly what
 * remark-stringify's stock handler gives, for any text in any position.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import type { PhrasingContent, Root, RootContent } from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { gfmToMarkdown, STRINGIFY_OPTIONS, toMarkdown } from "../../src/convert/stringify.js";

const { handlers: _fast, ...stockOptions } = STRINGIFY_OPTIONS;
// the same GFM serializers (strikethrough, tables) as the output, with the stock text handler
const stock = unified().use(gfmToMarkdown).use(remarkStringify, stockOptions);

const alphabet = fc.constantFrom(
  ..."ab çşğİı 1. 2) - + * _ # > < & ! [ ] ( ) ` ~ = | : \\ \" ' \n \t \r".split(" "),
  " ",
  "  ",
  "\n\n",
  "1.",
  "# ",
  "*yıldız*",
  "[video](x)",
  "<b>",
  "&amp;",
  "\u00a0",
  "---",
  "***",
);
const textValue = fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join(""));
const inline = fc.oneof(
  textValue.map((value) => ({ type: "text", value }) as const),
  textValue.map((value) => ({ type: "strong", children: [{ type: "text", value }] }) as const),
  textValue.map((value) => ({ type: "emphasis", children: [{ type: "text", value }] }) as const),
  textValue.map((value) => ({ type: "link", url: "https://x.test/a", children: [{ type: "text", value }] }) as const),
  fc.constant({ type: "break" } as const),
) as fc.Arbitrary<PhrasingContent>;
const block = fc.oneof(
  fc.array(inline, { minLength: 1, maxLength: 5 }).map((children) => ({ type: "paragraph", children }) as const),
  fc.array(inline, { minLength: 1, maxLength: 3 }).map((children) => ({ type: "heading", depth: 2, children }) as const),
  fc.array(inline, { minLength: 1, maxLength: 3 }).map((children) => ({ type: "blockquote", children: [{ type: "paragraph", children }] }) as const),
  fc
    .array(inline, { minLength: 1, maxLength: 3 })
    .map((children) => ({ type: "list", ordered: false, children: [{ type: "listItem", children: [{ type: "paragraph", children }] }] }) as const),
) as fc.Arbitrary<RootContent>;

describe("fast text handler", () => {
  test("equals remark-stringify's stock text handler on 5,000 generated trees", () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (children) => {
        const tree: Root = { type: "root", children };
        expect(toMarkdown(tree, false)).toBe(stock.stringify(tree));
      }),
      { numRuns: 5000 },
    );
  });
});
