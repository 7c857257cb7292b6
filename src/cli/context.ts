import type { ChalkInstance } from "chalk";
import type { FileSystem } from "../io/fs.js";
import type { SyncFileSystem } from "../io/sync-fs.js";
import type { Engine } from "../run/engine.js";
import type { RunEnv } from "../run/env.js";
import type { Converter } from "../scale/pool.js";
import { isCi, makeChalk, wantsColor } from "./color.js";
import { Logger, type LogLevel } from "./logger.js";

/** A stream we write to: `process.stdout`, or a collector in tests. */
export interface OutStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
  once?(event: "drain", listener: () => void): unknown;
}

/** Options of {@link main}: everything from the outside world is passed in, so tests run in-process. */
export interface MainOptions {
  /** Arguments after the program name (`process.argv.slice(2)`). */
  argv: readonly string[];
  /** Folder relative paths are resolved from (default: `process.cwd()`). */
  cwd?: string;
  stdout: OutStream;
  stderr: OutStream;
  /** Read for `-` (default: none; `-` then reads an empty body). */
  stdin?: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  /** Environment (`NO_COLOR`, `FORCE_COLOR`, `CI`) (default: `{}`). */
  env?: Record<string, string | undefined>;
  /** File system (default: `node:fs/promises`). */
  fs?: FileSystem;
  /** What output files are written with, in-process (default: `node:fs`). */
  syncFs?: SyncFileSystem;
  /** Parser and converter, or a loader for them (default: the library, imported on first use). */
  engine?: Engine | (() => Promise<Engine>);
  /** Clock in milliseconds (default: `performance.now`). */
  now?: () => number;
  /**
   * Starts the worker pool of `--concurrency N` (default: a piscina pool running the built
   * converter; none when `engine` is given, so an injected engine always runs in-process).
   */
  pool?: (threads: number, options?: { timeoutMs?: number; youngGenerationMb?: number }) => Converter;
  /**
   * Called before a run reads WordPress exports (the bin passes `tightenHeapForExports`, which
   * sets a V8 flag of the whole process; default: nothing).
   */
  readingExports?: () => void;
}

/** {@link MainOptions} with every default applied: what a run takes, and the streams and environment of the CLI. */
export interface Context extends RunEnv {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
}

/** Options every command has. */
export interface CommonFlags {
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** What a running command writes with. */
export interface Run {
  ctx: Context;
  logger: Logger;
  /** Colours for stdout (diffs, findings) and stderr (logs). */
  outColor: ChalkInstance;
  errColor: ChalkInstance;
  /** A progress bar may be drawn on stderr. */
  progressAllowed: boolean;
  started: number;
}

/** Resolve colour, verbosity and progress for one command run. */
export function startRun(ctx: Context, flags: CommonFlags): Run {
  const level: LogLevel = flags.quiet ? "quiet" : flags.verbose ? "verbose" : "normal";
  const outColor = makeChalk(wantsColor(flags.color, ctx.env, ctx.stdout));
  const errColor = makeChalk(wantsColor(flags.color, ctx.env, ctx.stderr));
  return {
    ctx,
    logger: new Logger(ctx.stderr, errColor, level),
    outColor,
    errColor,
    progressAllowed: ctx.stderr.isTTY === true && !isCi(ctx.env) && level !== "quiet" && errColor.level > 0,
    started: ctx.now(),
  };
}

/** Write to a stream, waiting for `drain` when it is full (NDJSON output in constant memory). */
export async function writeOut(stream: OutStream, chunk: string): Promise<void> {
  if (stream.write(chunk) || !stream.once) return;
  await new Promise<void>((resolve) => stream.once!("drain", resolve));
}
