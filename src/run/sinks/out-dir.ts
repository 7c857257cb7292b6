/**
 * Outputs as files: `--out-dir` (a copy mirroring the input tree, or a file per NDJSON record)
 * and `--write` (in place). The converting thread writes them itself when it can (a `target`
 * of `processUnit`); {@link FileSink} writes those handed back to the main thread (with
 * `--cache` or `--diff`, or an injected file system), with the same decisions.
 */
import path from "node:path";
import type { OutputFormat } from "../../convert/types.js";
import type { InputFile } from "../../io/expand.js";
import type { FileSystem } from "../../io/fs.js";
import { displayPath } from "../../io/expand.js";
import { isInside, safeFileStem } from "../../io/ndjson.js";
import { joinClean } from "../../io/paths.js";
import { writeFileAtomic } from "../../io/write.js";
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
export async function checkOutputPaths(env: { cwd: string; fs: Pick<FileSystem, "stat"> }, outDir: string | undefined, report: string | undefined): Promise<void> {
  if (outDir !== undefined) {
    const blocker = await fileInTheWay(env, path.resolve(env.cwd, outDir));
    if (blocker !== undefined) {
      const shown = displayPath(env.cwd, path.resolve(env.cwd, outDir));
      throw new UsageError(`--out-dir ${shown}: ${blocker === shown ? "it" : blocker} is a file, not a folder; choose another --out-dir (a missing folder is created)`);
    }
  }
  if (report !== undefined) {
    const blocker = await fileInTheWay(env, path.dirname(path.resolve(env.cwd, report)));
    if (blocker !== undefined) throw new UsageError(`--report ${report}: ${blocker} is a file, not a folder; choose another place for the report (a missing folder is created)`);
  }
}

/** The file (as displayed) that stands where `dir` or one of its parents should be a folder, if any. */
async function fileInTheWay(env: { cwd: string; fs: Pick<FileSystem, "stat"> }, dir: string): Promise<string | undefined> {
  for (let current = dir; ; ) {
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

/** Writes outputs on the main thread through the run's file system; remembers folders listed and made. */
export class FileSink {
  /** Names in each output folder before the run (read once per folder, see {@link listedAbsent}). */
  private readonly listings = new Map<string, Promise<Set<string>>>();
  /** Output folders created or found so far (no mkdir per file). */
  private readonly knownDirs = new Set<string>();

  constructor(private readonly fs: FileSystem) {}

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
   * Write `output` to `file` atomically unless it already holds exactly that (an unchanged
   * output is never rewritten, so mtime-based caches downstream stay valid). With `listed`
   * (`--out-dir`), each output folder is listed once: a name that was not there needs no stat
   * at all. Then a stat: a missing file or another size settles it without reading the old output.
   *
   * @returns `up-to-date` or `written`; throws the file system's error when it cannot be written
   */
  async write(file: string, output: string, listed: boolean): Promise<"up-to-date" | "written"> {
    const data = Buffer.from(output, "utf8");
    const present = await this.holds(file, data, listed);
    if (present === true) return "up-to-date";
    await writeFileAtomic(file, output, this.fs, { knownDirs: this.knownDirs, isNew: present === "absent" });
    return "written";
  }

  /** Whether `file` already holds `data`; `"absent"` when the folder listing shows no such file. */
  private async holds(file: string, data: Buffer, listed: boolean): Promise<boolean | "absent"> {
    try {
      if (listed && (await this.listedAbsent(file))) return "absent";
      if ((await this.fs.stat(file)).size !== data.length) return false;
      return data.equals(await this.fs.readFile(file));
    } catch {
      return false;
    }
  }
}
