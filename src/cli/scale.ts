import path from "node:path";
import { isDynamicPattern } from "tinyglobby";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import { hashContent, type ConversionCache } from "../scale/cache.js";
import { problemFromError, type InputProblem } from "../io/read.js";
import type { CheckItem, CheckOutcome } from "../scale/check-task.js";
import type { FileOutcome, FileTask } from "../scale/file-task.js";
import type { RecordOutcome, RecordSettings, RecordTask } from "../scale/record-task.js";
import type { Converter } from "../scale/pool.js";
import type { Shard } from "../scale/shard.js";
import type { Context, OutStream, Run } from "./context.js";
import type { Engine } from "./engine.js";
import { UsageError } from "./errors.js";
import { Logger } from "./logger.js";

/** `--concurrency`, `--cache`, `--cache-location`, `--shard`, as commander parses them. */
export interface ScaleFlags {
  concurrency?: number;
  /** `--timeout`: seconds per article on a worker (0: no limit). */
  timeout?: number;
  cache?: boolean;
  cacheLocation?: string;
  shard?: string;
}

/**
 * Fewer inputs than this convert in-process whatever `--concurrency` says: starting the
 * workers (each loads the parser and remark, about half a second) costs more than it saves.
 */
export const MIN_POOL_INPUTS = 16;

/** A pool started before the inputs were listed ({@link startEarly}). */
export interface EarlyPool {
  threads: number;
  pool: Promise<Converter>;
  /** {@link Conversions.start} took the pool (and closes it with the run). */
  taken: boolean;
}

/** What the pool is started with, from the flags. */
function poolOptions(flags: ScaleFlags): { timeoutMs?: number } {
  return flags.timeout === undefined ? {} : { timeoutMs: flags.timeout * 1000 };
}

/** Close an early pool that no {@link Conversions} took (a run that ended before converting). */
function releaseEarly(early: EarlyPool | undefined): void {
  if (early && !early.taken) {
    early.taken = true;
    void early.pool.then((pool) => pool.close(), () => undefined);
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
async function startEarly(ctx: Context, flags: ScaleFlags, operands: readonly string[]): Promise<EarlyPool | undefined> {
  if (!ctx.pool || operands.length === 0) return undefined;
  const { defaultConcurrency } = await import("../scale/pool.js");
  const threads = flags.concurrency ?? defaultConcurrency();
  if (threads <= 1) return undefined;
  let batch = operands.length >= MIN_POOL_INPUTS;
  if (!batch) {
    for (const operand of operands) {
      if (isDynamicPattern(operand) || (await ctx.fs.stat(path.resolve(ctx.cwd, operand)).then((s) => s.isDirectory(), () => false))) {
        batch = true;
        break;
      }
    }
  }
  if (!batch) return undefined;
  const pool = ctx.pool(threads, poolOptions(flags));
  pool.catch(() => undefined); // a pool that cannot start fails the run where it is awaited
  return { threads, pool, taken: false };
}

/**
 * Run `body` with an early pool ({@link startEarly}; none for stdin), closing the pool after it
 * unless {@link Conversions.start} took it.
 */
export async function withEarlyPool<T>(ctx: Context, flags: ScaleFlags, operands: readonly string[], stdin: boolean, body: (early: EarlyPool | undefined) => Promise<T>): Promise<T> {
  const early = stdin ? undefined : await startEarly(ctx, flags, operands);
  try {
    return await body(early);
  } finally {
    releaseEarly(early);
  }
}

/** Texts in flight per thread (read, converting, or waiting for their turn to be reported). */
const WINDOW_PER_THREAD = 96;

/** How a run converts: in-process or on the pool, and how far ahead it reads. */
export class Conversions {
  /** Output folders made or found in-process (no `mkdir` for them again). */
  private readonly knownDirs = new Set<string>();

  private constructor(
    private readonly engine: Engine | undefined,
    private readonly pool: Converter | undefined,
    /** Threads converting (1 = in-process). */
    readonly threads: number,
  ) {}

  /**
   * Start the pool when `--concurrency` (default: cores) is above 1, the context can start
   * one and there are enough inputs; else convert in-process with `ctx.engine()`.
   *
   * @param expected how many inputs there are (Infinity for a stream)
   */
  static async start(ctx: Context, flags: ScaleFlags, expected: number, early?: EarlyPool): Promise<Conversions> {
    const { defaultConcurrency } = await import("../scale/pool.js");
    const threads = flags.concurrency ?? defaultConcurrency();
    if (threads > 1 && ctx.pool && expected >= MIN_POOL_INPUTS) {
      let pool: Converter;
      if (early && !early.taken && early.threads === threads) {
        early.taken = true;
        pool = await early.pool;
      } else {
        pool = await ctx.pool(threads, poolOptions(flags));
      }
      return new Conversions(undefined, pool, threads);
    }
    // Too few inputs after all: the early workers are not needed.
    releaseEarly(early);
    let engine: Engine;
    try {
      engine = await ctx.engine();
    } catch (error) {
      throw new Error(`cannot load the converter: ${(error as Error).message}`, { cause: error });
    }
    return new Conversions(engine, undefined, 1);
  }

  /** Items to keep in flight: enough to keep every thread fed while files are read and written. */
  get window(): number {
    return this.pool ? this.threads * WINDOW_PER_THREAD : 16;
  }

  /**
   * Whether {@link convertFile} is there: on a pool whose workers read and write files
   * themselves, or in-process with the library's engine (which does the same, here).
   */
  get convertsFiles(): boolean {
    return this.pool ? typeof this.pool.convertFile === "function" : typeof this.engine?.convertFile === "function";
  }

  /** Read, convert and write one file, on a worker or here (only when {@link convertsFiles}). */
  async convertFile(task: FileTask, options: ConvertOptions, fsync: boolean): Promise<FileOutcome> {
    if (this.pool) return this.pool.convertFile!(task, options, fsync);
    return this.engine!.convertFile!(task, options, this.knownDirs, fsync);
  }

  /** Whether {@link convertRecord} is there: on a pool that has it, or in-process with the library's engine. */
  get convertsRecords(): boolean {
    return this.pool ? typeof this.pool.convertRecord === "function" : typeof this.engine?.convertRecord === "function";
  }

  /** Read one NDJSON line as a record, convert and serialize it, on a worker or here (only when {@link convertsRecords}). */
  async convertRecord(task: RecordTask, settings: RecordSettings, options: ConvertOptions): Promise<RecordOutcome> {
    if (this.pool) return this.pool.convertRecord!(task, settings, options);
    return this.engine!.convertRecord!(task, settings, options);
  }

  /**
   * `check`'s work for one text (see `check-task.ts`): on a worker when the pool has it, else
   * here, with `engine` for the parse of a changed body.
   */
  async check(item: CheckItem, options: ConvertOptions, engine: () => Promise<Engine>): Promise<CheckOutcome> {
    if (typeof this.pool?.check === "function") return this.pool.check(item, options);
    const { checkText } = await import("../scale/check-task.js");
    const parser = this.engine ?? (await engine());
    return checkText(item, options, { convert: (text, opts) => this.convert(text, opts), parse: (text, opts) => parser.parse(text, opts) });
  }

  /** Convert one text (on the pool, or in-process). Rejects with the converter's error. */
  async convert(text: string, options: ConvertOptions): Promise<ConvertResult> {
    if (this.pool) return this.pool.convert(text, options);
    return this.engine!.convert(text, options);
  }

  /** Stop the workers, if any. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/**
 * Per input format, one options object for the whole run: the pool batches only requests
 * that share the same object, and it saves an allocation per file.
 */
export function optionsCache(make: (inputFormat: NonNullable<ConvertOptions["inputFormat"]>) => ConvertOptions) {
  const byFormat = new Map<string, ConvertOptions>();
  return (inputFormat: NonNullable<ConvertOptions["inputFormat"]>): ConvertOptions => {
    let options = byFormat.get(inputFormat);
    if (!options) byFormat.set(inputFormat, (options = make(inputFormat)));
    return options;
  };
}

/** Parse `--shard` (commander has checked its form). */
export async function shardOf(flags: ScaleFlags): Promise<Shard | undefined> {
  if (flags.shard === undefined) return undefined;
  const { parseShard } = await import("../scale/shard.js");
  try {
    return parseShard(flags.shard);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Load `--cache` for this command and settings, or `undefined` without the flag. Says why
 * an old cache was dropped (new version, other settings, unreadable).
 *
 * @param settings everything that changes what a conversion produces (hashed)
 */
export async function openCache(run: Run, command: string, flags: ScaleFlags, settings: unknown): Promise<ConversionCache | undefined> {
  if (!flags.cache && flags.cacheLocation === undefined) return undefined;
  if (flags.cacheLocation === "") throw new UsageError('--cache-location "": expected a file name');
  const { ConversionCache, defaultCacheLocation, hashSettings } = await import("../scale/cache.js");
  const { ctx } = run;
  const file = flags.cacheLocation === undefined ? defaultCacheLocation(ctx.cwd, command) : path.resolve(ctx.cwd, flags.cacheLocation);
  const cache = await ConversionCache.load(file, `${ctx.tool.name}@${ctx.tool.version}`, hashSettings(settings));
  if (cache.invalidated) run.logger.info(`cache: starting afresh: ${cache.invalidated}`);
  return cache;
}

/** Save the cache; a cache that cannot be written is a note, never a failure of the run. */
export async function saveCache(run: Run, cache: ConversionCache | undefined): Promise<void> {
  if (!cache) return;
  try {
    await cache.save();
  } catch (error) {
    run.logger.warn(`cache: could not be written to ${cache.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next run converts everything again`);
  }
}

/** Why inputs were converted again instead of skipped from the cache (summary of a run). */
export class CacheStats {
  hits = 0;
  fresh = 0;
  changed = 0;
  outputGone = 0;

  /** `cache: 1998 unchanged since the last run (skipped); converted: 1 new, 1 changed` */
  describe(): string {
    const again = [
      this.fresh && `${this.fresh} new`,
      this.changed && `${this.changed} changed since the last run`,
      this.outputGone && `${this.outputGone} whose output was deleted or modified`,
    ].filter(Boolean);
    return `cache: ${this.hits} unchanged since the last run (skipped)${again.length ? `; converted: ${again.join(", ")}` : ""}`;
  }
}

/** What one input's work wrote to stderr and stdout, held until its turn (input order). */
export interface Deferred {
  /** A copy of the run whose logger and stdout collect instead of writing. */
  run: Run;
  logs: string[];
  stdout: string[];
}

/** A run whose log lines and stdout are collected, to be replayed in input order by {@link replay}. */
export function deferRun(run: Run): Deferred {
  const logs: string[] = [];
  const stdout: string[] = [];
  const collect = (into: string[], like: OutStream): OutStream => ({
    write: (chunk: string) => (into.push(chunk), true),
    isTTY: like.isTTY,
    ...(like.columns === undefined ? {} : { columns: like.columns }),
  });
  const ctx: Context = { ...run.ctx, stdout: collect(stdout, run.ctx.stdout) };
  return {
    run: { ...run, ctx, logger: new Logger({ write: (chunk: string) => logs.push(chunk) }, run.logger.color, run.logger.level) },
    logs,
    stdout,
  };
}

/** Write what a deferred run collected, stdout with back-pressure. */
export async function replay(run: Run, deferred: Deferred): Promise<void> {
  for (const chunk of deferred.logs) run.logger.raw(chunk);
  for (const chunk of deferred.stdout) {
    if (!run.ctx.stdout.write(chunk) && run.ctx.stdout.once) {
      await new Promise<void>((resolve) => run.ctx.stdout.once!("drain", resolve));
    }
  }
}

/** An input's bytes and their content hash, read once for `--cache` (a hit needs nothing more). */
export interface HashedInput {
  bytes: Uint8Array;
  hash: string;
}

/** Read an input's bytes and hash them, or say why it cannot be read; decoding waits for a cache miss. */
export async function readHashed(fs: Pick<Context["fs"], "readFile">, file: string): Promise<HashedInput | InputProblem> {
  try {
    const bytes = await fs.readFile(file);
    return { bytes, hash: hashContent(bytes) };
  } catch (error) {
    return problemFromError(error);
  }
}
