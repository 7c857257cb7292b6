/**
 * Tokens of the shortcode grammar, in two lexer modes (plus one for enclosed content):
 *
 * - `text`: free text outside tags. `[` opens a tag only where WordPress would match
 *   one (decided by {@link ScanContext.planAt}); every other character is text.
 * - `tag`: inside an opener, from the name to its `]`: one `Attribute` token per
 *   attribute, read by WordPress's own `shortcode_parse_atts` rules
 *   (src/ast/attributes.ts), then the opener's end (`]`, `/]`, or `]` before content).
 * - `content`: a closed shortcode's content, taken whole up to its `[/name]`; it is
 *   parsed again on its own, as WordPress's nested `do_shortcode($content)` would.
 *
 * Every character of any input belongs to exactly one token, which is what makes the
 * AST lossless.
 *
 * Only a shortcode's own tokens reach the parser. `Html` tokens go to the lexer's `html`
 * group, and plain text (`Text`, a `StrayCloser`) is
 * matched and skipped (Chevrotain's `Lexer.SKIPPED`): text is what lies between the HTML
 * elements and shortcodes, which tile the input with it (src/ast/from-cst.ts). Real bodies are
 * long HTML pages with few shortcodes; a parser step, a CST terminal and a token object for
 * every element and text run were most of the grammar's time.
 */
import type { CustomPatternMatcherFunc, TokenType } from "chevrotain";
import { createToken, Lexer } from "./chevrotain.js";
import { readAttribute } from "./attributes.js";
import { isNameChar, type ScanContext } from "./recognizer.js";

let ctx: ScanContext | null = null;

/** Install the context the custom matchers read (the lexer is synchronous). */
export function setScanContext(next: ScanContext | null): void {
  ctx = next;
}

function matched(image: string, payload?: unknown): ReturnType<CustomPatternMatcherFunc> {
  const result = [image] as [string] & { payload?: unknown };
  if (payload !== undefined) result.payload = payload;
  return result;
}

const matchOpenTag: CustomPatternMatcherFunc = (text, offset) => {
  if (!ctx || text.charCodeAt(offset) !== 0x5b) return null;
  const plan = ctx.planAt(offset);
  if (!plan) return null;
  ctx.plan = plan;
  return matched(text.slice(offset, plan.nameStart + plan.name.length), plan);
};

const matchStrayCloser: CustomPatternMatcherFunc = (text, offset) => {
  if (!ctx || text.charCodeAt(offset) !== 0x5b || text.charCodeAt(offset + 1) !== 0x2f) return null;
  let end = offset + 2;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  if (end === offset + 2 || text.charCodeAt(end) !== 0x5d) return null;
  const name = text.slice(offset + 2, end);
  if (!ctx.isKnownCloser(name)) return null;
  ctx.note({
    ruleId: "stray-closer",
    severity: !ctx.all || ctx.hasOpenerOf(name) ? "warning" : "info",
    reason: `\`[/${name}]\` closes no open \`[${name}]\`; kept as text`,
    start: offset,
    end: end + 1,
  });
  return matched(text.slice(offset, end + 1));
};

const matchTagEnd: CustomPatternMatcherFunc = (_text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset !== plan.tagEnd || plan.selfClosing || plan.closerStart !== -1) return null;
  return matched("]");
};

const matchTagEndOpen: CustomPatternMatcherFunc = (_text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset !== plan.tagEnd || plan.closerStart === -1) return null;
  return matched("]");
};

const matchSelfCloseEnd: CustomPatternMatcherFunc = (_text, offset) => {
  const plan = ctx?.plan;
  if (!plan || !plan.selfClosing || offset !== plan.tagEnd - 1) return null;
  return matched("/]");
};

const matchContent: CustomPatternMatcherFunc = (text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset >= plan.closerStart) return null;
  return matched(text.slice(offset, plan.closerStart));
};

const matchCloseTag: CustomPatternMatcherFunc = (text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset !== plan.closerStart) return null;
  return matched(text.slice(offset, plan.closerEnd));
};

const matchEscapeEnd: CustomPatternMatcherFunc = (_text, offset) => {
  const plan = ctx?.plan;
  if (!plan || !plan.escaped || offset !== plan.end - 1) return null;
  ctx!.plan = null;
  return matched("]");
};

/** An HTML element in text mode, where the context's split says one starts. */
const matchHtml: CustomPatternMatcherFunc = (text, offset) => {
  if (!ctx || !ctx.options.html) return null;
  const end = ctx.elementStartingAt(offset);
  if (end === -1) return null;
  return matched(text.slice(offset, end));
};

/**
 * One attribute inside an opener (with the white space before it), read by WordPress's
 * own rules (src/ast/attributes.ts); payload: what was read. Only between the name and
 * the opener's planned end.
 */
const matchAttribute: CustomPatternMatcherFunc = (text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset < plan.attrStart || offset >= plan.attrEnd) return null;
  const found = readAttribute(plan.attrText, offset - plan.attrStart, ctx!.options.compat, plan.name, plan.textured);
  return matched(text.slice(offset, plan.attrStart + found.end), found);
};

/**
 * Every UTF-16 code unit but `except`: the `start_chars_hint` of a token that may start anywhere
 * else. With a hint on every token of a mode, Chevrotain's lexer indexes the mode's tokens by the
 * first character and tries at each offset only those that can start there (its "first char
 * optimization"; the lexer is built with `ensureOptimizations`, so a token without a hint fails
 * at start-up). Without it every matcher of the mode was called at every token, and the text
 * mode's regex for plain text (a complement set) could not be analysed.
 */
function anyCharBut(...except: string[]): number[] {
  const skip = new Set(except.map((c) => c.charCodeAt(0)));
  const codes: number[] = [];
  for (let code = 0; code <= 0xffff; code++) if (!skip.has(code)) codes.push(code);
  return codes;
}

/** The lexer group that collects {@link Html} tokens (`tokenize(…).groups[HTML_GROUP]`). */
export const HTML_GROUP = "html";

// ---- text mode -------------------------------------------------------------------------

/** `[name` or `[[name`: an opener WordPress matches here (payload: its plan). */
export const OpenTag = createToken({
  name: "OpenTag",
  pattern: { exec: matchOpenTag },
  line_breaks: false,
  start_chars_hint: ["["],
  push_mode: "tag",
});
/** The `]` after an escaped shortcode's `[/name]` or single opener. */
export const EscapeEnd = createToken({
  name: "EscapeEnd",
  pattern: { exec: matchEscapeEnd },
  line_breaks: false,
  start_chars_hint: ["]"],
});
/** A `[/name]` that closes nothing (text; its matcher reports it). */
const StrayCloser = createToken({
  name: "StrayCloser",
  pattern: { exec: matchStrayCloser },
  line_breaks: false,
  start_chars_hint: ["["],
  group: Lexer.SKIPPED,
});
/** An HTML element, comment or CDATA section, split as `wp_html_split()` does. */
const Html = createToken({
  name: "Html",
  pattern: { exec: matchHtml },
  line_breaks: true,
  start_chars_hint: ["<"],
  group: HTML_GROUP,
});
/**
 * Plain text: a run of characters up to the next `[` or `<`, or a `[` or `<` that opens
 * nothing (the tokens above are tried there first) with the run after it. Skipped: text is the
 * gaps between shortcodes and elements. Every `[` still starts a token, so the opener, stray
 * closer and escape matchers are tried at each one; a hostile `[[[[…` is one `[` per token,
 * each rejected at once (its name would start with `[`).
 */
const Text = createToken({ name: "Text", pattern: /[\s\S][^[<]*/, line_breaks: true, start_chars_hint: anyCharBut(), group: Lexer.SKIPPED });

// ---- tag mode --------------------------------------------------------------------------

/** The `]` that ends a single opener. */
export const TagEnd = createToken({
  name: "TagEnd",
  pattern: { exec: matchTagEnd },
  line_breaks: false,
  start_chars_hint: ["]"],
  pop_mode: true,
});
/** The `]` that ends an opener whose `[/name]` follows later: content comes next. */
export const TagEndOpen = createToken({
  name: "TagEndOpen",
  pattern: { exec: matchTagEndOpen },
  line_breaks: false,
  start_chars_hint: ["]"],
  pop_mode: true,
  push_mode: "content",
});
/** `/]`: a self-closing opener's end. */
export const SelfCloseEnd = createToken({
  name: "SelfCloseEnd",
  pattern: { exec: matchSelfCloseEnd },
  line_breaks: false,
  start_chars_hint: ["/"],
  pop_mode: true,
});
/** One attribute, with the white space before it (payload: {@link readAttribute}'s result). */
export const Attribute = createToken({
  name: "Attribute",
  pattern: { exec: matchAttribute },
  line_breaks: true,
  start_chars_hint: anyCharBut(),
});

// ---- content mode ----------------------------------------------------------------------

/** A closed shortcode's content, up to its `[/name]`. */
export const Content = createToken({
  name: "Content",
  pattern: { exec: matchContent },
  line_breaks: true,
  start_chars_hint: anyCharBut(),
});
/** `[/name]` closing the shortcode being lexed. */
export const CloseTag = createToken({
  name: "CloseTag",
  pattern: { exec: matchCloseTag },
  line_breaks: false,
  start_chars_hint: ["["],
  pop_mode: true,
});

export const textModeTokens: TokenType[] = [OpenTag, EscapeEnd, StrayCloser, Html, Text];
export const tagModeTokens: TokenType[] = [TagEnd, TagEndOpen, SelfCloseEnd, Attribute];
export const contentModeTokens: TokenType[] = [CloseTag, Content];

/** Every token type, for the parser. */
export const allTokens: TokenType[] = [...new Set([...textModeTokens, ...tagModeTokens, ...contentModeTokens])];
