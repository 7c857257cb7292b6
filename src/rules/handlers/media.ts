import type { RuleContext, RuleResult } from "../types.js";
import type { Embed } from "../../convert/kinds/embed.js";
import type { ShortcodeNode } from "../../ast/types.js";
import { attachedMediaUrl } from "./library.js";

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
  let url = found ? attributes[found]!.trim() : /^\S+$/.test(content) ? content : "";
  // Without a URL WordPress plays the post's first attached file of the kind (an export has them).
  const attached = !url && (kind === "audio" || kind === "video") ? attachedMediaUrl(context, kind) : null;
  if (attached) {
    url = attached;
    context.report(`[${node.name}] has no URL: the post's first ${kind} attachment is shown (${attached}), as WordPress does`, "attached-media", "info");
  }
  if (!url) {
    context.report(`[${node.name}] has no URL to link to: kept as written`, "missing-attribute", "warning");
    return { nodes: [], handled: false };
  }
  // Only the first source becomes the link; the other sources are reported.
  // (a video's poster is shown in markdown, linked to the video: lower.ts)
  const shown = kind === "video" ? ["title", "poster"] : ["title"];
  context.reportUnrendered(found ? [found, ...shown] : shown, { presentational: [...presentational] });
  const title = (attributes["title"] ?? "").trim();
  return {
    nodes: [{ type: "embed", kind, url, title: title || null, data: { shortcode: context.source }, position: node.position }],
  };
}
