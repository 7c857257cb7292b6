/**
 * The intermediate tree → the documented JSON article (`schema/article.schema.json`).
 * Blocks: paragraph, heading, quote, list, code, rule, table, html, image, embed, related-news,
 * shortcode (kept), custom (user rules); inline content is text with marks.
 */
import type { Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Position } from "../ast/types.js";
import type { ShortcodeSource, SourceData } from "./nodes.js";
import { isUnsafeUrl } from "./text.js";
import { pushAll } from "./push-all.js";

/** Version of the JSON format; bumped on incompatible changes. */
const JSON_VERSION = 1;

type Mark =
  | { type: "bold" | "italic" | "code" | "strikethrough" }
  | { type: "link"; url: string; title?: string };

type Inline =
  | { type: "text"; text: string; marks?: Mark[] }
  | { type: "break" }
  | { type: "image"; url: string; alt: string; title?: string; marks?: Mark[] }
  | { type: "html"; value: string }
  | ({ type: "shortcode" } & JsonSource)
  | { type: "custom"; tag: string; data: Record<string, unknown>; shortcode?: JsonSource };

/** A shortcode's source in JSON. */
interface JsonSource {
  tag: string;
  attributes: Record<string, string>;
  positional: string[];
  content: string | null;
  raw: string;
  position?: Position;
}

type Block = { type: string; position?: Position; [key: string]: unknown };

/** The JSON article. */
export interface ArticleDocument {
  version: number;
  blocks: Block[];
}

/** What the converter needs besides the tree. */
export interface JsonSettings {
  positions: boolean;
  reportUnsafe(reason: string, position: Position | undefined): void;
}

/** Builds the JSON article from the intermediate tree. */
export function toJson(tree: Root, settings: JsonSettings): ArticleDocument {
  return { version: JSON_VERSION, blocks: blocks(tree.children, settings) };
}

function source(value: ShortcodeSource | undefined, settings: JsonSettings): JsonSource | undefined {
  if (!value) return undefined;
  const out: JsonSource = {
    tag: value.tag,
    attributes: value.attributes,
    positional: value.positional,
    content: value.content,
    raw: value.raw,
  };
  if (settings.positions) out.position = value.position;
  return out;
}

/** A URL field, emptied (and reported) when it is unsafe. */
function safe(url: string, field: string, position: Position | undefined, settings: JsonSettings): string {
  if (!isUnsafeUrl(url)) return url;
  settings.reportUnsafe(`Unsafe URL in ${field} "${url.slice(0, 80)}" left out`, position);
  return "";
}

function withPosition(block: Block, node: RootContent, settings: JsonSettings): Block {
  if (settings.positions && node.position) block.position = node.position as Position;
  return block;
}

function blocks(nodes: readonly RootContent[], settings: JsonSettings): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    const position = node.position as Position | undefined;
    switch (node.type) {
      case "paragraph": {
        const only = node.children.length === 1 ? node.children[0]! : undefined;
        if (only?.type === "keptShortcode" || only?.type === "ruleOutput") {
          pushAll(out, blocks([only], settings));
          break;
        }
        out.push(withPosition({ type: "paragraph", content: inlines(node.children, [], settings) }, node, settings));
        break;
      }
      case "heading":
        out.push(withPosition({ type: "heading", level: node.depth, content: inlines(node.children, [], settings) }, node, settings));
        break;
      case "blockquote":
        out.push(withPosition({ type: "quote", blocks: blocks(node.children, settings) }, node, settings));
        break;
      case "list": {
        const block: Block = {
          type: "list",
          ordered: node.ordered === true,
          items: node.children.map((item) => ({ blocks: blocks(item.children, settings) })),
        };
        if (node.ordered && typeof node.start === "number" && node.start !== 1) block["start"] = node.start;
        out.push(withPosition(block, node, settings));
        break;
      }
      case "code": {
        const block: Block = node.lang ? { type: "code", lang: node.lang, value: node.value } : { type: "code", value: node.value };
        // A rule's code block (`[code]`, `[php]` …) carries its title and the shortcode as written.
        const data = node.data as (SourceData & { title?: string }) | undefined;
        if (data?.title) block["title"] = data.title;
        if (data?.shortcode) block["shortcode"] = source(data.shortcode, settings);
        out.push(withPosition(block, node, settings));
        break;
      }
      case "thematicBreak":
        out.push(withPosition({ type: "rule" }, node, settings));
        break;
      case "table":
        // the first row is the header row, as in GFM
        out.push(
          withPosition(
            {
              type: "table",
              align: (node.align ?? []).map((align) => align ?? null),
              rows: node.children.map((row) => ({ cells: row.children.map((cell) => ({ content: inlines(cell.children, [], settings) })) })),
            },
            node,
            settings,
          ),
        );
        break;
      case "html":
        out.push(withPosition({ type: "html", value: node.value }, node, settings));
        break;
      case "relatedNews":
        out.push(
          withPosition(
            {
              type: "related-news",
              title: node.title,
              description: node.description,
              image: safe(node.image, "image", position, settings),
              url: safe(node.url, "url", position, settings),
              shortcode: source(node.data?.shortcode, settings),
            },
            node,
            settings,
          ),
        );
        break;
      case "figure": {
        const block: Block = { type: "image", url: safe(node.url, "image", position, settings), alt: node.alt };
        if (node.title) block["title"] = node.title;
        if (node.link) block["link"] = safe(node.link, "link", position, settings);
        if (node.caption.length) block["caption"] = inlines(node.caption, [], settings);
        if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, settings);
        out.push(withPosition(block, node, settings));
        break;
      }
      case "embed": {
        const block: Block = { type: "embed", kind: node.kind, url: safe(node.url, "url", position, settings) };
        if (node.title) block["title"] = node.title;
        if (node.provider) block["provider"] = node.provider;
        if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, settings);
        out.push(withPosition(block, node, settings));
        break;
      }
      case "keptShortcode": {
        const shortcode = source(node.data?.shortcode, settings);
        out.push({ type: "shortcode", ...(shortcode ?? { tag: "", attributes: {}, positional: [], content: null, raw: node.value }) });
        break;
      }
      case "ruleOutput": {
        const block: Block = { type: "custom", tag: node.data?.shortcode?.tag ?? "", data: node.json };
        if (node.data?.shortcode) block["shortcode"] = source(node.data.shortcode, settings);
        out.push(withPosition(block, node, settings));
        break;
      }
      default:
        // Anything else with children (tables kept as html never get here): flatten its flow content.
        if ("children" in node) pushAll(out, blocks((node as Parent).children, settings));
    }
  }
  return out;
}

function inlines(nodes: readonly PhrasingContent[], marks: Mark[], settings: JsonSettings): Inline[] {
  const out: Inline[] = [];
  const marked = <T extends object>(value: T): T & { marks?: Mark[] } => (marks.length ? { ...value, marks } : value);
  for (const node of nodes) {
    switch (node.type) {
      case "text": {
        const previous = out[out.length - 1];
        if (previous?.type === "text" && JSON.stringify(previous.marks ?? []) === JSON.stringify(marks)) previous.text += node.value;
        else out.push(marked({ type: "text" as const, text: node.value }));
        break;
      }
      case "break":
        out.push({ type: "break" });
        break;
      case "strong":
        pushAll(out, inlines(node.children, [...marks, { type: "bold" }], settings));
        break;
      case "emphasis":
        pushAll(out, inlines(node.children, [...marks, { type: "italic" }], settings));
        break;
      case "delete":
        pushAll(out, inlines(node.children, [...marks, { type: "strikethrough" }], settings));
        break;
      case "inlineCode":
        out.push({ type: "text", text: node.value, marks: [...marks, { type: "code" }] });
        break;
      case "link": {
        if (isUnsafeUrl(node.url)) {
          settings.reportUnsafe(`Unsafe link URL "${node.url.slice(0, 80)}" kept as text`, node.position as Position | undefined);
          pushAll(out, inlines(node.children, marks, settings)).push(marked({ type: "text" as const, text: ` (${node.url})` }));
          break;
        }
        const mark: Mark = node.title ? { type: "link", url: node.url, title: node.title } : { type: "link", url: node.url };
        pushAll(out, inlines(node.children, [...marks, mark], settings));
        break;
      }
      case "image": {
        if (isUnsafeUrl(node.url)) {
          settings.reportUnsafe(`Unsafe image URL "${node.url.slice(0, 80)}" kept as text`, node.position as Position | undefined);
          out.push(marked({ type: "text" as const, text: `${node.alt ? `${node.alt} ` : ""}(${node.url})` }));
          break;
        }
        const image: Inline = { type: "image", url: node.url, alt: node.alt ?? "" };
        if (node.title) image.title = node.title;
        out.push(marked(image));
        break;
      }
      case "html":
        out.push({ type: "html", value: node.value });
        break;
      case "keptShortcode": {
        // Inside a link (`<a href="#fn1">[1]</a>`) it is the link's text: the URL must stay.
        if (marks.some((mark) => mark.type === "link")) {
          out.push(marked({ type: "text" as const, text: node.value }));
          break;
        }
        const shortcode = source(node.data?.shortcode, settings);
        out.push({ type: "shortcode", ...(shortcode ?? { tag: "", attributes: {}, positional: [], content: null, raw: node.value }) });
        break;
      }
      case "ruleOutput": {
        const custom: Inline = { type: "custom", tag: node.data?.shortcode?.tag ?? "", data: node.json };
        const shortcode = source(node.data?.shortcode, settings);
        if (shortcode) custom.shortcode = shortcode;
        out.push(custom);
        break;
      }
      default:
        if ("children" in node) pushAll(out, inlines((node as { children: PhrasingContent[] }).children, marks, settings));
    }
  }
  return out;
}
