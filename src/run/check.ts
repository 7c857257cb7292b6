/**
 * `check`: every unit converted in memory as `convert` would (`scale/check-task.ts`, in-process
 * or on a worker), its would-change findings and diagnostics handed over in input order.
 * Sources, executor, cache, shards and the in-order window are `convert`'s.
 */
import type { Message } from "../ast/types.js";
import { pushAll } from "../convert/push-all.js";
import type { ConvertOptions, InputFormat } from "../convert/types.js";
import { lineEndings, textNotes } from "../io/decode.js";
import type { InputFile } from "../io/expand.js";
import { decodeInput, isBlank, isProblem, PROBLEM_LABELS, problemFromError, type InputProblem, type ReadText } from "../io/read.js";
import { toReportMessage, type FileReport, type ReportMessage } from "../report/types.js";
import type { CheckItem, CheckOutcome } from "../scale/check-task.js";
import { WOULD_CHANGE } from "../scale/check-task.js";
import { inShard } from "../scale/shard.js";
import { CacheStats, hashContent, openCache, saveCache } from "./cache.js";
import { brokenLine, lineResult, missingField } from "./convert-archives.js";
import { converterFailure, problemMessage } from "./convert-files.js";
import type { RunEnv } from "./env.js";
import { Executor, type EarlyPool } from "./executor.js";
import type { RunEvent, RunReporter, UnitResult } from "./outcome.js";
import { readRecord, type RecordSettings } from "./record.js";
import { cacheSetting, checkBodyFormat, conversionOptions, isStdinOnly, loadRunConfig, parseShardSetting, readsArchives, reportFormat, reportHasDiffs, type ConversionFlags, type ReportFormat } from "./settings.js";
import { findArchives, isArchiveProblem, openArchive } from "./sources/ndjson.js";
import { readsWxr } from "./sources/wxr.js";
import { fileUnit, findInputs, inputFormatFor, noInputsError } from "./sources/files.js";
import { stdinUnit } from "./sources/stdin.js";
import { STDIN_NAME, type Unit } from "./sources/unit.js";
import { Tally } from "./tally.js";
import { inOrder } from "./window.js";


/** Everything a run of `check` is told, resolved once. */
export interface CheckSettings {
  operands: readonly string[];
  stdin: boolean;
  archives: boolean;
  /** The inputs are WordPress exports (see `readsWxr`): every post and page checked. */
  wxr: boolean;
  report: { file: string; format: ReportFormat } | undefined;
  ignore: readonly string[] | undefined;
  inputFormat: ConversionFlags["inputFormat"];
  field: string;
  idField: string;
  /** The converter's options (to markdown) but `inputFormat`. */
  options: ConvertOptions;
  cache: { location: string | undefined } | undefined;
  shard: RecordSettings["shard"];
  executor: { concurrency?: number; timeout?: number };
  /** `--verbose` changes what is printed of a cached file, so it is part of the cache's settings. */
  verbose: boolean;
}

/** `check`'s settings: conflicts rejected, the config in force loaded, once. */
export async function checkSettings(env: Pick<RunEnv, "cwd" | "fs">, operands: readonly string[], flags: ConversionFlags & { verbose?: boolean }, notes: RunEvent[]): Promise<CheckSettings> {
  const stdin = isStdinOnly(operands);
  const format = reportFormat(flags.report); // an unknown report kind is refused before any work
  const config = await loadRunConfig(env, flags.config, notes);
  const archives = readsArchives(operands, flags.inputFormat);
  checkBodyFormat(flags, archives);
  const wxr = !archives && ((stdin && flags.inputFormat === "wxr") || (await readsWxr(env, operands, flags.inputFormat)));
  return {
    operands,
    stdin,
    archives,
    wxr,
    report: flags.report !== undefined && format ? { file: flags.report, format } : undefined,
    ignore: flags.ignore,
    inputFormat: flags.inputFormat,
    field: flags.field,
    idField: flags.idField,
    options: conversionOptions(flags, "markdown", config),
    cache: cacheSetting(flags),
    shard: await parseShardSetting(flags.shard),
    executor: { ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }), ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }) },
    verbose: Boolean(flags.verbose),
  };
}

/** What a check hands over per unit: its result, and what it found. */
export interface CheckResult extends UnitResult {
  /** It would change. */
  changed: boolean;
  /** Its would-change findings. */
  findings: number;
  /** A record: where it is in its archive (GitHub annotations point there). */
  at?: { file: string; line: number };
}

/** Where a check's findings go: the CLI prints them (stdout, by `--format`). */
export type CheckReporter = Omit<RunReporter, "unit"> & { unit(result: CheckResult): Promise<void> };

/** What a run of `check` ends with. */
export interface CheckRun {
  tally: Tally;
  reports: FileReport[];
  /** Units that would change, and their findings. */
  wouldChange: number;
  changeFindings: number;
}

/** A unit's findings (its diagnostics and would-change places), for the CLI to print on stdout. */
function findingsEvent(messages: readonly ReportMessage[]): RunEvent {
  return { kind: "findings", messages };
}

/** Record a text's outcome in its result (counts, report, findings); the messages, in position order. */
export function checked(result: CheckResult & { report: FileReport }, display: string, notes: readonly Message[], outcome: CheckOutcome & { kind: "done" }): ReportMessage[] {
  const { tally, report } = result;
  // Diagnostics are the command's data here: printed on stdout, not logged.
  const messages = [...notes, ...outcome.messages].map((m) => toReportMessage(display, m));
  for (const m of messages) tally.count(m);
  report.shortcodes = outcome.shortcodes;
  if (outcome.changed) {
    result.changed = true;
    report.changed = true;
    report.status = "converted";
    tally.converted++;
    result.findings = outcome.findings.length;
    // each finding is an error line: counted as one
    tally.errors += outcome.findings.length;
    tally.changePlaces += outcome.findings.length;
    pushAll(messages, outcome.findings);
    messages.sort((a, b) => a.line - b.line || a.column - b.column);
    if (outcome.diff !== undefined) report.diff = outcome.diff;
  } else {
    report.status = "unchanged";
    tally.upToDate++;
  }
  report.messages = messages;
  result.events.push(findingsEvent(messages));
  return messages;
}

/** The converter threw on a text (a bug of ours): reported as one, on one line; the text failed. */
export function checkFailed(result: CheckResult & { report: FileReport }, display: string, error: unknown, what: "file" | "record" | "post"): CheckResult {
  const why = converterFailure(display, error, what);
  result.events.push({ kind: "failure", text: why });
  result.tally.fail(display, "converter crash", why);
  result.report.status = "failed";
  return result;
}

/**
 * Run `check` on files, folders, globs or stdin; each unit's result goes to `reporter.unit`
 * in input order.
 */
export async function checkFiles(settings: CheckSettings, env: RunEnv, reporter: CheckReporter, options: { sizes: boolean; early?: EarlyPool }): Promise<CheckRun> {
  const tally = new Tally();
  let units: Unit[] = [stdinUnit(env)];
  if (!settings.stdin) {
    const found = await findInputs(env, settings.operands, settings.ignore, [], undefined, options.sizes);
    tally.ignored = found.ignored.length;
    for (const ignored of found.ignored) reporter.event({ kind: "verbose", text: `ignored ${ignored}` });
    if (found.files.length === 0 && found.problems.length === 0) {
      throw await noInputsError(env, settings.operands, settings.ignore, 0);
    }
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) {
      reporter.event({ kind: "problem", message: problemMessage(display, problem) });
      tally.problem(display, problem);
    }
    units = found.files.map((file) => fileUnit(env, file));
  }
  if (settings.shard) units = units.filter((unit) => unit.rel === undefined || inShard(unit.rel, settings.shard));
  reporter.listed?.(units);
  const wantDiff = reportHasDiffs(settings.report?.format);
  const byFormat = new Map<InputFormat, ConvertOptions>();
  const optionsFor = (inputFormat: InputFormat): ConvertOptions => {
    let o = byFormat.get(inputFormat);
    if (!o) byFormat.set(inputFormat, (o = { ...settings.options, inputFormat }));
    return o;
  };
  const cache = settings.cache
    ? await openCache(env, "check", settings.cache.location, { command: "check", options: settings.options, inputFormat: settings.inputFormat, verbose: settings.verbose })
    : undefined;
  if (cache?.invalidated) reporter.event({ kind: "info", text: `cache: starting afresh: ${cache.invalidated}` });
  // A report with diffs (.md, .html) needs every changed file converted: nothing can be skipped.
  const cacheSkips = cache !== undefined && !wantDiff;
  const cacheStats = new CacheStats();
  const executor = await Executor.start(env, settings.executor, units.length, options.early);

  /** Check one unit. */
  const checkOne = async (unit: Unit): Promise<CheckResult> => {
    const display = unit.id;
    const tallyOf = new Tally();
    tallyOf.files++;
    const report: FileReport = { file: display, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} };
    const result: CheckResult & { report: FileReport } = { report, tally: tallyOf, events: [], size: unit.size, changed: false, findings: 0 };
    let read: ReadText | InputProblem;
    let inputHash: string | undefined;
    try {
      const bytes = await unit.read();
      if (cache && unit.path !== undefined) {
        inputHash = hashContent(bytes);
        const entry = cacheSkips ? cache.peek(display) : undefined;
        if (cacheSkips && !entry) cacheStats.fresh++;
        else if (entry && entry.input !== inputHash) cacheStats.changed++;
        else if (entry) {
          cacheStats.hits++;
          tallyOf.cached++;
          const messages = (entry.messages ?? []).map((m) => ({ ...m, file: display }));
          for (const m of messages) tallyOf.count(m);
          report.messages = messages;
          report.shortcodes = entry.shortcodes ?? {};
          report.changed = entry.changed;
          report.status = entry.changed ? "converted" : "unchanged";
          result.changed = entry.changed;
          result.findings = messages.filter((m) => m.ruleId === WOULD_CHANGE).length;
          tallyOf.changePlaces += result.findings;
          if (entry.changed) tallyOf.converted++;
          else tallyOf.upToDate++;
          result.events.push(findingsEvent(messages));
          return result;
        }
      }
      read = decodeInput(bytes, { keepEmpty: true });
    } catch (error) {
      read = problemFromError(error);
    }
    if (isProblem(read)) {
      const message = problemMessage(display, read);
      result.events.push({ kind: "problem", message });
      tallyOf.problem(display, read, PROBLEM_LABELS[read.kind]);
      report.messages.push(message);
      report.status = read.severity === "error" ? "failed" : "skipped";
      return result;
    }
    const item: CheckItem = { text: read.text, bom: read.bom, crlf: read.crlf, eol: read.eol, display, wantDiff };
    let outcome: CheckOutcome;
    try {
      // white space only: converted, it is the same (see processUnit)
      outcome = isBlank(read.text)
        ? { kind: "done", messages: [], shortcodes: {}, changed: false, findings: [] }
        : await executor.check(item, optionsFor(inputFormatFor(unit.path, settings.inputFormat)), () => env.engine());
      if (outcome.kind === "crash") throw new Error(outcome.error);
    } catch (error) {
      return checkFailed(result, display, error, "file");
    }
    const messages = checked(result, display, read.notes, outcome);
    if (cache && inputHash) {
      cache.record(display, {
        input: inputHash,
        changed: result.changed,
        errors: messages.filter((m) => m.severity === "error").length,
        warnings: messages.filter((m) => m.severity === "warning").length,
        ...(messages.length ? { messages: messages.map(({ file: _file, ...m }) => m) } : {}),
        ...(Object.keys(report.shortcodes).length ? { shortcodes: report.shortcodes } : {}),
      });
    }
    return result;
  };

  const run: CheckRun = { tally, reports: [], wouldChange: 0, changeFindings: 0 };
  try {
    await inOrder(units, executor.window, checkOne, async (result) => handOver(run, reporter, result));
  } finally {
    await executor.close();
  }
  if (cache) {
    const note = await saveCache(cache);
    if (note) reporter.event({ kind: "warn", text: note });
    if (cacheSkips) reporter.event({ kind: "info", text: cacheStats.describe() });
  }
  return run;
}

export async function handOver(run: CheckRun, reporter: CheckReporter, result: CheckResult): Promise<void> {
  run.tally.merge(result.tally);
  if (result.report) run.reports.push(result.report);
  if (result.changed) run.wouldChange++;
  run.changeFindings += result.findings;
  await reporter.unit(result);
}

/**
 * `check` of NDJSON archives: every record's `--field` checked as `convert` would convert it,
 * streamed line by line. A record is named `<archive>#<id>` and its findings are placed in its
 * body; a line that is no record is an error at its line of the archive, a record without the
 * field a warning. No cache (every record is checked).
 */
export async function checkArchives(settings: CheckSettings, env: RunEnv, reporter: CheckReporter): Promise<CheckRun> {
  const tally = new Tally();
  let archives: Array<InputFile | null> = [null];
  if (!settings.stdin) {
    const found = await findArchives(env, settings.operands, settings.ignore, []);
    tally.ignored = found.ignored;
    for (const { message, skip } of found.problems) {
      reporter.event({ kind: "problem", message });
      tally.problem(message.file, { kind: "unreadable", severity: "error" }, skip);
    }
    archives = found.archives;
  }
  const record: RecordSettings = { field: settings.field, idField: settings.idField, ...(settings.shard ? { shard: settings.shard } : {}) };
  // (bodies are text unless --body-format says otherwise)
  const options = { inputFormat: "text" as const, ...settings.options };
  if (settings.cache) reporter.event({ kind: "info", text: "cache: not used for NDJSON archives: every record is checked" });
  const wantDiff = reportHasDiffs(settings.report?.format);
  // A small archive is checked in-process (the pool's start-up would cost more); stdin may be any size.
  const expected = archives.reduce((n, a) => n + (a === null ? Infinity : a.size / 1024), 0);
  const executor = await Executor.start(env, settings.executor, expected);
  const run: CheckRun = { tally, reports: [], wouldChange: 0, changeFindings: 0 };
  try {
    for (const archive of archives) {
      const archiveName = archive?.display ?? STDIN_NAME;
      const opened = await openArchive(env, archive, archiveName);
      if (isArchiveProblem(opened)) {
        reporter.event({ kind: "problem", message: opened.message });
        tally.problem(archiveName, { kind: "unreadable", severity: "error" }, opened.skip);
        continue;
      }
      const checkLine = async (unit: Unit): Promise<CheckResult | null> => {
        const { line, bytes } = unit.record!;
        const read = readRecord({ line, bytes }, record);
        if (read.kind === "blank" || read.kind === "other-shard") return null;
        const result: CheckResult = { ...lineResult(bytes.length), changed: false, findings: 0 };
        if (read.kind === "broken") {
          brokenLine(result, archiveName, line, read);
          return result;
        }
        result.tally.files++;
        const name = `${archiveName}#${read.key}`;
        if (typeof read.body !== "string") {
          missingField(result, archiveName, line, name, settings.field, "not checked");
          return result;
        }
        const body = read.body;
        const withReport = Object.assign(result, { report: { file: name, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} } as FileReport });
        const eol = lineEndings(body);
        let outcome: CheckOutcome;
        try {
          outcome = await executor.check({ text: body, bom: false, crlf: eol === "crlf", eol, display: name, wantDiff }, options, () => env.engine());
          if (outcome.kind === "crash") throw new Error(outcome.error);
        } catch (error) {
          return checkFailed(withReport, name, error, "record");
        }
        checked(withReport, name, textNotes(body, eol), outcome);
        withReport.at = { file: archiveName, line };
        return withReport;
      };
      try {
        await inOrder(opened.units(), executor.window, checkLine, async (result) => {
          if (result) await handOver(run, reporter, result);
        });
      } finally {
        await opened.close();
      }
    }
  } finally {
    await executor.close();
  }
  return run;
}
