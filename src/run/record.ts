/**
 * One NDJSON line read as a record: strict UTF-8, `JSON.parse`, its id and body, its shard.
 *
 * `convert --input-format ndjson` to stdout sends the converting thread each line's bytes, not
 * its body (a `line` unit of `process-unit.ts`): the decode, `JSON.parse`, the encoding checks
 * and `JSON.stringify` of the converted record run there, spread over every core (measured: on
 * the main thread they kept it busy for most of the run, so `-j 2` was hardly faster than
 * `-j 1`). {@link readRecord} is also the main thread's own first step (with `--out-dir`,
 * `--cache` or `--diff`, and for `check`), so every route reads a line alike.
 */
import { withFinalNewlineOf } from "../io/decode.js";
import { inShard, type Shard } from "../scale/shard.js";

/** What a line is read with: the run's `--field`, `--id-field` and `--shard`. */
export interface RecordSettings {
  field: string;
  idField: string;
  shard?: Shard;
}

/** One line to read as a record. */
export interface RecordTask {
  /** 1-based line number in its archive. */
  line: number;
  /** The line's bytes, without its line end. */
  bytes: Uint8Array;
}

/** A line that is no record: it is reported and passed through as it is. */
export interface BrokenLine {
  kind: "broken";
  ruleId: "ndjson-invalid-utf8" | "ndjson-invalid-line";
  /** The message, naming the line and what to do. */
  reason: string;
  /** Why it was skipped, for the summary. */
  skip: string;
}

/** What {@link readRecord} made of a line. */
export type ReadRecord =
  /** Empty or white space only: not a record, not counted. */
  | { kind: "blank" }
  /** Another shard's (`--shard`): not counted. */
  | { kind: "other-shard" }
  | BrokenLine
  | {
      kind: "record";
      object: Record<string, unknown>;
      /** The record's id as a string, or `record~N` without one (its file's name under `--out-dir` too): its name is `<archive>#<key>`. */
      key: string;
      /** The id field's value (undefined or null: none). */
      id: unknown;
      /** The `--field` value (converted only when it is a string). */
      body: unknown;
    };

/** Bytes that `String.prototype.trim` removes when the line is read as Latin-1. */
function isTrimmed(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0xa0;
}

/** Whether the line holds nothing but white space (as Latin-1: no decode needed). */
export function isBlankLine(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (!isTrimmed(bytes[i]!)) return false;
  return true;
}

/** Strict UTF-8 (a byte-order mark is dropped); one per thread. */
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Read one line: decode it strictly, parse it, take its id and body, and keep it only when it
 * is in `--shard` (by record id; by line number for a line without one or that is no record).
 */
export function readRecord(task: RecordTask, settings: RecordSettings): ReadRecord {
  const { bytes, line } = task;
  if (isBlankLine(bytes)) return { kind: "blank" };
  const byLine = (): boolean => inShard(`line-${line}`, settings.shard);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    if (!byLine()) return { kind: "other-shard" };
    return { kind: "broken", ruleId: "ndjson-invalid-utf8", reason: `line ${line} is not valid UTF-8; re-encode the archive as UTF-8`, skip: "invalid UTF-8" };
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    if (!byLine()) return { kind: "other-shard" };
    return {
      kind: "broken",
      ruleId: "ndjson-invalid-line",
      reason: `line ${line} is not valid JSON (${(error as Error).message}); fix or remove the line (passed through unchanged)`,
      skip: "broken NDJSON line",
    };
  }
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    if (!byLine()) return { kind: "other-shard" };
    return {
      kind: "broken",
      ruleId: "ndjson-invalid-line",
      reason: `line ${line} is not a JSON object; each line must be one object (passed through unchanged)`,
      skip: "broken NDJSON line",
    };
  }
  const object = record as Record<string, unknown>;
  const id = object[settings.idField];
  const hasId = (typeof id === "string" || typeof id === "number") && String(id) !== "";
  // without an id, named as its file under --out-dir is (`record~N.md`, see safeFileStem)
  const key = hasId ? String(id) : `record~${line}`;
  // By record id, so a record stays in its shard when lines move; by line without an id.
  if (hasId ? !inShard(key, settings.shard) : !byLine()) return { kind: "other-shard" };
  return { kind: "record", object, key, id, body: object[settings.field] };
}

/** What the converted record's line is, from the record and the converter's output (`markdown`: else JSON, the field becomes the document object). */
export function recordLine(object: Record<string, unknown>, settings: RecordSettings, output: string, markdown: boolean): string {
  // a markdown body keeps its own final-newline state (a dump's bodies seldom end with one)
  const body = object[settings.field];
  const converted = markdown ? (typeof body === "string" ? withFinalNewlineOf(output, body) : output) : JSON.parse(output);
  return JSON.stringify({ ...object, [settings.field]: converted }) + "\n";
}
