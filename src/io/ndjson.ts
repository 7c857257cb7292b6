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

/**
 * A file name from a record id that cannot leave the output folder: path separators, `..`,
 * control and reserved characters become `_`; empty ids fall back to `record-<line>`.
 */
export function safeFileStem(id: unknown, line: number): string {
  const text = typeof id === "string" || typeof id === "number" ? String(id) : "";
  let stem = text
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, "_")
    .replace(/^\.+/, (dots) => "_".repeat(dots.length))
    .replace(/\s+$/, "")
    .slice(0, 120);
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem = `_${stem}`;
  return stem === "" ? `record-${line}` : stem;
}

/** `true` when `target` is inside `folder` (after resolving `..`). */
export function isInside(folder: string, target: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(target));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
