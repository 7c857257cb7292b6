import { createHash } from "node:crypto";
import * as fsSync from "node:fs";
import path from "node:path";
import type { FileSystem } from "./fs.js";
import { joinClean } from "./paths.js";

/** Suffix of our temporary files; {@link isTempName} recognises them so no run takes one as input. */
export const TEMP_SUFFIX = ".shortcode-migrate.tmp";

/** Longest base name (in UTF-8 bytes) we put inside a temporary name; longer ones are hashed (NAME_MAX is 255). */
const MAX_TEMP_BASE_BYTES = 200;

/**
 * The temporary file `file` is written to before the rename. The name is deterministic
 * (a dot-file next to the target), so a re-run after a kill reuses and removes the stale
 * temporary of an unfinished write instead of leaving litter behind.
 */
export function tempPathFor(file: string): string {
  const base = path.basename(file);
  // A UTF-16 unit is at most 3 UTF-8 bytes: a name of at most 66 units fits without counting.
  const stem =
    base.length * 3 <= MAX_TEMP_BASE_BYTES || Buffer.byteLength(base) <= MAX_TEMP_BASE_BYTES
      ? base
      : createHash("sha256").update(base).digest("hex").slice(0, 32);
  return joinClean(path.dirname(file), `.${stem}${TEMP_SUFFIX}`);
}

/** Whether a file name is one of our temporary files (never an input, never an output). */
export function isTempName(name: string): boolean {
  return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
}

/** Options of {@link writeFileAtomic}. */
export interface WriteOptions {
  /** Flush the data to disk before the rename, so a power cut cannot leave an empty file (default: `true`). */
  fsync?: boolean;
  /**
   * Folders known to exist: the `mkdir` is skipped for them, and the folder is added after
   * creating it. One set per run saves a call per file in a batch (default: none).
   */
  knownDirs?: Set<string>;
  /** The caller knows the target does not exist yet: no stat for permission bits to keep (default: `false`). */
  isNew?: boolean;
}

/**
 * Write a file atomically: a temporary file in the same folder, flushed, then `rename`d
 * over the target, so a kill, a crash or a full disk never leaves a half-written article
 * behind. An existing target keeps its permission bits (`--write`). Creates the folder.
 * The temporary file is removed when anything fails.
 *
 * @param file absolute path of the target
 * @param data the content
 * @param fs file system (default: `node:fs/promises`)
 * @param options see {@link WriteOptions}
 * @throws the fs error (with its `code`) when the file cannot be written; the target is then untouched
 */
export async function writeFileAtomic(file: string, data: string, fs: FileSystem, options: WriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  if (!options.knownDirs?.has(dir)) {
    await fs.mkdir(dir, { recursive: true });
    options.knownDirs?.add(dir);
  }
  let mode: number | undefined;
  try {
    mode = options.isNew ? undefined : (await fs.stat(file)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = tempPathFor(file);
  // A stale temporary from a killed run is ours to replace. `wx` (O_EXCL) then refuses to
  // follow a symlink planted under the predictable name.
  await fs.rm(temp, { force: true });
  try {
    const handle = await fs.open(temp, "wx", mode ?? 0o666);
    try {
      await handle.writeFile(data, "utf8");
      // open()'s mode is masked by the umask; the original's bits must survive exactly
      if (mode !== undefined) await handle.chmod(mode);
      if (options.fsync ?? true) await handle.datasync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The synchronous file-system calls {@link writeFileAtomicSync} makes. */
export type AtomicWriteCalls = Pick<
  typeof fsSync,
  "mkdirSync" | "openSync" | "unlinkSync" | "writeSync" | "fchmodSync" | "fdatasyncSync" | "closeSync" | "renameSync"
>;

/**
 * {@link writeFileAtomic} with synchronous calls, for worker threads that own their files:
 * the same temporary name, `wx` (O_EXCL), mode kept, flush, rename, temporary removed on
 * failure. No promise, file handle object or thread-pool round trip per call, which is most
 * of what a small file's write costs in JavaScript. A stale temporary of a killed run is
 * removed only when `wx` finds it (one call fewer per file than removing it up front).
 *
 * @param file absolute path of the target
 * @param data the content (UTF-8 bytes)
 * @param options see {@link WriteOptions}; `mode` keeps an existing target's permission bits
 * @param sys the synchronous `node:fs` calls it makes (tests pass a copy with one call failing)
 * @throws the fs error (with its `code`) when the file cannot be written; the target is then untouched
 */
export function writeFileAtomicSync(file: string, data: Uint8Array, options: WriteOptions & { mode?: number } = {}, sys: AtomicWriteCalls = fsSync): void {
  const fsSync = sys;
  const dir = path.dirname(file);
  if (!options.knownDirs?.has(dir)) {
    fsSync.mkdirSync(dir, { recursive: true });
    options.knownDirs?.add(dir);
  }
  const temp = tempPathFor(file);
  let fd: number;
  try {
    fd = fsSync.openSync(temp, "wx", options.mode ?? 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      // ours from a killed run (or a planted symlink, which unlink removes, not its target)
      fsSync.unlinkSync(temp);
    } else if (code === "ENOENT" && options.knownDirs?.has(dir)) {
      // a folder made earlier in the run was removed since
      fsSync.mkdirSync(dir, { recursive: true });
    } else throw error;
    fd = fsSync.openSync(temp, "wx", options.mode ?? 0o666);
  }
  try {
    try {
      for (let at = 0; at < data.length;) at += fsSync.writeSync(fd, data, at);
      if (options.mode !== undefined) fsSync.fchmodSync(fd, options.mode);
      if (options.fsync ?? true) fsSync.fdatasyncSync(fd);
    } finally {
      fsSync.closeSync(fd);
    }
    fsSync.renameSync(temp, file);
  } catch (error) {
    try {
      fsSync.unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}

/** One-line advice for a write error, by errno code. */
export function describeWriteError(error: unknown, option = "--out-dir"): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOSPC":
      return "the disk is full (ENOSPC); free some space and run again";
    case "EDQUOT":
      return "the disk quota is exceeded (EDQUOT); free some space and run again";
    case "EROFS":
      return `the file system is read-only (EROFS); choose another ${option}`;
    case "EACCES":
    case "EPERM":
      return `permission denied (${code}); choose a writable ${option} or fix permissions`;
    case "ENOTDIR":
    case "EEXIST":
      return `a file stands where a folder is needed (${code}); choose another ${option}`;
    case "ENAMETOOLONG":
      return `the file name is too long for the file system (ENAMETOOLONG); choose a shorter ${option} or shorten the input's name`;
    case "EISDIR":
    case "ERR_FS_EISDIR": // fs.rm() on a folder
      return `a folder stands where the file should go (EISDIR); remove it or choose another ${option}`;
    default:
      return `${code ?? (error as Error)?.message ?? String(error)}`;
  }
}
