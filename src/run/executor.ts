/**
 * Executors: where units run. In-process (`processUnit` on this thread, with the engine's
 * converter) or on the worker pool (`processUnit` on a worker, see `scale/worker.ts`); the
 * caller cannot tell them apart but by speed.
 */
import path from "node:path";
import { isDynamicPattern } from "tinyglobby";
import type { ConvertOptions } from "../convert/types.js";
import { nodeSyncFileSystem } from "../io/sync-fs.js";
import type { Converter } from "../scale/pool.js";
import type { Engine } from "./engine.js";
import type { RunEnv } from "./env.js";
import { processUnit, type UnitEnv, type UnitOutcome, type UnitSettings, type UnitTask } from "./process-unit.js";
import { unitLinks, type LinkData } from "./unit-links.js";

/** `--concurrency` and `--timeout`, as a run takes them. */
export interface ExecutorSettings {
  concurrency?: number;
  /** `--timeout`: seconds per article on a worker (0: no limit). */
  timeout?: number;
  /** The run's link index and asset map: every thread rewrites links and assets with them. */
  links?: LinkData;
  /** Each worker's young generation in MB (see `PoolOptions.youngGenerationMb`). */
  youngGenerationMb?: number;
  /**
   * Start the workers only when a unit is first given to them, not before the inputs are listed
   * (runs with `--cache`, where most units may be up to date and none converted: loading the
   * converter on every worker would cost the run more than the whole look at the cache).
   */
  lazy?: boolean;
}

/**
 * Fewer inputs than this convert in-process whatever `--concurrency` says: starting the
 * workers (each loads the parser and remark, about half a second) costs more than it saves.
 */
export const MIN_POOL_INPUTS = 16;

/**
 * The young generation of the workers of a run that reads a WordPress export: its main thread
 * parses the XML and holds posts in flight, so the workers keep the small one that holds a 1 GB
 * export under 300 MB of peak RSS (266 MB measured; 327 MB with 32 MB workers).
 */
export const EXPORT_YOUNG_GENERATION_MB = 8;

/** A pool started before the inputs were listed ({@link startEarly}). */
export interface EarlyPool {
  threads: number;
  pool: Promise<Converter>;
  /** {@link Executor.start} took the pool (and closes it with the run). */
  taken: boolean;
  /** The pool being closed unused ({@link releaseEarly}): {@link withEarlyPool} awaits it before the run ends. */
  closing?: Promise<void>;
}

/** What the pool is started with, from the flags. */
function poolOptions(settings: ExecutorSettings): { timeoutMs?: number; links?: LinkData; youngGenerationMb?: number } {
  return {
    ...(settings.timeout === undefined ? {} : { timeoutMs: settings.timeout * 1000 }),
    ...(settings.links ? { links: settings.links } : {}),
    ...(settings.youngGenerationMb === undefined ? {} : { youngGenerationMb: settings.youngGenerationMb }),
  };
}

/**
 * Start closing an early pool that no {@link Executor} took (too few inputs, a link index, a run
 * that ended before converting). Not awaited here, so converting in-process need not wait for
 * the workers to stop; the closing is kept in `early.closing` and {@link withEarlyPool} awaits it,
 * so the run (and `main()`) ends only once the workers are gone.
 */
function releaseEarly(early: EarlyPool | undefined): void {
  if (early && !early.taken) {
    early.taken = true;
    // a pool that could not start, or fails to close, has nothing left running: the run goes on
    early.closing = early.pool.then((pool) => pool.close()).catch(() => undefined);
  }
}

/**
 * Start the workers while the inputs are still being listed, when the run will probably need
 * them: each worker loads the converter (about 0.13 s, more while the cores are shared), which then overlaps the listing
 * instead of following it. "Probably": an operand is a folder or a glob, or there are at least
 * {@link MIN_POOL_INPUTS} operands. Should the listing find fewer inputs, the workers are
 * closed unused (they cost that load, on other cores, and no time of the run's own).
 *
 * @returns the pool being started, or `undefined` when the run converts in-process anyway
 */
async function startEarly(env: RunEnv, flags: ExecutorSettings, operands: readonly string[]): Promise<EarlyPool | undefined> {
  if (!env.pool || operands.length === 0 || flags.lazy) return undefined;
  const { defaultConcurrency } = await import("../scale/pool.js");
  const threads = flags.concurrency ?? defaultConcurrency();
  if (threads <= 1) return undefined;
  let batch = operands.length >= MIN_POOL_INPUTS;
  if (!batch) {
    for (const operand of operands) {
      if (
        isDynamicPattern(operand) ||
        (await env.fs.stat(path.resolve(env.cwd, operand)).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      ) {
        batch = true;
        break;
      }
    }
  }
  if (!batch) return undefined;
  const pool = env.pool(threads, poolOptions(flags));
  pool.catch(() => undefined); // a pool that cannot start fails the run where it is awaited
  return { threads, pool, taken: false };
}

/**
 * Run `body` with an early pool ({@link startEarly}; none for stdin), closing the pool after it
 * unless {@link Executor.start} took it. Resolves only once an untaken pool is closed: no worker
 * outlives the run (a library caller's `main()` must not resolve while workers still start or stop).
 */
export async function withEarlyPool<T>(
  env: RunEnv,
  flags: ExecutorSettings,
  operands: readonly string[],
  stdin: boolean,
  body: (early: EarlyPool | undefined) => Promise<T>,
): Promise<T> {
  const early = stdin ? undefined : await startEarly(env, flags, operands);
  try {
    return await body(early);
  } finally {
    releaseEarly(early);
    await early?.closing;
  }
}

/** Units in flight per thread (read, converting, or waiting for their turn to be reported). */
const WINDOW_PER_THREAD = 96;

/** Where a run's units run: in-process or on the pool, and how far ahead it reads. */
export class Executor {
  private constructor(
    /** In-process: this thread's converter, file system and folders made. */
    private readonly local: (UnitEnv & { engine: Engine }) | undefined,
    private pool: Promise<Converter> | undefined,
    /** Threads converting (1 = in-process). */
    readonly threads: number,
    /** A lazy run's pool, started by the first {@link process} (see {@link ExecutorSettings.lazy}). */
    private readonly startPool?: () => Promise<Converter>,
  ) {}

  /**
   * Start the pool when `--concurrency` (default: cores) is above 1, the environment can start
   * one and there are enough inputs; else run in-process with `env.engine()`.
   *
   * @param expected how many inputs there are (Infinity for a stream)
   */
  static async start(env: RunEnv, settings: ExecutorSettings, expected: number, early?: EarlyPool): Promise<Executor> {
    const { defaultConcurrency } = await import("../scale/pool.js");
    const threads = settings.concurrency ?? defaultConcurrency();
    if (threads > 1 && env.pool && expected >= MIN_POOL_INPUTS) {
      let pool: Converter;
      // an early pool has no link index (it started before the first pass): closed, a new one started
      if (settings.links) releaseEarly(early);
      if (early && !early.taken && early.threads === threads) {
        early.taken = true;
        pool = await early.pool;
      } else if (settings.lazy) {
        const start = env.pool;
        releaseEarly(early);
        return new Executor(undefined, undefined, threads, () => start(threads, poolOptions(settings)));
      } else {
        pool = await env.pool(threads, poolOptions(settings));
      }
      return new Executor(undefined, Promise.resolve(pool), threads);
    }
    // Too few inputs after all: the early workers are not needed.
    releaseEarly(early);
    let engine: Engine;
    try {
      engine = await env.engine();
    } catch (error) {
      throw new Error(`cannot load the converter: ${(error as Error).message}`, { cause: error });
    }
    const local: UnitEnv & { engine: Engine } = {
      engine,
      convert: (text, options) => engine.convert(text, options),
      fs: env.syncFs ?? nodeSyncFileSystem,
      knownDirs: new Set(),
    };
    if (settings.links) local.links = unitLinks(settings.links);
    return new Executor(local, undefined, 1);
  }

  /** Items to keep in flight: enough to keep every thread fed while files are read and written. */
  get window(): number {
    return this.local ? 16 : this.threads * WINDOW_PER_THREAD;
  }

  /**
   * Run one unit ({@link processUnit}), on a worker or here. Rejects only when its worker died
   * twice or ran out of time, or a lazy run's pool could not start (each unit then fails with
   * that error). A `check` unit ({@link UnitSettings.check}) loads the comparison here first.
   */
  async process(task: UnitTask, settings: UnitSettings, options: ConvertOptions): Promise<UnitOutcome> {
    if (!this.local) {
      this.pool ??= this.startPool!();
      return (await this.pool).process(task, settings, options);
    }
    const local = this.local;
    if (settings.check && !local.findChanges) {
      const { engine } = local;
      local.findChanges = (await import("./would-change.js")).changeFinder((text, o) => engine.parse(text, o));
    }
    return processUnit(task, settings, options, local);
  }

  /** Stop the workers, if any. */
  async close(): Promise<void> {
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }
}
