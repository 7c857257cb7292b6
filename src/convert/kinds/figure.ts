/**
 * An image with an optional caption and link (`[caption]`). Lowered to a paragraph: the image
 * (in its link), a break and the caption in emphasis. JSON: an `image` block.
 */
import type { Image, Paragraph, PhrasingContent } from "mdast";
import type { Position } from "../../ast/types.js";
import type { SourceData } from "../nodes.js";
import { safe, source, withPosition, type Block, type NodeKind } from "./kind.js";

export interface Figure {
  type: "figure";
  url: string;
  alt: string;
  title: string | null;
  /** Link around the image, if any. */
  link: string | null;
  caption: PhrasingContent[];
  data?: SourceData;
  position?: Position;
}

declare module "mdast" {
  interface RootContentMap {
    figure: Figure;
  }
  interface BlockContentMap {
    figure: Figure;
  }
}

export const figure: NodeKind<Figure> = {
  type: "figure",
  blockOnly: () => true,
  keepsPosition: () => true,
  lower(node, out, ctx, _parent, _siblings, index) {
    const image: Image = { type: "image", url: node.url, alt: node.alt, title: node.title };
    const children: PhrasingContent[] = [node.link ? { type: "link", url: node.link, title: null, children: [image] } : image];
    if (node.caption.length) children.push({ type: "break" }, { type: "emphasis", children: node.caption });
    const paragraph: Paragraph = { type: "paragraph", children, position: node.position };
    // the caption is phrasing from the source: it may hold a kept shortcode or another rule's output
    ctx.lowerChildren(paragraph);
    out.push(paragraph);
    return index;
  },
  toJson(node, ctx) {
    const position = node.position;
    const block: Block = { type: "image", url: safe(node.url, "image", position, ctx), alt: node.alt };
    if (node.title) block["title"] = node.title;
    if (node.link) block["link"] = safe(node.link, "link", position, ctx);
    if (node.caption.length) block["caption"] = ctx.inlines(node.caption, []);
    if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, ctx);
    return withPosition(block, node, ctx);
  },
};
