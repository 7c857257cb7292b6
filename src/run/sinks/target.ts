/**
 * The one write of an output file (`--out-dir`, `--write`, a record's or a post's file),
 * whichever thread holds the output: `processUnit`'s write step (on a worker or in-process)
 * and {@link FileSink} (files named on the main thread) both call {@link writeTarget}. The
 * decisions are the same everywhere: an unchanged `--write` file and an output that already
 * holds these bytes are left alone (their mtime too), the write is atomic, permission bits of
 * a file replaced are kept.
 */
import type { SyncFileSystem } from "../../io/sync-fs.js";

/** Where an output file goes. */
export interface UnitTarget {
  /** The output (absolute): under `--out-dir`, or the input itself with `--write`. */
  path: string;
  /** `write`: in place, and an unchanged file is not rewritten. */
  mode: "out-dir" | "write";
  /** The target's folder was listed before the run and had no such name: no stat of the target. */
  absent?: boolean;
}

/** What became of an output file (plain data: it crosses a thread boundary). */
export interface TargetWrite {
  /** `unchanged`: `--write` and nothing changed; `up-to-date`: the output already held it. */
  write: "written" | "up-to-date" | "unchanged" | "failed";
  /** Bytes of the output written (0 when nothing was to be written). */
  outputSize: number;
  /** Why the write failed (`code` as errno names it). */
  writeError?: { code?: string; message: string };
}

/**
 * Write `data` to the target unless there is nothing to write; never throws.
 *
 * @param changed the output differs from the input (`--write` leaves an unchanged file alone)
 * @param env the file system and the folders made so far (no `mkdir` for them)
 * @param fsync flush the output before its rename
 */
export function writeTarget(
  target: UnitTarget,
  data: Buffer,
  changed: boolean,
  env: { fs: SyncFileSystem; knownDirs: Set<string> },
  fsync: boolean,
): TargetWrite {
  if (target.mode === "write" && !changed) return { write: "unchanged", outputSize: 0 };
  let existing: ReturnType<SyncFileSystem["stat"]>;
  try {
    existing = target.absent ? undefined : env.fs.stat(target.path);
    if (existing?.isFile() && existing.size === data.length && data.equals(env.fs.readFile(target.path))) {
      return { write: "up-to-date", outputSize: data.length };
    }
  } catch {
    // unreadable or gone: the write below says what is wrong, if anything
  }
  try {
    env.fs.writeAtomic(target.path, data, {
      knownDirs: env.knownDirs,
      fsync,
      ...(existing?.isFile() ? { mode: Number(existing.mode) & 0o7777 } : {}),
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { write: "failed", outputSize: 0, writeError: { ...(code ? { code } : {}), message: message ?? String(error) } };
  }
  return { write: "written", outputSize: data.length };
}

/** The error of a failed {@link TargetWrite}, as the file system threw it (its `code` kept). */
export function writeErrorOf(written: TargetWrite): Error {
  const { code, message } = written.writeError ?? { message: "not written" };
  return Object.assign(new Error(message), code ? { code } : {});
}
