/**
 * Outputs as files: `--out-dir` (a copy mirroring the input tree, or a file per NDJSON record)
 * and `--write` (in place). Every output file is written by one function, `writeTarget`
 * (`target.ts`): an article's by `processUnit` on its converting thread (a `target` of the
 * unit, also with `--cache` and `--diff`), a record's or a post's, named and given its front
 * matter on the main thread, by {@link FileSink}.
 */
import path from "node:path";
import type { OutputFormat } from "../../convert/types.js";
import type { InputFile } from "../../io/expand.js";
import type { FileSystem } from "../../io/fs.js";
import { displayPath } from "../../io/expand.js";
import { isInside, safeFileStem } from "../../io/ndjson.js";
import { joinClean } from "../../io/paths.js";
import { nodeSyncFileSystem, type SyncFileSystem } from "../../io/sync-fs.js";
import { writeErrorOf, writeTarget } from "./target.js";
import { UsageError } from "../errors.js";

/** File extension of each output format. */
export const OUTPUT_EXTENSIONS: Record<OutputFormat, string> = { markdown: ".md", json: ".json", mdast: ".mdast.json" };

/** Output path for an input: `--out-dir` + its path relative to its operand, with the format's extension. */
export function targetPath(outDir: string, rel: string, to: OutputFormat): string {
  const ext = path.extname(rel);
  const stem = ext ? rel.slice(0, -ext.length) : rel;
  return joinClean(outDir, stem + OUTPUT_EXTENSIONS[to]);
}

/**
 * Refuse, before any work, an `--out-dir` or a `--report` file whose folder cannot be one: a
 * file stands at that path or above it (a missing folder is fine: it is created). Said once,
 * as a usage error, instead of once per output.
 */
export async function checkOutputPaths(
  env: { cwd: string; fs: Pick<FileSystem, "stat"> },
  outDir: string | undefined,
  report: string | undefined,
): Promise<void> {
  if (outDir !== undefined) {
    const blocker = await fileInTheWay(env, path.resolve(env.cwd, outDir));
    if (blocker !== undefined) {
      const shown = displayPath(env.cwd, path.resolve(env.cwd, outDir));
      throw new UsageError(
        `--out-dir ${shown}: ${blocker === shown ? "it" : blocker} is a file, not a folder; choose another --out-dir (a missing folder is created)`,
      );
    }
  }
  if (report !== undefined) {
    const blocker = await fileInTheWay(env, path.dirname(path.resolve(env.cwd, report)));
    if (blocker !== undefined)
      throw new UsageError(`--report ${report}: ${blocker} is a file, not a folder; choose another place for the report (a missing folder is created)`);
  }
}

/** The file (as displayed) that stands where `dir` or one of its parents should be a folder, if any. */
async function fileInTheWay(env: { cwd: string; fs: Pick<FileSystem, "stat"> }, dir: string): Promise<string | undefined> {
  for (let current = dir; ;) {
    try {
      return (await env.fs.stat(current)).isDirectory() ? undefined : displayPath(env.cwd, current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      // missing (or below a file): look at the folder above; anything else is said when writing
      if ((code !== "ENOENT" && code !== "ENOTDIR") || parent === current) return undefined;
      current = parent;
    }
  }
}

/** Refuse outputs that collide with each other or overwrite an input; the target of each input path. */
export function checkTargets(files: readonly InputFile[], outDir: string, to: OutputFormat, cwd: string): Map<string, string> {
  const targets = new Map<string, string>();
  const byTarget = new Map<string, InputFile>();
  // Only an input inside --out-dir can be a target (usually none: no set of every input's path).
  const prefix = outDir.endsWith(path.sep) ? outDir : outDir + path.sep;
  const inside = files.filter((f) => f.path.startsWith(prefix));
  const inputs = inside.length ? new Set(inside.map((f) => f.path)) : undefined;
  for (const file of files) {
    const target = targetPath(outDir, file.rel, to);
    if (inputs?.has(target)) {
      throw new UsageError(
        `--out-dir ${path.relative(cwd, outDir) || "."} would overwrite the input ${file.display}; choose another folder, or --write to convert in place`,
      );
    }
    const other = byTarget.get(target);
    if (other) {
      throw new UsageError(
        `${other.display} and ${file.display} would both be written to ${path.relative(cwd, target)}; convert them separately or pass their common folder`,
      );
    }
    byTarget.set(target, file);
    targets.set(file.path, target);
  }
  return targets;
}

/**
 * The file of each NDJSON record under `--out-dir`, named from its id ({@link safeFileStem});
 * ids that meet (case-insensitively) get `-2`, `-3` … in input order.
 */
export class RecordNames {
  private readonly used = new Set<string>();

  constructor(
    private readonly outDir: string,
    private readonly ext: string,
  ) {}

  /** The next record's file. */
  next(id: unknown, line: number): string {
    let stem = safeFileStem(id, line);
    for (let n = 2; this.used.has(stem.toLowerCase()); n++) stem = `${safeFileStem(id, line)}-${n}`;
    this.used.add(stem.toLowerCase());
    const target = path.join(this.outDir, stem + this.ext);
    if (!isInside(this.outDir, target)) throw new Error(`record id ${JSON.stringify(id)} escaped --out-dir`);
    return target;
  }
}

/** Writes outputs named on the main thread (records, posts) with {@link writeTarget}; remembers folders listed and made. */
export class FileSink {
  /** Names in each output folder before the run (read once per folder, see {@link listedAbsent}). */
  private readonly listings = new Map<string, Promise<Set<string>>>();
  /** Output folders created or found so far (no mkdir per file). */
  private readonly knownDirs = new Set<string>();

  /**
   * @param fs the run's file system (folder listings)
   * @param syncFs the file system the outputs are written with (default: `node:fs`)
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly syncFs: SyncFileSystem = nodeSyncFileSystem,
  ) {}

  /** Whether `file`'s folder, as listed once before this run wrote to it, has no such name. */
  async listedAbsent(file: string): Promise<boolean> {
    const dir = path.dirname(file);
    let names = this.listings.get(dir);
    if (!names) {
      names = this.fs.readdir(dir).then(
        (entries) => new Set(entries.map(String)),
        () => new Set<string>(),
      );
      this.listings.set(dir, names);
    }
    return !(await names).has(path.basename(file));
  }

  /**
   * Write `output` to `file` ({@link writeTarget}: atomically, unless it already holds exactly
   * that: an unchanged output is never rewritten, so mtime-based caches downstream stay valid;
   * permission bits kept). With `listed` (`--out-dir`), each output folder is listed once: a
   * name that was not there needs no stat at all.
   *
   * @returns `up-to-date` or `written`; throws the file system's error when it cannot be written
   */
  async write(file: string, output: string, listed: boolean): Promise<"up-to-date" | "written"> {
    const absent = listed && (await this.listedAbsent(file));
    const written = writeTarget(
      { path: file, mode: "out-dir", ...(absent ? { absent } : {}) },
      Buffer.from(output, "utf8"),
      true,
      { fs: this.syncFs, knownDirs: this.knownDirs },
      true,
    );
    if (written.write === "failed") throw writeErrorOf(written);
    return written.write === "up-to-date" ? "up-to-date" : "written";
  }
}
