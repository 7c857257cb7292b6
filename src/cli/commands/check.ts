import type { InputFile } from "../../io/expand.js";
import { decodeInput, type InputProblem, type ReadText } from "../../io/read.js";
import { inShard } from "../../scale/shard.js";
import { inOrder } from "../../scale/window.js";
import {
  CacheStats,
  Conversions,
  deferRun,
  openCache,
  optionsCache,
  readHashed,
  replay,
  saveCache,
  shardOf,
  withEarlyPool,
  type EarlyPool,
  type ScaleFlags,
} from "../scale.js";
import { toReportMessage, type FileReport, type ReportMessage } from "../../report/types.js";
import type { CheckItem, CheckOutcome } from "../../scale/check-task.js";
import { formatMessage } from "../../report/stylish.js";
import { startRun, writeOut, type Context, type Run } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import { convertOptions, type ConvertFlags } from "./convert.js";
import {
  findInputs,
  finish,
  inputFormatFor,
  isProblem,
  isStdinOnly,
  maybeProgress,
  readSource,
  reportFormat,
  reportProblem,
  STDIN_NAME,
  summaryOf,
  Tally,
  writeReport, reportHasDiffs, loadRunConfig, converterFailure } from "./shared.js";

/** Flags of `check`. */
export interface CheckFlags extends Omit<ConvertFlags, "outDir" | "write" | "to" | "dryRun" | "diff">, ScaleFlags {
  format: "stylish" | "json" | "github";
  maxWarnings?: number;
}

export { WOULD_CHANGE, wouldChangeFindings } from "../../scale/check-task.js";
import { WOULD_CHANGE } from "../../scale/check-task.js";
import { pushAll } from "../../convert/push-all.js";

/** `shortcode-migrate check <paths…>`: the CI gate. */
export async function runCheck(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as CheckFlags;
  if (flags.inputFormat === "ndjson") {
    // Each line would be checked as article text (JSON escapes and all): findings that mean nothing.
    throw new UsageError(
      "check does not read NDJSON archives yet (it would check each line as text); `shortcode-migrate convert ARCHIVE --input-format ndjson --dry-run` lists what would change, record by record",
    );
  }
  const stdin = isStdinOnly(operands);
  reportFormat(flags.report); // an unknown report kind is refused before any work
  const run = startRun(ctx, flags);
  await loadRunConfig(run, flags);
  return withEarlyPool(ctx, flags, operands, stdin, (early) => checkInputs(run, operands, flags, stdin, early));
}

/** {@link runCheck} once the run is set up: list, check, report. */
async function checkInputs(run: Run, operands: string[], flags: CheckFlags, stdin: boolean, early: EarlyPool | undefined): Promise<ExitCode> {
  const { ctx } = run;
  const reportAs = reportFormat(flags.report);
  const tally = new Tally();

  let inputs: Array<InputFile | null> = [null];
  if (!stdin) {
    const found = await findInputs(ctx, operands, flags.ignore, [], undefined, run.progressAllowed);
    tally.ignored = found.ignored.length;
    for (const ignored of found.ignored) run.logger.verbose(`ignored ${ignored}`);
    if (found.files.length === 0 && found.problems.length === 0) {
      throw new UsageError(`no input files found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .txt, .md, .markdown, .html, .htm)`);
    }
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) reportProblem(run, tally, display, problem);
    inputs = found.files;
  }

  const shard = await shardOf(flags);
  if (shard) inputs = inputs.filter((input) => input === null || inShard(input.rel, shard));
  const progress = maybeProgress(run, inputs.filter((f): f is InputFile => f !== null));
  const reports: FileReport[] = [];
  let wouldChange = 0;
  let changeFindings = 0;
  const optionsFor = optionsCache((inputFormat) => convertOptions({ ...flags, to: "markdown" } as ConvertFlags, inputFormat, "markdown"));
  const cache = await openCache(run, "check", flags, { command: "check", options: convertOptions({ ...flags, to: "markdown" } as ConvertFlags, undefined, "markdown"), inputFormat: flags.inputFormat, verbose: Boolean(flags.verbose) });
  // A report with diffs (.md, .html) needs every changed file converted: nothing can be skipped.
  const cacheSkips = cache !== undefined && !reportHasDiffs(reportAs);
  const cacheStats = new CacheStats();
  const conversions = await Conversions.start(ctx, flags, inputs.length, early);

  /** Check one input; its output and counts are held until its turn (input order). */
  const checkOne = async (input: InputFile | null) => {
    const deferred = deferRun(run);
    const own = new Tally();
    own.files++;
    const out = { deferred, own, changed: false, findings: 0, report: undefined as unknown as FileReport };
    const display = input?.display ?? STDIN_NAME;
    const report: FileReport = { file: display, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} };
    out.report = report;
    let read: ReadText | InputProblem;
    let inputHash: string | undefined;
    if (cache && input) {
      const hashed = await readHashed(ctx.fs, input.path);
      if ("kind" in hashed) read = hashed;
      else {
        const bytes = hashed.bytes;
        inputHash = hashed.hash;
        const entry = cacheSkips ? cache.peek(display) : undefined;
        if (cacheSkips && !entry) cacheStats.fresh++;
        else if (entry && entry.input !== inputHash) cacheStats.changed++;
        else if (entry) {
          cacheStats.hits++;
          own.cached++;
          const messages = (entry.messages ?? []).map((m) => ({ ...m, file: display }));
          for (const m of messages) own.count(m);
          report.messages = messages;
          report.shortcodes = entry.shortcodes ?? {};
          report.changed = entry.changed;
          report.status = entry.changed ? "converted" : "unchanged";
          out.changed = entry.changed;
          out.findings = messages.filter((m) => m.ruleId === WOULD_CHANGE).length;
          await print(deferred.run, flags.format, flags.verbose ? messages : messages.filter((m) => m.severity !== "info"));
          return out;
        }
        read = decodeInput(bytes);
      }
    } else {
      read = await readSource(ctx, input?.path ?? null);
    }
    read = read!;
    if (isProblem(read)) {
      report.messages.push(reportProblem(deferred.run, own, display, read));
      report.status = read.severity === "error" ? "failed" : "skipped";
      return out;
    }
    const inputFormat = inputFormatFor(input?.path ?? null, flags.inputFormat);
    const item: CheckItem = { text: read.text, bom: read.bom, crlf: read.crlf, eol: read.eol, display, wantDiff: reportHasDiffs(reportAs) };
    let outcome: CheckOutcome;
    try {
      outcome = await conversions.check(item, optionsFor(inputFormat), () => ctx.engine());
      if (outcome.kind === "crash") throw new Error(outcome.error);
    } catch (error) {
      const why = converterFailure(display, error, "file");
      deferred.run.logger.error(run.errColor.red(why));
      own.failures.push(why);
      report.status = "failed";
      return out;
    }
    // Diagnostics are the command's data here: printed on stdout (see print below), not logged.
    const messages = [...read.notes, ...outcome.messages].map((m) => toReportMessage(display, m));
    for (const m of messages) own.count(m);
    report.shortcodes = outcome.shortcodes;
    if (outcome.changed) {
      out.changed = true;
      report.changed = true;
      report.status = "converted";
      own.converted++;
      out.findings = outcome.findings.length;
      pushAll(messages, outcome.findings);
      messages.sort((a, b) => a.line - b.line || a.column - b.column);
      if (outcome.diff !== undefined) report.diff = outcome.diff;
    } else {
      report.status = "unchanged";
      own.unchanged++;
    }
    report.messages = messages;
    if (cache && inputHash) {
      cache.record(display, {
        input: inputHash,
        changed: out.changed,
        errors: messages.filter((m) => m.severity === "error").length,
        warnings: messages.filter((m) => m.severity === "warning").length,
        ...(messages.length ? { messages: messages.map(({ file: _file, ...m }) => m) } : {}),
        ...(Object.keys(report.shortcodes).length ? { shortcodes: report.shortcodes } : {}),
      });
    }
    // info-level notes (text kept as it was, …) are for --verbose; the gate is about errors and warnings
    await print(deferred.run, flags.format, flags.verbose ? messages : messages.filter((m) => m.severity !== "info"));
    return out;
  };

  try {
    await inOrder(inputs, conversions.window, checkOne, async (out, input) => {
      await replay(run, out.deferred);
      tally.merge(out.own);
      reports.push(out.report);
      if (out.changed) wouldChange++;
      changeFindings += out.findings;
      progress?.tick(input?.size ?? 0);
    });
  } finally {
    await conversions.close();
  }
  if (cache) {
    await saveCache(run, cache);
    if (cacheSkips) run.logger.info(cacheStats.describe());
  }

  if (flags.format === "json") {
    await writeOut(ctx.stdout, JSON.stringify(reports.map(({ diff: _diff, ...rest }) => rest), null, 2) + "\n");
  }
  if (wouldChange) {
    tally.findings.push(
      `${wouldChange} file${wouldChange === 1 ? "" : "s"} would change (${changeFindings} place${changeFindings === 1 ? "" : "s"}); run \`shortcode-migrate convert\` with --out-dir or --write`,
    );
  }
  if (flags.maxWarnings !== undefined && tally.warnings > flags.maxWarnings) {
    tally.findings.push(`${tally.warnings} warnings exceed --max-warnings ${flags.maxWarnings}`);
  }
  const extra = { command: "check", verb: "would change" };
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, extra), reports);
  return finish(run, tally, extra);
}

async function print(run: Run, format: CheckFlags["format"], messages: readonly ReportMessage[]): Promise<void> {
  if (format === "json" || messages.length === 0) return;
  if (format === "github") {
    const { formatGithub } = await import("../../report/github.js");
    await writeOut(run.ctx.stdout, formatGithub(messages));
    return;
  }
  await writeOut(run.ctx.stdout, messages.map((m) => formatMessage(m, run.outColor) + "\n").join(""));
}
