/**
 * `check`: every unit converted in memory as `convert` would, by the same `processUnit` in its
 * compare-only mode (`UnitSettings.check`: no target; a unit that would change comes back with
 * its would-change places), in-process or on a worker; findings and diagnostics handed over in
 * input order. Sources, executor, cache, shards and the in-order window are `convert`'s.
 */
import { pushAll } from "../convert/push-all.js";
import type { ConvertOptions, InputFormat, MediaLibrary } from "../convert/types.js";
import { defaultFileSystem } from "../io/fs.js";
import { PROBLEM_LABELS, problemFromError, type InputProblem } from "../io/read.js";
import { toReportMessage, type FileReport, type ReportMessage } from "../report/types.js";
import { inShard } from "../scale/shard.js";
import { CacheStats, hashContent, openRunCache, saveCache } from "./cache.js";
import { brokenLine, lineResult, missingField } from "./convert-archives.js";
import { problemMessage } from "./convert-files.js";
import { converterFailure } from "./unit-result.js";
import type { RunEnv } from "./env.js";
import { Executor, type EarlyPool } from "./executor.js";
import type { RunEvent, RunReporter, UnitResult } from "./outcome.js";
import { WOULD_CHANGE, type UnitDone, type UnitInput, type UnitSettings } from "./process-unit.js";
import { readRecord, type RecordSettings } from "./record.js";
import {
  cacheSetting,
  checkBodyFormat,
  conversionOptions,
  isStdinOnly,
  loadRunConfig,
  parseShardSetting,
  readsArchives,
  reportFormat,
  reportHasDiffs,
  type ConversionFlags,
  type ReportFormat,
} from "./settings.js";
import { findArchiveSources, openArchive } from "./sources/ndjson.js";
import { eachSource, listSources } from "./sources/streams.js";
import { readsWxr } from "./sources/wxr.js";
import { fileUnit, findInputs, inputFormatFor, noInputsError } from "./sources/files.js";
import { stdinUnit } from "./sources/stdin.js";
import type { Unit } from "./sources/unit.js";
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
  executor: { concurrency?: number; timeout?: number; lazy?: boolean };
  /** `--verbose` changes what is printed of a cached file, so it is part of the cache's settings. */
  verbose: boolean;
}

/** `check`'s settings: conflicts rejected, the config in force loaded, once. */
export async function checkSettings(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  flags: ConversionFlags & { verbose?: boolean },
  notes: RunEvent[],
): Promise<CheckSettings> {
  const stdin = isStdinOnly(operands);
  const format = reportFormat(flags.report); // an unknown report kind is refused before any work
  const config = await loadRunConfig(env, flags.config, notes);
  const archives = readsArchives(operands, flags.inputFormat);
  checkBodyFormat(flags, archives);
  const wxr = !archives && ((stdin && flags.inputFormat === "wxr") || (await readsWxr(env, operands, flags.inputFormat)));
  const cache = cacheSetting(flags);
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
    cache,
    shard: await parseShardSetting(flags.shard),
    executor: {
      ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
      ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }),
      ...(cache ? { lazy: true } : {}),
    },
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

/** The settings of a run's `check` units: compare only, a diff per changed unit when the report shows them. */
export function checkUnits(settings: CheckSettings): UnitSettings {
  return { markdown: true, check: { diff: reportHasDiffs(settings.report?.format) } };
}

/** A check result being built: its report, counts and events. */
export function checkResult(name: string, size: number): CheckResult & { report: FileReport } {
  const tally = new Tally();
  tally.files++;
  return {
    report: { file: name, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} },
    tally,
    events: [],
    size,
    changed: false,
    findings: 0,
  };
}

/**
 * Check one unit of text (a record's body, a post) through `processUnit` and record its outcome;
 * a converter crash (or a dead worker) is that unit's failure.
 */
export async function checkText(
  executor: Executor,
  units: UnitSettings,
  options: ConvertOptions,
  result: CheckResult & { report: FileReport },
  input: UnitInput,
  what: "file" | "record" | "post",
  media?: MediaLibrary,
): Promise<{ result: CheckResult; messages?: ReportMessage[] }> {
  const name = result.report.file;
  let outcome;
  try {
    outcome = await executor.process(media ? { input, name, media } : { input, name }, units, options);
    if (outcome.kind === "crash") throw new Error(outcome.error);
  } catch (error) {
    return { result: checkFailed(result, name, error, what) };
  }
  if (outcome.kind === "problem") return { result: checkProblem(result, outcome.problem) };
  if (outcome.kind !== "done") throw new Error(`unexpected outcome of a ${what}: ${outcome.kind}`);
  return { result, messages: checked(result, name, outcome) };
}

/** An input that cannot be checked (unreadable, binary, empty…): reported, counted, the run goes on. */
function checkProblem(result: CheckResult & { report: FileReport }, problem: InputProblem): CheckResult {
  const display = result.report.file;
  const message = problemMessage(display, problem);
  result.events.push({ kind: "problem", message });
  result.tally.problem(display, problem, PROBLEM_LABELS[problem.kind]);
  result.report.messages.push(message);
  result.report.status = problem.severity === "error" ? "failed" : "skipped";
  return result;
}

/** Record a unit's outcome in its result (counts, report, findings); the messages, in position order. */
function checked(result: CheckResult & { report: FileReport }, display: string, outcome: UnitDone): ReportMessage[] {
  const { tally, report } = result;
  // Diagnostics are the command's data here: printed on stdout, not logged.
  const messages = outcome.messages.map((m) => toReportMessage(display, m));
  for (const m of messages) tally.count(m);
  report.shortcodes = outcome.shortcodes;
  if (outcome.changed) {
    result.changed = true;
    report.changed = true;
    report.status = "converted";
    tally.converted++;
    const findings = outcome.findings ?? [];
    result.findings = findings.length;
    // each finding is an error line: counted as one
    tally.errors += findings.length;
    tally.changePlaces += findings.length;
    pushAll(messages, findings);
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
function checkFailed(result: CheckResult & { report: FileReport }, display: string, error: unknown, what: "file" | "record" | "post"): CheckResult {
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
export async function checkFiles(
  settings: CheckSettings,
  env: RunEnv,
  reporter: CheckReporter,
  options: { sizes: boolean; early?: EarlyPool },
): Promise<CheckRun> {
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
  const cache = await openRunCache(
    env,
    "check",
    settings.cache,
    {
      command: "check",
      options: settings.options,
      inputFormat: settings.inputFormat,
      verbose: settings.verbose,
    },
    (event) => reporter.event(event),
  );
  // A report with diffs (.md, .html) needs every changed file converted: nothing can be skipped.
  const cacheSkips = cache !== undefined && !wantDiff;
  const cacheStats = new CacheStats();
  const executor = await Executor.start(env, settings.executor, units.length, options.early);

  const unitSettings = checkUnits(settings);
  // The converting thread reads each file itself unless the cache needs its bytes here (or tests inject a file system).
  const readsHere = cache !== undefined || env.fs !== defaultFileSystem;

  /** Check one unit. */
  const checkOne = async (unit: Unit): Promise<CheckResult> => {
    const display = unit.id;
    const result = checkResult(display, unit.size);
    const { tally: tallyOf, report } = result;
    let input: UnitInput;
    let inputHash: string | undefined;
    if (unit.path !== undefined && !readsHere) {
      input = { kind: "file", path: unit.path, ...(options.sizes ? { size: unit.size } : {}) };
    } else {
      let bytes: Uint8Array;
      try {
        bytes = await unit.read();
      } catch (error) {
        return checkProblem(result, problemFromError(error));
      }
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
      input = { kind: "bytes", bytes };
    }
    const { messages } = await checkText(executor, unitSettings, optionsFor(inputFormatFor(unit.path, settings.inputFormat)), result, input, "file");
    if (cache && inputHash && messages) {
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
  await saveCache(cache, cacheSkips ? cacheStats : undefined, (event) => reporter.event(event));
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
  const tell = (event: RunEvent) => reporter.event(event);
  const archives = await listSources(settings.stdin, () => findArchiveSources(env, settings.operands, settings.ignore, []), tally, tell);
  const record: RecordSettings = { field: settings.field, idField: settings.idField, ...(settings.shard ? { shard: settings.shard } : {}) };
  // (bodies are text unless --body-format says otherwise)
  const options = { inputFormat: "text" as const, ...settings.options };
  if (settings.cache) reporter.event({ kind: "info", text: "cache: not used for NDJSON archives: every record is checked" });
  const unitSettings = checkUnits(settings);
  // A small archive is checked in-process (the pool's start-up would cost more); stdin may be any size.
  const expected = archives.reduce((n, a) => n + (a === null ? Infinity : a.size / 1024), 0);
  const executor = await Executor.start(env, settings.executor, expected);
  const run: CheckRun = { tally, reports: [], wouldChange: 0, changeFindings: 0 };
  try {
    await eachSource(
      archives,
      (archive, name) => openArchive(env, archive, name),
      tally,
      tell,
      async (opened, archiveName) => {
        const checkLine = async (unit: Unit): Promise<CheckResult | null> => {
          const { line, bytes } = unit.record!;
          const read = readRecord({ line, bytes }, record);
          if (read.kind === "blank" || read.kind === "other-shard") return null;
          const result: CheckResult = { ...lineResult(bytes.length), changed: false, findings: 0 };
          if (read.kind === "broken") {
            brokenLine(result, archiveName, line, read);
            return result;
          }
          const name = `${archiveName}#${read.key}`;
          if (typeof read.body !== "string") {
            result.tally.files++;
            missingField(result, archiveName, line, name, settings.field, "not checked");
            return result;
          }
          const checking = checkResult(name, bytes.length);
          const checked = await checkText(executor, unitSettings, options, checking, { kind: "text", text: read.body }, "record");
          // GitHub annotations of a record's findings point at its line of the archive
          if (checked.messages) checking.at = { file: archiveName, line };
          return checked.result;
        };
        await inOrder(opened.units(), executor.window, checkLine, async (result) => {
          if (result) await handOver(run, reporter, result);
        });
      },
    );
  } finally {
    await executor.close();
  }
  return run;
}
