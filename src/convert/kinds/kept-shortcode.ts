/**
 * A shortcode kept as it was written (no rule, or its rule declined; policy `keep`). Markdown
 * writes it verbatim: in phrasing by its own stringify handler (`stringify.ts`), standing
 * alone as raw text, in a link's text as escaped text. JSON: a `shortcode` block or inline.
 */
import type { Position } from "../../ast/types.js";
import type { SourceData } from "../nodes.js";
import { keptSource, marked, type NodeKind } from "./kind.js";

export interface KeptShortcode {
  type: "keptShortcode";
  /** Exact source text, written verbatim to markdown. */
  value: string;
  data?: SourceData;
  position?: Position;
}

declare module "mdast" {
  interface RootContentMap {
    keptShortcode: KeptShortcode;
  }
  interface BlockContentMap {
    keptShortcode: KeptShortcode;
  }
  interface PhrasingContentMap {
    keptShortcode: KeptShortcode;
  }
}

/** Parents whose children are phrasing: a kept shortcode in them stays a `keptShortcode` node. */
const PHRASING_PARENTS = new Set(["paragraph", "heading", "emphasis", "strong", "delete", "tableCell"]);

export const keptShortcode: NodeKind<KeptShortcode> = {
  type: "keptShortcode",
  blockOnly: () => false,
  keepsPosition: () => true,
  lower(node, out, _ctx, parent, _siblings, index) {
    // In a link's text it is text, escaped: raw `[1]` there would end the link text (`[[1]](#fn1)`).
    if (parent.type === "link") out.push({ type: "text", value: node.value, position: node.position });
    else if (PHRASING_PARENTS.has(parent.type)) out.push(node);
    else out.push({ type: "html", value: node.value, position: node.position });
    return index;
  },
  toJson: (node, ctx) => keptSource(node.data?.shortcode, node.value, ctx),
  toInline(node, marks, ctx) {
    // Inside a link (`<a href="#fn1">[1]</a>`) it is the link's text: the URL must stay.
    if (marks.some((mark) => mark.type === "link")) return marked({ type: "text" as const, text: node.value }, marks);
    return keptSource(node.data?.shortcode, node.value, ctx);
  },
};
