/**
 * The intermediate tree → plain CommonMark mdast (plus directive nodes for the `directive`
 * style): each custom node is expanded by its kind (`kinds/`), e.g. consecutive related-news
 * boxes grouped into one block.
 */
import type { Parent, Root, RootContent } from "mdast";
import { KINDS } from "./kinds/index.js";
import type { LowerContext, LowerSettings } from "./kinds/kind.js";

/** Lowers `tree` in place and returns it. */
export function lower(tree: Root, settings: LowerSettings): Root {
  const ctx: LowerContext = { settings, lowerChildren: (parent) => lowerParent(parent, ctx) };
  lowerParent(tree, ctx);
  return tree;
}

function lowerParent(parent: Parent, ctx: LowerContext): void {
  // A new children array only from the first node of a kind (most parents have none).
  let out: RootContent[] | undefined;
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const kind = KINDS.get(child.type);
    if (kind !== undefined) {
      out ??= children.slice(0, index);
      index = kind.lower(child, out, ctx, parent, children, index);
      continue;
    }
    if ((child as Partial<Parent>).children !== undefined) lowerParent(child as Parent, ctx);
    out?.push(child);
  }
  if (out) parent.children = out;
}
