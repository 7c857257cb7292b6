/**
 * The shortcode-migrate AST: plain data, unist-style, every node positioned.
 *
 * Invariant (tested): `print(parse(x).tree) === x` for every string `x`.
 * Offsets, lines and columns count UTF-16 code units (JavaScript string
 * indices), as unist and vfile do; `\r\n`, `\n` and a lone `\r` each end a line.
 */

/** One place in the source: 1-based line and column, 0-based offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A span of the source; `end` is exclusive (the point after the last character). */
export interface Position {
  start: Point;
  end: Point;
}

/** Plain text, kept exactly as it appears in the source. */
export interface TextNode {
  type: "text";
  value: string;
  position: Position;
}

/**
 * An HTML element, comment or CDATA section, split the way WordPress's
 * `wp_html_split()` does. `value` is its exact source text. When shortcodes
 * were found inside the element (WordPress's `do_shortcodes_in_html_tags()`),
 * `children` segments `value` into text and shortcode nodes (`inHtmlTag: true`).
 */
export interface HtmlNode {
  type: "html";
  value: string;
  children?: Array<TextNode | ShortcodeNode>;
  position: Position;
}

/** How a shortcode is written. */
export type ShortcodeKind = "self-closing" | "closed" | "single";

/** The quote style an attribute value was written with. */
export type QuoteStyle = "double" | "single" | "none" | "texturized";

/** One attribute as written in the opener, with its decoded value. */
export interface AttributeNode {
  type: "attribute";
  /** Lower-cased name, or `null` for a positional value. */
  name: string | null;
  /** The value after WordPress's decoding (NBSP/ZWSP → space, `stripcslashes`, …). */
  value: string;
  quote: QuoteStyle;
  /** Exact source text of this attribute. */
  raw: string;
  position: Position;
}

/** Attributes the way WordPress hands them to a callback: named (last wins) and positional. */
export interface Attributes {
  named: Record<string, string>;
  positional: string[];
}

/**
 * A recognised shortcode. Printing it gives `opening + print(children) + (closing ?? "")`.
 */
export interface ShortcodeNode {
  type: "shortcode";
  /** The tag name as written (WordPress matches names case-sensitively). */
  name: string;
  kind: ShortcodeKind;
  /** `[[tag]]`: WordPress prints it literally without the outer brackets and never runs it. */
  escaped: boolean;
  /** Found inside an HTML tag by WordPress's HTML pass. */
  inHtmlTag?: boolean;
  /** Inside an HTML attribute that WordPress's KSES rejects: core keeps the original text. */
  outputDiscarded?: boolean;
  attributes: AttributeNode[];
  attrs: Attributes;
  /** Exact source of the opener, from `[` (or `[[` when escaped) through its `]`. */
  opening: string;
  /** Exact source of `[/tag]` (plus the escaping `]`), `"]"` for an escaped non-closed tag, else `null`. */
  closing: string | null;
  /** The enclosed source text for `closed`, else `null`. */
  content: string | null;
  /** `content` parsed as WordPress's nested `do_shortcode($content)` would see it. */
  children: Content[];
  position: Position;
}

/** Anything that can stand in a root or in a shortcode's content. */
export type Content = TextNode | HtmlNode | ShortcodeNode;

/** The whole document. */
export interface RootNode {
  type: "root";
  children: Content[];
  position: Position;
}

export type Node = RootNode | Content | AttributeNode;

/** How sure we are that something is wrong. */
export type Severity = "error" | "warning" | "info";

/** A positioned diagnostic. */
export interface Message {
  reason: string;
  ruleId: string;
  severity: Severity;
  position: Position;
  /** Where it came from (`"parse"`, `"convert"`, a rule name …). */
  source?: string;
}
