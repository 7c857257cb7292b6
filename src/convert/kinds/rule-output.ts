/**
 * A user rule's result, which has an explicit JSON form: markdown uses `children` (lowered in
 * place of the node), JSON uses `json` (a `custom` block, or inline).
 */
import type { Parent, Root } from "mdast";
import type { SourceData } from "../nodes.js";
import { pushAll } from "../push-all.js";
import { source, withPosition, type Block, type Inline, type NodeKind } from "./kind.js";

interface RuleOutput extends Parent {
  type: "ruleOutput";
  display: "block" | "inline";
  json: Record<string, unknown>;
  data?: SourceData;
}

declare module "mdast" {
  interface RootContentMap {
    ruleOutput: RuleOutput;
  }
  interface BlockContentMap {
    ruleOutput: RuleOutput;
  }
  interface PhrasingContentMap {
    ruleOutput: RuleOutput;
  }
}

export const ruleOutput: NodeKind<RuleOutput> = {
  type: "ruleOutput",
  blockOnly: (node) => node.display === "block",
  keepsPosition: () => true,
  lower(node, out, ctx, _parent, _siblings, index) {
    const inner: Parent = { type: "root", children: node.children } as Root;
    ctx.lowerChildren(inner);
    pushAll(out, inner.children);
    return index;
  },
  toJson(node, ctx) {
    const block: Block = { type: "custom", tag: node.data?.shortcode?.tag ?? "", data: node.json };
    if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, ctx);
    return withPosition(block, node, ctx);
  },
  toInline(node, _marks, ctx) {
    const custom: Inline = { type: "custom", tag: node.data?.shortcode?.tag ?? "", data: node.json };
    const shortcode = source(node.data?.shortcode, ctx);
    if (shortcode) custom.shortcode = shortcode;
    return custom;
  },
};
