/**
 * Our AST → an intermediate mdast tree (standard nodes plus the node kinds of `kinds/`).
 *
 * Plain text is turned into mdast directly, following WordPress's paragraph rule (a blank line
 * ends a paragraph, a single newline is a line break); only paragraphs that contain HTML go
 * through rehype (`html.ts`). No markdown parser ever sees a whole body.
 */
import type { Heading, Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { Content, HtmlNode, Message, Position, RootNode, Severity, ShortcodeNode } from "../ast/types.js";
import type { RuleContext, UnrenderedOptions } from "../rules/types.js";
import { htmlToMdast } from "./html.js";
import type { StripTags } from "./html-rescue.js";
import { LineIndex } from "../ast/positions.js";
import { isBlockOnly } from "./kinds/index.js";
import type { ShortcodeSource } from "./nodes.js";
import type { Settings } from "./settings.js";
import { decodeAttribute, decodeText, forwardSearch, hasLineEnd, hasNoSpecialSpaces, normalizeSpaces } from "./text.js";
import type { ConvertStats } from "./types.js";
import { pushAll } from "./push-all.js";
import { embedLoneUrls, linkify } from "./urls.js";

/** One piece of a paragraph, before conversion. */
type Segment =
  | { kind: "text"; value: string; start: number; end: number }
  | { kind: "literal"; value: string; start: number; end: number }
  | { kind: "html"; node: HtmlNode; start: number; end: number }
  | { kind: "shortcode"; node: ShortcodeNode; start: number; end: number };

/**
 * Blank line(s), WordPress's paragraph separator, from the line end on: `[ \t]*` then this
 * (`/[ \t]*(?:\r\n|\r(?!\n)|\n)(?:[ \t\u00a0]*(?:\r\n|\r(?!\n)|\n))+/g`, with the spaces before
 * the line end found by looking back).
 */
const BLANK_FROM_LINE_END = /(?:\r\n|\r(?!\n)|\n)(?:[ \t\u00a0]*(?:\r\n|\r(?!\n)|\n))+/y;

/**
 * The blank-line separators in `value`, left to right, found from the line ends: the global
 * pattern's leading `[ \t]*` made it try at every space of the prose, this tries only where a
 * line ends. Each call gives the next one at or after `from` (which only grows), in linear time
 * overall. The same matches as the pattern (property-tested, `tests/convert/blank-lines.test.ts`).
 */
export function blankLineScanner(value: string): (from: number) => { start: number; end: number } | undefined {
  const nextLf = forwardSearch(value, "\n");
  const nextCr = forwardSearch(value, "\r");
  return (from) => {
    let at = from;
    for (;;) {
      const n = nextLf(at);
      const r = nextCr(at);
      const lineEnd = n === -1 ? r : r === -1 ? n : Math.min(n, r);
      if (lineEnd === -1) return undefined;
      BLANK_FROM_LINE_END.lastIndex = lineEnd;
      if (BLANK_FROM_LINE_END.test(value)) {
        let start = lineEnd;
        while (start > from && (value.charCodeAt(start - 1) === 0x20 || value.charCodeAt(start - 1) === 0x09)) start--;
        return { start, end: BLANK_FROM_LINE_END.lastIndex };
      }
      at = lineEnd + 1;
    }
  };
}
/** A single line end with the spaces around it: a line break. */
const LINE_END = /[ \t]*(?:\r\n|\r|\n)[ \t]*/;

/** Shared, mutable state of one conversion. */
export class Builder {
  readonly source: string;
  readonly settings: Settings;
  readonly messages: Message[] = [];
  readonly stats: ConvertStats = { shortcodes: {}, converted: 0, kept: 0, dropped: 0, escaped: 0 };
  #lines: LineIndex | undefined;
  /** The body has no NBSP, narrow NBSP, zero-width space or BOM: its text slices need no normalizing. */
  readonly #plainSpaces: boolean;

  constructor(source: string, settings: Settings) {
    this.source = source;
    this.settings = settings;
    this.#plainSpaces = hasNoSpecialSpaces(source);
  }

  /** The line index the parser made of `text`, when that is this builder's body (no second one is built). */
  useLines(lines: LineIndex, text: string): void {
    if (text === this.source) this.#lines ??= lines;
  }

  /** Offsets → line/column; built on first use (only messages and `positions: true` need it). */
  get locator(): LineIndex {
    return (this.#lines ??= new LineIndex(this.source));
  }

  /** Adds a message. */
  report(reason: string, ruleId: string, severity: Severity, position: Position, source = "convert"): void {
    this.messages.push({ reason, ruleId, severity, position, source });
  }

  /** The whole document. */
  document(tree: RootNode): Root {
    const children = this.flow(tree.children);
    return { type: "root", children, position: tree.position };
  }

  /**
   * An HTML file. A whole document (`<html>`, `<body>`, a doctype) is one fragment through
   * rehype, newlines being HTML whitespace there; a post body saved as `.html` (none of those)
   * is what WordPress stores and autop renders, so it follows the paragraph rule of text input.
   */
  htmlDocument(tree: RootNode): Root {
    if (!WHOLE_DOCUMENT.test(this.source)) return this.document(tree);
    const chunk: Segment[] = tree.children.map((node) => {
      const start = node.position.start.offset;
      const end = node.position.end.offset;
      if (node.type === "text") return { kind: "text", value: node.value, start, end };
      if (node.type === "html") return { kind: "html", node, start, end };
      if (node.escaped) {
        this.stats.escaped++;
        return { kind: "literal", value: this.source.slice(start + 1, end - 1), start, end };
      }
      return this.looksLikeMarkdownLink(node) ? { kind: "text", value: this.source.slice(start, end), start, end } : { kind: "shortcode", node, start, end };
    });
    const children = chunk.length ? this.htmlParagraph(chunk, false) : [];
    return { type: "root", children, position: tree.position };
  }

  /** Content nodes → blocks, split into paragraphs by blank lines. */
  flow(nodes: readonly Content[]): RootContent[] {
    const blocks: RootContent[] = [];
    let chunk: Segment[] = [];
    const flush = () => {
      if (chunk.length) pushAll(blocks, this.paragraph(chunk));
      chunk = [];
    };
    const text = (value: string, start: number, end: number) => {
      let last = 0;
      const next = blankLineScanner(value);
      for (let gap = next(0); gap; gap = next(last)) {
        if (gap.start > last) chunk.push({ kind: "text", value: value.slice(last, gap.start), start: start + last, end: start + gap.start });
        flush();
        last = gap.end;
      }
      if (last < value.length) chunk.push({ kind: "text", value: value.slice(last), start: start + last, end });
    };
    // Inside <pre>, <script>, <style>, <textarea>: the closing tag's name. autop leaves their
    // content alone, so it is one piece of HTML: no paragraph split, no shortcode run.
    let rawUntil: string | undefined;
    for (const node of nodes) {
      const start = node.position.start.offset;
      const end = node.position.end.offset;
      if (rawUntil !== undefined) {
        if (node.type === "html" && node.value.toLowerCase().includes(rawUntil)) {
          chunk.push({ kind: "html", node, start, end });
          rawUntil = undefined;
        } else chunk.push({ kind: "text", value: this.source.slice(start, end), start, end });
      } else if (node.type === "text") {
        text(node.value, start, end);
      } else if (node.type === "html") {
        if (isMarkup(node.value)) {
          chunk.push({ kind: "html", node, start, end });
          const raw = RAW_ELEMENT.exec(node.value);
          if (raw) rawUntil = `</${raw[1]!.toLowerCase()}`;
        } else text(node.value, start, end);
      } else if (node.escaped) {
        this.stats.escaped++;
        const raw = this.source.slice(start, end);
        chunk.push({ kind: "literal", value: raw.slice(1, -1), start, end });
      } else if (this.looksLikeMarkdownLink(node)) {
        chunk.push({ kind: "text", value: this.source.slice(start, end), start, end });
      } else {
        chunk.push({ kind: "shortcode", node, start, end });
      }
    }
    flush();
    return blocks;
  }

  /**
   * `[video](x)`, `[a][b]`, `[a]: x`: kept verbatim these would become links, so a span no rule
   * handles is text when it touches `(`, `[`, `]`, `!` or starts a definition. In markdown input
   * a tag with a rule is text too when a link destination follows: `[caption](u)` is a link
   * there (the converter writes a link whose text is a tag name so, and must read it back).
   */
  looksLikeMarkdownLink(node: ShortcodeNode): boolean {
    const start = node.position.start.offset;
    const end = node.position.end.offset;
    // (a box ending the body has `end === length`: reading past the end made the optimized code bail out)
    const after = end < this.source.length ? this.source.charAt(end) : "";
    // A rule claims its tag, but not a bare `[video]` or a lone `[php]` (no attributes, no content
    // it needs): those render nothing and, kept verbatim before `(x)`, would become a link.
    const rule = this.settings.registry.get(node.name);
    if (rule && !(node.content === null && (rule.content === "required" || node.attributes.length === 0))) {
      return after === "(" && this.settings.inputFormat === "markdown";
    }
    const before = start > 0 ? this.source.charAt(start - 1) : "";
    if (after === "(" || after === "[" || before === "]" || before === "!") return true;
    return after === ":" && (start === 0 || before === "\n" || before === "\r");
  }

  /** One blank-line-separated chunk → blocks. */
  paragraph(chunk: Segment[]): RootContent[] {
    if (chunk.some((segment) => segment.kind === "html")) return this.htmlParagraph(chunk);
    const out: RootContent[] = [];
    let phrasing: PhrasingContent[] = [];
    let from = chunk[0]!.start;
    let to = from;
    const flush = () => {
      const paragraph = this.finishParagraph(phrasing, from, to);
      if (paragraph) {
        const split = paragraph.type === "paragraph" ? embedLoneUrls(paragraph, paragraph.position as Position) : undefined;
        if (split) pushAll(out, split);
        else out.push(paragraph);
      }
      phrasing = [];
    };
    for (const segment of chunk) {
      if (segment.kind === "text" || segment.kind === "literal") {
        if (!phrasing.length) from = segment.start;
        // (a text or literal segment is a slice of the body)
        const value =
          segment.kind === "text" ? decodeText(segment.value, this.#plainSpaces) : this.#plainSpaces ? segment.value : normalizeSpaces(segment.value);
        pushAll(phrasing, this.textPhrasing(value, segment.kind === "text"));
        to = segment.end;
      } else if (segment.kind === "shortcode") {
        const { nodes, display } = this.shortcode(segment.node);
        if (display === "block") {
          flush();
          pushAll(out, nodes);
          from = segment.end;
        } else {
          if (!phrasing.length) from = segment.start;
          pushAll(phrasing, nodes as PhrasingContent[]);
          to = segment.end;
        }
      }
    }
    flush();
    return out;
  }

  /**
   * Text → text and break nodes (one break per single line end); with `urls`, bare URLs
   * become links (see `urls.ts`).
   */
  textPhrasing(value: string, urls = true): PhrasingContent[] {
    // Most pieces are one line: no split (the pattern's leading `[ \t]*` tries at every space).
    if (!hasLineEnd(value)) return value ? (urls && linkify(value)) || [{ type: "text", value }] : [];
    const lines = value.split(LINE_END);
    const out: PhrasingContent[] = [];
    lines.forEach((line, index) => {
      if (index > 0) out.push({ type: "break" });
      if (line) {
        const linked = urls ? linkify(line) : undefined;
        if (linked) pushAll(out, linked);
        else out.push({ type: "text", value: line });
      }
    });
    return out;
  }

  /** Trims a paragraph's phrasing; applies the subheading convention; `undefined` if empty. */
  finishParagraph(children: PhrasingContent[], from: number, to: number): Paragraph | Heading | undefined {
    const merged = mergeText(children);
    trimPhrasing(merged);
    if (!merged.length) return undefined;
    const position = this.locator.position(from, to);
    const heading = this.settings.subheadings ? subheading(merged) : undefined;
    if (heading) return { type: "heading", depth: 2, children: [{ type: "text", value: heading }], position };
    return { type: "paragraph", children: merged, position };
  }

  /** A chunk with HTML in it: shortcodes become placeholders, rehype does the rest. */
  htmlParagraph(chunk: Segment[], breaks = true): RootContent[] {
    const shortcodes: ShortcodeNode[] = [];
    let html = "";
    // where each segment starts in `html` (for the source place of a stripped tag)
    const starts: number[] = [];
    for (const segment of chunk) {
      starts.push(html.length);
      if (segment.kind === "html") html += segment.node.value;
      else if (segment.kind === "text") html += segment.value;
      else if (segment.kind === "literal") html += segment.value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      else {
        html += `\ue000${shortcodes.length}\ue001`;
        shortcodes.push(segment.node);
      }
    }
    const first = chunk[0]!.start;
    const last = chunk[chunk.length - 1]!.end;
    const blocks = htmlToMdast(
      html,
      (index) => {
        const node = shortcodes[index];
        return node ? this.shortcode(node) : { nodes: [], display: "inline" };
      },
      (index) => {
        const node = shortcodes[index];
        return node ? this.source.slice(node.position.start.offset, node.position.end.offset) : "";
      },
      breaks,
      (reason) => this.report(reason, "kept-html", "info", this.locator.position(first, last)),
      this.stripTags(chunk, starts),
      this.#plainSpaces && !html.includes("&"),
    );
    // rehype's positions are relative to the fragment: every block gets the chunk's span instead.
    const position = this.locator.position(first, last);
    for (const block of blocks) if (!block.position) block.position = position;
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index]!;
      const split = block.type === "paragraph" ? embedLoneUrls(block, position) : undefined;
      if (split) {
        blocks.splice(index, 1, ...split);
        index += split.length - 1;
      }
    }
    if (this.settings.subheadings) {
      return blocks.map((block) => {
        if (block.type !== "paragraph") return block;
        const heading = subheading(block.children);
        return heading ? { type: "heading", depth: 2, children: [{ type: "text", value: heading }], position: block.position } : block;
      });
    }
    return blocks;
  }

  /** `stripTags` for one HTML paragraph: each stripped element reported at its place in the body. */
  stripTags(chunk: Segment[], starts: number[]): StripTags | undefined {
    const tags = this.settings.stripTags;
    if (!tags) return undefined;
    return {
      tags,
      stripped: (tag, offset) => {
        let index = chunk.length - 1;
        while (index > 0 && starts[index]! > offset) index--;
        const segment = chunk[index]!;
        // (inside a shortcode's placeholder or an escaped literal: the segment's start)
        const at = segment.kind === "text" || segment.kind === "html" ? Math.min(segment.start + offset - starts[index]!, segment.end) : segment.start;
        this.report(
          `<${tag}> removed with its content (stripTags)`,
          "stripped-tag",
          "info",
          this.locator.position(at, Math.min(at + tag.length + 1, this.source.length)),
        );
      },
    };
  }

  /** The source data of a shortcode, with attribute values entity-decoded. */
  sourceOf(node: ShortcodeNode): ShortcodeSource {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.attrs.named)) attributes[name] = decodeAttribute(value);
    return {
      tag: node.name,
      attributes,
      positional: node.attrs.positional.map(decodeAttribute),
      content: node.content,
      raw: this.source.slice(node.position.start.offset, node.position.end.offset),
      position: node.position,
    };
  }

  /** Runs the rule for a shortcode, or applies the unknown-tag policy. */
  shortcode(node: ShortcodeNode): { nodes: RootContent[]; display: "block" | "inline" } {
    const stats = this.stats;
    stats.shortcodes[node.name] = (stats.shortcodes[node.name] ?? 0) + 1;
    const source = this.sourceOf(node);
    const rule = this.settings.registry.get(node.name);
    if (rule) {
      const context = this.context(node, source);
      try {
        const result = rule.render(node, context);
        if (result.handled !== false) {
          stats.converted++;
          const display = rule.display === "block" || result.nodes.some(isBlockOnly) ? "block" : "inline";
          return { nodes: result.nodes, display };
        }
      } catch (error) {
        this.report(`Rule for [${node.name}] failed: ${(error as Error).message}; kept as written`, "rule-failed", "error", node.position);
      }
      stats.kept++;
      return { nodes: [{ type: "keptShortcode", value: source.raw, data: { shortcode: source }, position: node.position }], display: "inline" };
    }
    const policy = this.settings.unknown;
    if (policy === "strip" || policy === "comment") {
      stats.dropped++;
      this.report(
        policy === "strip" ? `Unknown shortcode [${node.name}] removed` : `Unknown shortcode [${node.name}] turned into an HTML comment`,
        "unknown-shortcode",
        "info",
        node.position,
      );
      if (policy === "strip") return { nodes: [], display: "inline" };
      return { nodes: [{ type: "html", value: `<!-- ${source.raw.replace(/--/g, "- -")} -->` }], display: "inline" };
    }
    stats.kept++;
    this.report(`Unknown shortcode [${node.name}] kept verbatim`, "unknown-shortcode", policy === "error" ? "error" : "warning", node.position);
    return { nodes: [{ type: "keptShortcode", value: source.raw, data: { shortcode: source }, position: node.position }], display: "inline" };
  }

  /** What a rule's handler sees. */
  context(node: ShortcodeNode, source: ShortcodeSource): RuleContext {
    const builder = this;
    return {
      locale: this.settings.locale,
      style: this.settings.style,
      media: this.settings.media,
      source,
      report(reason, ruleId, severity = "warning", position = node.position) {
        builder.report(reason, ruleId, severity, position, node.name);
      },
      reportUnrendered(rendered: readonly string[], options: UnrenderedOptions = {}) {
        const lastIndex = new Map<string, number>();
        node.attributes.forEach((attribute, index) => {
          if (attribute.name !== null) lastIndex.set(attribute.name, index);
        });
        node.attributes.forEach((attribute, index) => {
          // The quoted value only for a message (most attributes are rendered and need none).
          const quoted = () => JSON.stringify(decodeAttribute(attribute.value));
          if (attribute.name === null) {
            if (!options.positional) {
              builder.report(
                `Positional value ${quoted()} of [${node.name}] is not rendered`,
                "unrendered-attribute",
                "warning",
                attribute.position,
                node.name,
              );
            }
          } else if (lastIndex.get(attribute.name) !== index) {
            builder.report(
              `Attribute ${attribute.name}=${quoted()} of [${node.name}] is overridden by a later one`,
              "unrendered-attribute",
              "warning",
              attribute.position,
              node.name,
            );
          } else if (!rendered.includes(attribute.name)) {
            const presentational = options.presentational?.includes(attribute.name);
            builder.report(
              `Attribute ${attribute.name}=${quoted()} of [${node.name}] is not rendered`,
              "unrendered-attribute",
              presentational ? "info" : "warning",
              attribute.position,
              node.name,
            );
          }
        });
      },
      phrasing() {
        return builder.flow(node.children).flatMap((block, index) => {
          const children = "children" in block && (block.type === "paragraph" || block.type === "heading") ? block.children : [];
          return index > 0 ? [{ type: "break" } as PhrasingContent, ...children] : children;
        });
      },
      blocks() {
        return builder.flow(node.children) as ReturnType<RuleContext["blocks"]>;
      },
    };
  }
}

/** What makes an `.html` input a whole document rather than a post body. */
const WHOLE_DOCUMENT = /<(?:!doctype|html|body|head)(?=[\s>])/i;

/** An opening tag whose content autop leaves as written. */
const RAW_ELEMENT = /^<(pre|script|style|textarea)(?=[\s/>])/i;

/** Tag names that legacy bodies use as markup; anything else in `<…>` (`<https://x>`, `<ad-soyad>`) is prose. */
const HTML_TAGS = new Set(
  (
    "a abbr acronym address article aside audio b bdi bdo big blockquote br caption center cite code col colgroup dd del details dfn " +
    "div dl dt em embed figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i iframe img ins kbd li mark nav noscript " +
    "object ol p param picture pre q s samp script section small source span strike strong style sub summary sup table tbody td " +
    "textarea tfoot th thead time tr tt u ul var video wbr"
  ).split(" "),
);

/** {@link isMarkup} of short values: a few tags (`<strong>`, `</a>`, `<br />`) are most of an archive's HTML. */
const markupOf = new Map<string, boolean>();

/** Whether an AST `html` node is real markup: a comment, CDATA or a known element's tag. */
function isMarkup(value: string): boolean {
  if (value.length > 24) return readMarkup(value);
  let known = markupOf.get(value);
  if (known === undefined) {
    if (markupOf.size >= 1024) markupOf.clear();
    markupOf.set(value, (known = readMarkup(value)));
  }
  return known;
}

function readMarkup(value: string): boolean {
  if (value.startsWith("<!--") || value.startsWith("<![CDATA[")) return true;
  const name = /^<\/?([A-Za-z][A-Za-z0-9]*)(?=[\s/>]|$)/.exec(value)?.[1];
  return name !== undefined && HTML_TAGS.has(name.toLowerCase()) && value.endsWith(">");
}

/** Joins adjacent text nodes (escaped shortcodes and text meet at segment borders). */
function mergeText(children: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const child of children) {
    const previous = out[out.length - 1];
    if (child.type === "text" && previous?.type === "text") out[out.length - 1] = { type: "text", value: previous.value + child.value };
    else out.push(child);
  }
  return out;
}

/** Removes leading/trailing breaks and whitespace (WordPress trims paragraphs). */
function trimPhrasing(children: PhrasingContent[]): void {
  for (;;) {
    const first = children[0];
    if (!first) return;
    if (first.type === "break") children.shift();
    else if (first.type === "text" && !first.value.trim()) children.shift();
    else break;
  }
  for (;;) {
    const last = children[children.length - 1];
    if (!last) return;
    if (last.type === "break") children.pop();
    else if (last.type === "text" && !last.value.trim()) children.pop();
    else break;
  }
  const first = children[0];
  if (first?.type === "text") children[0] = { type: "text", value: first.value.replace(/^\s+/, "") };
  const last = children[children.length - 1];
  if (last?.type === "text") children[children.length - 1] = { type: "text", value: last.value.trimEnd() };
}

/** Opening quote → the closing quotes accepted for it (archives mix straight and curly ones). */
const QUOTES: Record<string, string> = { "'": "'’", "‘": "’'", '"': '"”', "“": '”"', "”": "”" };

/**
 * The sozcu convention: a paragraph that is only a quoted all-caps line is a subheading
 * (not a one-word exclamation). Applied only when the preset list holds `sozcu`.
 * Returns the heading text (quotes dropped, case kept) or `undefined`.
 */
function subheading(children: readonly PhrasingContent[]): string | undefined {
  if (children.length !== 1 || children[0]!.type !== "text") return undefined;
  const value = (children[0] as Text).value.trim();
  if (value.length < 3 || value.length > 160) return undefined;
  const closers = QUOTES[value[0]!];
  if (!closers || !closers.includes(value[value.length - 1]!)) return undefined;
  const inner = value.slice(1, -1).trim();
  if (!/\p{Lu}/u.test(inner) || /\p{Ll}/u.test(inner)) return undefined;
  // A one-word exclamation or question (“EVET!”, 'NEDEN?') is a quoted reply, not a subheading.
  if (/[!?]$/.test(inner) && !/\s/.test(inner)) return undefined;
  return inner;
}
