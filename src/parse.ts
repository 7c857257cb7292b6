import type { Compat } from "../grammar/index.js";
import { assertTagNames } from "../grammar/tag-name.js";
import { buildDocument } from "./ast/from-cst.js";
import { LineIndex } from "./ast/positions.js";
import type { Attributes, Content, Message, Position, RootNode, ShortcodeKind, ShortcodeNode } from "./ast/types.js";
import { DEFAULT_CONTENTLESS, DEFAULT_TAGS } from "./defaults.js";

/** Options of {@link parse} and {@link parseShortcodes}. */
export interface ParseOptions {
  /**
   * Registered tag names (in registration order, as WordPress tries them), or `"all"`
   * to recognise any name WordPress would accept (what a scan of an unknown corpus needs).
   * (default: the related-news box's, `["old_news_related_template"]`)
   */
  tags?: readonly string[] | "all";
  /**
   * `"wordpress"` reproduces core (6.5+) exactly; `"repair"` also recovers what real
   * archives contain and core misreads, reporting every repair. (default: `"repair"`)
   */
  compat?: Compat;
  /**
   * Repair mode: tags whose rule never takes content. A `[/name]` of one closes the nearest
   * opener before it instead of the first, so an unclosed opener cannot swallow the text up to
   * a later box's closer (reported as `repaired-unclosed-opener`). No effect in `"wordpress"` mode.
   * (default: `["old_news_related_template"]`)
   */
  contentless?: readonly string[];
}

/** What {@link parse} returns. */
export interface ParseResult {
  tree: RootNode;
  messages: Message[];
}

/** A top-level shortcode, in the shape WordPress's callbacks see it. */
export interface ShortcodeInfo {
  tag: string;
  attrs: Attributes;
  /** Enclosed text for `closed`, else `null`. */
  content: string | null;
  kind: ShortcodeKind;
  escaped: boolean;
  /** Exact source text; for an escaped `[[x]]` both outer brackets are included. */
  raw: string;
  position: Position;
  inHtmlTag?: boolean;
  outputDiscarded?: boolean;
}

/**
 * Parse a body into a lossless, positioned AST. Never throws on any string: problems
 * become messages. `print(parse(x).tree) === x` for every `x`.
 *
 * @param text The body.
 * @param options Tags and compatibility mode (defaults: `["old_news_related_template"]`, `"repair"`).
 * @returns The tree and the diagnostics, in source order.
 * @throws TypeError for options that are not valid: a `compat` other than the two, or a tag name
 *   WordPress's add_shortcode() refuses (empty, white space, control characters, `& / < > [ ] =`).
 */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const { tree, messages } = parseWithLines(text, options);
  return { tree, messages };
}

/**
 * {@link parse}, with the body's line index (the converter places its own messages with the
 * same one instead of building a second).
 */
export function parseWithLines(text: string, options: ParseOptions = {}): ParseResult & { lines: LineIndex } {
  return build(text, options, false);
}

/** {@link parseWithLines}; `shallow`: only what {@link parseShortcodes} reads (see `BuildInput.shallow`). */
function build(text: string, options: ParseOptions, shallow: boolean): ParseResult & { lines: LineIndex } {
  const tags = options.tags ?? DEFAULT_TAGS;
  const compat = options.compat ?? "repair";
  if (compat !== "wordpress" && compat !== "repair") {
    throw new TypeError(`compat must be "wordpress" or "repair", got ${JSON.stringify(compat)}`);
  }
  if (tags !== "all") assertTagNames(tags);
  const lines = new LineIndex(text);
  const messages: Message[] = [];
  const children = buildDocument({
    text,
    base: 0,
    lines,
    options: { tags, compat, html: true, contentless: contentlessSet(options.contentless ?? DEFAULT_CONTENTLESS) },
    messages,
    // Nested content is parsed again; cap the total so hostile nesting stays linear.
    budget: { chars: 4 * text.length + 65_536, maxDepth: 32 },
    depth: 0,
    tagnames: undefined,
    html: undefined,
    shallow,
  });
  messages.sort((a, b) => a.position.start.offset - b.position.start.offset);
  return { tree: { type: "root", children, position: lines.position(0, text.length) }, messages, lines };
}

/** Sets by list: a conversion passes its registry's one list for every body. */
const contentlessSets = new WeakMap<readonly string[], ReadonlySet<string> | undefined>();

function contentlessSet(names: readonly string[]): ReadonlySet<string> | undefined {
  if (!contentlessSets.has(names)) contentlessSets.set(names, names.length ? new Set(names) : undefined);
  return contentlessSets.get(names);
}

/**
 * The top-level shortcodes of a body in source order, as WordPress's top-level pass
 * finds them (including those inside HTML tags, flagged `inHtmlTag`).
 *
 * @param text The body.
 * @param options As for {@link parse}.
 */
export function parseShortcodes(text: string, options: ParseOptions = {}): ShortcodeInfo[] {
  const out: ShortcodeInfo[] = [];
  const visit = (nodes: readonly Content[]): void => {
    for (const node of nodes) {
      if (node.type === "shortcode") out.push(toInfo(text, node));
      else if (node.type === "html" && node.children) visit(node.children);
    }
  };
  // The same grammar run as parse(), building only the top level: shortcodes and the elements
  // holding some (tests/grammar/parse-shortcodes.test.ts: equal to walking parse()'s tree).
  visit(build(text, options, true).tree.children);
  return out;
}

function toInfo(text: string, node: ShortcodeNode): ShortcodeInfo {
  const info: ShortcodeInfo = {
    tag: node.name,
    attrs: node.attrs,
    content: node.content,
    kind: node.kind,
    escaped: node.escaped,
    raw: text.slice(node.position.start.offset, node.position.end.offset),
    position: node.position,
  };
  if (node.inHtmlTag) info.inHtmlTag = true;
  if (node.outputDiscarded) info.outputDiscarded = true;
  return info;
}
