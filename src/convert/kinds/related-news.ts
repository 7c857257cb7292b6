/**
 * A related-news box (`old_news_related_template`). Lowered per style: consecutive boxes are
 * grouped under one localized label, in a blockquote (`block`, every field), a blockquote
 * with a list (`list`, the image left out and reported) or one `::related-news` directive
 * each (`directive`). JSON: a `related-news` block.
 */
import type { BlockContent, Blockquote, Image, Link, ListItem, Paragraph, PhrasingContent, RootContent } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { Position } from "../../ast/types.js";
import { relatedNewsLabel } from "../../rules/labels.js";
import type { SourceData } from "../nodes.js";
import { pushAll } from "../push-all.js";
import { isUnsafeUrl } from "../text.js";
import { safe, source, withPosition, type LowerSettings, type NodeKind } from "./kind.js";

export interface RelatedNews {
  type: "relatedNews";
  title: string;
  description: string;
  image: string;
  url: string;
  data?: SourceData;
  position?: Position;
}

declare module "mdast" {
  interface RootContentMap {
    relatedNews: RelatedNews;
  }
  interface BlockContentMap {
    relatedNews: RelatedNews;
  }
}

export const relatedNews: NodeKind<RelatedNews> = {
  type: "relatedNews",
  blockOnly: () => true,
  keepsPosition: () => true,
  lower(node, out, ctx, _parent, siblings, index) {
    const group: RelatedNews[] = [node];
    let last = index;
    while (siblings[last + 1]?.type === "relatedNews") group.push(siblings[++last] as RelatedNews);
    pushAll(out, lowerGroup(group, ctx.settings));
    return last;
  },
  toJson(node, ctx) {
    const position = node.position;
    return withPosition(
      {
        type: "related-news",
        title: node.title,
        description: node.description,
        image: safe(node.image, "image", position, ctx),
        url: safe(node.url, "url", position, ctx),
        shortcode: source(node.data?.shortcode, ctx),
      },
      node,
      ctx,
    );
  },
};

function text(value: string): PhrasingContent {
  return { type: "text", value };
}

function lowerGroup(boxes: RelatedNews[], settings: LowerSettings): RootContent[] {
  // (loops, not `map`: the arrays `map` made took more than one shape here, and the optimized code bailed out)
  const group: RelatedNews[] = [];
  for (const box of boxes) group.push(safeBox(box, settings));
  const position = group.length ? { start: group[0]!.position!.start, end: group[group.length - 1]!.position!.end } : undefined;
  if (settings.style === "directive") return group.map(directive);
  const label: Paragraph = { type: "paragraph", children: [{ type: "strong", children: [text(relatedNewsLabel(settings.locale, group.length))] }] };
  if (settings.style === "list") {
    const items: ListItem[] = group.map((box) => {
      if (box.image) {
        settings.report(`The list style leaves out the image of "${box.title}" (${box.image})`, "omitted-field", "info", box.position);
      }
      const children: PhrasingContent[] = [titleLink(box)];
      if (box.description) children.push(text(` — ${box.description}`));
      return { type: "listItem", spread: false, children: [{ type: "paragraph", children }] };
    });
    const quote: Blockquote = { type: "blockquote", children: [label, { type: "list", ordered: false, spread: false, children: items }], position };
    return [quote];
  }
  // Default "block" style: every field of every box, in a blockquote any renderer shows.
  const children: BlockContent[] = [label];
  for (const box of group) {
    const phrasing: PhrasingContent[] = [];
    if (box.image) phrasing.push({ type: "image", url: box.image, alt: box.title, title: null } satisfies Image, { type: "break" });
    phrasing.push({ type: "strong", children: [titleLink(box)] });
    if (box.description) phrasing.push({ type: "break" }, text(box.description));
    children.push({ type: "paragraph", children: phrasing, position: box.position });
  }
  return [{ type: "blockquote", children, position }];
}

/**
 * A box whose link or image is `javascript:`, `data:` … loses that URL here (reported): the title
 * stays plain text and no URL is shown as visible text (the JSON keeps the shortcode as written).
 */
function safeBox(box: RelatedNews, settings: LowerSettings): RelatedNews {
  const badLink = box.url !== "" && isUnsafeUrl(box.url);
  const badImage = box.image !== "" && isUnsafeUrl(box.image);
  if (!badLink && !badImage) return box;
  for (const [field, url] of [
    ["link", badLink ? box.url : ""],
    ["image", badImage ? box.image : ""],
  ] as const) {
    if (url)
      settings.report(
        `Unsafe ${field} URL "${url.slice(0, 80)}" of the related-news box "${box.title}" left out${field === "link" ? ": the title is plain text" : ""}`,
        "unsafe-url",
        "warning",
        box.position,
      );
  }
  return { ...box, url: badLink ? "" : box.url, image: badImage ? "" : box.image };
}

/** The title as a link to the article (plain text when there is no link; the URL when there is no title). */
function titleLink(box: RelatedNews): PhrasingContent {
  const label = box.title || box.url;
  if (!box.url) return text(label);
  return { type: "link", url: box.url, title: null, children: [text(label)] } satisfies Link;
}

function directive(box: RelatedNews): LeafDirective {
  const attributes: Record<string, string> = { url: box.url };
  if (box.image) attributes["image"] = box.image;
  if (box.description) attributes["description"] = box.description;
  return { type: "leafDirective", name: "related-news", attributes, children: [text(box.title)], position: box.position };
}
