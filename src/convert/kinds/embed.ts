/**
 * Embedded media (`[embed]`, `[video]`, `[audio]`, `<iframe>`, a URL alone on its line).
 * Lowered to a paragraph holding one link (an autolink when there is no title; a video's
 * poster, the image, when it has one). JSON: an
 * `embed` block.
 */
import type { Link, Paragraph, PhrasingContent } from "mdast";
import type { Position } from "../../ast/types.js";
import type { SourceData } from "../nodes.js";
import { safe, source, withPosition, type Block, type NodeKind } from "./kind.js";

export interface Embed {
  type: "embed";
  kind: "embed" | "video" | "audio" | "iframe";
  url: string;
  title: string | null;
  /** The oEmbed provider (`youtube`, `vimeo` …) of a URL alone on its line, for the common ones. */
  provider?: string;
  data?: SourceData;
  position?: Position;
}

declare module "mdast" {
  interface RootContentMap {
    embed: Embed;
  }
  interface BlockContentMap {
    embed: Embed;
  }
}

export const embed: NodeKind<Embed> = {
  type: "embed",
  blockOnly: () => true,
  // an `<iframe>` converted by rehype carries the HTML fragment's position, not the body's
  keepsPosition: (node) => node.data?.shortcode !== undefined,
  lower(node, out, _ctx, _parent, _siblings, index) {
    // a video's poster is shown, the image linked to the video
    const poster = node.kind === "video" ? node.data?.shortcode?.attributes["poster"]?.trim() : undefined;
    const shown: PhrasingContent = poster
      ? { type: "image", url: poster, alt: node.title ?? "", title: null }
      : { type: "text", value: node.title ?? node.url };
    const link: Link = { type: "link", url: node.url, title: null, children: [shown] };
    out.push({ type: "paragraph", children: [link], position: node.position } satisfies Paragraph);
    return index;
  },
  toJson(node, ctx) {
    const block: Block = { type: "embed", kind: node.kind, url: safe(node.url, "url", node.position, ctx) };
    if (node.title) block["title"] = node.title;
    if (node.provider) block["provider"] = node.provider;
    if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, ctx);
    return withPosition(block, node, ctx);
  },
};
