/**
 * `convert` of WordPress exports (WXR): every post and page, streamed in export order, its
 * body converted through `processUnit` like any other unit, written with its metadata:
 * a markdown file with YAML front matter (or a `{ version, meta, blocks }` JSON document) per
 * post under `--out-dir`, or an NDJSON record per post (the metadata and the converted `body`)
 * on stdout. A malformed or truncated export is an error at its line and column; the posts
 * before the break are converted and kept.
 */
import { displayPath } from "../io/expand.js";
import { isInside } from "../io/ndjson.js";
import { joinClean } from "../io/paths.js";
import type { FileReport } from "../report/types.js";
import type { Message } from "../ast/types.js";
import type { ReportMessage } from "../report/types.js";
import { toReportMessage } from "../report/types.js";
import { jsonWithMeta, markdownWithFrontMatter, ndjsonRecord, placeInExport, type WxrIndex, type WxrUnit } from "../wxr/index.js";
import type { InputFile } from "../io/expand.js";
import type { LinkRun } from "./links.js";
import {
  cacheCanSkip,
  cacheEntry,
  resultFromCache,
  CacheStats,
  hashContent,
  movedMessages,
  openRunCache,
  outputStamp,
  saveCache,
  validEntry,
  type OutputStamp,
} from "./cache.js";
import { converterFailed, convertedResult, writeFailed as writeFailedResult } from "./unit-result.js";
import type { RunEnv } from "./env.js";
import { EXPORT_YOUNG_GENERATION_MB, Executor } from "./executor.js";
import type { RunEvent, RunReporter, UnitResult } from "./outcome.js";
import type { UnitSettings } from "./process-unit.js";
import type { ConvertSettings } from "./settings.js";
import { FileSink } from "./sinks/out-dir.js";
import { eachSource, listSources } from "./sources/streams.js";
import { exportPosts, findExportSources, mediaOf, openExport } from "./sources/wxr.js";
import { Tally } from "./tally.js";
import { inOrder } from "./window.js";

/**
 * A finding in a post's body, named `export.xml#<post id>` and placed at its line and column in
 * the export file (the body's own line and column when the body cannot be mapped back: several
 * CDATA sections, entity-escaped text, a reusable block inserted).
 */
function postMessage(unit: WxrUnit, message: Message): ReportMessage {
  const located = toReportMessage(unit.id, message);
  const start = message.position?.start.offset;
  const end = message.position?.end.offset;
  const from = start === undefined ? null : placeInExport(unit.post, start);
  if (!from) return located;
  const to = end === undefined ? null : placeInExport(unit.post, end);
  return { ...located, line: from.line, column: from.column, endLine: to?.line ?? from.line, endColumn: to?.column ?? from.column };
}

/** A post's converted body in the shape its destination takes. */
function shaped(unit: WxrUnit, output: string, markdown: boolean, destination: ConvertSettings["destination"]): string {
  const meta = unit.frontMatter;
  if (destination === "stdout") return ndjsonRecord(meta, markdown ? output : JSON.parse(output));
  if (markdown) return markdownWithFrontMatter(meta, output);
  return `${JSON.stringify(jsonWithMeta(meta, JSON.parse(output) as { version: unknown; blocks: unknown }), null, 2)}\n`;
}

/**
 * Run `convert` on WordPress exports (or stdin with `--input-format wxr`); each post's result
 * goes to `reporter.unit` in export order.
 *
 * @returns the run's tally and, with `--report`, every post's report entry
 */
export async function convertWxr(
  settings: ConvertSettings,
  env: RunEnv,
  reporter: RunReporter,
): Promise<{ tally: Tally; reports: FileReport[]; links?: LinkRun }> {
  const tally = new Tally();
  env.readingExports?.();
  const { outDir, destination } = settings;
  const wxrOptions = settings.wxr ?? {};
  const tell = (event: RunEvent) => reporter.event(event);
  const exports = await listSources(settings.stdin, () => findExportSources(env, settings.operands, settings.ignore, outDir ? [outDir] : []), tally, tell);
  // Links and assets: the link index first (it rides on each export's first pass, whose index the conversion then reuses)
  let links: LinkRun | undefined;
  let indexes = new Map<string, WxrIndex>();
  if (settings.links) {
    const { exportLinkRun } = await import("./wxr-links.js");
    ({ run: links, indexes } = await exportLinkRun(
      settings.links,
      wxrOptions,
      settings.cache,
      env,
      exports.filter((e): e is InputFile => e !== null),
      reporter,
    ));
  }
  const diffModule = settings.wantDiffs ? await import("../report/diff.js") : undefined;
  const sink = outDir !== undefined && !settings.dryRun ? new FileSink(env.fs, env.syncFs) : undefined;
  const options = { ...settings.options, inputFormat: "text" as const };
  const markdown = settings.to === "markdown";
  // A post is looked up by its id and output; valid while its body, metadata and attachments
  // are the same (so a re-export where only some posts changed converts only those).
  const cache = await openRunCache(
    env,
    "convert",
    settings.cache,
    {
      command: "convert-wxr",
      options,
      destination,
      markdown,
      wxr: wxrOptions,
      ...(links ? { links: links.fingerprint } : {}),
    },
    (event) => reporter.event(event),
  );
  const cacheSkips = cacheCanSkip(cache, { stdout: destination === "stdout", diffs: diffModule !== undefined, links: links !== undefined }, "post", tell);
  const cacheStats = new CacheStats();
  const expected = exports.reduce((n, e) => n + (e === null ? Infinity : e.size / 1024), 0);
  // the workers of an export run get the small young generation (see EXPORT_YOUNG_GENERATION_MB)
  const executor = await Executor.start(
    env,
    { ...settings.executor, youngGenerationMb: EXPORT_YOUNG_GENERATION_MB, ...(links ? { links: links.data } : {}) },
    expected,
  );
  const bodies: UnitSettings = { markdown, keepOutput: true };
  let writeFailed = false;
  const reports: FileReport[] = [];

  /** One post: converted, shaped, written (or printed). */
  const convertPost = async (unit: WxrUnit): Promise<UnitResult> => {
    const name = unit.id;
    const body = unit.post.content;
    const result: UnitResult = { tally: new Tally(), events: [], size: Buffer.byteLength(body) };
    result.tally.files++;
    let target: string | undefined;
    let targetDisplay = "<stdout>";
    if (outDir !== undefined) {
      target = joinClean(outDir, unit.outPath);
      if (!isInside(outDir, target)) throw new Error(`${name}: ${unit.outPath} escaped --out-dir`);
      targetDisplay = displayPath(env.cwd, target);
    }
    const cacheKey = `${name}\u0000${targetDisplay}`;
    const postHash = cache ? hashContent(JSON.stringify([body, unit.frontMatter, unit.attachments])) : undefined;
    // where the body's messages are placed from (they move with the post when posts above it change)
    const origin = unit.post.contentPlace && unit.post.contentMap ? unit.post.contentPlace : undefined;
    if (cache && cacheSkips && postHash) {
      const entry = await validEntry(cache, cacheStats, env.fs, cacheKey, postHash, target);
      if (entry) {
        resultFromCache(result, entry, name, destination === "none" ? null : targetDisplay, (messages) =>
          entry.origin && origin ? movedMessages(messages, entry.origin, origin) : messages,
        );
        result.events.push({ kind: "verbose", text: `${name}: unchanged since the last run (cache)` });
        return result;
      }
    }
    let outcome;
    try {
      // with links: rewritten for the post's output path (as --out-dir names it, with or without --out-dir)
      outcome = await executor.process(
        { input: { kind: "text", text: body }, media: mediaOf(unit), ...(links ? { link: { outputPath: unit.outPath } } : {}) },
        bodies,
        options,
      );
      if (outcome.kind === "crash") throw new Error(outcome.error);
    } catch (error) {
      return converterFailed(result, name, error, "post");
    }
    if (outcome.kind !== "done") throw new Error(`unexpected outcome of a post: ${outcome.kind}`);
    const output = outcome.output!;
    if (outcome.links) result.links = { name, post: name, findings: outcome.links };
    const messages = outcome.messages.map((m) => postMessage(unit, m));
    for (const m of messages) result.tally.count(m);
    result.events.push({ kind: "messages", messages });
    const changed = outcome.changed;
    let patch: string | undefined;
    if (diffModule && changed) {
      patch = diffModule.unifiedDiff(name, targetDisplay === "<stdout>" ? name : targetDisplay, body, output);
      if (settings.diff) result.events.push({ kind: "diff", patch });
    }
    const text = shaped(unit, output, markdown, destination);
    if (destination === "stdout") result.events.push({ kind: "stdout", text });
    // "converted": an output was written (a post's file holds its front matter, whether or not the
    // body changed); "up to date": the file already held it. On stdout: whether the body changed.
    let written = changed;
    let stamp: OutputStamp | undefined;
    if (destination === "out-dir" && sink && target) {
      try {
        written = (await sink.write(target, text, false)) === "written";
        // size and mtime as written, for the next run's check (see sameOutput)
        if (cache) stamp = await outputStamp(env.fs, target);
      } catch (error) {
        writeFailed = true;
        return writeFailedResult(result, name, targetDisplay, error);
      }
    }
    convertedResult(result, {
      name,
      written,
      destination,
      targetDisplay,
      hasTarget: target !== undefined,
      changed,
      messages,
      shortcodes: outcome.shortcodes,
      ...(patch ? { patch } : {}),
    });
    if (cache && postHash) {
      cache.record(cacheKey, cacheEntry(postHash, changed, messages, { stamp, shortcodes: outcome.shortcodes, origin }));
    }
    return result;
  };

  try {
    const open = (file: InputFile | null, name: string) => {
      const index = file ? indexes.get(file.path) : undefined;
      if (file) indexes.delete(file.path);
      return openExport(env, file, name, wxrOptions, index);
    };
    await eachSource(exports, open, tally, tell, async (opened, name) => {
      // the break of a malformed export is told after the posts before it
      const fatal: ReportMessage[] = [];
      const posts = exportPosts(opened.events, name, tally, fatal, {
        ...(settings.shard ? { shard: settings.shard } : {}),
        // file names are chosen only with --out-dir
        renames: outDir !== undefined,
        tell: (message) => reporter.event({ kind: "messages", messages: [message] }),
        listed: (n) => reporter.listed?.(Array.from({ length: n }, () => ({ size: 0 }))),
        summary: (summary) => {
          const kinds = Object.entries(summary.counts)
            .filter(([, n]) => n > 0)
            .map(([type, n]) => `${n} ${type || "untyped"}`)
            .join(", ");
          reporter.event({
            kind: "verbose",
            text: `${name}: ${summary.posts} post${summary.posts === 1 ? "" : "s"} read${summary.complete ? "" : " before the break"}; items: ${kinds || "none"}; ${summary.skipped} not converted (not posts, or filtered out)`,
          });
        },
        // posts stop coming after a write failure (a full disk fails every post after it)
        stop: () => writeFailed,
      });
      await inOrder(posts, executor.window, convertPost, async (result) => {
        tally.merge(result.tally);
        if (result.links) links?.add(result.links.name, result.links.post, result.links.findings);
        if (settings.report && result.report) reports.push(result.report);
        await reporter.unit(result);
      });
      for (const message of fatal) reporter.event({ kind: "problem", message });
    });
  } finally {
    await executor.close();
  }
  await saveCache(cache, cacheSkips ? cacheStats : undefined, tell);
  return { tally, reports, ...(links ? { links } : {}) };
}
