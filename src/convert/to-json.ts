/**
 * The intermediate tree → the documented JSON article (`schema/article.schema.json`).
 * Blocks: paragraph, heading, quote, list, code, rule, table, html, and those of the node kinds
 * (`kinds/`: image, embed, related-news, shortcode (kept), custom (user rules)); inline content
 * is text with marks.
 */
import type { Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Position } from "../ast/types.js";
import type { SourceData } from "./nodes.js";
import { KINDS } from "./kinds/index.js";
import { marked, source, withPosition, type Block, type Inline, type JsonContext, type JsonSettings, type Mark } from "./kinds/kind.js";
import { isUnsafeUrl } from "./text.js";
import { pushAll } from "./push-all.js";

/** Version of the JSON format; bumped on incompatible changes. */
const JSON_VERSION = 1;

/** The JSON article. */
export interface ArticleDocument {
  version: number;
  blocks: Block[];
}

/** Builds the JSON article from the intermediate tree. */
export function toJson(tree: Root, settings: JsonSettings): ArticleDocument {
  const ctx: JsonContext = {
    positions: settings.positions,
    reportUnsafe: (reason, position) => settings.reportUnsafe(reason, position),
    inlines: (nodes, marks) => inlines(nodes, marks, ctx),
  };
  return { version: JSON_VERSION, blocks: blocks(tree.children, ctx) };
}

function blocks(nodes: readonly RootContent[], settings: JsonContext): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "paragraph": {
        // a paragraph holding only a node that may stand in phrasing (a kept shortcode) is that node's block
        const only = node.children.length === 1 ? node.children[0]! : undefined;
        const kind = only === undefined ? undefined : KINDS.get(only.type);
        if (only !== undefined && kind?.toInline) {
          out.push(kind.toJson(only, settings));
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
      default: {
        const kind = KINDS.get(node.type);
        if (kind !== undefined) {
          out.push(kind.toJson(node, settings));
          break;
        }
        // Anything else with children (tables kept as html never get here): flatten its flow content.
        if ("children" in node) pushAll(out, blocks((node as Parent).children, settings));
      }
    }
  }
  return out;
}

function inlines(nodes: readonly PhrasingContent[], marks: Mark[], settings: JsonContext): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text": {
        const previous = out[out.length - 1];
        if (previous?.type === "text" && JSON.stringify(previous.marks ?? []) === JSON.stringify(marks)) previous.text += node.value;
        else out.push(marked({ type: "text" as const, text: node.value }, marks));
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
          pushAll(out, inlines(node.children, marks, settings)).push(marked({ type: "text" as const, text: ` (${node.url})` }, marks));
          break;
        }
        const mark: Mark = node.title ? { type: "link", url: node.url, title: node.title } : { type: "link", url: node.url };
        pushAll(out, inlines(node.children, [...marks, mark], settings));
        break;
      }
      case "image": {
        if (isUnsafeUrl(node.url)) {
          settings.reportUnsafe(`Unsafe image URL "${node.url.slice(0, 80)}" kept as text`, node.position as Position | undefined);
          out.push(marked({ type: "text" as const, text: `${node.alt ? `${node.alt} ` : ""}(${node.url})` }, marks));
          break;
        }
        const image: Inline = { type: "image", url: node.url, alt: node.alt ?? "" };
        if (node.title) image.title = node.title;
        out.push(marked(image, marks));
        break;
      }
      case "html":
        out.push({ type: "html", value: node.value });
        break;
      default: {
        const kind = KINDS.get(node.type);
        if (kind?.toInline) {
          out.push(kind.toInline(node, marks, settings));
          break;
        }
        if ("children" in node) pushAll(out, inlines((node as { children: PhrasingContent[] }).children, marks, settings));
      }
    }
  }
  return out;
}
