/**
 * WordPress's `shortcode_parse_atts()` (6.5+), ported exactly, with source positions;
 * plus, in repair mode, values delimited by texturized or entity-escaped quotes.
 */
import { decodeHTML } from "entities";
import type { Compat, ScanNote } from "../../grammar/index.js";
import type { Attributes, QuoteStyle } from "./types.js";

/** One attribute before positions are attached (offsets are absolute). */
export interface RawAttribute {
  name: string | null;
  value: string;
  quote: QuoteStyle;
  raw: string;
  start: number;
  end: number;
}

// PHP's `\s` without /u is ASCII: space, \t, \n, \v, \f, \r (JavaScript's is Unicode).
const S = "[ \\t\\n\\v\\f\\r]";
const NS = "[^ \\t\\n\\v\\f\\r]";
const END = `(?:${S}|$)`;
const CORE =
  `([\\w-]+)${S}*=${S}*"([^"]*)"${END}` +
  `|([\\w-]+)${S}*=${S}*'([^']*)'${END}` +
  `|([\\w-]+)${S}*=${S}*([^ \\t\\n\\v\\f\\r'"]+)${END}` +
  `|"([^"]*)"${END}` +
  `|'([^']*)'${END}` +
  `|(${NS}+)${END}`;
const OPEN_TEXTURIZED = "(?:”|“|&#8221;|&#8220;|&quot;)";
const CLOSE_TEXTURIZED = "(?:”|“|&#8221;|&#8220;|&quot;|(?<=\\d)″|(?<=\\d)&#8243;)";
// Bounded so that hostile input cannot make the lazy scan quadratic.
const TEXTURIZED = `([\\w-]+)${S}*=${S}*${OPEN_TEXTURIZED}([\\s\\S]{0,4096}?)${CLOSE_TEXTURIZED}${END}`;
const CORE_RE = new RegExp(CORE, "g");
const REPAIR_RE = new RegExp(`${TEXTURIZED}|${CORE}`, "g");
const HAS_TEXTURIZED = /[”“]|&#822[01];|&quot;/;
/** A token that opens a quote it never closes: `name="…` or `"…`. */
const UNTERMINATED = /^(?:[\w-]+[ \t\n\v\f\r]*=[ \t\n\v\f\r]*)?(["'])/;
const UNCLOSED_HTML_OK = /^[^<]*(?:<[^>]*>[^<]*)*$/;

/** The result of reading one opener's attribute text. */
export interface ParsedAttributes {
  list: RawAttribute[];
  attrs: Attributes;
  notes: ScanNote[];
}

/**
 * Read an opener's attribute text the way WordPress does.
 *
 * @param text The attribute text (between the name and `]` or `/]`).
 * @param base Absolute offset of `text[0]`.
 * @param compat `"wordpress"` for core's reading, `"repair"` to also accept texturized quotes and keep values core blanks.
 */
export function parseAttributes(text: string, base: number, compat: Compat, tag: string): ParsedAttributes {
  const list: RawAttribute[] = [];
  const attrs: Attributes = { named: {}, positional: [] };
  const notes: ScanNote[] = [];
  if (text === "") return { list, attrs, notes };
  const { collapsed, map } = collapseSpaces(text);
  const toOffset = (k: number): number => base + (map ? map[k]! : k);
  const repair = compat === "repair" && HAS_TEXTURIZED.test(collapsed);
  const re = repair ? REPAIR_RE : CORE_RE;
  const shift = repair ? 2 : 0;
  re.lastIndex = 0;
  for (let m = re.exec(collapsed); m; m = re.exec(collapsed)) {
    let endK = m.index + m[0].length;
    if (endK > m.index && /[ \t\n\v\f\r]/.test(collapsed[endK - 1]!)) endK--;
    const start = toOffset(m.index);
    const end = toOffset(endK);
    const raw = text.slice(start - base, end - base);
    let name: string | null = null;
    let value: string;
    let quote: QuoteStyle;
    if (repair && m[1] !== undefined) {
      name = m[1].toLowerCase();
      value = decodeHTML(m[2]!);
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
      value = stripcslashes(m[2 + shift]!);
      quote = "double";
    } else if (m[3 + shift]) {
      name = m[3 + shift]!.toLowerCase();
      value = stripcslashes(m[4 + shift]!);
      quote = "single";
    } else if (m[5 + shift]) {
      name = m[5 + shift]!.toLowerCase();
      value = stripcslashes(m[6 + shift]!);
      quote = "none";
    } else if (m[7 + shift] !== undefined) {
      if (m[7 + shift] === "") continue; // WordPress drops empty positional values
      value = stripcslashes(m[7 + shift]!);
      quote = "double";
    } else if (m[8 + shift] !== undefined) {
      if (m[8 + shift] === "") continue;
      value = stripcslashes(m[8 + shift]!);
      quote = "single";
    } else {
      value = stripcslashes(m[9 + shift]!);
      quote = "none";
      const open = UNTERMINATED.exec(m[9 + shift]!);
      if (open && !m[9 + shift]!.includes(open[1]!, open[0].length)) {
        const at = start + open[0].length - 1;
        notes.push({
          ruleId: "unterminated-quote",
          severity: "warning",
          reason: `Quote opened here in \`${tag}\` is never closed: WordPress reads \`${m[9 + shift]}\` as a positional value`,
          start: at,
          end: at + 1,
        });
      }
    }
    if (value.includes("<") && !UNCLOSED_HTML_OK.test(value)) {
      const at = start + Math.max(0, raw.indexOf("<"));
      if (compat === "repair") {
        notes.push({
          ruleId: "repaired-bare-lt",
          severity: "warning",
          reason: `A bare \`<\` in ${name ? `\`${name}\`` : "a value"} of \`${tag}\` hides this shortcode from WordPress; value kept as written`,
          start: at,
          end: at + 1,
        });
      } else {
        notes.push({
          ruleId: "unclosed-html-in-value",
          severity: "warning",
          reason: `WordPress blanks ${name ? `\`${name}\`` : "a value"} of \`${tag}\`: it has a \`<\` without \`>\``,
          start: at,
          end: at + 1,
        });
        value = "";
      }
    }
    list.push({ name, value, quote, raw, start, end });
    if (name !== null && name !== "") attrs.named[name] = value;
    else attrs.positional.push(value);
  }
  return { list, attrs, notes };
}

/** `preg_replace('/[\x{00a0}\x{200b}]+/u', ' ', $text)`, keeping a map back to source indices. */
function collapseSpaces(text: string): { collapsed: string; map: number[] | null } {
  if (!/[\u00a0\u200b]/.test(text)) return { collapsed: text, map: null };
  let collapsed = "";
  const map: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    map.push(i);
    if (c === 0xa0 || c === 0x200b) {
      collapsed += " ";
      while (i < text.length && (text.charCodeAt(i) === 0xa0 || text.charCodeAt(i) === 0x200b)) i++;
    } else {
      collapsed += text[i];
      i++;
    }
  }
  map.push(text.length);
  return { collapsed, map };
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
export function stripcslashes(value: string): string {
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
