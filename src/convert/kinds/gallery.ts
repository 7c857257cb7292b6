/**
 * A gallery (`[gallery]` rendered from a media library: a WordPress export's attachments).
 * Lowered to its images one after the other, each as a figure (the image, in its link, a
 * break and the caption). JSON: a `gallery` block holding its `image` blocks.
 */
import type { Position } from "../../ast/types.js";
import type { SourceData } from "../nodes.js";
import { figure, type Figure } from "./figure.js";
import { source, withPosition, type Block, type NodeKind } from "./kind.js";

export interface Gallery {
  type: "gallery";
  /** Its images, in the order shown. */
  images: Figure[];
  /** Layout the source asked for (`columns`, `size`), kept for JSON; markdown has no word for it. */
  columns: string | null;
  size: string | null;
  data?: SourceData;
  position?: Position;
}

declare module "mdast" {
  interface RootContentMap {
    gallery: Gallery;
  }
  interface BlockContentMap {
    gallery: Gallery;
  }
}

export const gallery: NodeKind<Gallery> = {
  type: "gallery",
  blockOnly: () => true,
  keepsPosition: () => true,
  lower(node, out, ctx, parent, siblings, index) {
    for (const image of node.images) figure.lower(image, out, ctx, parent, siblings, index);
    return index;
  },
  toJson(node, ctx) {
    const block: Block = { type: "gallery", images: node.images.map((image) => figure.toJson(image, ctx)) };
    if (node.columns) block["columns"] = node.columns;
    if (node.size) block["size"] = node.size;
    if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, ctx);
    return withPosition(block, node, ctx);
  },
};
