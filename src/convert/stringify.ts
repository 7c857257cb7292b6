import type { Root } from "mdast";
import remarkDirective from "remark-directive";
import remarkStringify, { type Options } from "remark-stringify";
import { unified } from "unified";

/** One markdown style for every output: `-` bullets, `_emphasis_`, `**strong**`, ATX headings. */
export const STRINGIFY_OPTIONS: Options = {
  bullet: "-",
  emphasis: "_",
  strong: "*",
  fence: "`",
  fences: true,
  listItemIndent: "one",
  rule: "-",
};

/** Built once, reused for every body. */
const markdown = unified().use(remarkStringify, STRINGIFY_OPTIONS);

/**
 * The directive style needs mdast-util-directive's serializer. It gets its own processor
 * because remark-directive also escapes `:` in text, which plain output must not do.
 */
const directive = unified().use(remarkDirective).use(remarkStringify, STRINGIFY_OPTIONS);

/** mdast → markdown text (no trailing newline for an empty document). */
export function toMarkdown(tree: Root, withDirectives: boolean): string {
  if (tree.children.length === 0) return "";
  return (withDirectives ? directive : markdown).stringify(tree);
}
