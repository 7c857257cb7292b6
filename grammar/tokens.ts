/**
 * Tokens of the shortcode grammar, in two lexer modes (plus one for enclosed content):
 *
 * - `text`: free text outside tags. `[` opens a tag only where WordPress would match
 *   one (decided by {@link ScanContext.planAt}); every other character is text.
 * - `tag`: inside an opener, from the name to its `]`: white space, names, `=`, quotes,
 *   `/`, and stray brackets. The attribute values themselves are read from the
 *   opener's text by WordPress's own `shortcode_parse_atts` rules (src/ast/attributes.ts).
 * - `content`: a closed shortcode's content, taken whole up to its `[/name]`; it is
 *   parsed again on its own, as WordPress's nested `do_shortcode($content)` would.
 *
 * Every character of any input belongs to exactly one token, which is what makes the
 * AST lossless.
 */
import { createToken, type CustomPatternMatcherFunc, type TokenType } from "chevrotain";
import { isNameChar, type ScanContext } from "./context.js";

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
  if (!ctx || text.charCodeAt(offset + 1) !== 0x2f) return null;
  let end = offset + 2;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  if (end === offset + 2 || text.charCodeAt(end) !== 0x5d) return null;
  const name = text.slice(offset + 2, end);
  if (!ctx.isKnownCloser(name)) return null;
  ctx.note({
    ruleId: "stray-closer",
    severity: ctx.all ? "info" : "warning",
    reason: `\`[/${name}]\` closes no open \`[${name}]\`; kept as text`,
    start: offset,
    end: end + 1,
  });
  return matched(text.slice(offset, end + 1));
};

const matchTagEnd: CustomPatternMatcherFunc = (text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset !== plan.tagEnd || plan.selfClosing || plan.closerStart !== -1) return null;
  return matched("]");
};

const matchTagEndOpen: CustomPatternMatcherFunc = (text, offset) => {
  const plan = ctx?.plan;
  if (!plan || offset !== plan.tagEnd || plan.closerStart === -1) return null;
  return matched("]");
};

const matchSelfCloseEnd: CustomPatternMatcherFunc = (text, offset) => {
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

const matchEscapeEnd: CustomPatternMatcherFunc = (text, offset) => {
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

/** An HTML element inside an opener: only when it ends before the opener does. */
const matchHtmlInTag: CustomPatternMatcherFunc = (text, offset) => {
  if (!ctx || !ctx.options.html || !ctx.plan) return null;
  const end = ctx.elementStartingAt(offset);
  if (end === -1 || end > ctx.plan.tagEnd) return null;
  return matched(text.slice(offset, end));
};

/**
 * A quoted run inside an opener, closed before the opener's `]`: one token instead of
 * one per word. The next quote is cached so that unclosed quotes stay linear.
 */
function quotedRun(quote: string): CustomPatternMatcherFunc {
  let cacheFrom = -1;
  let cacheAt = -1;
  let cacheText = "";
  return (text, offset) => {
    const plan = ctx?.plan;
    if (!plan || text[offset] !== quote) return null;
    if (cacheText !== text || cacheAt <= offset || cacheFrom > offset) {
      cacheText = text;
      cacheFrom = offset;
      cacheAt = text.indexOf(quote, offset + 1);
      if (cacheAt === -1) cacheAt = text.length;
    }
    if (cacheAt >= plan.tagEnd) return null;
    return matched(text.slice(offset, cacheAt + 1));
  };
}

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
/** A `[/name]` that closes nothing. */
export const StrayCloser = createToken({
  name: "StrayCloser",
  pattern: { exec: matchStrayCloser },
  line_breaks: false,
  start_chars_hint: ["["],
});
/** An HTML element, comment or CDATA section, split as `wp_html_split()` does. */
export const Html = createToken({
  name: "Html",
  pattern: { exec: matchHtml },
  line_breaks: true,
  start_chars_hint: ["<"],
});
/** All but the last two of a run of `[`: no match can start there (hostile `[[[[…` stays a few tokens). */
export const LBracketRun = createToken({ name: "LBracketRun", pattern: /\[+(?=\[\[)/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const LessThan = createToken({ name: "LessThan", pattern: /</ });
export const Text = createToken({ name: "Text", pattern: /[^[<]+/, line_breaks: true });

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
export const HtmlInTag = createToken({
  name: "HtmlInTag",
  pattern: { exec: matchHtmlInTag },
  line_breaks: true,
  start_chars_hint: ["<"],
});
export const Whitespace = createToken({
  name: "Whitespace",
  pattern: /[ \t\n\r\f\v\u00a0\u200b]+/,
  line_breaks: true,
});
export const Equals = createToken({ name: "Equals", pattern: /=/ });
/** `"…"` inside an opener (may hold `]` only in repair mode, where the opener ends later). */
export const DoubleQuoted = createToken({
  name: "DoubleQuoted",
  pattern: { exec: quotedRun('"') },
  line_breaks: true,
  start_chars_hint: ['"'],
});
export const SingleQuoted = createToken({
  name: "SingleQuoted",
  pattern: { exec: quotedRun("'") },
  line_breaks: true,
  start_chars_hint: ["'"],
});
export const DoubleQuote = createToken({ name: "DoubleQuote", pattern: /"/ });
export const SingleQuote = createToken({ name: "SingleQuote", pattern: /'/ });
export const Slash = createToken({ name: "Slash", pattern: /\// });
export const Word = createToken({
  name: "Word",
  pattern: /[^ \t\n\r\f\v\u00a0\u200b"'=/[\]<]+/,
  line_breaks: true,
});
export const TagLBracket = createToken({ name: "TagLBracket", pattern: /\[/ });
export const TagRBracket = createToken({ name: "TagRBracket", pattern: /]/ });
export const TagLessThan = createToken({ name: "TagLessThan", pattern: /</ });

// ---- content mode ----------------------------------------------------------------------

/** A closed shortcode's content, up to its `[/name]`. */
export const Content = createToken({
  name: "Content",
  pattern: { exec: matchContent },
  line_breaks: true,
});
/** `[/name]` closing the shortcode being lexed. */
export const CloseTag = createToken({
  name: "CloseTag",
  pattern: { exec: matchCloseTag },
  line_breaks: false,
  start_chars_hint: ["["],
  pop_mode: true,
});

export const textModeTokens: TokenType[] = [OpenTag, EscapeEnd, StrayCloser, Html, LBracketRun, LBracket, LessThan, Text];
export const tagModeTokens: TokenType[] = [
  TagEnd,
  TagEndOpen,
  SelfCloseEnd,
  HtmlInTag,
  Whitespace,
  Equals,
  DoubleQuoted,
  SingleQuoted,
  DoubleQuote,
  SingleQuote,
  Slash,
  Word,
  TagLBracket,
  TagRBracket,
  TagLessThan,
];
export const contentModeTokens: TokenType[] = [CloseTag, Content];

/** Every token type, for the parser. */
export const allTokens: TokenType[] = [...new Set([...textModeTokens, ...tagModeTokens, ...contentModeTokens])];
