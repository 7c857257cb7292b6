import path from "node:path";
import type { InputFormat } from "../../convert/types.js";
import { expandInputs, type ExpandResult, type InputFile } from "../../io/expand.js";
import { defaultFileSystem } from "../../io/fs.js";
import { createIgnoreMatcher } from "../../io/ignore.js";
import { nodeSyncFileSystem } from "../../io/sync-fs.js";
import type { RunEnv } from "../env.js";
import { UsageError } from "../errors.js";
import type { Unit } from "./unit.js";

/** The file read for ignore patterns, in the working folder (gitignore syntax). */
const IGNORE_FILE = ".shortcode-migrate-ignore";

/** Extensions of NDJSON archives: `--input-format auto` reads such operands as archives. */
export const ARCHIVE_EXTENSIONS = [".ndjson", ".jsonl"];

/**
 * Collect `--ignore` patterns and the ignore file, then expand the operands (files, folders
 * walked by extension, globs) into a sorted list of files and problems.
 *
 * @param extensions picked up inside folders (default: the article extensions)
 * @param sizes stat each file for its size (only a progress bar needs them) (default: true)
 */
export async function findInputs(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  exclude: readonly string[] = [],
  extensions?: readonly string[],
  sizes = true,
): Promise<ExpandResult> {
  const lines: string[] = [];
  try {
    lines.push(...(await env.fs.readFile(path.join(env.cwd, IGNORE_FILE), "utf8")).split("\n"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new UsageError(`cannot read ${IGNORE_FILE} (${(error as NodeJS.ErrnoException).code}); fix or remove it`);
    }
  }
  lines.push(...(ignore ?? []));
  const found = await expandInputs(operands, {
    cwd: env.cwd,
    fs: env.fs,
    ignore: createIgnoreMatcher(lines),
    exclude,
    sizes,
    ...(extensions ? { extensions } : {}),
  });
  // A path that does not exist or a glob that matches nothing is a usage error, said once before any work.
  const missing = found.problems.filter((p) => p.problem.kind === "not-found" && operands.includes(p.display));
  if (missing.length) throw new UsageError(missing.map((p) => `${p.display} ${p.problem.reason}`).join("; "));
  return found;
}

/**
 * The unit of one listed file: read through the run's file system, or by the converting thread
 * itself. On the real file system the read is one synchronous call (`readFileSync` costs a few
 * microseconds where `fs/promises` takes an open, a stat, a read and a close through the thread
 * pool: a run whose units are mostly up to date in its cache was bound by those).
 */
export function fileUnit(env: Pick<RunEnv, "fs" | "syncFs">, file: InputFile): Unit {
  const sync = env.fs === defaultFileSystem ? (env.syncFs ?? nodeSyncFileSystem) : undefined;
  return {
    id: file.display,
    path: file.path,
    rel: file.rel,
    size: file.size,
    read: sync ? async () => sync.readFile(file.path) : () => env.fs.readFile(file.path),
  };
}

/**
 * The usage error of a run whose operands hold no article file; when they hold NDJSON archives
 * (a folder of `.ndjson` files: auto goes by the operand's own name), it says how to read them.
 */
export async function noInputsError(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  ignored: number,
): Promise<UsageError> {
  const archives = await findInputs(env, operands, ignore, [], ARCHIVE_EXTENSIONS).then(
    (f) => f.files.length,
    () => 0,
  );
  const hint = archives
    ? `; ${archives} NDJSON archive${archives === 1 ? " is" : "s are"} there: add --input-format ndjson to read ${archives === 1 ? "it" : "them"}`
    : "";
  return new UsageError(
    `no input files found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .txt, .md, .markdown, .html, .htm${ignored ? `; ${ignored} ignored` : ""})${hint}`,
  );
}

/** How a body is written, from `--input-format` or the file's extension. */
export function inputFormatFor(file: string | undefined, flag: string): InputFormat {
  if (flag === "text" || flag === "markdown" || flag === "html") return flag;
  const ext = file ? path.extname(file).toLowerCase() : "";
  if (ext === ".md" || ext === ".markdown") return "markdown";
  if (ext === ".html" || ext === ".htm") return "html";
  return "text";
}
