/**
 * NDJSON archives (`.ndjson`, `.jsonl`, or stdin): one JSON object per line, streamed line by
 * line in constant memory. Each line is a unit; it is read as a record (`record.ts`) on the
 * converting thread, or here when the main thread needs the record itself.
 */
import type { InputFile } from "../../io/expand.js";
import { splitLines } from "../../io/ndjson.js";
import type { ReportMessage } from "../../report/types.js";
import type { RunEnv } from "../env.js";
import type { BrokenLine } from "../record.js";
import { ARCHIVE_EXTENSIONS } from "./files.js";
import { findSources, unreadableSource, type FoundSources, type SourceProblem } from "./streams.js";
import type { Unit } from "./unit.js";

/** An archive that could not be listed or opened. */
export type ArchiveProblem = SourceProblem;

/**
 * The NDJSON archives the operands name (`.ndjson`, `.jsonl` in folders), and those that cannot
 * be listed. A usage error when there is none at all.
 */
export async function findArchives(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  exclude: readonly string[],
): Promise<{ archives: InputFile[]; problems: ArchiveProblem[]; ignored: number }> {
  const { files, ...rest } = await findArchiveSources(env, operands, ignore, exclude);
  return { archives: files, ...rest };
}

/** {@link findArchives}, as a run's `listSources` takes them. */
export function findArchiveSources(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  exclude: readonly string[],
): Promise<FoundSources> {
  return findSources(env, operands, ignore, exclude, ARCHIVE_EXTENSIONS, "NDJSON archives");
}

/** One archive opened for streaming. */
export interface OpenedArchive {
  /** Its name in messages (`<stdin>` for stdin). */
  name: string;
  /** Its lines as units, read at the pace they are taken. */
  units(): AsyncIterable<Unit>;
  close(): Promise<void>;
}

/** Open one archive (or stdin, `null`); one that cannot be opened is a problem. */
export async function openArchive(env: Pick<RunEnv, "fs" | "stdin">, archive: InputFile | null, name: string): Promise<OpenedArchive | ArchiveProblem> {
  let source: AsyncIterable<Buffer | string>;
  let close: () => Promise<void>;
  if (archive === null) {
    source = env.stdin;
    close = async () => undefined;
  } else {
    try {
      const handle = await env.fs.open(archive.path, "r");
      source = handle.createReadStream({ highWaterMark: 1 << 20 });
      close = () => handle.close();
    } catch (error) {
      return unreadableSource(name, error);
    }
  }
  return {
    name,
    close,
    async *units() {
      for await (const { line, bytes } of splitLines(source)) {
        yield { id: name, record: { archive: name, line, bytes }, size: bytes.length, read: async () => bytes };
      }
    },
  };
}

/** Narrow {@link openArchive}'s result. */
export function isArchiveProblem(value: OpenedArchive | ArchiveProblem): value is ArchiveProblem {
  return "message" in value;
}

/** A message at a line of an archive. */
function lineMessage(archive: string, line: number, severity: "error" | "warning", ruleId: string, reason: string): ReportMessage {
  return { file: archive, line, column: 1, endLine: line, endColumn: 1, severity, ruleId, reason };
}

/** The message of a line that is no record (see `readRecord`). */
export function brokenLineMessage(archive: string, line: number, read: BrokenLine): ReportMessage {
  return lineMessage(archive, line, "error", read.ruleId, read.reason);
}

/** The message of a record without a string `--field`; `kept` says what became of it. */
export function missingFieldMessage(archive: string, line: number, name: string, field: string, kept: string): ReportMessage {
  return lineMessage(
    archive,
    line,
    "warning",
    "ndjson-missing-field",
    `record ${name} has no string field "${field}" (${kept}); choose the field with --field`,
  );
}
