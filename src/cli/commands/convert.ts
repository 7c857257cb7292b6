import path from "node:path";
import type { PresetName } from "../../rules/preset-names.js";
import type { UserConfig } from "../../config/types.js";
import type { ConvertOptions, OutputFormat } from "../../convert/types.js";
import { restoreByteFacts } from "../../io/decode.js";
import { defaultFileSystem } from "../../io/fs.js";
import { displayPath, type InputFile } from "../../io/expand.js";
import { joinClean } from "../../io/paths.js";
import { decodeInput, type InputProblem, type ReadText } from "../../io/read.js";
import type { FileReport, ReportMessage } from "../../report/types.js";
import { outputStamp, sameOutput, type CacheEntry, type ConversionCache } from "../../scale/cache.js";
import type { FileOutcome } from "../../scale/file-task.js";
import { inShard as inShardOf } from "../../scale/shard.js";
import { inOrder } from "../../scale/window.js";
import { startRun, writeOut, type CommonFlags, type Context, type Run } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import {
  CacheStats,
  Conversions,
  deferRun,
  MIN_POOL_INPUTS,
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
  writeReport, reportHasDiffs, loadRunConfig, printMessages, converterFailure, readsArchives, noInputsError } from "./shared.js";

/** Flags of `convert`, as commander parses them. */
export interface ConvertFlags extends CommonFlags, ScaleFlags {
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
  /** `--preset a,b`, already read by `parsePresetList()`. */
  preset?: PresetName[];
  style?: "block" | "list" | "directive";
  locale?: string;
  unknown?: "keep" | "strip" | "comment" | "error";
  positions?: boolean;
  /** `--config FILE`. */
  config?: string;
  /** The config in force (from `--config` or found upward), loaded by {@link loadRunConfig}. */
  loadedConfig?: UserConfig;
}

/** Where converted text goes. */
export type Destination = "stdout" | "out-dir" | "write" | "none";

/** File extension of each output format. */
export const OUTPUT_EXTENSIONS: Record<OutputFormat, string> = { markdown: ".md", json: ".json", mdast: ".mdast.json" };

/** Options handed to the converter for one body. */
export function convertOptions(flags: ConvertFlags, inputFormat: ConvertOptions["inputFormat"], to: OutputFormat = flags.to): ConvertOptions {
  const options: ConvertOptions = { to, inputFormat, compat: flags.compat };
  // Only what was given: the config file, then the preset, fill in the rest (normalizeOptions).
  if (flags.preset !== undefined) options.preset = flags.preset;
  if (flags.style !== undefined) options.style = flags.style;
  if (flags.locale !== undefined) options.locale = flags.locale;
  if (flags.unknown !== undefined) options.unknown = flags.unknown;
  if (flags.positions) options.positions = true;
  if (flags.loadedConfig) options.config = flags.loadedConfig;
  return options;
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
  if (readsArchives(operands, flags.inputFormat)) {
    const { runNdjson } = await import("./ndjson.js");
    return runNdjson(ctx, operands, flags);
  }
  const run = startRun(ctx, flags);
  await loadRunConfig(run, flags);
  return withEarlyPool(ctx, flags, operands, stdin, (early) => convertInputs(run, operands, flags, stdin, early));
}

/** {@link runConvert} once the run is set up: list, convert, report. */
async function convertInputs(run: Run, operands: string[], flags: ConvertFlags, stdin: boolean, early: EarlyPool | undefined): Promise<ExitCode> {
  const { ctx } = run;
  const tally = new Tally();
  const outDir = flags.outDir === undefined ? undefined : path.resolve(ctx.cwd, flags.outDir);
  const reportAs = reportFormat(flags.report);

  let inputs: Array<InputFile | null>;
  let targets: Map<InputFile, string> | undefined;
  if (stdin) {
    inputs = [null];
  } else {
    const found = await findInputs(ctx, operands, flags.ignore, outDir ? [outDir] : [], undefined, run.progressAllowed);
    for (const ignored of found.ignored) run.logger.verbose(`ignored ${ignored}`);
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw await noInputsError(ctx, operands, flags.ignore, found.ignored.length);
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
    if (outDir !== undefined) targets = checkTargets(found.files, outDir, flags.to, ctx.cwd);
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

  const shard = await shardOf(flags);
  if (shard) {
    const before = inputs.length;
    inputs = inputs.filter((input) => input === null || inShardOf(input.rel, shard));
    run.logger.verbose(`shard ${shard.index}/${shard.count}: ${inputs.length} of ${before} inputs`);
  }
  const diffModule = flags.diff || reportHasDiffs(reportAs) ? await import("../../report/diff.js") : undefined;
  const optionsFor = optionsCache((inputFormat) => convertOptions(flags, inputFormat));
  const cache = await openCache(run, "convert", flags, cacheSettings(flags, destination));
  // The cache can skip a file only when nothing of its output has to be shown.
  const cacheSkips = cache !== undefined && destination !== "stdout" && diffModule === undefined;
  const cacheStats = new CacheStats();
  const writer = destination === "out-dir" || destination === "write" ? await import("../../io/write.js") : undefined;
  const progress = maybeProgress(run, inputs.filter((f): f is InputFile => f !== null));
  const reports: FileReport[] = [];
  const conversions = await Conversions.start(ctx, flags, inputs.length, early);
  // The converting thread (a worker, or this one in-process) reads and writes each file itself,
  // with synchronous calls, when nothing of the output is needed here: no diff, no cache entry
  // to record, the library's own converter and the real file system (tests inject fakes).
  const filesDirect = conversions.convertsFiles && (destination === "out-dir" || destination === "write") && !diffModule && !cache && ctx.fs === defaultFileSystem;
  const flush = filesDirect ? await import("../../io/flush.js") : undefined;
  // One flush of the whole output at the end where the platform has one, else a flush per file;
  // a flush per file for a few files too (cheaper than starting `sync`), and always for
  // `--write`, which replaces the user's own files: each is on disk before its rename.
  const fsyncEach = destination === "write" || !flush?.canSyncFileSystem() || inputs.length < MIN_POOL_INPUTS;
  const job: FileJob = { flags, destination, outDir, diffModule, writer, optionsFor, conversions, cache, cacheSkips, cacheStats, listings: new Map(), knownDirs: new Set(), filesDirect, fsyncEach, writtenDirect: 0, sizesKnown: run.progressAllowed, targets };

  try {
    await inOrder(
      inputs,
      conversions.window,
      async (input) => {
        const deferred = deferRun(run);
        const own = new Tally();
        own.files++;
        const report = await convertOne(deferred.run, own, job, input);
        return { deferred, own, report };
      },
      async ({ deferred, own, report }, input) => {
        await replay(run, deferred);
        tally.merge(own);
        if (flags.report) reports.push(report);
        progress?.tick(input?.size ?? 0);
      },
    );
  } finally {
    await conversions.close();
  }
  if (flush && !fsyncEach && job.writtenDirect > 0) {
    const failed = await flush.syncFileSystem(outDir!);
    if (failed) run.logger.warn(`the outputs are written but were not flushed to disk: ${failed}; they are complete unless this machine loses power in the next minute`);
  }
  if (cache) {
    await saveCache(run, cache);
    if (cacheSkips) run.logger.info(cacheStats.describe());
  }

  const summaryExtra = { command: "convert", dryRun: Boolean(flags.dryRun), verb: flags.dryRun || destination === "none" ? "would change" : "converted" };
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, summaryExtra), reports);
  return finish(run, tally, summaryExtra);
}

/** Everything that changes what `convert` produces or writes: the cache is valid only for the same. */
function cacheSettings(flags: ConvertFlags, destination: Destination): unknown {
  return {
    command: "convert",
    options: convertOptions(flags, undefined),
    inputFormat: flags.inputFormat,
    field: flags.field,
    idField: flags.idField,
    destination,
  };
}

/** Refuse outputs that collide with each other or overwrite an input; the target of each input path. */
export function checkTargets(files: readonly InputFile[], outDir: string, to: OutputFormat, cwd: string): Map<InputFile, string> {
  const targets = new Map<InputFile, string>();
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
    targets.set(file, target);
  }
  return targets;
}

/** Output path for an input: `--out-dir` + its path relative to its operand, with the format's extension. */
export function targetPath(outDir: string, rel: string, to: OutputFormat): string {
  const ext = path.extname(rel);
  const stem = ext ? rel.slice(0, -ext.length) : rel;
  return joinClean(outDir, stem + OUTPUT_EXTENSIONS[to]);
}

/** What every file of a run shares. */
interface FileJob {
  flags: ConvertFlags;
  destination: Destination;
  outDir: string | undefined;
  diffModule: typeof import("../../report/diff.js") | undefined;
  writer: typeof import("../../io/write.js") | undefined;
  optionsFor: (inputFormat: NonNullable<ConvertOptions["inputFormat"]>) => ConvertOptions;
  conversions: Conversions;
  cache: ConversionCache | undefined;
  /** Cache hits may skip the file (nothing of its output is shown). */
  cacheSkips: boolean;
  cacheStats: CacheStats;
  /** Names in each output folder before the run (read once per folder, see {@link holds}). */
  listings: Map<string, Promise<Set<string>>>;
  /** Output folders created or found so far (no mkdir per file). */
  knownDirs: Set<string>;
  /** The converting thread reads, converts and writes each file ({@link convertDirect}). */
  filesDirect: boolean;
  /** Each output is flushed before its rename (no whole-file-system flush at the end). */
  fsyncEach: boolean;
  /** Outputs written or found up to date on that path: the end-of-run flush is for them (none, no flush). */
  writtenDirect: number;
  /** The listing took each input's size (for the progress bar); else sizes are 0 and mean nothing. */
  sizesKnown: boolean;
  /** `--out-dir`: each input path's output, as {@link checkTargets} computed it. */
  targets: Map<InputFile, string> | undefined;
}

/**
 * Read, convert and write one input. Runs while others are in flight, so it logs through
 * its own (deferred) run and counts in its own tally; both are replayed in input order.
 */
async function convertOne(run: Run, tally: Tally, job: FileJob, input: InputFile | null): Promise<FileReport> {
  const { ctx, logger } = run;
  const { flags, destination, outDir, diffModule, cache } = job;
  const display = input?.display ?? STDIN_NAME;
  const report: FileReport = { file: display, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} };
  const target =
    destination === "out-dir" || (destination === "none" && outDir !== undefined)
      ? (job.targets?.get(input!) ?? targetPath(outDir!, input!.rel, flags.to))
      : destination === "write" || (destination === "none" && flags.write)
        ? input!.path
        : null;
  const targetDisplay = target ? displayPath(ctx.cwd, target) : display;
  const cacheKey = `${display}\u0000${destination === "out-dir" ? targetDisplay : ""}`;
  if (job.filesDirect && input && target) return convertDirect(run, tally, job, input, target, targetDisplay, report);

  let read: ReadText | InputProblem;
  let inputHash: string | undefined;
  if (cache && input) {
    // Hash the bytes read for the conversion; a hit needs nothing more than a stat of the output.
    const hashed = await readHashed(ctx.fs, input.path);
    if ("kind" in hashed) read = hashed;
    else {
      const bytes = hashed.bytes;
      inputHash = hashed.hash;
      if (job.cacheSkips) {
        const hit = await cacheHit(run, job, cacheKey, hashed.hash, target);
        if (hit) {
          tally.cached++;
          job.cacheStats.hits++;
          report.status = hit.changed ? "converted" : "unchanged";
          report.changed = hit.changed;
          report.output = destination === "out-dir" ? targetDisplay : null;
          report.shortcodes = hit.shortcodes ?? {};
          report.messages = (hit.messages ?? []).map((m) => ({ ...m, file: display }));
          printMessages(run, tally, report.messages);
          logger.verbose(`${display}: unchanged since the last run (cache)`);
          return report;
        }
      }
      read = decodeInput(bytes);
    }
  } else {
    read = await readSource(ctx, input?.path ?? null);
  }
  read = read!;
  if (isProblem(read)) return inputProblem(run, tally, report, display, read);
  let result;
  try {
    result = await job.conversions.convert(read.text, job.optionsFor(inputFormatFor(input?.path ?? null, flags.inputFormat)));
  } catch (error) {
    return converterCrashed(run, tally, report, display, error);
  }
  report.messages = logMessages(run, tally, display, [...read.notes, ...result.messages]);
  report.shortcodes = result.stats?.shortcodes ?? {};
  const original = (read.bom ? "\uFEFF" : "") + read.text;
  const output = flags.to === "markdown" ? restoreByteFacts(result.output, read) : result.output;
  const changed = flags.to === "markdown" ? output !== original : true;
  report.changed = changed;
  report.status = changed ? "converted" : "unchanged";
  if (changed) tally.converted++;
  else tally.unchanged++;

  if (diffModule && changed) {
    const patch = diffModule.unifiedDiff(display, target ? targetDisplay : diffModule.convertedName(display, flags.to === "markdown" ? undefined : OUTPUT_EXTENSIONS[flags.to]), original, output);
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
      const writer = job.writer!;
      const data = Buffer.from(output, "utf8");
      const present = await holds(ctx, target!, data, destination === "out-dir" ? job.listings : undefined);
      if (present === true) {
        logger.verbose(`${display} → ${targetDisplay}: up to date, not rewritten`);
        report.output = targetDisplay;
        break;
      }
      try {
        await writer.writeFileAtomic(target!, output, ctx.fs, { knownDirs: job.knownDirs, isNew: present === "absent" });
        report.output = targetDisplay;
        logger.verbose(`${display} → ${targetDisplay}`);
      } catch (error) {
        const why = `cannot write ${targetDisplay}: ${writer.describeWriteError(error)}`;
        logger.error(run.errColor.red(`${display}: ${why}`));
        tally.failures.push(why);
        report.status = "failed";
        return report;
      }
      break;
    }
    case "none":
      logger.verbose(`${display}: ${changed ? (target ? `would write ${targetDisplay}` : "would change") : "unchanged"}`);
      break;
  }
  // Only a finished file is remembered; --write rewrites the input, so its new bytes get their entry next run.
  if (cache && inputHash && !(destination === "write" && changed)) {
    // With --out-dir, the output's size and mtime as it now stands (written or already up to
    // date): an output edited since, even to the same size, is written again on the next run.
    const stamp = destination === "out-dir" && report.output ? await outputStamp(ctx.fs, target!) : undefined;
    cache.record(cacheKey, {
      input: inputHash,
      changed,
      errors: report.messages.filter((m) => m.severity === "error").length,
      warnings: report.messages.filter((m) => m.severity === "warning").length,
      ...stamp,
      ...(report.messages.length ? { messages: report.messages.map(({ file: _file, ...m }) => m) } : {}),
      ...(Object.keys(report.shortcodes).length ? { shortcodes: report.shortcodes } : {}),
    });
  }
  return report;
}

/** An input that cannot be converted (unreadable, binary, empty…): reported, counted, the run goes on. */
function inputProblem(run: Run, tally: Tally, report: FileReport, display: string, problem: InputProblem): FileReport {
  report.messages.push(reportProblem(run, tally, display, problem));
  report.status = problem.severity === "error" ? "failed" : "skipped";
  report.skipReason = problem.reason;
  return report;
}

/** The converter threw: a bug of ours, reported as one with the file to send. */
function converterCrashed(run: Run, tally: Tally, report: FileReport, display: string, error: unknown): FileReport {
  const why = converterFailure(display, error, "file");
  run.logger.error(run.errColor.red(why));
  tally.failures.push(why);
  report.status = "failed";
  report.skipReason = why;
  return report;
}

/**
 * {@link convertOne} when the converting thread (a worker, or this one in-process) reads,
 * converts and writes the file (`file-task.ts`): the
 * same report, log lines and counts, from the outcome it sends back.
 */
async function convertDirect(
  run: Run,
  tally: Tally,
  job: FileJob,
  input: InputFile,
  target: string,
  targetDisplay: string,
  report: FileReport,
): Promise<FileReport> {
  const { ctx, logger } = run;
  const { flags, destination } = job;
  const display = input.display;
  const mode = destination === "write" ? "write" : "out-dir";
  let outcome: FileOutcome;
  try {
    outcome = await job.conversions.convertFile(
      { path: input.path, target, mode, markdown: flags.to === "markdown", ...(job.sizesKnown ? { size: input.size } : {}), ...((await listedAbsent(ctx, target, job.listings)) ? { absent: true } : {}) },
      job.optionsFor(inputFormatFor(input.path, flags.inputFormat)),
      job.fsyncEach,
    );
    if (outcome.kind === "crash") throw new Error(outcome.error);
  } catch (error) {
    return converterCrashed(run, tally, report, display, error);
  }
  if (outcome.kind === "problem") return inputProblem(run, tally, report, display, outcome.problem);
  report.messages = logMessages(run, tally, display, outcome.messages);
  report.shortcodes = outcome.shortcodes;
  report.changed = outcome.changed;
  report.status = outcome.changed ? "converted" : "unchanged";
  if (outcome.changed) tally.converted++;
  else tally.unchanged++;
  switch (outcome.write) {
    case "unchanged":
      logger.verbose(`${display}: unchanged, not rewritten`);
      break;
    case "up-to-date":
      logger.verbose(`${display} → ${targetDisplay}: up to date, not rewritten`);
      report.output = targetDisplay;
      job.writtenDirect++;
      break;
    case "written":
      logger.verbose(`${display} → ${targetDisplay}`);
      report.output = targetDisplay;
      job.writtenDirect++;
      break;
    case "failed": {
      const why = `cannot write ${targetDisplay}: ${job.writer!.describeWriteError(outcome.writeError)}`;
      logger.error(run.errColor.red(`${display}: ${why}`));
      tally.failures.push(why);
      report.status = "failed";
      break;
    }
  }
  return report;
}

/**
 * A valid cache entry for this input, or undefined (and why, counted). With `--out-dir` the
 * output must still be there with the size and mtime it was written with, else it is
 * converted and written again.
 */
async function cacheHit(run: Run, job: FileJob, key: string, inputHash: string, target: string | null): Promise<CacheEntry | undefined> {
  const entry = job.cache!.peek(key);
  if (!entry) {
    job.cacheStats.fresh++;
    return undefined;
  }
  if (entry.input !== inputHash) {
    job.cacheStats.changed++;
    run.logger.verbose(`${key.split("\u0000")[0]}: changed since the last run`);
    return undefined;
  }
  if (job.destination === "out-dir" && target) {
    if (!sameOutput(entry, await outputStamp(run.ctx.fs, target))) {
      job.cacheStats.outputGone++;
      run.logger.verbose(`${displayPath(run.ctx.cwd, target)}: deleted or modified since the last run; written again`);
      return undefined;
    }
  }
  return entry;
}

/**
 * Whether `file` already holds exactly `data` (an unchanged output is never rewritten, so
 * mtime-based caches downstream stay valid). With `listings` (`--out-dir`), each output
 * folder is listed once: a name that was not there needs no stat at all, which makes a
 * first run into a fresh folder one file-system call cheaper per file. Then a stat: a
 * missing file or another size settles it without reading the old output.
 *
 * @returns true when it does; `"absent"` when the folder listing shows no such file
 */
async function holds(ctx: Context, file: string, data: Buffer, listings?: Map<string, Promise<Set<string>>>): Promise<boolean | "absent"> {
  try {
    if (listings && (await listedAbsent(ctx, file, listings))) return "absent";
    if ((await ctx.fs.stat(file)).size !== data.length) return false;
    return data.equals(await ctx.fs.readFile(file));
  } catch {
    return false;
  }
}

/** Whether `file`'s folder, as listed once before this run wrote to it, has no such name. */
async function listedAbsent(ctx: Context, file: string, listings: Map<string, Promise<Set<string>>>): Promise<boolean> {
  const dir = path.dirname(file);
  let names = listings.get(dir);
  if (!names) {
    names = ctx.fs.readdir(dir).then(
      (entries) => new Set(entries.map(String)),
      () => new Set<string>(),
    );
    listings.set(dir, names);
  }
  return !(await names).has(path.basename(file));
}
