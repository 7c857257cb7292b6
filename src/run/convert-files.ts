/**
 * `convert` of files, folders, globs and stdin: list the units (sources), run each through
 * `processUnit` (executor), send the output where it goes (sinks), hand each unit's result
 * over in input order. Returns the run's tally; never logs.
 */
import path from "node:path";
import type { ConvertOptions, InputFormat } from "../convert/types.js";
import { displayPath } from "../io/expand.js";
import { defaultFileSystem } from "../io/fs.js";
import { nodeSyncFileSystem, type SyncFileSystem } from "../io/sync-fs.js";
import { describeWriteError } from "../io/write.js";
import { converterFailure } from "./unit-result.js";
import { PROBLEM_LABELS, problemFromError, type InputProblem } from "../io/read.js";
import type { FileReport, ReportMessage } from "../report/types.js";
import { toReportMessage } from "../report/types.js";
import { inShard } from "../scale/shard.js";
import {
  cacheCanSkip,
  cacheEntry,
  CacheStats,
  hashContent,
  openRunCache,
  outputStamp,
  saveCache,
  validEntry,
  type CacheEntry,
  type ConversionCache,
} from "./cache.js";
import type { RunEnv } from "./env.js";
import { UsageError } from "./errors.js";
import { Executor, MIN_POOL_INPUTS, type EarlyPool } from "./executor.js";
import type { RunEvent, RunReporter, UnitResult } from "./outcome.js";
import type { UnitDone, UnitInput, UnitOutcome, UnitSettings } from "./process-unit.js";
import type { UnitTarget } from "./sinks/target.js";
import type { ConvertSettings } from "./settings.js";
import { checkTargets, FileSink, OUTPUT_EXTENSIONS, targetPath } from "./sinks/out-dir.js";
import { fileUnit, findInputs, inputFormatFor, noInputsError } from "./sources/files.js";
import { stdinUnit } from "./sources/stdin.js";
import type { Unit } from "./sources/unit.js";
import { Tally } from "./tally.js";
import { inOrder } from "./window.js";
import { outputPathUnder, VIRTUAL_ROOT, type LinkRun } from "./links.js";

/** A file's result: it always has a report entry. */
type FileResult = UnitResult & { report: FileReport };

/** What every unit of a run shares. */
interface Job {
  settings: ConvertSettings;
  env: RunEnv;
  executor: Executor;
  optionsFor: (inputFormat: InputFormat) => ConvertOptions;
  /** Units whose output comes back here too (stdout, diffs, the cache, an injected file system); a file output is still written by `processUnit`. */
  back: UnitSettings;
  /** Units the converting thread reads and writes itself. */
  direct: UnitSettings | undefined;
  sink: FileSink | undefined;
  cache: ConversionCache | undefined;
  /** Cache hits may skip the unit (nothing of its output is shown). */
  cacheSkips: boolean;
  cacheStats: CacheStats;
  diffModule: typeof import("../report/diff.js") | undefined;
  /** `--out-dir`: each input path's output, as `checkTargets` computed it. */
  targets: Map<string, string> | undefined;
  /** The listing took each input's size; else sizes are 0 and mean nothing. */
  sizesKnown: boolean;
  /** Outputs written or found up to date by the converting thread (the end-of-run flush is for them). */
  writtenDirect: number;
  /** Links and assets rewritten (`links.ts`). */
  links: LinkRun | undefined;
  /** How a cache hit's output file is looked at: one synchronous `stat` on the real file system (see `fileUnit`). */
  outputStat: { stat(file: string): Promise<{ size: number; mtimeMs: number }> };
}

/** Options of {@link convertFiles}. */
export interface ConvertFilesOptions {
  /** Stat each input for its size (a progress bar needs them). */
  sizes: boolean;
  /** A pool started while the inputs were listed (see `withEarlyPool`). */
  early?: EarlyPool;
  /** Rewrite links and assets with this index and asset map. */
  links?: LinkRun;
}

/**
 * Run `convert` on files (or stdin): list, convert, write; each unit's result goes to
 * `reporter.unit` in input order.
 *
 * @returns the run's tally and, with `--report`, every unit's report entry
 */
export async function convertFiles(
  settings: ConvertSettings,
  env: RunEnv,
  reporter: RunReporter,
  options: ConvertFilesOptions,
): Promise<{ tally: Tally; reports: FileReport[] }> {
  const tally = new Tally();
  const { outDir, destination } = settings;
  let units: Unit[];
  let targets: Map<string, string> | undefined;
  if (settings.stdin) {
    units = [stdinUnit(env)];
  } else {
    const found = await findInputs(env, settings.operands, settings.ignore, outDir ? [outDir] : [], undefined, options.sizes);
    for (const ignored of found.ignored) reporter.event({ kind: "verbose", text: `ignored ${ignored}` });
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw await noInputsError(env, settings.operands, settings.ignore, found.ignored.length);
    }
    const batch = found.batch || found.files.length + found.problems.length > 1;
    if (batch && !settings.write && outDir === undefined && !settings.dryRun && !settings.diff) {
      const n = found.files.length + found.problems.length;
      const markdownOnly = found.files.every((f) => [".md", ".markdown"].includes(path.extname(f.path).toLowerCase()));
      throw new UsageError(
        `${n} input${n === 1 ? "" : "s"}${found.batch ? " (from a folder or glob)" : ""} and no output choice: add --out-dir DIR to write converted copies${markdownOnly ? ", --write to convert them in place" : ""}, or --dry-run/--diff to preview${markdownOnly ? "" : " (--write converts only markdown files in place)"}`,
      );
    }
    if (settings.write) {
      const foreign = found.files.filter((f) => ![".md", ".markdown"].includes(path.extname(f.path).toLowerCase()));
      if (foreign.length) {
        throw new UsageError(
          `--write converts in place only markdown files converted to markdown, but ${foreign.length} input${foreign.length === 1 ? " is" : "s are"} not markdown (first: ${foreign[0]!.display}); use --out-dir DIR to write converted copies`,
        );
      }
    }
    if (outDir !== undefined) targets = checkTargets(found.files, outDir, settings.to, env.cwd);
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) {
      reporter.event({ kind: "problem", message: problemMessage(display, problem) });
      tally.problem(display, problem);
    }
    units = found.files.map((file) => fileUnit(env, file));
  }

  if (settings.shard) {
    const before = units.length;
    const shard = settings.shard;
    units = units.filter((unit) => unit.rel === undefined || inShard(unit.rel, shard));
    reporter.event({ kind: "verbose", text: `shard ${shard.index}/${shard.count}: ${units.length} of ${before} inputs` });
  }
  const diffModule = settings.wantDiffs ? await import("../report/diff.js") : undefined;
  const links = options.links;
  const cache = await openRunCache(
    env,
    "convert",
    settings.cache,
    { ...(cacheKeySettings(settings) as object), ...(links ? { links: links.fingerprint } : {}) },
    (event) => reporter.event(event),
  );
  const cacheSkips = cacheCanSkip(cache, { stdout: destination === "stdout", diffs: diffModule !== undefined, links: links !== undefined });
  reporter.listed?.(units);
  const executor = await Executor.start(env, links ? { ...settings.executor, links: links.data } : settings.executor, units.length, options.early);
  // The converting thread (a worker, or this one in-process) reads and writes each file itself,
  // with synchronous calls, when nothing of the output is needed here: no diff, no cache entry
  // to record, the real file system (tests inject fakes).
  const filesDirect = (destination === "out-dir" || destination === "write") && !diffModule && !cache && env.fs === defaultFileSystem;
  const flush = filesDirect ? await import("../io/flush.js") : undefined;
  // One flush of the whole output at the end where the platform has one, else a flush per file;
  // a flush per file for a few files too (cheaper than starting `sync`), and always for
  // `--write`, which replaces the user's own files: each is on disk before its rename.
  const fsyncEach = destination === "write" || !flush?.canSyncFileSystem() || units.length < MIN_POOL_INPUTS;
  const markdown = settings.to === "markdown";
  const byFormat = new Map<InputFormat, ConvertOptions>();
  const job: Job = {
    settings,
    env,
    executor,
    // One options object per input format for the whole run: the pool batches only units that share it.
    optionsFor: (inputFormat) => {
      let o = byFormat.get(inputFormat);
      if (!o) byFormat.set(inputFormat, (o = { ...settings.options, inputFormat }));
      return o;
    },
    back: { markdown, keepOutput: true },
    direct: filesDirect ? { markdown, fsync: fsyncEach } : undefined,
    sink: destination === "out-dir" || destination === "write" ? new FileSink(env.fs, env.syncFs) : undefined,
    cache,
    cacheSkips,
    cacheStats: new CacheStats(),
    diffModule,
    targets,
    sizesKnown: options.sizes,
    writtenDirect: 0,
    links,
    outputStat: env.fs === defaultFileSystem ? syncStat(env.syncFs ?? nodeSyncFileSystem) : env.fs,
  };

  const reports: FileReport[] = [];
  try {
    await inOrder(
      units,
      executor.window,
      (unit) => convertUnit(job, unit),
      async (result) => {
        tally.merge(result.tally);
        if (result.links) links?.add(result.links.name, result.links.post, result.links.findings);
        if (settings.report) reports.push(result.report);
        await reporter.unit(result);
      },
    );
  } finally {
    await executor.close();
  }
  if (flush && !fsyncEach && job.writtenDirect > 0) {
    const failed = await flush.syncFileSystem(outDir!);
    if (failed)
      reporter.event({
        kind: "warn",
        text: `the outputs are written but were not flushed to disk: ${failed}; they are complete unless the machine loses power in the next minute`,
      });
  }
  await saveCache(cache, cacheSkips ? job.cacheStats : undefined, (event) => reporter.event(event));
  return { tally, reports };
}

/** Everything that changes what `convert` produces or writes: the cache is valid only for the same. */
function cacheKeySettings(settings: ConvertSettings): unknown {
  return {
    command: "convert",
    options: settings.options,
    inputFormat: settings.inputFormat,
    field: settings.field,
    idField: settings.idField,
    destination: settings.destination,
  };
}

/** The message of an input that could not be used. */
export function problemMessage(display: string, problem: InputProblem): ReportMessage {
  return {
    file: display,
    line: problem.line,
    column: problem.column,
    endLine: problem.line,
    endColumn: problem.column,
    severity: problem.severity,
    ruleId: problem.kind,
    reason: `${display} ${problem.reason}`,
  };
}

/** A unit's result being built: its report, counts and events. */
function startResult(display: string, size: number): FileResult {
  const tally = new Tally();
  tally.files++;
  return { report: { file: display, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} }, tally, events: [], size };
}

/** An input that cannot be converted (unreadable, binary, empty…): reported, counted, the run goes on. */
function inputProblem(result: FileResult, problem: InputProblem): FileResult {
  const message = problemMessage(result.report.file, problem);
  result.events.push({ kind: "problem", message });
  result.tally.problem(result.report.file, problem, PROBLEM_LABELS[problem.kind]);
  result.report.messages.push(message);
  result.report.status = problem.severity === "error" ? "failed" : "skipped";
  result.report.skipReason = problem.reason;
  return result;
}

/** The converter threw or its worker died: a bug of ours, reported as one with the file to send. */
function converterCrashed(result: FileResult, error: unknown): FileResult {
  const why = converterFailure(result.report.file, error, "file");
  result.events.push({ kind: "failure", text: why });
  result.tally.fail(result.report.file, "converter crash", why);
  result.report.status = "failed";
  result.report.skipReason = why;
  return result;
}

/** Count and tell a unit's diagnostics; they become its report's messages. */
function addMessages(result: FileResult, messages: ReportMessage[]): void {
  for (const m of messages) result.tally.count(m);
  result.events.push({ kind: "messages", messages });
  result.report.messages = messages;
}

/** Record a converted unit in its report (counted once what became of its output is known, see {@link counted}). */
function converted(result: FileResult, outcome: Pick<UnitDone, "changed" | "shortcodes">): void {
  result.report.shortcodes = outcome.shortcodes;
  result.report.changed = outcome.changed;
  result.report.status = outcome.changed ? "converted" : "unchanged";
}

/** Count a unit: converted (an output written, or the text changed on stdout; with `--dry-run`: would change), else up to date. */
function counted(result: FileResult, wrote: boolean): FileResult {
  if (wrote) result.tally.converted++;
  else result.tally.upToDate++;
  return result;
}

/** Read, convert and write one unit; never rejects for the unit's own failures. */
async function convertUnit(job: Job, unit: Unit): Promise<FileResult> {
  const { settings, env, cache } = job;
  const { destination, outDir } = settings;
  const display = unit.id;
  const result = startResult(display, unit.size);
  const target =
    unit.path === undefined
      ? null
      : destination === "out-dir" || (destination === "none" && outDir !== undefined)
        ? (job.targets?.get(unit.path) ?? targetPath(outDir!, unit.rel!, settings.to))
        : destination === "write" || (destination === "none" && settings.write)
          ? unit.path
          : null;
  const targetDisplay = target ? displayPath(env.cwd, target) : display;
  const options = job.optionsFor(inputFormatFor(unit.path, settings.inputFormat));
  const link = job.links ? { outputPath: linkOutputPath(job, unit, target) } : undefined;
  // The output file is written by processUnit (on the converting thread), whichever way the input came.
  const writeTo = async (): Promise<{ target?: UnitTarget }> => {
    if (!target || (destination !== "out-dir" && destination !== "write")) return {};
    const absent = await job.sink!.listedAbsent(target);
    return { target: { path: target, mode: destination, ...(absent ? { absent: true } : {}) } };
  };
  if (job.direct && unit.path !== undefined && target) {
    const input: UnitInput = { kind: "file", path: unit.path, ...(job.sizesKnown ? { size: unit.size } : {}) };
    return settle(job, result, target, targetDisplay, (to) => job.executor.process({ input, ...to, ...(link ? { link } : {}) }, job.direct!, options), writeTo);
  }

  const cacheKey = `${display}\u0000${destination === "out-dir" ? targetDisplay : ""}`;
  let bytes: Uint8Array;
  try {
    bytes = await unit.read();
  } catch (error) {
    return inputProblem(result, problemFromError(error));
  }
  // Hash the bytes read for the conversion; a hit needs nothing more than a stat of the output.
  const inputHash = cache && unit.path !== undefined ? hashContent(bytes) : undefined;
  if (inputHash && job.cacheSkips) {
    const hit = await cacheHit(job, result.events, cacheKey, inputHash, target);
    if (hit) {
      result.tally.cached++;
      // nothing to write: up to date, unless nothing is ever written (--dry-run: it would still change)
      counted(result, destination === "none" && hit.changed);
      result.report.status = hit.changed ? "converted" : "unchanged";
      result.report.changed = hit.changed;
      result.report.shortcodes = hit.shortcodes ?? {};
      result.report.output = destination === "out-dir" ? targetDisplay : null;
      addMessages(
        result,
        (hit.messages ?? []).map((m) => ({ ...m, file: display })),
      );
      result.events.push({ kind: "verbose", text: `${display}: unchanged since the last run (cache)` });
      return result;
    }
  }

  const input: UnitInput = { kind: "bytes", bytes };
  await settle(job, result, target, targetDisplay, (to) => job.executor.process({ input, ...to, ...(link ? { link } : {}) }, job.back, options), writeTo);
  const { report } = result;
  // Only a finished file is remembered; --write rewrites the input, so its new bytes get their entry next run.
  if (cache && inputHash && report.status !== "failed" && report.status !== "skipped" && !(destination === "write" && report.changed)) {
    // With --out-dir, the output's size and mtime as it now stands (written or already up to
    // date): an output edited since, even to the same size, is written again on the next run.
    const stamp = destination === "out-dir" && report.output ? await outputStamp(env.fs, target!) : undefined;
    cache.record(cacheKey, cacheEntry(inputHash, report.changed, report.messages, { stamp, shortcodes: report.shortcodes }));
  }
  return result;
}

/**
 * Where a unit's output goes, relative to the output folder, for its links: under `--out-dir`,
 * the input itself with `--write`, else the name `--out-dir` would give it.
 */
function linkOutputPath(job: Job, unit: Unit, target: string | null): string {
  const { outDir, destination, to } = job.settings;
  if (target && outDir !== undefined) return outputPathUnder(outDir, target);
  const rel = unit.rel ?? path.basename(unit.path ?? "stdin.txt");
  if (destination === "write" || job.settings.write) return rel.split(path.sep).join("/");
  return outputPathUnder(VIRTUAL_ROOT, targetPath(VIRTUAL_ROOT, rel, to));
}

/** An output that could not be written: a failure of the run (exit 2), the rest goes on. */
function writeFailed(result: FileResult, targetDisplay: string, error: unknown): FileResult {
  const why = `cannot write ${targetDisplay}: ${describeWriteError(error)}`;
  result.events.push({ kind: "failure", text: `${result.report.file}: ${why}` });
  result.tally.fail(result.report.file, "not written", why);
  result.report.status = "failed";
  return result;
}

/**
 * Run one unit through `processUnit` (with its target, when its output is a file) and make its
 * result of the outcome: messages, counts, the diff, stdout, what became of the output file.
 */
async function settle(
  job: Job,
  result: FileResult,
  target: string | null,
  targetDisplay: string,
  run: (to: { target?: UnitTarget }) => Promise<UnitOutcome>,
  writeTo: () => Promise<{ target?: UnitTarget }>,
): Promise<FileResult> {
  const { settings } = job;
  const display = result.report.file;
  let outcome: UnitOutcome;
  try {
    outcome = await run(await writeTo());
    if (outcome.kind === "crash") throw new Error(outcome.error);
  } catch (error) {
    return converterCrashed(result, error);
  }
  if (outcome.kind === "problem") return inputProblem(result, outcome.problem);
  if (outcome.kind !== "done") throw new Error(`unexpected outcome of a file: ${outcome.kind}`);
  addMessages(
    result,
    outcome.messages.map((m) => toReportMessage(display, m)),
  );
  converted(result, outcome);
  if (outcome.links) result.links = { name: display, post: display, findings: outcome.links };
  const { changed } = outcome;
  if (job.diffModule && changed && outcome.output !== undefined) {
    // no output file: the new side is named as the output would be (a .json for --to json)
    const newName = target ? targetDisplay : job.diffModule.convertedName(display, settings.to === "markdown" ? undefined : OUTPUT_EXTENSIONS[settings.to]);
    const patch = job.diffModule.unifiedDiff(display, newName, outcome.original!, outcome.output);
    if (settings.diff) result.events.push({ kind: "diff", patch });
    result.report.diff = patch;
  }
  switch (outcome.write) {
    case "unchanged":
      result.events.push({ kind: "verbose", text: `${display}: up to date, not rewritten` });
      return counted(result, false);
    case "up-to-date":
      result.events.push({ kind: "verbose", text: `${display} → ${targetDisplay}: up to date, not rewritten` });
      result.report.output = targetDisplay;
      job.writtenDirect++;
      return counted(result, false);
    case "written":
      result.events.push({ kind: "verbose", text: `${display} → ${targetDisplay}` });
      result.report.output = targetDisplay;
      job.writtenDirect++;
      return counted(result, true);
    case "failed":
      return writeFailed(result, targetDisplay, outcome.writeError);
  }
  // no output file
  if (settings.destination === "stdout") {
    if (!settings.diff) result.events.push({ kind: "stdout", text: outcome.output! });
    result.report.output = "<stdout>";
  } else {
    result.events.push({ kind: "verbose", text: `${display}: ${changed ? (target ? `would write ${targetDisplay}` : "would change") : "up to date"}` });
  }
  return counted(result, changed);
}

/** `stat` of a synchronous file system, in the shape {@link validEntry} takes (rejecting where there is no file). */
function syncStat(fs: SyncFileSystem): { stat(file: string): Promise<{ size: number; mtimeMs: number }> } {
  return {
    async stat(file) {
      const stat = fs.stat(file);
      if (!stat) throw new Error(`${file}: no such file`);
      return stat;
    },
  };
}

/**
 * A valid cache entry for this input, or undefined (and why, counted). With `--out-dir` the
 * output must still be there with the size and mtime it was written with, else it is
 * converted and written again.
 */
async function cacheHit(job: Job, events: RunEvent[], key: string, inputHash: string, target: string | null): Promise<CacheEntry | undefined> {
  const output = job.settings.destination === "out-dir" && target ? target : undefined;
  return validEntry(job.cache!, job.cacheStats, job.outputStat, key, inputHash, output, (why) => {
    if (why === "changed") events.push({ kind: "verbose", text: `${key.split("\u0000")[0]}: changed since the last run` });
    else if (why === "output")
      events.push({ kind: "verbose", text: `${displayPath(job.env.cwd, target!)}: deleted or modified since the last run; written again` });
  });
}
