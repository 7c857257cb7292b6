import type { Message } from "../../ast/types.js";
import type { InputFile } from "../../io/expand.js";
import type { RawLine } from "../../io/ndjson.js";
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
  type Deferred,
  type EarlyPool,
  type ScaleFlags,
} from "../scale.js";
import { toReportMessage, type FileReport, type ReportMessage } from "../../report/types.js";
import type { CheckItem, CheckOutcome } from "../../scale/check-task.js";
import { formatMessage } from "../../report/stylish.js";
import { startRun, writeOut, type Context, type Run } from "../context.js";
import type { ExitCode } from "../errors.js";
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
  writeReport, reportHasDiffs, loadRunConfig, converterFailure, readsArchives, noInputsError } from "./shared.js";

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
  const stdin = isStdinOnly(operands);
  reportFormat(flags.report); // an unknown report kind is refused before any work
  const run = startRun(ctx, flags);
  await loadRunConfig(run, flags);
  if (readsArchives(operands, flags.inputFormat)) return checkArchives(run, operands, flags, stdin);
  return withEarlyPool(ctx, flags, operands, stdin, (early) => checkInputs(run, operands, flags, stdin, early));
}

/**
 * `check --input-format ndjson`: every record's `--field` checked as `convert` would convert
 * it, streamed line by line. A record is named `<archive>#<id>` and its findings are placed in
 * its body (line and column of the body, as `convert` reports its messages); a line that is no
 * record is an error at its line of the archive, a record without the field a warning. No cache
 * (every record is checked).
 */
async function checkArchives(run: Run, operands: string[], flags: CheckFlags, stdin: boolean): Promise<ExitCode> {
  const { ctx } = run;
  const { findArchives, openArchive, brokenLine, missingField } = await import("./ndjson.js");
  const { splitLines } = await import("../../io/ndjson.js");
  const { readRecord } = await import("../../scale/record-task.js");
  const { lineEndings, textNotes } = await import("../../io/decode.js");
  const tally = new Tally();
  const archives = stdin ? [null] : await findArchives(run, tally, operands, flags.ignore, []);
  const shard = await shardOf(flags);
  const settings = { field: flags.field, idField: flags.idField, ...(shard ? { shard } : {}), markdown: true };
  const options = convertOptions({ ...flags, to: "markdown" } as ConvertFlags, "text", "markdown");
  if (flags.cache) run.logger.info("cache: not used for NDJSON archives: every record is checked");
  const wantDiff = reportHasDiffs(reportFormat(flags.report));
  const reports: FileReport[] = [];
  let wouldChange = 0;
  let changeFindings = 0;
  // A small archive is checked in-process (the pool's start-up would cost more); stdin may be any size.
  const expected = archives.reduce((n, a) => n + (a === null ? Infinity : a.size / 1024), 0);
  const conversions = await Conversions.start(ctx, flags, expected);
  try {
    for (const archive of archives) {
      const archiveName = archive?.display ?? STDIN_NAME;
      const opened = await openArchive(run, tally, archive);
      if (!opened) continue;
      const checkLine = async (task: RawLine): Promise<Checked | null> => {
        const read = readRecord(task, settings);
        if (read.kind === "blank" || read.kind === "other-shard") return null;
        const deferred = deferRun(run);
        const own = new Tally();
        const out: Checked = { deferred, own, changed: false, findings: 0, report: undefined as unknown as FileReport };
        if (read.kind === "broken") {
          out.report = brokenLine(deferred.run, own, archiveName, task.line, read);
          return out;
        }
        own.files++;
        const name = `${archiveName}#${read.key}`;
        if (typeof read.body !== "string") {
          out.report = missingField(deferred.run, own, archiveName, task.line, name, flags.field, "not checked");
          return out;
        }
        const body = read.body;
        out.report = { file: name, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} };
        const eol = lineEndings(body);
        let outcome: CheckOutcome;
        try {
          outcome = await conversions.check({ text: body, bom: false, crlf: eol === "crlf", eol, display: name, wantDiff }, options, () => ctx.engine());
          if (outcome.kind === "crash") throw new Error(outcome.error);
        } catch (error) {
          return checkFailed(deferred.run, out, name, error, "record");
        }
        await checked(deferred.run, flags, out, name, textNotes(body, eol), outcome, { file: archiveName, line: task.line });
        return out;
      };
      try {
        await inOrder(splitLines(opened.source), conversions.window, checkLine, async (out) => {
          if (!out) return;
          await replay(run, out.deferred);
          tally.merge(out.own);
          reports.push(out.report);
          if (out.changed) wouldChange++;
          changeFindings += out.findings;
        });
      } finally {
        await opened.close();
      }
    }
  } finally {
    await conversions.close();
  }
  return endCheck(run, flags, tally, reports, wouldChange, changeFindings, "record", "run `shortcode-migrate convert ARCHIVE --input-format ndjson`");
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
      throw await noInputsError(ctx, operands, flags.ignore, 0);
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
    const out: Checked = { deferred, own, changed: false, findings: 0, report: undefined as unknown as FileReport };
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
      return checkFailed(deferred.run, out, display, error, "file");
    }
    const messages = await checked(deferred.run, flags, out, display, read.notes, outcome);
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

  return endCheck(run, flags, tally, reports, wouldChange, changeFindings, "file", "run `shortcode-migrate convert` with --out-dir or --write");
}

/** The end of a check: the JSON findings, the gate's findings, the report, the summary and exit code. */
async function endCheck(run: Run, flags: CheckFlags, tally: Tally, reports: FileReport[], wouldChange: number, changeFindings: number, noun: string, hint: string): Promise<ExitCode> {
  if (flags.format === "json") {
    await writeOut(run.ctx.stdout, JSON.stringify(reports.map(({ diff: _diff, ...rest }) => rest), null, 2) + "\n");
  }
  if (wouldChange) {
    tally.findings.push(`${wouldChange} ${noun}${wouldChange === 1 ? "" : "s"} would change (${changeFindings} place${changeFindings === 1 ? "" : "s"}); ${hint}`);
  }
  if (flags.maxWarnings !== undefined && tally.warnings > flags.maxWarnings) {
    tally.findings.push(`${tally.warnings} warnings exceed --max-warnings ${flags.maxWarnings}`);
  }
  const extra = { command: "check", verb: "would change" };
  const reportAs = reportFormat(flags.report);
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, extra), reports);
  return finish(run, tally, extra);
}

/** One text's check, held until its turn: its own run and tally, what it found, its report entry. */
interface Checked {
  deferred: Deferred;
  own: Tally;
  changed: boolean;
  findings: number;
  report: FileReport;
}

/**
 * Record a text's outcome in its {@link Checked} (counts, report, findings) and print its
 * messages (the notes on its bytes first, then the converter's, then the would-change findings,
 * in position order).
 *
 * @returns the messages, for the cache
 */
async function checked(
  run: Run,
  flags: CheckFlags,
  out: Checked,
  display: string,
  notes: readonly Message[],
  outcome: CheckOutcome & { kind: "done" },
  record?: ArchiveLine,
): Promise<ReportMessage[]> {
  const { own, report } = out;
  // Diagnostics are the command's data here: printed on stdout (see print below), not logged.
  const messages = [...notes, ...outcome.messages].map((m) => toReportMessage(display, m));
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
  // info-level notes (text kept as it was, …) are for --verbose; the gate is about errors and warnings
  await print(run, flags.format, flags.verbose ? messages : messages.filter((m) => m.severity !== "info"), record);
  return messages;
}

/** The converter threw on a text (a bug of ours): reported as one, on one line; the text failed. */
function checkFailed(run: Run, out: Checked, display: string, error: unknown, what: "file" | "record"): Checked {
  const why = converterFailure(display, error, what);
  run.logger.error(run.errColor.red(why));
  out.own.failures.push(why);
  out.report.status = "failed";
  return out;
}

/** Where a record is in its archive: the file and the line a GitHub annotation can point at. */
interface ArchiveLine {
  file: string;
  line: number;
}

/**
 * A record's finding as an annotation GitHub can place: at the record's line of the archive
 * (`archive#id` is no file of the repository), the place in the body said in the message.
 */
function atArchiveLine(m: ReportMessage, record: ArchiveLine): ReportMessage {
  return { ...m, file: record.file, line: record.line, column: 1, endLine: record.line, endColumn: 1, reason: `${m.file}:${m.line}:${m.column}: ${m.reason}` };
}

async function print(run: Run, format: CheckFlags["format"], messages: readonly ReportMessage[], record?: ArchiveLine): Promise<void> {
  if (format === "json" || messages.length === 0) return;
  if (format === "github") {
    const { formatGithub } = await import("../../report/github.js");
    await writeOut(run.ctx.stdout, formatGithub(record ? messages.map((m) => atArchiveLine(m, record)) : messages));
    return;
  }
  await writeOut(run.ctx.stdout, messages.map((m) => formatMessage(m, run.outColor) + "\n").join(""));
}
