/**
 * `--concurrency N`: conversions on a pool of worker threads (piscina), in batches.
 *
 * Callers ask for one text at a time and get one promise each, as from the in-process
 * `convert`; requests made in the same turn of the event loop are grouped into batches
 * (up to {@link PoolOptions.batchItems} texts or {@link PoolOptions.batchBytes}
 * characters) and each batch goes to one worker. Results resolve per request, so callers
 * that await in input order keep input order.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import type { Batch } from "./worker.js";

/** Options of {@link ConvertPool}. */
export interface PoolOptions {
  /** Worker threads (default: the number of cores). */
  threads?: number;
  /** Most texts in one batch (default: 64). */
  batchItems?: number;
  /** Most characters in one batch (default: 1 MiB). */
  batchBytes?: number;
  /** The worker module (default: worker.js beside this file, in the built package). */
  workerFile?: string;
}

interface Pending {
  text: string;
  options: ConvertOptions;
  resolve: (result: ConvertResult) => void;
  reject: (error: unknown) => void;
}

/** The number of threads `--concurrency` defaults to. */
export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

export class ConvertPool {
  private readonly pool: Piscina;
  private readonly batchItems: number;
  private readonly batchBytes: number;
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(options: PoolOptions = {}) {
    const threads = options.threads ?? defaultConcurrency();
    this.batchItems = options.batchItems ?? 64;
    this.batchBytes = options.batchBytes ?? 1 << 20;
    this.pool = new Piscina({
      filename: options.workerFile ?? fileURLToPath(new URL("./worker.js", import.meta.url)),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1000,
    });
  }

  /** Threads in the pool. */
  get threads(): number {
    return this.pool.options.maxThreads;
  }

  /** Convert one text on a worker; batched with the other requests of this turn. */
  convert(text: string, options: ConvertOptions = {}): Promise<ConvertResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, options, resolve, reject });
      if (this.queue.length >= this.batchItems) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    let start = 0;
    while (start < queue.length) {
      let end = start;
      let chars = 0;
      const options = queue[start]!.options;
      // A batch shares one options object; it ends at the size limits or where options change.
      while (
        end < queue.length &&
        end - start < this.batchItems &&
        (end === start || chars + queue[end]!.text.length <= this.batchBytes) &&
        queue[end]!.options === options
      ) {
        chars += queue[end]!.text.length;
        end++;
      }
      this.dispatch(queue.slice(start, end), options);
      start = end;
    }
  }

  private dispatch(items: Pending[], options: ConvertOptions): void {
    const batch: Batch = { texts: items.map((i) => i.text), options };
    this.pool.run(batch).then(
      (results: ConvertResult[]) => items.forEach((item, k) => item.resolve(results[k]!)),
      (error: unknown) => items.forEach((item) => item.reject(error)),
    );
  }

  /** Stop the workers (pending conversions finish first). */
  async close(): Promise<void> {
    if (this.queue.length > 0) this.flush();
    await this.pool.close();
  }
}
