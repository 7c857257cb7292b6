/**
 * Worker-thread side of {@link ConvertPool}: works a whole batch per message, because
 * one message per article costs more than the conversion itself (measured: two threads
 * fed one record at a time were slower than one thread).
 *
 * Two kinds of batch: units of `convert` and `check` (files it reads and writes itself, bytes,
 * NDJSON lines and bodies), each run by the same `processUnit` as in-process
 * (`run/process-unit.ts`) and answered with outcomes only; and bare texts
 * ({@link ConvertPool.convert}), answered with the results.
 */
import { convert } from "../convert/index.js";
import { parse } from "../parse.js";
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

/** Run every unit of the batch; one outcome per unit, never a rejection. A batch of `check` loads its comparison first (once per thread). */
export async function processUnits(batch: UnitBatch): Promise<UnitOutcome[]> {
  if (batch.settings.check && !env.findChanges) env.findChanges = (await import("../run/would-change.js")).changeFinder(parse);
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
