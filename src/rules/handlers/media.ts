import type { RuleContext, RuleResult } from "../types.js";
import type { Embed } from "../../convert/kinds/embed.js";
import type { ShortcodeNode } from "../../ast/types.js";

/**
 * Shared body of `[embed]`, `[video]` and `[audio]`: the first source attribute that is set
 * (or the enclosed URL) becomes an `embed` node; without any URL the shortcode is kept.
 */
export function renderMedia(
  node: ShortcodeNode,
  context: RuleContext,
  kind: Embed["kind"],
  sources: readonly string[],
  presentational: readonly string[],
): RuleResult {
  const attributes = context.source.attributes;
  const content = (node.content ?? "").trim();
  const found = sources.find((name) => (attributes[name] ?? "").trim() !== "");
  const url = found ? attributes[found]!.trim() : /^\S+$/.test(content) ? content : "";
  if (!url) {
    context.report(`[${node.name}] has no URL to link to: kept as written`, "missing-attribute", "warning");
    return { nodes: [], handled: false };
  }
  // Only the first source becomes the link; the other sources are reported.
  context.reportUnrendered(found ? [found, "title"] : ["title"], { presentational: [...presentational] });
  const title = (attributes["title"] ?? "").trim();
  return {
    nodes: [
      { type: "embed", kind, url, title: title || null, data: { shortcode: context.source }, position: node.position },
    ],
  };
}
