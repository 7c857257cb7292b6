import type { Message } from "../ast/types.js";
import { detectMojibake, guessLegacyEncoding } from "../checks/encoding.js";

/** Why a file's bytes could not become text. */
export interface DecodeProblem {
  kind: "binary" | "invalid-utf8" | "utf16";
  /** What is wrong and what to do about it, naming no file (the caller adds it). */
  reason: string;
  /** 1-based line and column (in characters of the valid prefix) of the first bad byte. */
  line: number;
  column: number;
}

/** How a text's lines end. */
export type LineEndings = "none" | "lf" | "crlf" | "mixed";

/** A decoded body and the byte-level facts that must survive a rewrite. */
export interface DecodedText {
  /** The text without its byte-order mark. */
  text: string;
  /** The file started with a UTF-8 byte-order mark (written back when it was there). */
  bom: boolean;
  /** Every line ended with `\r\n` (then markdown output gets `\r\n` too). */
  crlf: boolean;
  /** Line endings: all `\n`, all `\r\n`, or both (each unchanged line then keeps its own). */
  eol: LineEndings;
  /**
   * Warnings about text that decoded but is probably wrong (mojibake, mixed line endings),
   * positioned, with a suggestion. Reported, never "fixed".
   */
  notes: Message[];
}

const BINARY_SNIFF_BYTES = 8000;
/** One decoder for every file: without `stream` it keeps no state between calls. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decode UTF-8 bytes strictly (`TextDecoder` with `fatal: true`).
 * A UTF-16 byte-order mark is named as such (no guessing at a conversion); otherwise a NUL
 * byte in the first 8000 bytes marks a binary file, as git decides.
 *
 * @param bytes the file's content
 * @returns the text with its notes, or a problem with the position of the first bad byte
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText | DecodeProblem {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "LE" : bytes[0] === 0xfe && bytes[1] === 0xff ? "BE" : null;
  if (utf16) {
    return {
      kind: "utf16",
      reason: `is a UTF-16 (${utf16}) file (byte-order mark 0x${utf16 === "LE" ? "FFFE" : "FEFF"}); convert it to UTF-8 with \`iconv -f UTF-16 -t UTF-8\``,
      line: 1,
      column: 1,
    };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  const nul = sniff.indexOf(0);
  if (nul !== -1) {
    const { line, column } = locateByte(bytes, nul);
    return {
      kind: "binary",
      reason: `looks like a binary file (NUL byte at byte ${nul}); pass only text files (.txt, .md, .html) or add it to .shortcode-migrate-ignore`,
      line,
      column,
    };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    // ignoreBOM: true keeps U+FEFF in the string, so we strip it ourselves and remember it.
    text = UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    const { line, column } = locateByte(bytes, bad);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    const advice =
      guessLegacyEncoding(bytes) === "windows-1254"
        ? "re-encode it, e.g. `iconv -f windows-1254 -t utf-8` for legacy Turkish text"
        : "re-encode it as UTF-8, e.g. `iconv -f <its encoding> -t utf-8` (windows-1254 for legacy Turkish text)";
    return {
      kind: "invalid-utf8",
      reason: `is not valid UTF-8 (byte 0x${hex} at byte ${bad}); ${advice}`,
      line,
      column,
    };
  }
  if (bom) text = text.slice(1);
  const eol = lineEndings(text);
  return { text, bom, crlf: eol === "crlf", eol, notes: textNotes(text, eol) };
}

/** Mojibake and mixed line endings, as warnings with the place of the first occurrence. */
export function textNotes(text: string, eol: LineEndings = lineEndings(text)): Message[] {
  const notes: Message[] = [];
  const mojibake = detectMojibake(text);
  if (mojibake) {
    const more = mojibake.count > 1 ? ` (${mojibake.count} places)` : "";
    notes.push({
      reason: `looks like mojibake: "${mojibake.found}" where "${mojibake.meant}" was probably meant${more}; the text was saved as UTF-8 after being read as Windows-1254/1252. Fix the source (e.g. \`iconv -f utf-8 -t windows-1254\` then read it as UTF-8) — it is converted as it is`,
      ruleId: "mojibake",
      severity: "warning",
      position: span(text, mojibake.offset, mojibake.offset + mojibake.found.length),
      source: "encoding",
    });
  }
  if (eol === "mixed") {
    const crlf = text.split("\r\n").length - 1;
    const lf = text.split("\n").length - 1 - crlf;
    const first = text.indexOf("\r\n") < text.search(/(?<!\r)\n/) ? text.search(/(?<!\r)\n/) : text.indexOf("\r\n");
    notes.push({
      reason: `mixed line endings (${crlf} CRLF, ${lf} LF); each unchanged line keeps its own ending, converted lines get LF. Normalize the file (dos2unix or unix2dos) for a uniform result`,
      ruleId: "mixed-line-endings",
      severity: "warning",
      position: span(text, first, first),
      source: "encoding",
    });
  }
  return notes;
}

/** How the text's lines end. */
export function lineEndings(text: string): LineEndings {
  // Most files have no CR at all: two scans, no arrays.
  if (!text.includes("\r")) return text.includes("\n") ? "lf" : "none";
  const crlf = text.split("\r\n").length - 1;
  const lf = text.split("\n").length - 1;
  if (lf === 0) return "none";
  if (crlf === 0) return "lf";
  return crlf === lf ? "crlf" : "mixed";
}

/** Position of `[start, end)` in `text` (1-based lines and columns). */
function span(text: string, start: number, end: number): Message["position"] {
  const point = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1, offset };
  };
  return { start: point(start), end: point(end) };
}

/** `true` when the text has line breaks and every one of them is `\r\n`. */
export function isCrlf(text: string): boolean {
  const crlf = text.split("\r\n").length - 1;
  if (crlf === 0) return false;
  const lf = text.split("\n").length - 1;
  return lf === crlf;
}

/**
 * Give converted text the line endings and BOM of its source, so a rewrite of a
 * CRLF or BOM file does not turn into a whole-file diff.
 */
export function restoreByteFacts(output: string, facts: Pick<DecodedText, "bom" | "crlf"> & Partial<Pick<DecodedText, "eol" | "text">>): string {
  let text = output;
  if (facts.crlf) text = text.replace(/\r?\n/g, "\r\n");
  // Mixed endings: the converter leaves unchanged lines byte for byte (markdown input), so
  // nothing is rewritten; an output that differs from the input only by endings is the input.
  else if (facts.eol === "mixed" && facts.text !== undefined && text.replace(/\r\n/g, "\n") === facts.text.replace(/\r\n/g, "\n")) {
    text = facts.text;
  }
  if (facts.bom && !text.startsWith("\uFEFF")) text = "\uFEFF" + text;
  return text;
}

/** The text without one final line end (`\n` or `\r\n`). */
function withoutFinalNewline(text: string): string {
  return text.endsWith("\r\n") ? text.slice(0, -2) : text.endsWith("\n") ? text.slice(0, -1) : text;
}

/**
 * Whether a converted text says the same as its input, a final newline aside: markdown output
 * ends with one, a body (a record's field, a `.txt` file) often does not, and that alone is no
 * change (`check` raises no finding for it, `--write` does not rewrite the file for it).
 */
export function sameText(output: string, input: string): boolean {
  return output === input || withoutFinalNewline(output) === withoutFinalNewline(input);
}

/** `output` with the final-newline state of `input` (a record's body keeps its own in NDJSON output). */
export function withFinalNewlineOf(output: string, input: string): string {
  const bare = withoutFinalNewline(output);
  if (!input.endsWith("\n")) return bare;
  return bare === output ? output + (input.endsWith("\r\n") ? "\r\n" : "\n") : output;
}

/** Index of the first byte that breaks UTF-8 (the byte TextDecoder choked on). */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** 1-based line and column of a byte, counting columns in decoded characters of the valid prefix. */
function locateByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, index));
  return { line, column: prefix.length + 1 };
}
