/**
 * `check` of WordPress exports: every post and page converted in memory as `convert` would,
 * named `export.xml#<post id>`, its findings placed at their line and column in the export
 * file (in the body itself when the body cannot be mapped back). A malformed or truncated
 * export is an error at the break, after the posts before it.
 */
import type { ReportMessage } from "../report/types.js";
import { placeInExport, type WxrPost, type WxrUnit } from "../wxr/index.js";
import { checkResult, checkText, checkUnits, handOver, type CheckReporter, type CheckResult, type CheckRun, type CheckSettings } from "./check.js";
import type { RunEnv } from "./env.js";
import { EXPORT_YOUNG_GENERATION_MB, Executor } from "./executor.js";
import type { RunEvent } from "./outcome.js";
import { eachSource, listSources } from "./sources/streams.js";
import { exportPosts, findExportSources, mediaOf, openExport } from "./sources/wxr.js";
import { Tally } from "./tally.js";
import { inOrder } from "./window.js";

/** The offset in `text` of a 1-based line and column (columns in UTF-16 code units, as the parser counts). */
function offsetOf(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + column - 1;
}

/** Move a message placed in a post's body to its place in the export, when the body maps back. */
function inExport(post: WxrPost, starts: readonly number[], m: ReportMessage): void {
  const from = placeInExport(post, offsetOf(starts, m.line, m.column));
  if (!from) return;
  const to = placeInExport(post, offsetOf(starts, m.endLine, m.endColumn));
  m.line = from.line;
  m.column = from.column;
  m.endLine = to?.line ?? from.line;
  m.endColumn = to?.column ?? from.column;
}

/**
 * Run `check` on WordPress exports (or stdin with `--input-format wxr`); each post's result
 * goes to `reporter.unit` in export order.
 */
export async function checkWxr(settings: CheckSettings, env: RunEnv, reporter: CheckReporter): Promise<CheckRun> {
  const tally = new Tally();
  env.readingExports?.();
  const tell = (event: RunEvent) => reporter.event(event);
  const exports = await listSources(settings.stdin, () => findExportSources(env, settings.operands, settings.ignore, []), tally, tell);
  const options = { ...settings.options, inputFormat: "text" as const };
  if (settings.cache) reporter.event({ kind: "info", text: "cache: not used for WordPress exports: every post is checked" });
  const unitSettings = checkUnits(settings);
  const expected = exports.reduce((n, e) => n + (e === null ? Infinity : e.size / 1024), 0);
  const executor = await Executor.start(env, { ...settings.executor, youngGenerationMb: EXPORT_YOUNG_GENERATION_MB }, expected);
  const run: CheckRun = { tally, reports: [], wouldChange: 0, changeFindings: 0 };

  const checkPost = async (unit: WxrUnit): Promise<CheckResult> => {
    const name = unit.id;
    // A post is written as a file ending in a newline: a body without one is no change to report.
    const body = unit.post.content.endsWith("\n") || unit.post.content === "" ? unit.post.content : `${unit.post.content}\n`;
    const result = checkResult(name, Buffer.byteLength(body));
    const { messages } = await checkText(executor, unitSettings, options, result, { kind: "text", text: body }, "post", mediaOf(unit));
    if (!messages) return result;
    const starts = [0];
    for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) starts.push(i + 1);
    for (const m of messages) inExport(unit.post, starts, m);
    // GitHub annotations need a file of the repository: the export, at the post's <item>.
    result.at = { file: unit.id.slice(0, unit.id.lastIndexOf("#")), line: unit.post.place.line };
    return result;
  };

  try {
    await eachSource(
      exports,
      (file, name) => openExport(env, file, name, {}),
      tally,
      tell,
      async (opened, name) => {
        // the break of a malformed export is told after the posts before it
        const fatal: ReportMessage[] = [];
        const posts = exportPosts(opened.events, name, tally, fatal, {
          ...(settings.shard ? { shard: settings.shard } : {}),
          // check names no file
          renames: false,
          tell: (message) => reporter.event({ kind: "messages", messages: [message] }),
          listed: (n) => reporter.listed?.(Array.from({ length: n }, () => ({ size: 0 }))),
        });
        await inOrder(posts, executor.window, checkPost, async (result) => handOver(run, reporter, result));
        for (const message of fatal) reporter.event({ kind: "problem", message });
      },
    );
  } finally {
    await executor.close();
  }
  return run;
}
