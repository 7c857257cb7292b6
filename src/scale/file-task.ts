/**
 * One input file read, converted and written by the thread that converts it.
 *
 * With `--out-dir` or `--write` on the worker pool, the main thread sends paths, not texts:
 * each worker reads its inputs, converts them and writes the outputs atomically with
 * synchronous calls, and sends back only what the report needs (messages, counts, what was
 * written). So no article crosses a thread boundary twice, the file work is spread over every
 * core instead of one, and a file costs a few system calls instead of a chain of promises,
 * file handles and thread-pool round trips (measured: that chain was most of the main
 * thread's time). The decisions are the same as the main thread's own path
 * (`src/cli/commands/convert.ts`): same decoding, same problems, byte facts restored, an
 * unchanged `--write` file or an up-to-date output not rewritten, permission bits kept.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { Message } from "../ast/types.js";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import { restoreByteFacts } from "../io/decode.js";
import { decodeInput, isProblem, problemFromError, type InputProblem } from "../io/read.js";
import { writeFileAtomicSync } from "../io/write.js";

/** One file to convert. */
export interface FileTask {
  /** The input (absolute). */
  path: string;
  /** The output (absolute): under `--out-dir`, or the input itself with `--write`. */
  target: string;
  /** `write`: in place, and an unchanged file is not rewritten. */
  mode: "out-dir" | "write";
  /** Markdown output: the input's line endings and byte-order mark are restored. */
  markdown: boolean;
  /** The input's size when it was listed (saves a stat; a file that changed since is read whole anyway). */
  size?: number;
  /** The target's folder was listed before the run and had no such name: no stat of the target. */
  absent?: boolean;
}

/** The converter threw on a text (a bug of ours): its message. */
export interface Crashed {
  kind: "crash";
  error: string;
}

/** What every task that converts a text sends back; small, so it is cheap to send. */
export interface Converted {
  kind: "done";
  /** The converter's messages (for files, after the decoder's notes). */
  messages: Message[];
  shortcodes: Record<string, number>;
  /** The output differs from the input. */
  changed: boolean;
}

/** What became of one {@link FileTask}. */
export type FileOutcome =
  | { kind: "problem"; problem: InputProblem }
  | Crashed
  | (Converted & {
      /** `unchanged`: `--write` and nothing changed; `up-to-date`: the output already held it. */
      write: "written" | "up-to-date" | "unchanged" | "failed";
      /** Bytes of the output (for the cache), 0 when nothing was to be written. */
      outputSize: number;
      /** Why the write failed (`code` as errno names it). */
      writeError?: { code?: string; message: string };
    });

/**
 * Read, convert and write one file. Never throws: every failure is an outcome.
 *
 * @param convert the converter (the library's, or a stand-in)
 * @param knownDirs output folders that exist (no `mkdir` for them); grows as folders are made
 * @param fsync flush each output before its rename (see `writeFileAtomic`)
 */
export function convertFile(
  task: FileTask,
  options: ConvertOptions,
  convert: (text: string, options: ConvertOptions) => ConvertResult,
  knownDirs: Set<string>,
  fsync = true,
): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = readInputSync(task.path, task.size);
  } catch (error) {
    return { kind: "problem", problem: problemFromError(error) };
  }
  const read = decodeInput(bytes);
  if (isProblem(read)) return { kind: "problem", problem: read };
  let result: ConvertResult;
  try {
    result = convert(read.text, options);
  } catch (error) {
    return { kind: "crash", error: (error as Error)?.message ?? String(error) };
  }
  const original = (read.bom ? "\uFEFF" : "") + read.text;
  const output = task.markdown ? restoreByteFacts(result.output, read) : result.output;
  const changed = task.markdown ? output !== original : true;
  const done = {
    kind: "done" as const,
    messages: read.notes.length ? [...read.notes, ...result.messages] : result.messages,
    shortcodes: result.stats?.shortcodes ?? {},
    changed,
  };
  if (task.mode === "write" && !changed) return { ...done, write: "unchanged", outputSize: 0 };
  const data = Buffer.from(output, "utf8");
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = task.absent ? undefined : statSync(task.target, { throwIfNoEntry: false });
    // An output that already holds these bytes is left alone (its mtime too).
    if (existing?.isFile() && existing.size === data.length && data.equals(readFileSync(task.target))) {
      return { ...done, write: "up-to-date", outputSize: data.length };
    }
  } catch {
    // unreadable or gone: the write below says what is wrong, if anything
  }
  try {
    writeFileAtomicSync(task.target, data, { knownDirs, fsync, ...(existing?.isFile() ? { mode: Number(existing.mode) & 0o7777 } : {}) });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { ...done, write: "failed", outputSize: 0, writeError: { ...(code ? { code } : {}), message: message ?? String(error) } };
  }
  return { ...done, write: "written", outputSize: data.length };
}

/**
 * The file's bytes. With the size it was listed at: one read into a buffer one byte larger,
 * so a file that grew is noticed (and read whole by `readFileSync`); no `fstat` per file.
 */
function readInputSync(file: string, size: number | undefined): Buffer {
  if (size === undefined) return readFileSync(file);
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length <= size) return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}
