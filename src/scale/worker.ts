/**
 * Worker-thread side of {@link ConvertPool}: converts a whole batch per message, because
 * one message per article costs more than the conversion itself (measured: two threads
 * fed one record at a time were slower than one thread).
 *
 * Four kinds of batch: texts (stdout, NDJSON with `--out-dir`, `--cache` or diffs, `--cache`
 * misses), answered with the results; files (`--out-dir`), which the worker reads, converts
 * and writes itself, answering with outcomes only (see `file-task.ts`); NDJSON lines for
 * stdout, which it reads as records, converts and serializes (`record-task.ts`); and texts to
 * check (`check-task.ts`).
 */
import { convert } from "../convert/index.js";
import { parse } from "../parse.js";
import { checkText, type CheckItem, type CheckOutcome } from "./check-task.js";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import { convertFile, type FileOutcome, type FileTask } from "./file-task.js";
import { convertRecord, type RecordOutcome, type RecordSettings } from "./record-task.js";
import { markItem, type BatchProgress } from "./progress.js";

/** One batch of texts: the texts and the options they share. */
export interface Batch extends BatchProgress {
  texts: string[];
  options: ConvertOptions;
}

/** One batch of files, run by {@link convertFiles}. */
export interface FileBatch extends BatchProgress {
  files: FileTask[];
  options: ConvertOptions;
  /** Flush each output before its rename. */
  fsync: boolean;
}

/** One text's outcome: a result, or the message of the error the converter threw on it. */
export type BatchItem = ConvertResult | { error: string };

/**
 * Convert every text of the batch. A converter error is caught per text, so one bad
 * article fails alone instead of taking its whole batch with it.
 */
export default function convertBatch(batch: Batch): BatchItem[] {
  return batch.texts.map((text, index) => {
    markItem(batch, index);
    try {
      return convert(text, batch.options);
    } catch (error) {
      return { error: (error as Error)?.message ?? String(error) };
    }
  });
}

/** Output folders this thread has made or found (the pool, and so this thread, lives for one run). */
const knownDirs = new Set<string>();

/** Read, convert and write every file of the batch; one outcome per file, never a throw. */
export function convertFiles(batch: FileBatch): FileOutcome[] {
  return batch.files.map((task, index) => {
    markItem(batch, index);
    return convertFile(task, batch.options, convert, knownDirs, batch.fsync);
  });
}

/**
 * One batch of NDJSON lines, run by {@link convertRecords}: their bytes back to back in one
 * buffer (moved, not copied, to the worker), where line `k` ends at `ends[k]`.
 */
export interface RecordBatch extends BatchProgress {
  data: Uint8Array;
  ends: number[];
  lines: number[];
  settings: RecordSettings;
  options: ConvertOptions;
}

/** Read, convert and serialize every line of the batch; one outcome per line, never a throw. */
export function convertRecords(batch: RecordBatch): RecordOutcome[] {
  const { data, ends, lines } = batch;
  return lines.map((line, index) => {
    markItem(batch, index);
    const bytes = data.subarray(index === 0 ? 0 : ends[index - 1], ends[index]);
    return convertRecord({ line, bytes }, batch.settings, batch.options, convert);
  });
}

/** One batch of texts for `check`, run by {@link checkTexts}. */
export interface CheckBatch extends BatchProgress {
  items: CheckItem[];
  options: ConvertOptions;
}

/** `check`'s work for every text of the batch (see `check-task.ts`); never a throw. */
export async function checkTexts(batch: CheckBatch): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  // One after the other, so the watchdog's item index is the one running.
  for (const [index, item] of batch.items.entries()) {
    markItem(batch, index);
    outcomes.push(await checkText(item, batch.options, { convert, parse }));
  }
  return outcomes;
}
