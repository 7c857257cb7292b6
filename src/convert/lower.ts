/**
 * The intermediate tree → plain CommonMark mdast (plus directive nodes for the `directive`
 * style): custom nodes are expanded, consecutive related-news boxes grouped into one block.
 */
import type { BlockContent, Blockquote, Image, Link, ListItem, Parent, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { Position, Severity } from "../ast/types.js";
import { relatedNewsLabel } from "../rules/labels.js";
import type { Embed, Figure, RelatedNews } from "./nodes.js";
import type { RelatedNewsStyle } from "./types.js";
import { pushAll } from "./push-all.js";
import { isUnsafeUrl } from "./text.js";

/** What lowering needs to know. */
export interface LowerSettings {
  locale: string;
  style: RelatedNewsStyle;
  report(reason: string, ruleId: string, severity: Severity, position: Position | undefined): void;
}

/** Lowers `tree` in place and returns it. */
export function lower(tree: Root, settings: LowerSettings): Root {
  lowerParent(tree, settings);
  return tree;
}

/** Parents whose children are phrasing: a kept shortcode in them stays a `keptShortcode` node. */
const PHRASING_PARENTS = new Set(["paragraph", "heading", "emphasis", "strong", "delete", "tableCell"]);

function lowerParent(parent: Parent, settings: LowerSettings): void {
  // A new children array only from the first child that changes (most parents have none).
  let out: RootContent[] | undefined;
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    switch (child.type) {
      case "relatedNews": {
        out ??= children.slice(0, index);
        const group: RelatedNews[] = [child];
        while (index + 1 < children.length && children[index + 1]!.type === "relatedNews") group.push(children[++index] as RelatedNews);
        pushAll(out, relatedNews(group, settings));
        break;
      }
      case "figure": {
        out ??= children.slice(0, index);
        // the caption is phrasing from the source: it may hold a kept shortcode or another rule's output
        const paragraph = figure(child);
        lowerParent(paragraph, settings);
        out.push(paragraph);
        break;
      }
      case "embed":
        out ??= children.slice(0, index);
        out.push(embed(child));
        break;
      case "keptShortcode":
        // In a paragraph it is written verbatim by its own handler (stringify.ts). In a link's
        // text it is text, escaped: raw `[1]` there would end the link text (`[[1]](#fn1)`).
        // Standing alone it is a block of raw text, as before.
        if (PHRASING_PARENTS.has(parent.type)) {
          out?.push(child);
          break;
        }
        out ??= children.slice(0, index);
        if (parent.type === "link") out.push({ type: "text", value: child.value, position: child.position });
        else out.push({ type: "html", value: child.value, position: child.position });
        break;
      case "ruleOutput": {
        out ??= children.slice(0, index);
        const inner: Parent = { type: "root", children: child.children } as Root;
        lowerParent(inner, settings);
        pushAll(out, inner.children);
        break;
      }
      default:
        if ((child as Partial<Parent>).children !== undefined) lowerParent(child as Parent, settings);
        out?.push(child);
    }
  }
  if (out) parent.children = out;
}

function text(value: string): PhrasingContent {
  return { type: "text", value };
}

function relatedNews(boxes: RelatedNews[], settings: LowerSettings): RootContent[] {
  const group = boxes.map((box) => safeBox(box, settings));
  const position = group.length ? { start: group[0]!.position!.start, end: group[group.length - 1]!.position!.end } : undefined;
  if (settings.style === "directive") return group.map(relatedNewsDirective);
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
  const items: BlockContent[] = group.map((box) => {
    const children: PhrasingContent[] = [];
    if (box.image) children.push({ type: "image", url: box.image, alt: box.title, title: null } satisfies Image, { type: "break" });
    children.push({ type: "strong", children: [titleLink(box)] });
    if (box.description) children.push({ type: "break" }, text(box.description));
    return { type: "paragraph", children, position: box.position };
  });
  return [{ type: "blockquote", children: [label, ...items], position }];
}

/**
 * A box whose link or image is `javascript:`, `data:` … loses that URL here (reported): the title
 * stays plain text and no URL is shown as visible text (the JSON keeps the shortcode as written).
 */
function safeBox(box: RelatedNews, settings: LowerSettings): RelatedNews {
  const badLink = box.url !== "" && isUnsafeUrl(box.url);
  const badImage = box.image !== "" && isUnsafeUrl(box.image);
  if (!badLink && !badImage) return box;
  for (const [field, url] of [["link", badLink ? box.url : ""], ["image", badImage ? box.image : ""]] as const) {
    if (url) settings.report(`Unsafe ${field} URL "${url.slice(0, 80)}" of the related-news box "${box.title}" left out${field === "link" ? ": the title is plain text" : ""}`, "unsafe-url", "warning", box.position);
  }
  return { ...box, url: badLink ? "" : box.url, image: badImage ? "" : box.image };
}

/** The title as a link to the article (plain text when there is no link; the URL when there is no title). */
function titleLink(box: RelatedNews): PhrasingContent {
  const label = box.title || box.url;
  if (!box.url) return text(label);
  return { type: "link", url: box.url, title: null, children: [text(label)] } satisfies Link;
}

function relatedNewsDirective(box: RelatedNews): LeafDirective {
  const attributes: Record<string, string> = { url: box.url };
  if (box.image) attributes["image"] = box.image;
  if (box.description) attributes["description"] = box.description;
  return { type: "leafDirective", name: "related-news", attributes, children: [text(box.title)], position: box.position };
}

function figure(node: Figure): Paragraph {
  const image: Image = { type: "image", url: node.url, alt: node.alt, title: node.title };
  const children: PhrasingContent[] = [node.link ? { type: "link", url: node.link, title: null, children: [image] } : image];
  if (node.caption.length) children.push({ type: "break" }, { type: "emphasis", children: node.caption });
  return { type: "paragraph", children, position: node.position };
}

/** Media become a link of their own (an autolink when there is no title). */
function embed(node: Embed): Paragraph {
  const link: Link = { type: "link", url: node.url, title: null, children: [text(node.title ?? node.url)] };
  return { type: "paragraph", children: [link], position: node.position };
}
