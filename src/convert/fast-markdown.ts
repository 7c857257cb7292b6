/**
 * A fast path for remark-stringify, for the plain shapes most articles are made of:
 * paragraphs, ATX headings, block quotes and raw HTML, holding text, breaks, links,
 * images, strong and emphasis, with text whose escaping does not depend on context.
 *
 * It returns exactly what remark-stringify (with {@link STRINGIFY_OPTIONS}) returns for
 * those trees — proven by tests against remark-stringify itself over generated trees and
 * every fixture — and `null` for anything else, which then goes to remark-stringify.
 * Unlike remark-stringify it does no general pattern matching, which made it most of a
 * conversion's time (about 220 µs of 400 µs on a seed-sized article).
 */
import type { Code, Parent, PhrasingContent, Root, RootContent } from "mdast";
import { classifyCharacter } from "micromark-util-classify-character";
import { hasLineEnd } from "./text.js";

/** Thrown inside the fast path when a node or text needs remark-stringify. */
class Unsupported extends Error {
  constructor(readonly why = "") {
    super(why);
  }
}

/** Characters whose escaping depends on context anywhere in a line: leave those texts to remark. */
const CONTEXTUAL = /[\\`*_[\]<>|~\t\n\r]|&$/;
/** Where a line starts, these may begin a block construct (or a GFM table's delimiter row, `:-`) and get escaped. */
const RISKY_LINE_START = /^(?:[ \t\-+*=>#~`]|:-|\d+[.)])/;
/** URL characters remark-stringify writes as they are in a destination (but `&`, see {@link escapeAmpersands}). */
const PLAIN_URL = /^[A-Za-z0-9\-._~:/?#@%+=,;&]+$/;

/**
 * remark-stringify's text for a run of a root's blocks, as it writes them inside the whole root
 * (joined by blank lines, no final line end); `null` when it cannot tell.
 */
export type RemarkBlocks = (blocks: RootContent[]) => string | null;

/**
 * Serialize `tree` as remark-stringify would, or return `null` when the tree has a
 * shape the fast path does not handle. With `remark`, a block of the root the fast path does not
 * handle is written by it alone (one odd block no longer sends the whole body to remark).
 */
export function fastMarkdown(tree: Root, remark?: RemarkBlocks): string | null {
  try {
    const out = remark ? rootFlow(tree.children, remark) : flow(tree.children);
    // (the last character, not `/[\r\n]$/`: a regex anchored at the end still scans from the start)
    const last = out.charCodeAt(out.length - 1);
    return out === "" || last === 0x0a || last === 0x0d ? out : `${out}\n`;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function flow(children: readonly RootContent[]): string {
  let out = "";
  for (let i = 0; i < children.length; i++) {
    if (i > 0) out += "\n\n";
    out += block(children[i]!);
  }
  return out;
}

/**
 * Node types mdast-util-phrasing counts as phrasing: one of them among the root's children makes
 * remark-stringify write the whole root as phrasing, not block by block.
 */
const PHRASING = new Set([
  "break",
  "delete",
  "emphasis",
  "footnote",
  "footnoteReference",
  "image",
  "imageReference",
  "inlineCode",
  "inlineMath",
  "link",
  "linkReference",
  "mdxJsxTextElement",
  "mdxTextExpression",
  "strong",
  "text",
  "textDirective",
]);

/**
 * The root's blocks, each by the fast path or else by remark-stringify alone. mdast-util-to-markdown
 * writes a root's blocks independently (each with a line end before and after), joined by a blank
 * line (its only other join, for indented code after a list, needs `fences: false`), except that
 * a list right after a list takes the other bullet: a run of lists goes to remark together.
 */
function rootFlow(children: readonly RootContent[], remark: RemarkBlocks): string {
  for (let i = 0; i < children.length; i++) if (PHRASING.has(children[i]!.type)) throw new Unsupported("phrasing at the root");
  let out = "";
  for (let i = 0; i < children.length; i++) {
    if (i > 0) out += "\n\n";
    const node = children[i]!;
    let written: string | null = null;
    if (node.type !== "list") {
      try {
        written = block(node);
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
      }
    }
    if (written === null) {
      let end = i + 1;
      if (node.type === "list") while (end < children.length && children[end]!.type === "list") end++;
      written = remark(children.slice(i, end));
      if (written === null) throw new Unsupported("remark block");
      i = end - 1;
    }
    out += written;
  }
  return out;
}

function block(node: RootContent): string {
  switch (node.type) {
    case "paragraph":
      if (node.children.length === 0) throw new Unsupported("empty paragraph");
      // A link alone in its paragraph whose text is its URL (an embed): remark writes `<url>`.
      if (node.children.length === 1 && isPlainAutolink(node.children[0]!)) return `<${(node.children[0] as { url: string }).url}>`;
      return phrasing(node, false);
    case "heading": {
      if (node.children.length === 0 || node.children.some((c) => c.type === "break")) throw new Unsupported("empty heading or break in heading");
      const content = phrasing(node, true);
      return `${"#".repeat(node.depth)} ${content}`;
    }
    case "blockquote":
      if (node.children.length === 0) throw new Unsupported("empty blockquote");
      return quoteLines(flow(node.children));
    case "html":
      if (node.value === "" || hasLineEnd(node.value)) throw new Unsupported("multi-line or empty html");
      return node.value;
    case "thematicBreak":
      return "---";
    case "code":
      return codeBlock(node);
    default:
      throw new Unsupported("block type");
  }
}

/** A code block's language remark-stringify writes as it is. */
const PLAIN_LANGUAGE = /^[A-Za-z0-9]+$/;

/**
 * A fenced code block as remark-stringify writes it (`fences: true`): a fence of backticks longer
 * than any run in the code (three at least), the language, the code unescaped. A carriage return
 * is left to remark (a block quote around the block splits lines at it).
 */
function codeBlock(node: Code): string {
  const raw = node.value;
  if ((node.lang && (node.meta || !PLAIN_LANGUAGE.test(node.lang))) || raw.includes("\r")) throw new Unsupported("code language, meta or line end");
  let longest = 0;
  for (let at = raw.indexOf("`"); at !== -1;) {
    let end = at + 1;
    while (raw.charCodeAt(end) === 0x60) end++;
    if (end - at > longest) longest = end - at;
    at = raw.indexOf("`", end);
  }
  const fence = "`".repeat(Math.max(longest + 1, 3));
  return `${fence}${node.lang ?? ""}\n${raw ? `${raw}\n` : ""}${fence}`;
}

/** An http(s) URL of characters that nothing escapes inside `<…>` (no `&`, `\\`, `*`, quotes or brackets). */
const AUTOLINK_URL = /^https?:\/\/[A-Za-z0-9\-._~:/?#@%+=,;]+$/;

/** A link remark-stringify writes as an autolink, with a URL {@link AUTOLINK_URL} accepts. */
function isPlainAutolink(node: PhrasingContent): boolean {
  if (node.type !== "link" || node.title || node.children.length !== 1) return false;
  const only = node.children[0]!;
  return only.type === "text" && only.value === node.url && AUTOLINK_URL.test(node.url);
}

/** Every line behind `> ` (an empty one behind `>`), as remark-stringify writes a block quote. */
function quoteLines(inner: string): string {
  let out = "";
  for (let start = 0; ;) {
    const end = inner.indexOf("\n", start);
    const line = end === -1 ? inner.slice(start) : inner.slice(start, end);
    out += line === "" ? ">" : `> ${line}`;
    if (end === -1) return out;
    out += "\n";
    start = end + 1;
  }
}

function phrasing(parent: Parent, heading: boolean): string {
  const children = parent.children as PhrasingContent[];
  let attention = false;
  for (let i = 0; i < children.length && !attention; i++) attention = isAttention(children[i]);
  // One place, updated per child: inline() reads it before it recurses and never after (an
  // object per child was most of this function's garbage).
  const place: Place = { lineStart: true, afterBreak: false, lineEnd: true, next: undefined, heading };
  const at = (i: number): void => {
    // (no children[-1] or children[length]: out-of-range reads are slow property lookups)
    const prev = i > 0 ? children[i - 1] : undefined;
    const next = i + 1 < children.length ? children[i + 1] : undefined;
    place.lineStart = prev === undefined || prev.type === "break";
    place.lineEnd = next === undefined || next.type === "break";
    place.afterBreak = prev !== undefined && prev.type === "break";
    place.next = next;
  };
  if (!attention) {
    let out = "";
    for (let i = 0; i < children.length; i++) {
      at(i);
      out += inline(children[i]!, place);
    }
    return out;
  }
  const outputs: string[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (isAttention(child)) outputs.push("");
    else {
      at(i);
      outputs.push(inline(child, place));
    }
  }
  // Attention needs its neighbours' characters: the same test remark-stringify's
  // `encodeInfo` makes, accepting only the cases where it changes nothing.
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (!isAttention(child)) continue;
    if ((i > 0 && isAttention(children[i - 1])) || (i + 1 < children.length && isAttention(children[i + 1]))) throw new Unsupported("adjacent attention");
    const inner = phrasing(child, heading);
    if (inner === "" || child.children.some(isAttention)) throw new Unsupported("nested attention");
    const marker = child.type === "strong" ? "**" : "_";
    const before = i === 0 ? "\n" : outputs[i - 1]!;
    const after = i === children.length - 1 ? "\n" : outputs[i + 1]!;
    if (!attentionStaysPlain(before.charCodeAt(before.length - 1), inner.charCodeAt(0), marker)) throw new Unsupported("attention open");
    if (!attentionStaysPlain(after.charCodeAt(0), inner.charCodeAt(inner.length - 1), marker)) throw new Unsupported("attention close");
    outputs[i] = marker + inner + marker;
  }
  return outputs.join("");
}

function isAttention(node: PhrasingContent | undefined): node is Extract<PhrasingContent, { type: "strong" | "emphasis" }> {
  return node !== undefined && (node.type === "strong" || node.type === "emphasis");
}

/**
 * `encodeInfo(outside, inside, marker)` of mdast-util-to-markdown returns no encoding:
 * nothing inside is white space; a letter outside needs a letter inside (and not `_`).
 */
function attentionStaysPlain(outside: number, inside: number, marker: string): boolean {
  const outsideKind = classify(outside);
  const insideKind = classify(inside);
  if (insideKind === 1) return false;
  if (outsideKind === undefined) return insideKind === undefined && marker !== "_";
  return true;
}

/** {@link classifyCharacter}'s answers by UTF-16 code unit, filled as met (-1: not yet; 0: `undefined`). */
const CLASSES = new Int8Array(0x10000).fill(-1);

/** {@link classifyCharacter}, remembered per code unit: it tests two regular expressions on every call. */
function classify(code: number): number | undefined {
  if (!(code >= 0 && code <= 0xffff)) return classifyCharacter(code);
  let known = CLASSES[code]!;
  if (known === -1) CLASSES[code] = known = classifyCharacter(code) ?? 0;
  return known === 0 ? undefined : known;
}

interface Place {
  lineStart: boolean;
  afterBreak: boolean;
  lineEnd: boolean;
  next: PhrasingContent | undefined;
  heading: boolean;
}

function inline(node: PhrasingContent, place: Place): string {
  switch (node.type) {
    case "text":
      return text(node.value, place);
    case "break":
      // A break at either end of a line, or two in a row, is written differently by remark.
      if (place.heading || place.lineStart || place.lineEnd) throw new Unsupported("break at a line's edge");
      return "\\\n";
    case "html":
      if (node.value === "" || hasLineEnd(node.value)) throw new Unsupported("multi-line or empty inline html");
      // After a break remark joins the line to keep the HTML inline: leave that to remark.
      if (place.afterBreak) throw new Unsupported("inline html after a break");
      return node.value;
    case "keptShortcode":
      // verbatim, like html, but never joined to the line before (see stringify.ts)
      if (node.value === "" || hasLineEnd(node.value)) throw new Unsupported("multi-line or empty kept shortcode");
      return node.value;
    case "link": {
      if (node.title || !PLAIN_URL.test(node.url) || node.children.length === 0) throw new Unsupported("link with title or unusual url");
      if (node.children.length === 1 && node.children[0]!.type === "text") {
        const raw = node.children[0].value;
        // remark-stringify writes `<url>` autolinks for these.
        if ((raw === node.url || `mailto:${raw}` === node.url) && /^[a-z][+\-.a-z]+:/i.test(node.url)) throw new Unsupported("autolink");
      }
      return `[${phrasing(node, place.heading)}](${escapeAmpersands(node.url)})`;
    }
    case "image":
      if (node.title || !PLAIN_URL.test(node.url)) throw new Unsupported("image with title or unusual url");
      return `![${node.alt ? text(node.alt, { ...place, lineStart: false, afterBreak: false, lineEnd: false, next: undefined }) : ""}](${escapeAmpersands(node.url)})`;
    default:
      throw new Unsupported("inline type");
  }
}

/**
 * Any character {@link CONTEXTUAL} or {@link escapeAmpersands} looks for: prose has none in most
 * texts, and then one scan answers for both (they were two scans of every text).
 */
const CONTEXTUAL_OR_AMPERSAND = /[\\`*_[\]<>|~\t\n\r&]/;

function text(value: string, place: Place): string {
  if (value === "") throw new Unsupported("contextual character");
  const plain = !CONTEXTUAL_OR_AMPERSAND.test(value);
  if (!plain && CONTEXTUAL.test(value)) throw new Unsupported("contextual character");
  if (place.lineStart && RISKY_LINE_START.test(value)) throw new Unsupported("risky line start");
  if (place.lineEnd && (value.endsWith(" ") || value.endsWith("\t"))) throw new Unsupported("trailing white space");
  if (place.heading && value.includes("#")) throw new Unsupported("# in heading");
  // `(` right after a `]` (of a link, an image or kept HTML) would start a link destination.
  if (value.startsWith("(") && !place.lineStart) throw new Unsupported("( after a node");
  // `!` before a link or image would start an image.
  if (value.endsWith("!") && place.next !== undefined) throw new Unsupported("! before a node");
  return plain ? value : escapeAmpersands(value);
}

/** `&` before a letter or `#` could read as a character reference: remark escapes it, in text and URLs alike. */
function escapeAmpersands(value: string): string {
  return value.includes("&") ? value.replace(/&(?=[#A-Za-z])/g, "\\&") : value;
}
