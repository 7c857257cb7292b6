/**
 * The synchronous file-system calls of one unit of work (`run/process-unit.ts`): the read of
 * an input, the look at an existing output, the atomic write. A converting thread (a worker,
 * or the main thread in-process) makes them without a promise per call; tests pass a copy
 * with one call replaced.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { writeFileAtomicSync, type WriteOptions } from "./write.js";

/** What {@link SyncFileSystem.stat} tells of a file. */
interface SyncStat {
  isFile(): boolean;
  size: number;
  mode: number;
  mtimeMs: number;
}

/** The file-system calls {@link processUnit} makes, synchronous. */
export interface SyncFileSystem {
  /**
   * A file's bytes. With the size it was listed at: one read into a buffer one byte larger,
   * so a file that grew is noticed (and read whole); no `fstat` per file.
   */
  readFile(file: string, size?: number): Uint8Array;
  /** The file's kind, size and mode, or `undefined` when there is none. */
  stat(file: string): SyncStat | undefined;
  /** Write atomically (see `writeFileAtomicSync`); throws the fs error. */
  writeAtomic(file: string, data: Uint8Array, options: WriteOptions & { mode?: number }): void;
}

/** `node:fs`, synchronous (default of every sync `fs` option). */
export const nodeSyncFileSystem: SyncFileSystem = {
  readFile(file, size) {
    if (size === undefined) return readFileSync(file);
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.allocUnsafe(size + 1);
      let length = 0;
      for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
      if (length <= size) return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
    return readFileSync(file);
  },
  stat(file) {
    return statSync(file, { throwIfNoEntry: false });
  },
  writeAtomic: writeFileAtomicSync,
};

/** Whether a path exists (a look-up walking folders upward, e.g. for the config file). */
export function pathExists(file: string): boolean {
  return existsSync(file);
}

/** A small text file read whole (the package's own `package.json`); throws the fs error. */
export function readTextSync(file: string | URL): string {
  return readFileSync(file, "utf8");
}

/** Whether a path is a folder (throws the fs error when it cannot be looked at). */
export function isFolderSync(file: string): boolean {
  return statSync(file).isDirectory();
}

/** The names in a folder (throws the fs error). */
export function listFolderSync(dir: string): string[] {
  return readdirSync(dir);
}
