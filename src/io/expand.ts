import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import type { FileSystem } from "./fs.js";
import type { IgnoreMatcher } from "./ignore.js";
import { problemFromError, type InputProblem } from "./read.js";
import { joinClean } from "./paths.js";
import { isTempName } from "./write.js";

/** The extensions a directory walk picks up (default of {@link ExpandOptions.extensions}). */
export const DEFAULT_EXTENSIONS: readonly string[] = [".txt", ".md", ".markdown", ".html", ".htm"];

/** One input file found from the command-line operands. */
export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user: relative to cwd, `/`-separated. */
  display: string;
  /** Path relative to the operand it came from (a directory, a glob's static base, or the file's folder), `/`-separated: what `--out-dir` mirrors. */
  rel: string;
  /** Size in bytes (0 when unknown). */
  size: number;
}

/** An operand or file that could not be used, with the reason. */
interface ExpandProblem {
  display: string;
  problem: InputProblem;
}

/** Options of {@link expandInputs}. */
export interface ExpandOptions {
  cwd: string;
  fs: FileSystem;
  /** Extensions picked up inside directories (default: {@link DEFAULT_EXTENSIONS}). Explicit files and glob matches are taken whatever their extension. */
  extensions?: readonly string[];
  /** Paths (relative to cwd) to leave out. */
  ignore: IgnoreMatcher;
  /** Absolute folders never walked into (the output folder). */
  exclude?: readonly string[];
  /**
   * Stat every file found in a folder for its size (default: true). Only a progress bar needs
   * the sizes; without them a folder costs one `readdir` (its entries say what is a file) instead
   * of a stat per file (20,000 files: about 0.8 s of the main thread). Sizes are then 0.
   */
  sizes?: boolean;
}

/** What {@link expandInputs} found. */
export interface ExpandResult {
  files: InputFile[];
  problems: ExpandProblem[];
  /** Display paths left out by ignore patterns. */
  ignored: string[];
  /** Some operand was a directory or a glob (a batch, even when it yields one file). */
  batch: boolean;
}

/** Display form of an absolute path: relative to cwd with `/`, or absolute when outside it. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = path.relative(cwd, absolute);
  if (rel === "") return ".";
  if (rel.startsWith("..") || path.isAbsolute(rel)) return absolute.split(path.sep).join("/");
  return rel.split(path.sep).join("/");
}

/**
 * Turn operands (files, directories walked recursively by extension, globs) into
 * a de-duplicated, sorted list of input files. Never throws for missing or unreadable paths:
 * they become problems and the rest goes on.
 */
export async function expandInputs(operands: readonly string[], options: ExpandOptions): Promise<ExpandResult> {
  const { cwd, fs, ignore } = options;
  const sizes = options.sizes ?? true;
  const extensions = new Set((options.extensions ?? DEFAULT_EXTENSIONS).map((e) => e.toLowerCase()));
  const exclude = new Set((options.exclude ?? []).map((d) => path.resolve(cwd, d)));
  const result: ExpandResult = { files: [], problems: [], ignored: [], batch: false };
  const seen = new Set<string>();

  const isIgnored = (absolute: string, isDir: boolean): boolean => {
    const rel = path.relative(cwd, absolute);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return false;
    return ignore.ignores(rel.split(path.sep).join("/"), isDir);
  };
  // Inputs in the order they were found; a size still being read is a promise (`null`: not a
  // file after all). The stats of a folder's files run concurrently, not one after the other:
  // 20,000 files took 1.3 s to list with one stat at a time. The first finding of a path wins.
  const found: Array<{ absolute: string; rel: string; size: number | Promise<number | null>; display: string | undefined }> = [];
  const add = (absolute: string, rel: string, size: number | Promise<number | null>, display?: string): void => {
    found.push({ absolute, rel, size, display });
  };
  /** `path.relative(cwd, …)` of a folder's entries from the folder's own, computed once (a path call per file was most of a listing). */
  const childOf = (parent: string, name: string): string => (parent === "" ? name : parent + path.sep + name);

  const walk = async (dir: string, base: string): Promise<void> => {
    const dirFromCwd = path.relative(cwd, dir);
    const dirFromBase = path.relative(base, dir).split(path.sep).join("/");
    const dirDisplay = displayPath(cwd, dir);
    const insideCwd = !(dirFromCwd.startsWith("..") || path.isAbsolute(dirFromCwd));
    /** {@link isIgnored} of a regular file in this folder, without path calls. */
    const fileIgnored = (name: string): boolean => {
      const rel = childOf(dirFromCwd, name);
      return insideCwd && !rel.startsWith("..") && ignore.ignores(rel.split(path.sep).join("/"), false);
    };
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.problems.push({ display: displayPath(cwd, dir), problem: problemFromError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = entryPath(dir, entry.name);
      // a temporary file of ours, left by a killed run, is never an input
      if (isTempName(entry.name)) continue;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || entry.name === "node_modules" || exclude.has(absolute)) continue;
        if (isIgnored(absolute, true)) {
          result.ignored.push(displayPath(cwd, absolute) + "/");
          continue;
        }
        await walk(absolute, base);
      } else if (entry.isSymbolicLink()) {
        // Links are never followed into folders (no loop can hang the walk); a link loop or a
        // link to a folder is said, not silently dropped.
        let target;
        try {
          target = await fs.stat(absolute);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ELOOP") {
            // an error when it would have been an input, a note otherwise
            const wanted = extensions.has(path.extname(entry.name).toLowerCase());
            const problem = problemFromError(error);
            result.problems.push({ display: displayPath(cwd, absolute), problem: wanted ? problem : { ...problem, severity: "info" } });
            continue;
          }
          target = undefined;
        }
        if (target?.isDirectory()) {
          if (isIgnored(absolute, true)) continue;
          result.problems.push({
            display: displayPath(cwd, absolute),
            problem: {
              kind: "symlink-folder",
              severity: "info",
              reason: "is a symbolic link to a folder; not followed (pass the folder itself to convert it)",
              line: 1,
              column: 1,
            },
          });
          continue;
        }
        if (!extensions.has(path.extname(entry.name).toLowerCase())) continue;
        if (isIgnored(absolute, false)) {
          result.ignored.push(displayPath(cwd, absolute));
          continue;
        }
        // a dangling link is kept: reading it reports the problem
        add(absolute, path.relative(base, absolute).split(path.sep).join("/"), target?.size ?? 0);
      } else if (entry.isFile()) {
        if (!extensions.has(path.extname(entry.name).toLowerCase())) continue;
        const display =
          dirDisplay === "."
            ? entry.name.startsWith("..")
              ? displayPath(cwd, absolute)
              : entry.name
            : dirDisplay.endsWith("/")
              ? dirDisplay + entry.name
              : `${dirDisplay}/${entry.name}`;
        if (fileIgnored(entry.name)) {
          result.ignored.push(display);
          continue;
        }
        const size = !sizes
          ? 0
          : fs.stat(absolute).then(
              (stat) => (stat.isFile() ? stat.size : null),
              () => 0, // gone or unreadable: reading it later reports the problem
            );
        add(absolute, dirFromBase === "" ? entry.name : `${dirFromBase}/${entry.name}`, size, display);
      }
    }
  };

  for (const operand of operands) {
    const absolute = path.resolve(cwd, operand);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      if (isDynamicPattern(operand)) {
        result.batch = true;
        await expandGlob(operand);
        continue;
      }
      result.problems.push({ display: operand, problem: problemFromError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      result.batch = true;
      if (isIgnored(absolute, true)) {
        result.ignored.push(displayPath(cwd, absolute) + "/");
        continue;
      }
      await walk(absolute, absolute);
    } else if (isIgnored(absolute, false)) {
      result.ignored.push(displayPath(cwd, absolute));
    } else {
      add(absolute, path.basename(absolute), stat.size);
    }
  }
  // One folder operand lists each file once: no set of the paths seen (20,000 strings hashed).
  const unique = operands.length === 1;
  for (const { absolute, rel, size, display } of found) {
    if (!unique && seen.has(absolute)) continue;
    const bytes = typeof size === "number" ? size : await size;
    if (bytes === null) continue;
    if (!unique) seen.add(absolute);
    result.files.push({ path: absolute, display: display ?? displayPath(cwd, absolute), rel, size: bytes });
  }
  result.files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return result;

  async function expandGlob(pattern: string): Promise<void> {
    const base = path.resolve(cwd, staticBase(pattern));
    const matches = await glob(pattern, {
      cwd,
      absolute: true,
      onlyFiles: true,
      ignore: ["**/node_modules/**", "**/.git/**"],
      expandDirectories: false,
      // like the directory walk: links are not followed, so a link loop cannot multiply or hang the walk
      followSymbolicLinks: false,
    });
    matches.sort();
    let kept = 0;
    for (const match of matches) {
      const absolute = path.resolve(match);
      if (isTempName(path.basename(absolute))) continue;
      if ([...exclude].some((dir) => absolute.startsWith(dir + path.sep))) continue;
      if (isIgnored(absolute, false)) {
        result.ignored.push(displayPath(cwd, absolute));
        continue;
      }
      let size = 0;
      try {
        size = (await fs.stat(absolute)).size;
      } catch {
        // reported when read
      }
      add(absolute, path.relative(base, absolute).split(path.sep).join("/"), size);
      kept++;
    }
    if (kept === 0 && matches.length === 0) {
      result.problems.push({
        display: pattern,
        problem: {
          kind: "not-found",
          severity: "error",
          reason: "matched no files; check the pattern (quote it so the shell does not expand it)",
          line: 1,
          column: 1,
        },
      });
    }
  }
}

/** `path.join(dir, name)` for a folder entry (by concatenation, see {@link joinClean}). */
export function entryPath(dir: string, name: string): string {
  // an entry's name holds no separator; one that did (or a backslash) is left to `path.join`
  return name.includes("/") ? path.join(dir, name) : joinClean(dir, name);
}

/** The folder part of a glob before its first dynamic segment. */
export function staticBase(pattern: string): string {
  const segments = pattern.split("/");
  const fixed: string[] = [];
  for (const segment of segments) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  if (fixed.length === segments.length) fixed.pop();
  return fixed.join("/") || ".";
}
