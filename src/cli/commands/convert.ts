import path from "node:path";
import type { ConvertOptions, OutputFormat } from "../../convert/types.js";
import { restoreByteFacts } from "../../io/decode.js";
import { displayPath, type InputFile } from "../../io/expand.js";
import type { FileReport } from "../../report/types.js";
import { startRun, writeOut, type CommonFlags, type Context, type Run } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import type { Engine } from "../engine.js";
import {
  findInputs,
  finish,
  inputFormatFor,
  isProblem,
  isStdinOnly,
  logMessages,
  maybeProgress,
  readSource,
  reportFormat,
  reportProblem,
  STDIN_NAME,
  summaryOf,
  Tally,
  writeReport,
} from "./shared.js";

/** Flags of `convert`, as commander parses them. */
export interface ConvertFlags extends CommonFlags {
  outDir?: string;
  write?: boolean;
  to: OutputFormat;
  dryRun?: boolean;
  diff?: boolean;
  report?: string;
  ignore?: string[];
  compat: "repair" | "wordpress";
  inputFormat: "auto" | "text" | "markdown" | "html" | "ndjson";
  field: string;
  idField: string;
  preset: "sozcu" | "wordpress" | "none";
  style: "block" | "list" | "directive";
}

/** Where converted text goes. */
export type Destination = "stdout" | "out-dir" | "write" | "none";

/** File extension of each output format. */
export const OUTPUT_EXTENSIONS: Record<OutputFormat, string> = { markdown: ".md", json: ".json", mdast: ".mdast.json" };

/** Options handed to the converter for one body. */
export function convertOptions(flags: ConvertFlags, inputFormat: ConvertOptions["inputFormat"], to: OutputFormat = flags.to): ConvertOptions {
  return { to, inputFormat, compat: flags.compat, preset: flags.preset, style: flags.style };
}

/** Reject conflicting flags before any work; say what to do instead. */
export function validateConvertFlags(flags: ConvertFlags, stdin: boolean): void {
  if (flags.write && flags.outDir !== undefined) {
    throw new UsageError("cannot use --write and --out-dir together: --write converts in place, --out-dir writes copies; choose one");
  }
  if (flags.write && flags.to !== "markdown") {
    throw new UsageError(`--write keeps each file's kind, but --to ${flags.to} would turn markdown into JSON; use --out-dir DIR instead`);
  }
  if (stdin && flags.inputFormat !== "ndjson") {
    if (flags.write) throw new UsageError("cannot use --write with - (stdin): the result goes to stdout; redirect it (> file.md)");
    if (flags.outDir !== undefined) {
      throw new UsageError("cannot use --out-dir with - (stdin): the result goes to stdout; redirect it (> file.md)");
    }
  }
  if (flags.outDir === "") throw new UsageError('--out-dir "": expected a folder name');
  reportFormat(flags.report);
}

/** `shortcode-migrate convert <paths…>`. */
export async function runConvert(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ConvertFlags;
  const stdin = isStdinOnly(operands);
  validateConvertFlags(flags, stdin);
  if (flags.inputFormat === "ndjson") {
    const { runNdjson } = await import("./ndjson.js");
    return runNdjson(ctx, operands, flags);
  }
  const run = startRun(ctx, flags);
  const tally = new Tally();
  const outDir = flags.outDir === undefined ? undefined : path.resolve(ctx.cwd, flags.outDir);
  const reportAs = reportFormat(flags.report);

  let inputs: Array<InputFile | null>;
  if (stdin) {
    inputs = [null];
  } else {
    const found = await findInputs(ctx, operands, flags.ignore, outDir ? [outDir] : []);
    for (const ignored of found.ignored) run.logger.verbose(`ignored ${ignored}`);
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw new UsageError(
        `no input files found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .txt, .md, .markdown, .html, .htm${found.ignored.length ? `; ${found.ignored.length} ignored` : ""})`,
      );
    }
    const batch = found.batch || found.files.length + found.problems.length > 1;
    if (batch && !flags.write && outDir === undefined && !flags.dryRun && !flags.diff) {
      const n = found.files.length + found.problems.length;
      throw new UsageError(
        `${n} input${n === 1 ? "" : "s"} (from a folder or glob) and no output choice: add --out-dir DIR to write converted copies, --write to convert markdown files in place, or --dry-run/--diff to preview`,
      );
    }
    if (flags.write) {
      const foreign = found.files.filter((f) => ![".md", ".markdown"].includes(path.extname(f.path).toLowerCase()));
      if (foreign.length) {
        throw new UsageError(
          `--write converts in place only markdown files converted to markdown, but ${foreign.length} input${foreign.length === 1 ? " is" : "s are"} not markdown (first: ${foreign[0]!.display}); use --out-dir DIR to write converted copies`,
        );
      }
    }
    if (outDir !== undefined) checkTargets(found.files, outDir, flags.to, ctx.cwd);
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) reportProblem(run, tally, display, problem);
    inputs = found.files;
  }

  const destination: Destination =
    flags.dryRun || (flags.diff && !flags.write && outDir === undefined)
      ? "none"
      : flags.write
        ? "write"
        : outDir !== undefined
          ? "out-dir"
          : "stdout";

  let engine: Engine;
  try {
    engine = await ctx.engine();
  } catch (error) {
    throw new Error(`cannot load the converter: ${(error as Error).message}`, { cause: error });
  }
  const diffModule = flags.diff || reportAs === "md" ? await import("../../report/diff.js") : undefined;
  const progress = maybeProgress(run, inputs.filter((f): f is InputFile => f !== null));
  const reports: FileReport[] = [];

  for (const input of inputs) {
    tally.files++;
    const report = await convertOne(run, tally, engine, flags, input, destination, outDir, diffModule);
    if (flags.report) reports.push(report);
    progress?.tick(input?.size ?? 0);
  }

  const summaryExtra = { command: "convert", dryRun: Boolean(flags.dryRun), verb: flags.dryRun || destination === "none" ? "would change" : "converted" };
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, summaryExtra), reports);
  return finish(run, tally, summaryExtra);
}

/** Refuse outputs that collide with each other or overwrite an input. */
function checkTargets(files: readonly InputFile[], outDir: string, to: OutputFormat, cwd: string): void {
  const byTarget = new Map<string, InputFile>();
  const inputs = new Set(files.map((f) => f.path));
  for (const file of files) {
    const target = targetPath(outDir, file.rel, to);
    if (inputs.has(target)) {
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
  }
}

/** Output path for an input: `--out-dir` + its path relative to its operand, with the format's extension. */
export function targetPath(outDir: string, rel: string, to: OutputFormat): string {
  const ext = path.extname(rel);
  const stem = ext ? rel.slice(0, -ext.length) : rel;
  return path.join(outDir, ...(stem + OUTPUT_EXTENSIONS[to]).split("/"));
}

async function convertOne(
  run: Run,
  tally: Tally,
  engine: Engine,
  flags: ConvertFlags,
  input: InputFile | null,
  destination: Destination,
  outDir: string | undefined,
  diffModule: typeof import("../../report/diff.js") | undefined,
): Promise<FileReport> {
  const { ctx, logger } = run;
  const display = input?.display ?? STDIN_NAME;
  const report: FileReport = { file: display, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} };
  const read = await readSource(ctx, input?.path ?? null);
  if (isProblem(read)) {
    report.messages.push(reportProblem(run, tally, display, read));
    report.status = read.severity === "error" ? "failed" : "skipped";
    report.skipReason = read.reason;
    return report;
  }
  let result;
  try {
    result = await engine.convert(read.text, convertOptions(flags, inputFormatFor(input?.path ?? null, flags.inputFormat)));
  } catch (error) {
    const why = `the converter crashed on ${display}: ${(error as Error)?.message ?? String(error)} (a bug; please report it with this file)`;
    logger.error(run.errColor.red(why));
    tally.failures.push(why);
    report.status = "failed";
    report.skipReason = why;
    return report;
  }
  report.messages = logMessages(run, tally, display, result.messages);
  report.shortcodes = result.stats?.shortcodes ?? {};
  const original = (read.bom ? "\uFEFF" : "") + read.text;
  const output = flags.to === "markdown" ? restoreByteFacts(result.output, read) : result.output;
  const changed = flags.to === "markdown" ? output !== original : true;
  report.changed = changed;
  report.status = changed ? "converted" : "unchanged";
  if (changed) tally.converted++;
  else tally.unchanged++;

  const target =
    destination === "out-dir" || (destination === "none" && outDir !== undefined)
      ? targetPath(outDir!, input!.rel, flags.to)
      : destination === "write" || (destination === "none" && flags.write)
        ? input!.path
        : null;
  const targetDisplay = target ? displayPath(ctx.cwd, target) : display;

  if (diffModule && changed) {
    const patch = diffModule.unifiedDiff(display, targetDisplay, original, output);
    if (flags.diff) await writeOut(ctx.stdout, diffModule.colorizeDiff(patch, run.outColor));
    report.diff = patch;
  }

  switch (destination) {
    case "stdout":
      if (!flags.diff) await writeOut(ctx.stdout, output);
      report.output = "<stdout>";
      break;
    case "out-dir":
    case "write": {
      if (destination === "write" && !changed) {
        logger.verbose(`${display}: unchanged, not rewritten`);
        break;
      }
      const { hasContent, writeFileAtomic, describeWriteError } = await import("../../io/write.js");
      if (await hasContent(target!, output, ctx.fs)) {
        logger.verbose(`${display} → ${targetDisplay}: up to date, not rewritten`);
        report.output = targetDisplay;
        break;
      }
      try {
        await writeFileAtomic(target!, output, ctx.fs);
        report.output = targetDisplay;
        logger.verbose(`${display} → ${targetDisplay}`);
      } catch (error) {
        const why = `cannot write ${targetDisplay}: ${describeWriteError(error)}`;
        logger.error(run.errColor.red(`${display}: ${why}`));
        tally.failures.push(why);
        report.status = "failed";
      }
      break;
    }
    case "none":
      logger.verbose(`${display}: ${changed ? (target ? `would write ${targetDisplay}` : "would change") : "unchanged"}`);
      break;
  }
  return report;
}

