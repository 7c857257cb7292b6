/**
 * Worker-thread side of {@link ConvertPool}: works a whole batch per message, because
 * one message per article costs more than the conversion itself (measured: two threads
 * fed one record at a time were slower than one thread).
 *
 * Three kinds of batch: units of `convert` (files it reads and writes itself, bytes, NDJSON
 * lines and bodies), each run by the same `processUnit` as in-process (`run/process-unit.ts`)
 * and answered with outcomes only; texts to check (`check-task.ts`); and bare texts
 * ({@link ConvertPool.convert}), answered with the results.
 */
import { convert } from "../convert/index.js";
import { parse } from "../parse.js";
import { checkText, type CheckItem, type CheckOutcome } from "./check-task.js";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import { nodeSyncFileSystem } from "../io/sync-fs.js";
import { processUnit, type UnitEnv, type UnitOutcome, type UnitSettings, type UnitTask } from "../run/process-unit.js";
import { markItem, type BatchProgress } from "./progress.js";
import { Piscina } from "piscina";
import { unitLinks, type LinkData } from "../run/unit-links.js";

/** One batch of texts: the texts and the options they share. */
export interface Batch extends BatchProgress {
  texts: string[];
  options: ConvertOptions;
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

/** This thread's converter, file system, output folders and link index (the pool, and so this thread, lives for one run). */
const env: UnitEnv = { convert, fs: nodeSyncFileSystem, knownDirs: new Set<string>() };
// The run's link index and asset map come once per thread, as the pool's workerData (see `PoolOptions.links`).
const links = (Piscina.workerData as { links?: LinkData } | undefined)?.links;
if (links) env.links = unitLinks(links);

/**
 * One batch of units, run by {@link processUnits}. The bytes of `bytes` and `line` units travel
 * back to back in `data` (moved, not copied, to the worker): unit `k`'s end at `ends[k]`.
 */
export interface UnitBatch extends BatchProgress {
  tasks: UnitTask[];
  data?: Uint8Array;
  ends?: number[];
  settings: UnitSettings;
  options: ConvertOptions;
}

/** Run every unit of the batch; one outcome per unit, never a throw. */
export function processUnits(batch: UnitBatch): UnitOutcome[] {
  const { data, ends } = batch;
  return batch.tasks.map((task, index) => {
    markItem(batch, index);
    const input = task.input;
    if (data && ends && (input.kind === "bytes" || input.kind === "line")) {
      input.bytes = data.subarray(index === 0 ? 0 : ends[index - 1], ends[index]);
    }
    return processUnit(task, batch.settings, batch.options, env);
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
