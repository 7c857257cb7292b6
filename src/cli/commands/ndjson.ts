import path from "node:path";
import type { Message } from "../../ast/types.js";
import type { InputFile } from "../../io/expand.js";
import { textNotes } from "../../io/decode.js";
import { isInside, safeFileStem, splitLines, type RawLine } from "../../io/ndjson.js";
import { formatMessage } from "../../report/stylish.js";
import type { FileReport } from "../../report/types.js";
import { startRun, writeOut, type Context, type Run } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import { convertOptions, OUTPUT_EXTENSIONS, type ConvertFlags } from "./convert.js";
import { findInputs, finish, logMessages, printMessages, reportFormat, STDIN_NAME, summaryOf, Tally, writeReport, reportHasDiffs, loadRunConfig, converterFailure } from "./shared.js";
import { hashContent, outputStamp, sameOutput, type OutputStamp } from "../../scale/cache.js";
import { isBlankLine, readRecord, recordLine, type BrokenLine, type RecordOutcome, type RecordSettings } from "../../scale/record-task.js";
import { inOrder } from "../../scale/window.js";
import { CacheStats, Conversions, deferRun, openCache, replay, saveCache, shardOf, type Deferred } from "../scale.js";

/**
 * `convert --input-format ndjson`: one JSON object per line, `--field` converted, streamed
 * line by line. Output: NDJSON on stdout (same objects, field converted; broken lines passed
 * through as they are), or one file per record under `--out-dir`, named from `--id-field`.
 */
export async function runNdjson(ctx: Context, operands: string[], flags: ConvertFlags): Promise<ExitCode> {
  if (flags.write) throw new UsageError("--write is not available for NDJSON archives; use --out-dir DIR (a file per record) or redirect stdout (> out.ndjson)");
  const reportAs = reportFormat(flags.report);
  const run = startRun(ctx, flags);
  await loadRunConfig(run, flags);
  const tally = new Tally();
  const outDir = flags.outDir === undefined ? undefined : path.resolve(ctx.cwd, flags.outDir);
  const stdin = operands.length === 1 && operands[0] === "-";

  const archives = stdin ? [null] : await findArchives(run, tally, operands, flags.ignore, outDir ? [outDir] : []);

  const shard = await shardOf(flags);
  const diffModule = flags.diff || reportHasDiffs(reportAs) ? await import("../../report/diff.js") : undefined;
  const writer = outDir !== undefined && !flags.dryRun ? await import("../../io/write.js") : undefined;
  const destination = flags.dryRun || (flags.diff && outDir === undefined) ? "none" : outDir !== undefined ? "out-dir" : "stdout";
  const usedNames = new Set<string>();
  const reports: FileReport[] = [];
  const ext = OUTPUT_EXTENSIONS[flags.to];
  const options = convertOptions(flags, "text");
  const cache = await openCache(run, "convert", flags, { command: "convert-ndjson", options, field: flags.field, idField: flags.idField, destination });
  // On stdout every record is written, so the cache cannot skip any.
  const cacheSkips = cache !== undefined && destination !== "stdout" && diffModule === undefined;
  if (cache && !cacheSkips) run.logger.info("cache: not used here: every record's output is written to stdout or shown as a diff");
  const cacheStats = new CacheStats();
  // A small archive converts in-process (the pool's start-up would cost more); stdin may be any size.
  const expected = archives.reduce((n, a) => n + (a === null ? Infinity : a.size / 1024), 0);
  const conversions = await Conversions.start(ctx, flags, expected);
  const settings: RecordSettings = { field: flags.field, idField: flags.idField, ...(shard ? { shard } : {}), markdown: flags.to === "markdown" };
  // The converting thread (a worker, or this one in-process) reads each line as a record and
  // serializes its output line when nothing else of it is needed here: stdout, no cache, no diff.
  const direct = destination === "stdout" && !cache && !diffModule && conversions.convertsRecords;
  let writeFailed = false;

  /** One line's outcome, reported in input order. */
  interface Outcome {
    deferred: Deferred;
    own: Tally;
    /** NDJSON text for stdout (the converted record, or the line passed through). */
    line?: string;
    report?: FileReport;
  }

  try {
    for (const archive of archives) {
      const archiveName = archive?.display ?? STDIN_NAME;
      const opened = await openArchive(run, tally, archive);
      if (!opened) continue;
      // Lines stop coming after a write failure (a full disk fails every record after it).
      const lines = async function* () {
        for await (const raw of splitLines(opened.source)) {
          if (writeFailed) return;
          yield raw;
        }
      };

      /** Everything about one line up to the conversion is synchronous, so names are given in input order. */
      const start = async (task: RawLine): Promise<Outcome | null> => {
        const { line, bytes } = task;
        if (isBlankLine(bytes)) return null;
        const deferred = deferRun(run);
        const own = new Tally();
        const out: Outcome = { deferred, own };
        const passThrough = (): Outcome => {
          if (destination === "stdout") out.line = bytes.toString("utf8") + "\n";
          return out;
        };
        const broken = (read: BrokenLine): Outcome => {
          const report = brokenLine(deferred.run, own, archiveName, line, read);
          if (flags.report) out.report = report;
          return passThrough();
        };
        const noField = (name: string): Outcome => {
          const report = missingField(deferred.run, own, archiveName, line, name, flags.field, "passed through unchanged");
          if (flags.report) out.report = report;
          return passThrough();
        };
        const crashed = (name: string, error: unknown): Outcome => {
          const why = converterFailure(name, error, "record");
          deferred.run.logger.error(run.errColor.red(why));
          own.failures.push(why);
          if (flags.report) out.report = { file: name, status: "failed", output: null, changed: false, messages: [], shortcodes: {}, skipReason: why };
          return passThrough();
        };

        if (direct) {
          // The whole line to the converting thread (record-task.ts); back: its output line.
          let outcome: RecordOutcome;
          try {
            outcome = await conversions.convertRecord(task, settings, options);
          } catch (error) {
            // its worker died twice or ran out of time: named as the main path would name it
            const read = readRecord(task, settings);
            own.files++;
            return crashed(read.kind === "record" ? `${archiveName}#${read.key}` : `${archiveName}:${line}`, error);
          }
          if (outcome.kind === "blank" || outcome.kind === "other-shard") return null;
          if (outcome.kind === "broken") return broken(outcome);
          own.files++;
          const name = `${archiveName}#${outcome.key}`;
          if (outcome.kind === "no-field") return noField(name);
          if (outcome.kind === "crash") return crashed(name, new Error(outcome.error));
          const messages = logMessages(deferred.run, own, name, outcome.messages);
          if (outcome.changed) own.converted++;
          else own.unchanged++;
          out.line = outcome.line;
          deferred.run.logger.verbose(`${name}: ${outcome.changed ? "converted" : "unchanged"}`);
          if (flags.report) out.report = { file: name, status: outcome.changed ? "converted" : "unchanged", output: "<stdout>", changed: outcome.changed, messages, shortcodes: outcome.shortcodes };
          return out;
        }

        const read = readRecord(task, settings);
        if (read.kind === "blank" || read.kind === "other-shard") return null;
        if (read.kind === "broken") return broken(read);
        own.files++;
        const { object, key, id, body } = read;
        const name = `${archiveName}#${key}`;
        if (typeof body !== "string") return noField(name);
        let targetDisplay = "<stdout>";
        let target: string | undefined;
        if (outDir !== undefined) {
          let stem = safeFileStem(id, line);
          for (let n = 2; usedNames.has(stem.toLowerCase()); n++) stem = `${safeFileStem(id, line)}-${n}`;
          usedNames.add(stem.toLowerCase());
          target = path.join(outDir, stem + ext);
          if (!isInside(outDir, target)) throw new Error(`record id ${JSON.stringify(id)} escaped --out-dir`);
          targetDisplay = path.relative(ctx.cwd, target).split(path.sep).join("/");
        }
        const cacheKey = `${name}\u0000${targetDisplay}`;
        let bodyHash: string | undefined;
        if (cache) {
          bodyHash = hashContent(body);
          if (cacheSkips) {
            const entry = cache.peek(cacheKey);
            let valid = entry !== undefined && entry.input === bodyHash;
            if (!entry) cacheStats.fresh++;
            else if (!valid) cacheStats.changed++;
            if (valid && target !== undefined && destination === "out-dir") {
              if (!sameOutput(entry!, await outputStamp(ctx.fs, target))) {
                valid = false;
                cacheStats.outputGone++;
              }
            }
            if (valid) {
              cacheStats.hits++;
              own.cached++;
              const messages = (entry!.messages ?? []).map((m) => ({ ...m, file: name }));
              printMessages(deferred.run, own, messages);
              if (flags.report) out.report = { file: name, status: entry!.changed ? "converted" : "unchanged", output: destination === "none" ? null : targetDisplay, changed: entry!.changed, messages, shortcodes: entry!.shortcodes ?? {} };
              return out;
            }
          }
        }
        let result;
        try {
          result = await conversions.convert(body, options);
        } catch (error) {
          return crashed(name, error);
        }
        const messages = logMessages(deferred.run, own, name, [...textNotes(body), ...(result.messages as Message[])]);
        const changed = flags.to === "markdown" ? result.output !== body : true;
        if (changed) own.converted++;
        else own.unchanged++;
        let patch: string | undefined;
        if (diffModule && changed) {
          patch = diffModule.unifiedDiff(name, targetDisplay === "<stdout>" ? name : targetDisplay, body, result.output);
          if (flags.diff) deferred.stdout.push(diffModule.colorizeDiff(patch, run.outColor));
        }
        let stamp: OutputStamp | undefined;
        if (destination === "stdout") {
          out.line = recordLine(object, settings, result.output);
        } else if (destination === "out-dir" && writer && target) {
          try {
            const data = Buffer.from(result.output, "utf8");
            const same = await ctx.fs.stat(target).then(
              async (st) => st.size === data.length && data.equals(await ctx.fs.readFile(target)),
              () => false,
            );
            if (!same) await writer.writeFileAtomic(target, result.output, ctx.fs);
            // size and mtime as written, for the next run's check (see sameOutput)
            if (cache) stamp = await outputStamp(ctx.fs, target);
          } catch (error) {
            const why = `cannot write ${targetDisplay}: ${writer.describeWriteError(error)}`;
            deferred.run.logger.error(run.errColor.red(why));
            own.failures.push(why);
            writeFailed = true;
            return out;
          }
        }
        deferred.run.logger.verbose(`${name}: ${changed ? "converted" : "unchanged"}${target ? ` → ${targetDisplay}` : ""}`);
        if (flags.report) {
          out.report = { file: name, status: changed ? "converted" : "unchanged", output: destination === "none" ? null : targetDisplay, changed, messages, shortcodes: result.stats?.shortcodes ?? {}, ...(patch ? { diff: patch } : {}) };
        }
        if (cache && bodyHash) {
          cache.record(cacheKey, {
            input: bodyHash,
            changed,
            errors: messages.filter((m) => m.severity === "error").length,
            warnings: messages.filter((m) => m.severity === "warning").length,
            ...stamp,
            ...(messages.length ? { messages: messages.map(({ file: _file, ...m }) => m) } : {}),
          });
        }
        return out;
      };

      try {
        await inOrder(lines(), conversions.window, start, async (out) => {
          if (!out) return;
          await replay(run, out.deferred);
          tally.merge(out.own);
          if (out.line !== undefined) await writeOut(ctx.stdout, out.line);
          if (out.report) reports.push(out.report);
        });
      } finally {
        await opened.close();
      }
    }
  } finally {
    await conversions.close();
  }
  if (cache) {
    await saveCache(run, cache);
    if (cacheSkips) run.logger.info(cacheStats.describe());
  }
  const extra = { command: "convert", dryRun: Boolean(flags.dryRun), verb: destination === "none" ? "would change" : "converted" };
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, extra), reports);
  return finish(run, tally, extra);
}

/**
 * The NDJSON archives the operands name (`.ndjson`, `.jsonl` in folders); those that cannot be
 * listed are reported and counted. A usage error when there is none at all.
 */
export async function findArchives(run: Run, tally: Tally, operands: string[], ignore: readonly string[] | undefined, exclude: string[]): Promise<InputFile[]> {
  const found = await findInputs(run.ctx, operands, ignore, exclude, [".ndjson", ".jsonl"]);
  tally.ignored = found.ignored.length;
  if (found.files.length === 0 && found.problems.length === 0) {
    throw new UsageError(`no NDJSON archives found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .ndjson, .jsonl)`);
  }
  for (const { display, problem } of found.problems) {
    run.logger.error(formatMessage({ file: display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", ruleId: problem.kind, reason: `${display} ${problem.reason}` }, run.errColor));
    tally.errors++;
    tally.unreadable++;
    tally.skipped.push({ file: display, reason: problem.kind });
  }
  return found.files;
}

/** One archive (or stdin, `null`) opened for streaming; one that cannot be opened is reported and counted. */
export async function openArchive(run: Run, tally: Tally, archive: InputFile | null): Promise<{ source: AsyncIterable<Buffer | string>; close(): Promise<void> } | undefined> {
  if (archive === null) return { source: run.ctx.stdin, close: async () => undefined };
  try {
    const handle = await run.ctx.fs.open(archive.path, "r");
    return { source: handle.createReadStream({ highWaterMark: 1 << 20 }), close: () => handle.close() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const name = archive.display;
    run.logger.error(formatMessage({ file: name, line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", ruleId: "unreadable", reason: `${name} cannot be read (${code}); check the path and permissions` }, run.errColor));
    tally.errors++;
    tally.unreadable++;
    tally.skipped.push({ file: name, reason: "unreadable" });
    return undefined;
  }
}

/** A message at a line of an archive, logged and counted (an error counts as an input that could not be read). */
function lineProblem(run: Run, tally: Tally, archiveName: string, line: number, severity: "error" | "warning", ruleId: string, reason: string): FileReport {
  const m = { file: archiveName, line, column: 1, endLine: line, endColumn: 1, severity, ruleId, reason } as const;
  if (severity === "error") {
    tally.errors++;
    tally.unreadable++;
    run.logger.error(formatMessage(m, run.errColor));
  } else {
    tally.warnings++;
    run.logger.warn(formatMessage(m, run.errColor));
  }
  return { file: archiveName, status: "skipped", output: null, changed: false, messages: [m], shortcodes: {} };
}

/** A line that is no record (see `readRecord`): reported, counted, skipped; its report entry. */
export function brokenLine(run: Run, tally: Tally, archiveName: string, line: number, read: BrokenLine): FileReport {
  tally.files++;
  const report = lineProblem(run, tally, archiveName, line, "error", read.ruleId, read.reason);
  tally.skipped.push({ file: `${archiveName}:${line}`, reason: read.skip });
  return report;
}

/** A record without a string `--field` (already counted): a warning, skipped; its report entry. */
export function missingField(run: Run, tally: Tally, archiveName: string, line: number, name: string, field: string, kept: string): FileReport {
  const report = lineProblem(run, tally, archiveName, line, "warning", "ndjson-missing-field", `record ${name} has no string field "${field}" (${kept}); choose the field with --field`);
  tally.skipped.push({ file: name, reason: `no "${field}" field` });
  return report;
}
