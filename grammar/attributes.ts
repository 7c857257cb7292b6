/**
 * WordPress's `shortcode_parse_atts()` (6.5+), ported exactly, one attribute at a time
 * (the lexer's `Attribute` token calls {@link readAttribute}); plus, in repair mode,
 * values delimited by texturized or entity-escaped quotes.
 *
 * Core first turns every run of U+00A0/U+200B into one space, then scans with six
 * alternatives, each followed by `\s` or the end. Matching the raw text with those two
 * characters counted as white space finds the same attributes (a run only ever stands
 * where `\s*` or one `\s` is allowed, or inside a quoted value, which is collapsed here),
 * and keeps every offset a source offset.
 */
import { decodeHTML } from "entities";
import type { Attributes, QuoteStyle } from "../src/ast/types.js";

/** Parser compatibility mode. */
export type Compat = "wordpress" | "repair";

/** A repair or problem the recogniser noticed, by offset; turned into positioned messages later. */
export interface ScanNote {
  ruleId: string;
  severity: "error" | "warning" | "info";
  reason: string;
  start: number;
  end: number;
}

/** One attribute, offsets relative to the attribute text it was read from. */
export interface RawAttribute {
  name: string | null;
  value: string;
  quote: QuoteStyle;
  raw: string;
  start: number;
  end: number;
}

// PHP's `\s` without /u is ASCII (JavaScript's is Unicode); plus the two characters core
// turns into spaces first.
const WS = " \\t\\n\\v\\f\\r\\u00a0\\u200b";
const S = `[${WS}]`;
const NS = `[^${WS}]`;
const END = `(?=${S}|$)`;
const CORE =
  `([\\w-]+)${S}*=${S}*"([^"]*)"${END}` +
  `|([\\w-]+)${S}*=${S}*'([^']*)'${END}` +
  `|([\\w-]+)${S}*=${S}*([^${WS}'"]+)${END}` +
  `|"([^"]*)"${END}` +
  `|'([^']*)'${END}` +
  `|(${NS}+)${END}`;
const OPEN_TEXTURIZED = "(?:”|“|&#8221;|&#8220;|&quot;)";
const CLOSE_TEXTURIZED = "(?:”|“|&#8221;|&#8220;|&quot;|(?<=\\d)″|(?<=\\d)&#8243;)";
// Bounded so that hostile input cannot make the lazy scan quadratic. A value may hold quotes of
// its own (`desc=”Görür, “Hazırlık şart” dedi.”`): it closes first at a quote followed by white
// space and another attribute's name, or by the end of the opener; only when no quote is, at the
// first quote followed by white space.
const TEXTURIZED_VALUE = `([\\w-]+)${S}*=${S}*${OPEN_TEXTURIZED}([\\s\\S]{0,4096}?)${CLOSE_TEXTURIZED}`;
const TEXTURIZED = `${TEXTURIZED_VALUE}(?=${S}+[\\w-]+${S}*=|${S}*$)|${TEXTURIZED_VALUE}${END}`;
/** The six alternatives of core's attribute regex, sticky (exported for the equivalence test of {@link doubleQuotedAt}). */
export const CORE_RE = new RegExp(CORE, "y");
const REPAIR_RE = new RegExp(`${TEXTURIZED}|${CORE}`, "y");
const HAS_TEXTURIZED = /[”“]|&#822[01];|&quot;/;
/** A token that opens a quote it never closes: `name="…` or `"…`. */
const UNTERMINATED = new RegExp(`^(?:[\\w-]+${S}*=${S}*)?(["'])`);
const UNCLOSED_HTML_OK = /^[^<]*(?:<[^>]*>[^<]*)*$/;
const NBSP_RUN = /[\u00a0\u200b]+/g;

function isWs(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x200b;
}

/** `[\w-]` without the u flag: ASCII letters, digits, `_` and `-`. */
function isWordOrHyphen(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d;
}

/**
 * {@link CORE_RE}'s first alternative, `name="value"`, read without the regex (most attributes
 * have this form; the six-way regex was a tenth of lexing). The same match, because nothing in
 * it can backtrack into another result: `[\w-]+` must stop where white space or `=` follows,
 * the white-space runs must be taken whole, and `[^"]*` must stop at the first `"`. Returns the
 * match as the regex would (`[whole, name, value]`), or `null` to let the regex decide.
 */
export function doubleQuotedAt(text: string, k: number): string[] | null {
  const n = text.length;
  let i = k;
  while (i < n && isWordOrHyphen(text.charCodeAt(i))) i++;
  if (i === k) return null;
  let j = i;
  while (j < n && isWs(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) !== 0x3d /* = */) return null;
  j++;
  while (j < n && isWs(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) !== 0x22 /* " */) return null;
  const close = text.indexOf('"', j + 1);
  if (close === -1) return null;
  const after = close + 1;
  if (after < n && !isWs(text.charCodeAt(after))) return null;
  return [text.slice(k, after), text.slice(k, i), text.slice(j + 1, close)];
}

/** What {@link readAttribute} finds at one place. */
export interface AttributeMatch {
  /** Where the scan stopped: after the attribute, or at the end when only white space was left. */
  end: number;
  attribute: RawAttribute | null;
  notes: ScanNote[];
}

/**
 * Read the attribute that starts at `from` in an opener's attribute text (after any
 * white space), as `shortcode_parse_atts()` would.
 *
 * @param text The whole attribute text (between the name and `]` or `/]`).
 * @param from Where to start; `text[from]` may be white space.
 * @param compat `"wordpress"` for core's reading, `"repair"` to also accept texturized quotes and keep values core blanks.
 * @param tag The tag's name, for messages.
 * @param textured Whether `text` holds texturized quotes at all (computed once per opener).
 */
export function readAttribute(text: string, from: number, compat: Compat, tag: string, textured: boolean): AttributeMatch {
  let k = from;
  while (k < text.length && isWs(text.charCodeAt(k))) k++;
  if (k >= text.length) return { end: text.length, attribute: null, notes: [] };
  // `name="value"` is read without a regex in both modes: where a `"` follows `name=`, the
  // texturized alternatives that the repair regex tries first cannot match (they need a
  // typographic or escaped quote there), so its first core alternative decides, as in core's.
  const fast = doubleQuotedAt(text, k);
  const repair = compat === "repair" && textured && fast === null;
  const re = repair ? REPAIR_RE : CORE_RE;
  re.lastIndex = k;
  // the last alternative matches at any non-space character
  const m = fast ?? re.exec(text)!;
  const shift = repair ? 4 : 0;
  const start = k;
  const end = k + m[0].length;
  const raw = m[0];
  const notes: ScanNote[] = [];
  let name: string | null = null;
  let value: string;
  let quote: QuoteStyle;
  let empty = false;
  const texturized = repair ? (m[1] !== undefined ? 1 : m[3] !== undefined ? 3 : 0) : 0;
  if (texturized) {
    name = m[texturized]!.toLowerCase();
    value = decodeHTML(m[texturized + 1]!).replace(NBSP_RUN, " ");
    quote = "texturized";
    notes.push({
      ruleId: "repaired-quotes",
      severity: "warning",
      reason: `Value of \`${name}\` in \`${tag}\` is delimited by typographic or escaped quotes; read as a quoted value`,
      start,
      end,
    });
  } else if (m[1 + shift]) {
    name = m[1 + shift]!.toLowerCase();
    value = decode(m[2 + shift]!);
    quote = "double";
  } else if (m[3 + shift]) {
    name = m[3 + shift]!.toLowerCase();
    value = decode(m[4 + shift]!);
    quote = "single";
  } else if (m[5 + shift]) {
    name = m[5 + shift]!.toLowerCase();
    value = decode(m[6 + shift]!);
    quote = "none";
  } else if (m[7 + shift] !== undefined) {
    value = decode(m[7 + shift]!);
    quote = "double";
    empty = m[7 + shift] === "";
  } else if (m[8 + shift] !== undefined) {
    value = decode(m[8 + shift]!);
    quote = "single";
    empty = m[8 + shift] === "";
  } else {
    value = decode(m[9 + shift]!);
    quote = "none";
    const open = UNTERMINATED.exec(raw);
    if (open && !raw.includes(open[1]!, open[0].length)) {
      const at = start + open[0].length - 1;
      notes.push({
        ruleId: "unterminated-quote",
        severity: "warning",
        reason: `Quote opened here in \`${tag}\` is never closed: WordPress reads \`${raw}\` as a positional value`,
        start: at,
        end: at + 1,
      });
    }
  }
  if (!empty && value.includes("<") && !UNCLOSED_HTML_OK.test(value)) {
    const at = start + Math.max(0, raw.indexOf("<"));
    const what = name ? `\`${name}\`` : "a value";
    if (compat === "repair") {
      notes.push({
        ruleId: "repaired-bare-lt",
        severity: "warning",
        reason: `A bare \`<\` in ${what} of \`${tag}\` hides this shortcode from WordPress; value kept as written`,
        start: at,
        end: at + 1,
      });
    } else {
      notes.push({
        ruleId: "unclosed-html-in-value",
        severity: "warning",
        reason: `WordPress blanks ${what} of \`${tag}\`: it has a \`<\` without \`>\``,
        start: at,
        end: at + 1,
      });
      value = "";
    }
  }
  // WordPress drops empty quoted positional values ("" and '') before anything else.
  return { end, attribute: empty ? null : { name, value, quote, raw, start, end }, notes };
}

/** Whether an opener's attribute text needs the repair-mode texturized alternative at all. */
export function hasTexturizedQuotes(text: string): boolean {
  return HAS_TEXTURIZED.test(text);
}

/** Named values (lower-cased names, last duplicate wins) and positional values in order. */
export function collectAttributes(list: readonly RawAttribute[]): Attributes {
  const attrs: Attributes = { named: {}, positional: [] };
  for (const a of list) {
    if (a.name !== null && a.name !== "") attrs.named[a.name] = a.value;
    else attrs.positional.push(a.value);
  }
  return attrs;
}

/** A value as core hands it to callbacks: NBSP/ZWSP runs → one space, then `stripcslashes`. */
function decode(value: string): string {
  const spaced = value.includes("\u00a0") || value.includes("\u200b") ? value.replace(NBSP_RUN, " ") : value;
  return stripcslashes(spaced);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  v: "\v",
  b: "\b",
  f: "\f",
};

/** PHP's `stripcslashes()`: C-style escapes decoded, `\x` for any other `x` becomes `x`. */
function stripcslashes(value: string): string {
  if (!value.includes("\\")) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch !== "\\" || i + 1 >= value.length) {
      out += ch;
      continue;
    }
    const next = value[++i]!;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
    } else if (next === "x" && /[0-9a-fA-F]/.test(value[i + 1] ?? "")) {
      let hex = value[++i]!;
      if (/[0-9a-fA-F]/.test(value[i + 1] ?? "")) hex += value[++i];
      out += String.fromCharCode(parseInt(hex, 16));
    } else if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(value[i + 1] ?? "")) oct += value[++i];
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
    } else {
      out += next;
    }
  }
  return out;
}
