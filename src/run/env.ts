import type { FileSystem } from "../io/fs.js";
import type { SyncFileSystem } from "../io/sync-fs.js";
import type { Converter } from "../scale/pool.js";
import type { Engine } from "./engine.js";
import type { LinkData } from "./unit-links.js";

/** Starts the worker pool of `--concurrency N`. */
type PoolFactory = (threads: number, options?: { timeoutMs?: number; links?: LinkData; youngGenerationMb?: number }) => Promise<Converter>;

/** What a run takes from the outside world: passed in, so tests run it in-process with stand-ins. */
export interface RunEnv {
  /** Folder relative paths are resolved from. */
  cwd: string;
  /** File system of the main thread (listing, reading, `--cache`). */
  fs: FileSystem;
  /** What output files are written with on this thread, in-process and by the sinks (default: `node:fs`; workers always use `node:fs`). */
  syncFs?: SyncFileSystem;
  /** Read for `-`. */
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  /** The parser and converter, loaded on first use. */
  engine(): Promise<Engine>;
  /** Start a worker pool, or `undefined` when conversions must run in-process. */
  pool: PoolFactory | undefined;
  /** Clock in milliseconds. */
  now(): number;
  /** Name and version (the cache is valid for one version only). */
  tool: { name: string; version: string };
  /**
   * Called before a run reads WordPress exports on this thread (`convert`, `check`, `scan`):
   * the CLI tightens the heap's growth there (see `cli/heap.ts`); absent in-process.
   */
  readingExports?(): void;
}
