/**
 * `convert` of NDJSON archives: one JSON object per line, `--field` converted, streamed line by
 * line. Output: NDJSON on stdout (same objects, field converted; broken lines passed through
 * as they are), or one file per record under `--out-dir`, named from `--id-field`. Each line is
 * a unit run through `processUnit`: the whole line on the converting thread when nothing else
 * of it is needed here, else its body (read here for the cache, diffs and file names).
 */
import type { FileReport } from "../report/types.js";
import { toReportMessage } from "../report/types.js";
import {
  cacheCanSkip,
  cacheEntry,
  CacheStats,
  hashContent,
  resultFromCache,
  openRunCache,
  outputStamp,
  saveCache,
  validEntry,
  type OutputStamp,
} from "./cache.js";
import { converterFailed, convertedResult, writeFailed as writeFailedResult } from "./unit-result.js";
import type { RunEnv } from "./env.js";
import { Executor } from "./executor.js";
import type { RunEvent, RunReporter, UnitResult } from "./outcome.js";
import type { UnitSettings } from "./process-unit.js";
import { isBlankLine, readRecord, recordLine, type BrokenLine, type RecordSettings } from "./record.js";
import type { ConvertSettings } from "./settings.js";
import { FileSink, OUTPUT_EXTENSIONS, RecordNames } from "./sinks/out-dir.js";
import { brokenLineMessage, findArchiveSources, missingFieldMessage, openArchive } from "./sources/ndjson.js";
import { eachSource, listSources } from "./sources/streams.js";
import type { Unit } from "./sources/unit.js";
import { Tally } from "./tally.js";
import { inOrder } from "./window.js";
import { markdownWithFrontMatter } from "../wxr/outputs.js";
import { outputPathUnder, VIRTUAL_ROOT, type LinkRun } from "./links.js";
import { displayPath } from "../io/expand.js";

/** Count and tell a line that is no record (counted as an input); its report entry. */
export function brokenLine(result: UnitResult, archive: string, line: number, read: BrokenLine): void {
  const message = brokenLineMessage(archive, line, read);
  result.tally.files++;
  result.tally.problem(`${archive}:${line}`, { kind: "unreadable", severity: "error" }, read.skip);
  result.events.push({ kind: "problem", message });
  result.report = { file: archive, status: "skipped", output: null, changed: false, messages: [message], shortcodes: {} };
}

/** Count and tell a record without a string `--field` (already counted as an input); its report entry. */
export function missingField(result: UnitResult, archive: string, line: number, name: string, field: string, kept: string): void {
  const message = missingFieldMessage(archive, line, name, field, kept);
  result.tally.warnings++;
  result.tally.skipped.push({ file: name, reason: `no "${field}" field` });
  result.events.push({ kind: "messages", messages: [message] });
  result.report = { file: archive, status: "skipped", output: null, changed: false, messages: [message], shortcodes: {} };
}

/** `--front-matter`: the record's fields given (those it has, in the order given) as YAML front matter over its markdown. */
function withFrontMatter(object: Record<string, unknown>, fields: readonly string[], markdown: string): string {
  const meta: Record<string, unknown> = {};
  for (const field of fields) if (object[field] !== undefined && object[field] !== null) meta[field] = object[field];
  return markdownWithFrontMatter(meta, markdown);
}

/** A new unit result for a line of an archive (not counted yet: a blank line is no input). */
export function lineResult(size: number): UnitResult {
  return { tally: new Tally(), events: [], size };
}

/**
 * Run `convert` on NDJSON archives (or stdin); each record's result goes to `reporter.unit`
 * in input order.
 *
 * @returns the run's tally and, with `--report`, every record's report entry
 */
export async function convertArchives(
  settings: ConvertSettings,
  env: RunEnv,
  reporter: RunReporter,
  links?: LinkRun,
): Promise<{ tally: Tally; reports: FileReport[] }> {
  const tally = new Tally();
  const { outDir, destination } = settings;
  const tell = (event: RunEvent) => reporter.event(event);
  const archives = await listSources(settings.stdin, () => findArchiveSources(env, settings.operands, settings.ignore, outDir ? [outDir] : []), tally, tell);
  const diffModule = settings.wantDiffs ? await import("../report/diff.js") : undefined;
  const sink = outDir !== undefined && !settings.dryRun ? new FileSink(env.fs, env.syncFs) : undefined;
  const names = outDir !== undefined ? new RecordNames(outDir, OUTPUT_EXTENSIONS[settings.to]) : undefined;
  // With links and no --out-dir: each record's output path as --out-dir would name it (for relative links)
  const linkNames = links && !names ? new RecordNames(VIRTUAL_ROOT, OUTPUT_EXTENSIONS[settings.to]) : undefined;
  // (bodies are text unless --body-format says otherwise)
  const options = { inputFormat: "text" as const, ...settings.options };
  const cache = await openRunCache(
    env,
    "convert",
    settings.cache,
    {
      command: "convert-ndjson",
      options,
      field: settings.field,
      idField: settings.idField,
      destination,
      ...(links ? { links: links.fingerprint } : {}),
      ...(settings.frontMatter ? { frontMatter: settings.frontMatter } : {}),
    },
    (event) => reporter.event(event),
  );
  const cacheSkips = cacheCanSkip(cache, { stdout: destination === "stdout", diffs: diffModule !== undefined, links: links !== undefined }, "record", tell);
  const cacheStats = new CacheStats();
  // A small archive converts in-process (the pool's start-up would cost more); stdin may be any size.
  const expected = archives.reduce((n, a) => n + (a === null ? Infinity : a.size / 1024), 0);
  const executor = await Executor.start(env, links ? { ...settings.executor, links: links.data } : settings.executor, expected);
  const markdown = settings.to === "markdown";
  const record: RecordSettings = { field: settings.field, idField: settings.idField, ...(settings.shard ? { shard: settings.shard } : {}) };
  // The whole line goes to the converting thread when nothing else of it is needed here: stdout, no cache, no diff.
  // Not with links: the record's output path (for its links) is named here.
  const lines: UnitSettings | undefined = destination === "stdout" && !cache && !diffModule && !links ? { markdown, record } : undefined;
  const bodies: UnitSettings = { markdown, keepOutput: true };
  let writeFailed = false;
  const reports: FileReport[] = [];

  /** One line's result (null: a blank line or another shard's), with its NDJSON text for stdout. */
  const convertLine = async (unit: Unit): Promise<UnitResult | null> => {
    const { archive, line, bytes } = unit.record!;
    if (isBlankLine(bytes)) return null;
    const result = lineResult(bytes.length);
    const passThrough = (): UnitResult => {
      if (destination === "stdout") result.events.push({ kind: "stdout", text: Buffer.from(bytes).toString("utf8") + "\n" });
      return result;
    };
    const crashed = (name: string, error: unknown): UnitResult => {
      converterFailed(result, name, error, "record");
      return passThrough();
    };

    if (lines) {
      // The whole line to the converting thread; back: its output line.
      let outcome;
      try {
        outcome = await executor.process({ input: { kind: "line", line, bytes } }, lines, options);
      } catch (error) {
        // its worker died twice or ran out of time: named as the main path would name it
        const read = readRecord({ line, bytes }, record);
        if (read.kind === "blank" || read.kind === "other-shard") return null;
        result.tally.files++;
        return crashed(read.kind === "record" ? `${archive}#${read.key}` : `${archive}:${line}`, error);
      }
      if (outcome.kind === "blank" || outcome.kind === "other-shard") return null;
      if (outcome.kind === "broken") {
        brokenLine(result, archive, line, outcome);
        return passThrough();
      }
      result.tally.files++;
      const name = `${archive}#${outcome.kind === "no-field" || outcome.kind === "done" || outcome.kind === "crash" ? outcome.key : ""}`;
      if (outcome.kind === "no-field") {
        missingField(result, archive, line, name, settings.field, "passed through unchanged");
        return passThrough();
      }
      if (outcome.kind === "crash") return crashed(name, new Error(outcome.error));
      if (outcome.kind !== "done") throw new Error(`unexpected outcome of a line: ${outcome.kind}`);
      const messages = outcome.messages.map((m) => toReportMessage(name, m));
      for (const m of messages) result.tally.count(m);
      result.events.push({ kind: "messages", messages });
      if (outcome.changed) result.tally.converted++;
      else result.tally.upToDate++;
      result.events.push({ kind: "stdout", text: outcome.line! });
      result.events.push({ kind: "verbose", text: `${name}: ${outcome.changed ? "converted" : "up to date"}` });
      result.report = {
        file: name,
        status: outcome.changed ? "converted" : "unchanged",
        output: "<stdout>",
        changed: outcome.changed,
        messages,
        shortcodes: outcome.shortcodes,
      };
      return result;
    }

    const read = readRecord({ line, bytes }, record);
    if (read.kind === "blank" || read.kind === "other-shard") return null;
    if (read.kind === "broken") {
      brokenLine(result, archive, line, read);
      return passThrough();
    }
    result.tally.files++;
    const { object, key, id, body } = read;
    const name = `${archive}#${key}`;
    if (typeof body !== "string") {
      missingField(result, archive, line, name, settings.field, "passed through unchanged");
      return passThrough();
    }
    let targetDisplay = "<stdout>";
    let target: string | undefined;
    let outputPath: string | undefined;
    if (names) {
      target = names.next(id, line);
      targetDisplay = displayPath(env.cwd, target);
      if (links) outputPath = outputPathUnder(outDir!, target);
    } else if (linkNames) {
      outputPath = outputPathUnder(VIRTUAL_ROOT, linkNames.next(id, line));
    }
    const cacheKey = `${name}\u0000${targetDisplay}`;
    let bodyHash: string | undefined;
    if (cache) {
      bodyHash = hashContent(body);
      if (cacheSkips) {
        const entry = await validEntry(cache, cacheStats, env.fs, cacheKey, bodyHash, destination === "out-dir" ? target : undefined);
        if (entry) return resultFromCache(result, entry, name, destination === "none" ? null : targetDisplay);
      }
    }
    let outcome;
    try {
      outcome = await executor.process({ input: { kind: "text", text: body }, ...(outputPath === undefined ? {} : { link: { outputPath } }) }, bodies, options);
      if (outcome.kind === "crash") throw new Error(outcome.error);
    } catch (error) {
      return crashed(name, error);
    }
    if (outcome.kind !== "done") throw new Error(`unexpected outcome of a record: ${outcome.kind}`);
    const output = outcome.output!;
    const { changed } = outcome;
    if (outcome.links) result.links = { name, post: key, findings: outcome.links };
    const messages = outcome.messages.map((m) => toReportMessage(name, m));
    for (const m of messages) result.tally.count(m);
    result.events.push({ kind: "messages", messages });
    // counted when it is known whether an output was written (an up-to-date one is not)
    let written = changed;
    let patch: string | undefined;
    if (diffModule && changed) {
      patch = diffModule.unifiedDiff(name, targetDisplay === "<stdout>" ? name : targetDisplay, body, output);
      if (settings.diff) result.events.push({ kind: "diff", patch });
    }
    let stamp: OutputStamp | undefined;
    if (destination === "stdout") {
      result.events.push({ kind: "stdout", text: recordLine(object, record, output, markdown) });
    } else if (destination === "out-dir" && sink && target) {
      try {
        written = (await sink.write(target, settings.frontMatter ? withFrontMatter(object, settings.frontMatter, output) : output, false)) === "written";
        // size and mtime as written, for the next run's check (see sameOutput)
        if (cache) stamp = await outputStamp(env.fs, target);
      } catch (error) {
        writeFailed = true;
        return writeFailedResult(result, name, targetDisplay, error);
      }
    }
    const shortcodes = outcome.shortcodes;
    convertedResult(result, {
      name,
      written,
      destination,
      targetDisplay,
      hasTarget: target !== undefined,
      changed,
      messages,
      shortcodes,
      ...(patch ? { patch } : {}),
    });
    if (cache && bodyHash) {
      cache.record(cacheKey, cacheEntry(bodyHash, changed, messages, { stamp, shortcodes }));
    }
    return result;
  };

  try {
    await eachSource(
      archives,
      (archive, name) => openArchive(env, archive, name),
      tally,
      tell,
      async (opened) => {
        // Lines stop coming after a write failure (a full disk fails every record after it).
        const units = async function* () {
          for await (const unit of opened.units()) {
            if (writeFailed) return;
            yield unit;
          }
        };
        await inOrder(units(), executor.window, convertLine, async (result) => {
          if (!result) return;
          tally.merge(result.tally);
          if (result.links) links?.add(result.links.name, result.links.post, result.links.findings);
          if (settings.report && result.report) reports.push(result.report);
          await reporter.unit(result);
        });
      },
    );
  } finally {
    await executor.close();
  }
  await saveCache(cache, cacheSkips ? cacheStats : undefined, tell);
  return { tally, reports };
}
