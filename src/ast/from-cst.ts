/**
 * CST → AST. The lexer's plan fixed every shortcode's extent; this visitor names the
 * pieces, reads attributes the WordPress way, parses closed shortcodes' content again
 * (as WordPress's nested `do_shortcode($content)` would) and runs WordPress's HTML pass
 * over elements that hold brackets.
 */
import type { IToken } from "chevrotain";
import { parseToCst, type Plan, type ScanNote, type ScanOptions } from "../../grammar/index.js";
import type { DocumentCstChildren, ShortcodeCstChildren } from "../../grammar/cst.generated.js";
import { shortcodeParser } from "../../grammar/parser.js";
import { collectAttributes, type AttributeMatch, type RawAttribute } from "../../grammar/attributes.js";
import { ksesAttrParse, ksesKeepsAttribute } from "./kses.js";
import type { LineIndex } from "./positions.js";
import type { Content, HtmlNode, Message, ShortcodeNode, TextNode } from "./types.js";

/** Limits on re-parsing nested content, so that hostile nesting stays linear. */
interface NestingBudget {
  /** Characters of nested content that may still be parsed again. */
  chars: number;
  /** Deepest nesting parsed. */
  maxDepth: number;
}

/** One (sub)document being built. */
export interface BuildInput {
  /** The (sub)document's own text. */
  text: string;
  /** Absolute offset of `text[0]` in the top-level document. */
  base: number;
  lines: LineIndex;
  options: ScanOptions;
  messages: Message[];
  budget: NestingBudget;
  depth: number;
  /**
   * Only what `parseShortcodes()` reads: the shortcodes, and the elements that hold some, with
   * their positions, names, attributes and content; no text nodes, no attribute nodes, no
   * messages, content not parsed again (`children` stays empty).
   */
  shallow: boolean;
  /** The names the document's regex alternates (its pre-filter ran on the whole text); set while building. */
  tagnames?: readonly string[];
  /** The lexer's HTML element tokens of this (sub)document, in source order; set while building. */
  html?: readonly IToken[];
}

const BaseVisitor = shortcodeParser.getBaseCstVisitorConstructor<BuildInput, unknown>();

class AstBuilder extends BaseVisitor {
  constructor() {
    super();
    this.validateVisitor();
  }

  document(children: DocumentCstChildren, input: BuildInput): Content[] {
    // The shortcodes (the CST) and the HTML elements (the lexer's html group), each in source
    // order, merged; the text between them is the lexer's skipped text, which tiles the rest.
    const html = input.html!;
    const shortcodes = children.shortcode ?? [];
    const out: Content[] = [];
    let at = 0;
    let h = 0;
    let s = 0;
    while (h < html.length || s < shortcodes.length) {
      const element = h < html.length ? html[h]! : null;
      const shortcode = s < shortcodes.length ? shortcodes[s]! : null;
      const plan = shortcode ? (shortcode.children.OpenTag[0]!.payload as Plan) : null;
      if (element && (!plan || element.startOffset < plan.start)) {
        if (!input.shallow) {
          if (element.startOffset > at) out.push(textNode(input, at, element.startOffset));
          out.push(htmlNode(input, element));
        } else if (mayHoldShortcodes(element.image)) {
          const node = htmlNode(input, element);
          if (node.children) out.push(node);
        }
        at = element.startOffset + element.image.length;
        h++;
      } else {
        if (plan!.start > at && !input.shallow) out.push(textNode(input, at, plan!.start));
        out.push(this.visit(shortcode!, input) as ShortcodeNode);
        at = plan!.end;
        s++;
      }
    }
    if (at < input.text.length && !input.shallow) out.push(textNode(input, at, input.text.length));
    return out;
  }

  shortcode(children: ShortcodeCstChildren, input: BuildInput): ShortcodeNode {
    const open = children.OpenTag[0]!;
    const plan = open.payload as Plan;
    const { text, base, shallow } = input;
    // Attributes were read by the lexer (one token each); offsets are relative to the attribute text.
    const list: RawAttribute[] = [];
    for (const token of children.Attribute ?? []) {
      const found = token.payload as AttributeMatch;
      if (!shallow) for (const note of found.notes) pushNote(input, note, base + plan.attrStart);
      if (found.attribute) list.push(found.attribute);
    }
    const closed = plan.closerStart !== -1;
    const contentStart = plan.tagEnd + 1;
    const content = closed ? text.slice(contentStart, plan.closerStart) : null;
    let nested: Content[] = [];
    if (content && !shallow) {
      nested = plan.escaped ? [textNode(input, contentStart, plan.closerStart)] : parseNested(input, contentStart, content);
    }
    return {
      type: "shortcode",
      name: plan.name,
      kind: plan.selfClosing ? "self-closing" : closed ? "closed" : "single",
      escaped: plan.escaped,
      attributes: shallow
        ? []
        : list.map((a) => ({
            type: "attribute",
            name: a.name,
            value: a.value,
            quote: a.quote,
            raw: a.raw,
            position: input.lines.position(base + plan.attrStart + a.start, base + plan.attrStart + a.end),
          })),
      attrs: collectAttributes(list),
      opening: text.slice(plan.start, plan.tagEnd + 1),
      closing: closed ? text.slice(plan.closerStart, plan.end) : plan.escaped ? "]" : null,
      content,
      children: nested,
      position: input.lines.position(base + plan.start, base + plan.end),
    };
  }
}

const builder = new AstBuilder();

function textNode(input: BuildInput, start: number, end: number): TextNode {
  return {
    type: "text",
    value: input.text.slice(start, end),
    position: input.lines.position(input.base + start, input.base + end),
  };
}

function pushNote(input: BuildInput, note: ScanNote, shift: number): void {
  input.messages.push({
    reason: note.reason,
    ruleId: note.ruleId,
    severity: note.severity,
    position: input.lines.position(note.start + shift, note.end + shift),
    source: "parse",
  });
}

/** Build the content nodes of `input.text`. */
export function buildDocument(input: BuildInput): Content[] {
  const result = parseToCst(input.text, input.options);
  if (!input.shallow) for (const note of result.context.notes) pushNote(input, note, input.base);
  if (result.lexErrors.length > 0 || result.parseErrors.length > 0) {
    // Cannot happen by construction; if it does, stay lossless and say so.
    const first = result.lexErrors[0]?.message ?? result.parseErrors[0]?.message ?? "";
    input.messages.push({
      reason: `Internal parser error, text kept verbatim: ${first}`,
      ruleId: "internal-error",
      severity: "error",
      position: input.lines.position(input.base, input.base + input.text.length),
      source: "parse",
    });
    return input.text === "" ? [] : [textNode(input, 0, input.text.length)];
  }
  const document = sameShape(input, input.text, input.base, input.options, input.depth);
  document.tagnames = result.context.tagnames;
  document.html = result.html;
  return builder.document(result.cst.children as DocumentCstChildren, document);
}

/**
 * A {@link BuildInput} written out field by field, always with the same fields: object spreads
 * (`{ ...input, text }`) of these made a small body's conversion twice as slow as it is now
 * (measured: 11 → 5.4 µs for a one-line body).
 */
function sameShape(input: BuildInput, text: string, base: number, options: ScanOptions, depth: number): BuildInput {
  return {
    text,
    base,
    lines: input.lines,
    options,
    messages: input.messages,
    budget: input.budget,
    depth,
    shallow: input.shallow,
    tagnames: undefined,
    html: undefined,
  };
}

function parseNested(input: BuildInput, start: number, content: string): Content[] {
  const { budget } = input;
  if (input.depth >= budget.maxDepth || content.length > budget.chars) {
    input.messages.push({
      reason: "Nesting too deep or too large to parse again; content kept as text",
      ruleId: "nesting-limit",
      severity: "info",
      position: input.lines.position(input.base + start, input.base + start + content.length),
      source: "parse",
    });
    return [textNode(input, start, start + content.length)];
  }
  budget.chars -= content.length;
  return buildDocument(
    sameShape(
      input,
      content,
      input.base + start,
      { tags: input.options.tags, compat: input.options.compat, html: true, contentless: input.options.contentless },
      input.depth + 1,
    ),
  );
}

/** Whether WordPress's HTML pass looks into an element: it holds `[` and `]` and is no comment or CDATA. */
function mayHoldShortcodes(value: string): boolean {
  return value.includes("[") && value.includes("]") && !value.startsWith("<!--") && !value.startsWith("<![CDATA[");
}

/**
 * An HTML element; where it holds both `[` and `]`, WordPress's HTML pass: shortcodes
 * in attribute values (and in `<[tag]…` pseudo-elements) are found, and marked
 * `outputDiscarded` where KSES would make core keep the original attribute.
 */
function htmlNode(input: BuildInput, token: IToken): HtmlNode {
  const start = token.startOffset;
  const value = token.image;
  const node: HtmlNode = {
    type: "html",
    value,
    position: input.lines.position(input.base + start, input.base + start + value.length),
  };
  if (!mayHoldShortcodes(value)) return node;
  const segments: Array<{ offset: number; text: string; discard: boolean }> = [];
  const split = ksesAttrParse(value);
  if (!split) {
    if (/^<[ \t\n\v\f\r]*\[\[?[^[\]]+\]/.test(value)) segments.push({ offset: 0, text: value, discard: false });
  } else {
    for (const attr of split.attributes) {
      const open = attr.text.indexOf("[");
      const close = attr.text.indexOf("]");
      if (open === -1 || close === -1) continue;
      const dq = attr.text.indexOf('"');
      const sq = attr.text.indexOf("'");
      const unquoted = (sq === -1 || open < sq) && (dq === -1 || open < dq);
      segments.push({
        offset: attr.offset,
        text: attr.text,
        discard: !unquoted && !ksesKeepsAttribute(attr.text, split.name),
      });
    }
  }
  const children: Array<TextNode | ShortcodeNode> = [];
  let at = 0;
  const outerTagnames = input.tagnames ?? [];
  for (const segment of segments) {
    const found = buildDocument(
      sameShape(
        input,
        segment.text,
        input.base + start + segment.offset,
        { tags: input.options.tags, compat: input.options.compat, html: false, tagnames: outerTagnames, contentless: input.options.contentless },
        input.depth,
      ),
    );
    for (const child of found) {
      if (child.type !== "shortcode") continue;
      child.inHtmlTag = true;
      if (segment.discard) child.outputDiscarded = true;
      const childStart = child.position.start.offset - input.base - start;
      if (childStart > at) children.push(textNode(input, start + at, start + childStart));
      children.push(child);
      at = child.position.end.offset - input.base - start;
    }
  }
  if (children.length === 0) return node;
  if (at < value.length) children.push(textNode(input, start + at, start + value.length));
  node.children = children;
  return node;
}
