/**
 * Gutenberg's block delimiter comments (`<!-- wp:paragraph -->`, `<!-- wp:image {"id":5} -->`,
 * `<!-- /wp:image -->`, `<!-- wp:spacer /-->`) taken out of the intermediate tree: they are
 * the editor's structure, not the post's content, and every character between them stays
 * (as WordPress exports are read, `src/wxr/blocks.ts`). Raw HTML kept as written (a complex
 * table) keeps its comments.
 */
import type { Parent, Root, RootContent } from "mdast";

/** One delimiter, as the block parser's tokenizer reads it (an optional `namespace/`, JSON attributes). */
const DELIMITER = String.raw`<!--\s+\/?wp:[a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?\s+(?:\{[^]*?\}\s+)?\/?-->`;
/** An `html` node made only of delimiters and white space. */
const ONLY_DELIMITERS = new RegExp(`^\\s*(?:${DELIMITER}\\s*)+$`);

/** Removes the `html` nodes that are only block delimiters, and paragraphs left with nothing visible. */
export function removeBlockComments(tree: Root): void {
  walk(tree);
}

function walk(parent: Parent): boolean {
  let changed = false;
  const out: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    if (child.type === "html" && child.value.includes("wp:") && ONLY_DELIMITERS.test(child.value)) {
      changed = true;
      continue;
    }
    if (
      "children" in child &&
      walk(child as Parent) &&
      child.type === "paragraph" &&
      child.children.every((node) => node.type === "break" || (node.type === "text" && !node.value.trim()))
    ) {
      changed = true;
      continue;
    }
    out.push(child);
  }
  if (changed) parent.children = out as never;
  return changed;
}
