import type { UserConfig } from "../../config/types.js";
import path from "node:path";
import type { InputFormat } from "../../convert/types.js";
import { displayPath, expandInputs, type ExpandOptions, type ExpandResult } from "../../io/expand.js";
import { createIgnoreMatcher } from "../../io/ignore.js";
import { decodeInput, isProblem, PROBLEM_LABELS, readInput, type InputProblem, type ReadText } from "../../io/read.js";
import { formatMessage } from "../../report/stylish.js";
import { formatSummary } from "../../report/summary.js";
import { toReportMessage, type FileReport, type ReportMessage, type RunSummary } from "../../report/types.js";
import type { Message } from "../../ast/types.js";
import type { Context, Run } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import { Progress } from "../progress.js";
import { pushAll } from "../../convert/push-all.js";

/** The file read for ignore patterns, in the working folder (gitignore syntax). */
export const IGNORE_FILE = ".shortcode-migrate-ignore";

/** Display name of stdin in messages. */
export const STDIN_NAME = "<stdin>";

/**
 * Collect `--ignore` patterns and the ignore file, then expand the operands.
 * @param sizes stat each file for its size (see {@link ExpandOptions.sizes}; only a progress bar needs them) (default: true)
 */
export async function findInputs(
  ctx: Context,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  exclude: readonly string[] = [],
  extensions?: readonly string[],
  sizes = true,
): Promise<ExpandResult> {
  const lines: string[] = [];
  try {
    lines.push(...(await ctx.fs.readFile(path.join(ctx.cwd, IGNORE_FILE), "utf8")).split("\n"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new UsageError(`cannot read ${IGNORE_FILE} (${(error as NodeJS.ErrnoException).code}); fix or remove it`);
    }
  }
  lines.push(...(ignore ?? []));
  return expandInputs(operands, { cwd: ctx.cwd, fs: ctx.fs, ignore: createIgnoreMatcher(lines), exclude, sizes, ...(extensions ? { extensions } : {}) });
}

/** Read all of stdin (for `-`). */
export async function readStdin(ctx: Context): Promise<ReadText | InputProblem> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return decodeInput(Buffer.concat(chunks));
}

/** Read a file or stdin. */
export async function readSource(ctx: Context, absolute: string | null): Promise<ReadText | InputProblem> {
  return absolute === null ? readStdin(ctx) : readInput(absolute, ctx.fs);
}

export { isProblem, PROBLEM_LABELS };

/**
 * The one line for an input the converter failed on: it threw or killed its worker (a bug of
 * ours), or ran past `--timeout` on a worker. `what` names what to send with a report.
 */
export function converterFailure(name: string, error: unknown, what: "file" | "record"): string {
  if ((error as Error)?.name === "WorkerTimeoutError") {
    return `the converter did not finish ${name}: ${(error as Error).message}; the run went on without it (raise --timeout for a body this big, else please report it with this ${what})`;
  }
  return `the converter crashed on ${name}: ${(error as Error)?.message ?? String(error)} (a bug; please report it with this ${what})`;
}

/** How a body is written, from `--input-format` or the file's extension. */
export function inputFormatFor(file: string | null, flag: string): InputFormat {
  if (flag === "text" || flag === "markdown" || flag === "html") return flag;
  const ext = file ? path.extname(file).toLowerCase() : "";
  if (ext === ".md" || ext === ".markdown") return "markdown";
  if (ext === ".html" || ext === ".htm") return "html";
  return "text";
}

/** Extensions of NDJSON archives: `--input-format auto` reads such operands as archives. */
export const ARCHIVE_EXTENSIONS = [".ndjson", ".jsonl"];

/**
 * Whether the run reads NDJSON archives: `--input-format ndjson`, or `auto` (the default) with
 * every operand named `*.ndjson`/`*.jsonl` (a file or a glob), so an archive is never converted
 * as one article text by mistake. Archives mixed with other operands under `auto` are a usage error.
 */
export function readsArchives(operands: readonly string[], inputFormat: string | undefined): boolean {
  if (inputFormat === "ndjson") return true;
  if (inputFormat !== undefined && inputFormat !== "auto") return false;
  const archives = operands.filter((o) => ARCHIVE_EXTENSIONS.includes(path.extname(o).toLowerCase()));
  if (archives.length === 0) return false;
  if (archives.length < operands.length) {
    const other = operands.find((o) => !archives.includes(o))!;
    throw new UsageError(
      `${archives[0]} is an NDJSON archive but ${other} is not: run them separately, or pass --input-format ndjson (every operand an archive) or --input-format text (archives read as article text)`,
    );
  }
  return true;
}

/**
 * The usage error of a run whose operands hold no article file; when they hold NDJSON archives
 * (a folder of `.ndjson` files: auto goes by the operand's own name), it says how to read them.
 */
export async function noInputsError(ctx: Context, operands: readonly string[], ignore: readonly string[] | undefined, ignored: number): Promise<UsageError> {
  const archives = await findInputs(ctx, operands, ignore, [], ARCHIVE_EXTENSIONS).then((f) => f.files.length, () => 0);
  const hint = archives ? `; ${archives} NDJSON archive${archives === 1 ? " is" : "s are"} there: add --input-format ndjson to read ${archives === 1 ? "it" : "them"}` : "";
  return new UsageError(
    `no input files found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .txt, .md, .markdown, .html, .htm${ignored ? `; ${ignored} ignored` : ""})${hint}`,
  );
}

/** The operands are exactly `-`. Mixing `-` with paths is a usage error. */
export function isStdinOnly(operands: readonly string[]): boolean {
  if (operands.includes("-") && operands.length > 1) {
    throw new UsageError(`- (stdin) cannot be mixed with other paths (got ${operands.map((o) => `"${o}"`).join(" ")}); run them separately`);
  }
  return operands.length === 1 && operands[0] === "-";
}

/** Counts and reasons a run accumulates; turned into the summary, the why-line and the exit code. */
export class Tally {
  converted = 0;
  unchanged = 0;
  skipped: RunSummary["skipped"] = [];
  ignored = 0;
  warnings = 0;
  errors = 0;
  /** Inputs that could not be read or decoded (exit 1). */
  unreadable = 0;
  /** Reasons for exit 1 beyond the counts above. */
  findings: string[] = [];
  /** Reasons for exit 2. */
  failures: string[] = [];
  files = 0;
  /** Inputs skipped because the cache showed them unchanged since the last run. */
  cached = 0;

  /** Add the counts of one input's own tally (kept apart while its work was in flight). */
  merge(other: Tally): void {
    this.converted += other.converted;
    this.unchanged += other.unchanged;
    pushAll(this.skipped, other.skipped);
    this.ignored += other.ignored;
    this.warnings += other.warnings;
    this.errors += other.errors;
    this.unreadable += other.unreadable;
    pushAll(this.findings, other.findings);
    pushAll(this.failures, other.failures);
    this.files += other.files;
    this.cached += other.cached;
  }

  /** Count a diagnostic. */
  count(message: { severity: string }): void {
    if (message.severity === "error") this.errors++;
    else if (message.severity === "warning") this.warnings++;
  }
}

/** Report a file that could not be used and count it as skipped. */
export function reportProblem(run: Run, tally: Tally, display: string, problem: InputProblem): ReportMessage {
  const message: ReportMessage = {
    file: display,
    line: problem.line,
    column: problem.column,
    endLine: problem.line,
    endColumn: problem.column,
    severity: problem.severity,
    ruleId: problem.kind,
    reason: `${display} ${problem.reason}`,
  };
  tally.skipped.push({ file: display, reason: PROBLEM_LABELS[problem.kind] });
  if (problem.severity === "error") {
    tally.errors++;
    tally.unreadable++;
    run.logger.error(formatMessage(message, run.errColor));
  } else {
    run.logger.info(formatMessage(message, run.errColor));
  }
  return message;
}

/** Print diagnostics on stderr (errors always, warnings unless quiet, info with --verbose) and count them. */
export function logMessages(run: Run, tally: Tally, display: string, messages: readonly Message[]): ReportMessage[] {
  const flat = messages.map((m) => toReportMessage(display, m));
  printMessages(run, tally, flat);
  return flat;
}

/** {@link logMessages} for messages already flat (e.g. replayed from the cache). */
export function printMessages(run: Run, tally: Tally, messages: readonly ReportMessage[]): void {
  for (const m of messages) {
    tally.count(m);
    const line = formatMessage(m, run.errColor);
    if (m.severity === "error") run.logger.error(line);
    else if (m.severity === "warning") run.logger.warn(line);
    else run.logger.verbose(line);
  }
}

/** A progress bar when allowed and worth it. */
export function maybeProgress(run: Run, files: readonly { size: number }[]): Progress | undefined {
  if (!run.progressAllowed || files.length < 2) return undefined;
  const progress = new Progress(run.ctx.stderr, files.length, files.reduce((n, f) => n + f.size, 0), () => run.ctx.now());
  run.logger.progress = progress;
  return progress;
}

/**
 * End a run: the summary line, then (when the exit code is not 0) a last line saying why.
 *
 * @returns 2 if anything failed, 1 for findings, else 0
 */
export function finish(run: Run, tally: Tally, summary: Partial<RunSummary> & { command: string }): ExitCode {
  run.logger.progress?.clear();
  run.logger.progress = undefined;
  const full = summaryOf(run, tally, summary);
  const code: ExitCode = tally.failures.length ? 2 : tally.findings.length || tally.errors ? 1 : 0;
  run.logger.info(formatSummary(full, run.errColor, code !== 0));
  if (code !== 0) {
    const reasons = [...tally.failures, ...tally.findings];
    const diagnosticErrors = tally.errors - tally.unreadable;
    if (tally.unreadable) reasons.push(`${tally.unreadable} input${tally.unreadable === 1 ? "" : "s"} could not be read or decoded`);
    if (diagnosticErrors > 0) reasons.push(`${diagnosticErrors} error-level diagnostic${diagnosticErrors === 1 ? "" : "s"}`);
    const shown = reasons.length > 4 ? [...reasons.slice(0, 3), `and ${reasons.length - 3} more`] : reasons;
    run.logger.error(run.errColor.red(`✖ exit ${code}: ${shown.join("; ")}`));
  }
  return code;
}

/** Summaries use this to build the report's summary too. */
export function summaryOf(run: Run, tally: Tally, extra: Partial<RunSummary> & { command: string }): RunSummary {
  return {
    files: tally.files,
    converted: tally.converted,
    unchanged: tally.unchanged,
    skipped: tally.skipped,
    ignored: tally.ignored,
    warnings: tally.warnings,
    errors: tally.errors,
    durationMs: run.ctx.now() - run.started,
    dryRun: false,
    ...(tally.cached ? { cached: tally.cached } : {}),
    ...extra,
  };
}

/** Validate `--report FILE` before any work: the extension picks the format. */
export function reportFormat(file: string | undefined): ReportFormat | undefined {
  if (file === undefined) return undefined;
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".md" || ext === ".markdown") return "md";
  if (ext === ".html" || ext === ".htm") return "html";
  throw new UsageError(`--report "${file}": unknown report format "${ext || "(no extension)"}"; use a .json, .md or .html file name`);
}

/** Formats of `--report`, by the file's extension. */
export type ReportFormat = "json" | "md" | "html";

/** Whether a report of this format shows each changed file's diff (so diffs must be computed). */
export function reportHasDiffs(format: ReportFormat | undefined): boolean {
  return format === "md" || format === "html";
}

/** Write `--report FILE` (atomically); a failure to write is an environment failure (exit 2). */
export async function writeReport(
  run: Run,
  tally: Tally,
  file: string,
  format: ReportFormat,
  summary: RunSummary,
  files: readonly FileReport[],
): Promise<void> {
  const { writeFileAtomic, describeWriteError } = await import("../../io/write.js");
  const text =
    format === "json"
      ? (await import("../../report/json.js")).formatJsonReport(summary, files, run.ctx.tool)
      : format === "html"
        ? (await import("../../report/html.js")).renderHtmlReport([...files], summary, {
            tool: run.ctx.tool,
            generatedAt: new Date().toISOString(),
          })
        : (await import("../../report/markdown.js")).formatMarkdownReport(summary, files, run.ctx.tool);
  const target = path.resolve(run.ctx.cwd, file);
  try {
    await writeFileAtomic(target, text, run.ctx.fs);
    run.logger.verbose(`report written to ${file}`);
  } catch (error) {
    const why = `cannot write the report ${file}: ${describeWriteError(error)}`;
    run.logger.error(run.errColor.red(why));
    tally.failures.push(why);
  }
}

/**
 * Load the config in force — `--config FILE`, else `shortcode-migrate.config.json` found from
 * the working folder upward — onto `flags.loadedConfig`. A JS config found on the way up is
 * never loaded implicitly (a folder must not be able to run code); it is mentioned instead.
 * An invalid config is a usage error (exit 2) naming each key and what was expected.
 */
export async function loadRunConfig(run: Run, flags: { config?: string; loadedConfig?: UserConfig }): Promise<void> {
  const { loadConfig, findIgnoredJsConfig } = await import("../../config/load.js");
  let loaded;
  try {
    loaded = await loadConfig({ cwd: run.ctx.cwd, ...(flags.config !== undefined ? { path: flags.config } : {}) });
  } catch (error) {
    const detail = (error as { errors?: string[] }).errors;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? `config file not found: ${flags.config}`
        : detail
          ? `invalid config ${displayPath(run.ctx.cwd, (error as Error).message.replace(/^Invalid config (.*?):[\s\S]*$/, "$1"))}: ${detail.join("; ")}`
          : (error as Error).message;
    throw new UsageError(why);
  }
  if (loaded) {
    flags.loadedConfig = loaded.config;
    run.logger.verbose(`config: ${displayPath(run.ctx.cwd, loaded.file)}`);
  } else if (flags.config === undefined) {
    const js = findIgnoredJsConfig(run.ctx.cwd);
    if (js) run.logger.warn(`${displayPath(run.ctx.cwd, js)} was not loaded: JS configs run code, so they are used only when named with --config`);
  }
}
