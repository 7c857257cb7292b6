import { createHash } from "node:crypto";
import path from "node:path";

/** One raw line of an NDJSON stream. */
export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** The line's bytes without its `\n` (and without a `\r` before it). */
  bytes: Buffer;
}

/**
 * Split a byte stream into lines, holding at most one line in memory (constant memory
 * whatever the archive's size). Bytes are not decoded here, so one line of bad UTF-8 is
 * one bad record and the rest go on.
 */
export async function* splitLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let line = 0;
  for await (const chunk of source) {
    let buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) !== -1) {
      pending.push(buf.subarray(0, nl));
      const whole = Buffer.concat(pending);
      pending = [];
      line++;
      yield { line, bytes: whole.at(-1) === 0x0d ? whole.subarray(0, -1) : whole };
      buf = buf.subarray(nl + 1);
    }
    if (buf.length) pending.push(buf);
  }
  if (pending.length) {
    const whole = Buffer.concat(pending);
    line++;
    yield { line, bytes: whole.at(-1) === 0x0d ? whole.subarray(0, -1) : whole };
  }
}

/** Longest stem (in UTF-8 bytes) before the hash: room is left for the hash, the extension and our temp-file affixes within NAME_MAX (255). */
const MAX_STEM_BYTES = 100;

/** Windows device names, reserved with any extension (`CON`, `con.txt`, `COM1`, `LPT¹` …). */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\..*)?$/i;

/**
 * A file name (without extension) from a record id that cannot leave the output folder and
 * cannot collide with another id's: path separators, `..`, control and reserved characters,
 * leading and trailing dots or spaces, Windows device names and lone surrogates are made
 * safe, and over-long ids are cut. Whenever that changed the id, `~` and a hash of the
 * original id are appended; `~` itself counts as a change, so a sanitized name can never
 * equal a clean id's name. Ids that are absent or empty become `record~<line>`.
 *
 * @param id the record's id field (strings and numbers are used; anything else counts as absent)
 * @param line the record's 1-based line number
 */
export function safeFileStem(id: unknown, line: number): string {
  const text = typeof id === "string" || typeof id === "number" ? String(id) : "";
  if (text === "") return `record~${line}`;
  let stem = text
    // a lone surrogate has no UTF-8 form: two ids would meet in the same U+FFFD file name
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "_")
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*~\u2028\u2029\ufeff]/g, "_")
    .replace(/^[.\s]+/, (m) => "_".repeat(m.length))
    // Windows drops trailing dots and spaces: "a." and "a" would be one file
    .replace(/[.\s]+$/, (m) => "_".repeat(m.length));
  stem = truncateUtf8(stem, MAX_STEM_BYTES);
  if (RESERVED.test(stem)) stem = `_${stem}`;
  if (stem !== text) stem = `${stem}~${createHash("sha256").update(Buffer.from(text, "utf16le")).digest("hex").slice(0, 12)}`;
  return stem;
}

/** The longest prefix of `text` whose UTF-8 form fits in `max` bytes, cut between code points. */
function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let bytes = 0;
  let out = "";
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max) break;
    bytes += size;
    out += ch;
  }
  return out;
}

/** `true` when `target` is inside `folder` (after resolving `..`). */
export function isInside(folder: string, target: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(target));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
