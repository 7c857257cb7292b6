/**
 * How a worker tells the pool's watchdog (`pool.ts`) which item of its batch is running and
 * since when, without a message: through a small shared buffer the batch carries. Kept apart
 * from `pool.ts` so a worker thread does not load piscina's main-thread side for it.
 */

/**
 * What a batch carries so the pool can tell how long its current item has run: the worker
 * stores, before each item, the milliseconds since `epoch` (never 0) and the item's index.
 */
export interface BatchProgress {
  /** `[started, index]`, shared with the main thread. */
  progress?: Int32Array;
  /** The pool's `Date.now()` when it started. */
  epoch?: number;
}

/** Called by the worker before item `index` of a batch (see {@link BatchProgress}). */
export function markItem(batch: BatchProgress, index: number): void {
  const progress = batch.progress;
  if (!progress) return;
  Atomics.store(progress, 1, index);
  Atomics.store(progress, 0, Math.max(1, Date.now() - batch.epoch!));
}
