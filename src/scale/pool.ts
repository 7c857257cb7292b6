/**
 * `--concurrency N`: conversions on a pool of worker threads (piscina), in batches.
 *
 * Callers ask for one text at a time and get one promise each, as from the in-process
 * `convert`. Requests queue up and leave in batches (up to {@link PoolOptions.batchItems}
 * texts or {@link PoolOptions.batchBytes} characters, all sharing one options object):
 * while fewer than two batches per thread are in flight, whatever the current turn of the
 * event loop queued leaves at once; when the workers are busy the queue grows and the next
 * batch is a full one. So a trickle of requests is not held back, and a flood costs one
 * message per batch, not per text. Results resolve per request, so callers that await in
 * input order keep input order.
 *
 * Failures stay with their text: the worker catches a converter error per text, and when
 * a worker thread dies (a crash, out of memory) its batch is retried one text at a time,
 * so only the text that kills a worker again fails, with a message naming the crash.
 */
import { pathExists as existsSync } from "../io/sync-fs.js";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import type { UnitOutcome, UnitSettings, UnitTask } from "../run/process-unit.js";
import type { LinkData } from "../run/unit-links.js";
import type { BatchProgress } from "./progress.js";
import type { Batch, BatchItem, UnitBatch } from "./worker.js";

/** Options of {@link ConvertPool}. */
export interface PoolOptions {
  /** Worker threads (default: the number of cores). */
  threads?: number;
  /** Most texts in one batch (default: 32). */
  batchItems?: number;
  /** Most characters in one batch (default: 1 MiB). */
  batchBytes?: number;
  /** The worker module (default: worker.js of the built package, see {@link defaultWorkerFile}). */
  workerFile?: string;
  /**
   * Longest time one text (or file) may take on a worker, in milliseconds (default:
   * {@link DEFAULT_TIMEOUT_MS}; 0: no limit). A worker past it is stopped and that text fails
   * alone with a {@link WorkerTimeoutError}; the rest of its batch is converted again.
   */
  timeoutMs?: number;
  /** The run's link index and asset map, rebuilt once on each worker (default: none: links are not rewritten). */
  links?: LinkData;
  /**
   * Each worker's young generation, in MB (default: {@link DEFAULT_YOUNG_GENERATION_MB}). Smaller
   * bounds peak memory tighter; larger lets the HTML trees of a big body die young instead of being
   * promoted and collected again in the old generation (see the constant's measurements).
   */
  youngGenerationMb?: number;
}

/**
 * Default of {@link PoolOptions.youngGenerationMb}. On 16 MB of real WordPress bodies at two
 * workers, 8 MB took 37.8 s of CPU and 198 MB peak RSS; 24 MB took 30.3 s and 232 MB; 32 MB
 * 25.9 s and 269 MB. Seed-shaped bodies, whose trees are small, gain little either way.
 */
export const DEFAULT_YOUNG_GENERATION_MB = 24;

/** Default of {@link PoolOptions.timeoutMs}: far above any real article (a 10 MB body takes about a second). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** What the CLI converts with when `--concurrency` is above 1: the pool, or a stand-in in tests. */
export interface Converter {
  /** One unit of `convert` on a worker: `processUnit` there (see `run/process-unit.ts`). Rejects only when its worker died twice or ran out of time. */
  process(task: UnitTask, settings: UnitSettings, options: ConvertOptions): Promise<UnitOutcome>;
  /** Stop the workers once pending conversions are done. */
  close(): Promise<void>;
  readonly threads: number;
}

/**
 * A queued request: a text to convert or a unit of work. Requests batch
 * together when they share `kind`, `options` and `group` (a unit's run settings).
 */
type Pending = { weight: number; options: ConvertOptions; group?: unknown; reject: (error: unknown) => void } & (
  | { kind: "text"; text: string; resolve: (result: ConvertResult) => void }
  | { kind: "unit"; task: UnitTask; group: UnitSettings; resolve: (result: UnitOutcome) => void }
);

const EMPTY = new Uint8Array(0);

/** What a unit weighs against {@link PoolOptions.batchBytes}: its bytes or characters (a file to read: nothing known). */
function unitWeight(task: UnitTask): number {
  const input = task.input;
  return input.kind === "text" ? input.text.length : input.kind === "file" ? 0 : input.bytes.length;
}

/** The number of threads `--concurrency` defaults to. */
export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

/**
 * worker.js beside this module when it runs from `dist/`; from the sources (ts-jest) the
 * built one in `dist/src/scale/`, since a worker thread cannot load TypeScript.
 */
export function defaultWorkerFile(): string {
  const sibling = fileURLToPath(new URL("./worker.js", import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL("../../dist/src/scale/worker.js", import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`the worker module is missing (looked for ${sibling} and ${built}); run \`npm run build\`, or use --concurrency 1`);
}

/** Error of a text that took longer than {@link PoolOptions.timeoutMs} on a worker (which was stopped). */
export class WorkerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`it did not finish within ${timeoutMs / 1000} s (--timeout), so its worker thread was stopped`);
    this.name = "WorkerTimeoutError";
  }
}

/** A batch on the pool that the watchdog watches. */
interface Watched {
  progress: Int32Array;
  controller: AbortController;
  /** Set when the watchdog stopped it: the index of the item that ran too long. */
  timedOutAt?: number;
}

/** Error of a text whose worker thread died twice (once in its batch, once alone). */
export class WorkerCrashError extends Error {
  constructor(cause: unknown) {
    super(`a worker thread died converting it (${(cause as Error)?.message ?? String(cause)})`, { cause });
    this.name = "WorkerCrashError";
  }
}

export class ConvertPool implements Converter {
  private readonly pool: Piscina;
  private readonly batchItems: number;
  private readonly batchBytes: number;
  private readonly maxInFlight: number;
  private queue: Pending[] = [];
  private head = 0;
  private inFlight = 0;
  private scheduled = false;
  private readonly timeoutMs: number;
  private readonly epoch = Date.now();
  private readonly watched = new Set<Watched>();
  private watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(options: PoolOptions = {}) {
    const threads = Math.max(1, options.threads ?? defaultConcurrency());
    this.timeoutMs = Math.max(0, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.batchItems = options.batchItems ?? 32;
    this.batchBytes = options.batchBytes ?? 1 << 20;
    this.maxInFlight = threads * 2;
    this.pool = new Piscina({
      filename: options.workerFile ?? defaultWorkerFile(),
      ...(options.links ? { workerData: { links: options.links } } : {}),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1000,
      // Per-thread heap is what bounds a run's peak RSS. Without limits V8 lets each worker's heap
      // grow with the run (measured: 230 MB peak for 6 MB of NDJSON, 305 MB for 71 MB, 2 threads);
      // with them it stays flat. A text that needs more than this dies with its worker and fails alone.
      resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: 192 },
    });
    // A worker that dies with no task of ours is not our failure; without a listener
    // the EventEmitter would throw it at the process.
    this.pool.on("error", () => undefined);
  }

  /** Threads in the pool. */
  get threads(): number {
    return this.pool.options.maxThreads;
  }

  /** Convert one text on a worker; batched with other queued requests. */
  convert(text: string, options: ConvertOptions = {}): Promise<ConvertResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: "text", text, weight: text.length, options, resolve, reject }));
  }

  /**
   * One unit of work on a worker (`processUnit`); batched with other queued units of the same
   * settings. The outcome says what happened (a read problem, a converter error, a write error
   * included); it rejects only when the unit's worker died twice or ran past the time limit.
   */
  process(task: UnitTask, settings: UnitSettings, options: ConvertOptions = {}): Promise<UnitOutcome> {
    return new Promise((resolve, reject) => this.enqueue({ kind: "unit", task, weight: unitWeight(task), options, group: settings, resolve, reject }));
  }

  private enqueue(item: Pending): void {
    this.queue.push(item);
    if (!this.scheduled && this.inFlight < this.maxInFlight) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }
  }

  /** Send batches while there is room in flight. */
  private pump(): void {
    while (this.head < this.queue.length && this.inFlight < this.maxInFlight) {
      const queue = this.queue;
      const start = this.head;
      const { options, group, kind } = queue[start]!;
      let end = start;
      let chars = 0;
      // A batch shares one options object and one kind; it ends at the size limits or where they change.
      while (
        end < queue.length &&
        end - start < this.batchItems &&
        (end === start || chars + queue[end]!.weight <= this.batchBytes) &&
        queue[end]!.options === options &&
        queue[end]!.kind === kind &&
        queue[end]!.group === group
      ) {
        chars += queue[end]!.weight;
        end++;
      }
      this.head = end;
      this.dispatch(queue.slice(start, end), options, true);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** Every second or so: stop a worker whose current item has run past the time limit. */
  private watch(): void {
    const now = Date.now() - this.epoch;
    for (const batch of this.watched) {
      const started = Atomics.load(batch.progress, 0);
      if (started > 0 && batch.timedOutAt === undefined && now - started > this.timeoutMs) {
        batch.timedOutAt = Atomics.load(batch.progress, 1);
        batch.controller.abort(new WorkerTimeoutError(this.timeoutMs));
      }
    }
  }

  private dispatch(items: Pending[], options: ConvertOptions, retry: boolean): void {
    const first = items[0]!;
    let watched: Watched | undefined;
    let progress: BatchProgress = {};
    if (this.timeoutMs > 0) {
      watched = { progress: new Int32Array(new SharedArrayBuffer(8)), controller: new AbortController() };
      progress = { progress: watched.progress, epoch: this.epoch };
      this.watched.add(watched);
      this.watchdog ??= setInterval(() => this.watch(), Math.min(1000, Math.max(20, this.timeoutMs / 4))).unref();
    }
    const signal = watched?.controller.signal;
    const run =
      first.kind === "unit"
        ? this.runUnits(items as Array<typeof first>, first.group, options, progress, signal)
        : this.pool.run({ texts: items.map((i) => (i as typeof first).text), options, ...progress } satisfies Batch, { signal });
    this.inFlight++;
    run.then(
      (results: Array<BatchItem | UnitOutcome>) => {
        this.inFlight--;
        if (watched) this.watched.delete(watched);
        items.forEach((item, k) => {
          const result = results[k];
          if (item.kind === "unit") item.resolve(result as UnitOutcome);
          else if (result && "error" in result) item.reject(new Error(result.error));
          else item.resolve(result as ConvertResult);
        });
        this.pump();
      },
      (error: unknown) => {
        this.inFlight--;
        if (watched) this.watched.delete(watched);
        const late = watched?.timedOutAt;
        if (late !== undefined) {
          // Stopped by the watchdog: the item that ran too long fails; the others (done or not,
          // their results went with the worker) are converted again, in two batches.
          const before = items.slice(0, late);
          const after = items.slice(late + 1);
          items[late]?.reject(new WorkerTimeoutError(this.timeoutMs));
          if (before.length) this.dispatch(before, options, retry);
          if (after.length) this.dispatch(after, options, retry);
          this.pump();
          return;
        }
        // The thread died (or could not start). Retry each text alone, so only the one
        // that kills a worker again fails; a second death is that text's failure.
        if (retry && items.length > 1) for (const item of items) this.dispatch([item], options, false);
        else if (retry) this.dispatch(items, options, false);
        else for (const item of items) item.reject(new WorkerCrashError(error));
        this.pump();
      },
    );
  }

  /**
   * A batch of units. The bytes of `bytes` and `line` units are copied back to back into one
   * buffer that is moved to the worker (a line's Buffer may be a view into a larger one, a read
   * chunk or Node's allocation pool, and a view is cloned with its whole buffer). Each request
   * keeps its own bytes, so a batch sent again (after a worker died or was stopped) is packed again.
   */
  private runUnits(
    items: Array<Pending & { kind: "unit" }>,
    settings: UnitSettings,
    options: ConvertOptions,
    progress: BatchProgress,
    signal: AbortSignal | undefined,
  ): Promise<UnitOutcome[]> {
    const bytesOf = (task: UnitTask): Uint8Array | undefined => (task.input.kind === "bytes" || task.input.kind === "line" ? task.input.bytes : undefined);
    if (!items.some((item) => bytesOf(item.task))) {
      const batch: UnitBatch = { tasks: items.map((item) => item.task), settings, options, ...progress };
      return this.pool.run(batch, { name: "processUnits", signal });
    }
    let total = 0;
    const ends = items.map((item) => (total += bytesOf(item.task)?.length ?? 0));
    const data = new Uint8Array(total);
    const tasks = items.map((item, k) => {
      const bytes = bytesOf(item.task);
      if (!bytes) return item.task;
      data.set(bytes, k === 0 ? 0 : ends[k - 1]);
      return { ...item.task, input: { ...item.task.input, bytes: EMPTY } } as UnitTask;
    });
    const batch: UnitBatch = { tasks, data, ends, settings, options, ...progress };
    return this.pool.run(batch, { name: "processUnits", signal, transferList: [data.buffer] });
  }

  /** Stop the workers (pending conversions finish first). */
  async close(): Promise<void> {
    while (this.head < this.queue.length || this.inFlight > 0) {
      this.pump();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    clearInterval(this.watchdog);
    await this.pool.close();
  }

  /** Stop the workers now; pending conversions are rejected. */
  async destroy(): Promise<void> {
    clearInterval(this.watchdog);
    await this.pool.destroy();
  }
}
