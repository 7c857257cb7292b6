/**
 * `check` of WordPress exports: every post and page converted in memory as `convert` would,
 * named `export.xml#<post id>`, its findings placed at their line and column in the export
 * file (in the body itself when the body cannot be mapped back). A malformed or truncated
 * export is an error at the break, after the posts before it.
 */
import { lineEndings, textNotes } from "../io/decode.js";
import type { InputFile } from "../io/expand.js";
import type { FileReport, ReportMessage } from "../report/types.js";
import type { CheckOutcome } from "../scale/check-task.js";
import { inShard } from "../scale/shard.js";
import { placeInExport, type WxrPost, type WxrUnit, type WxrUnitEvent } from "../wxr/index.js";
import { checked, checkFailed, handOver, type CheckReporter, type CheckResult, type CheckRun, type CheckSettings } from "./check.js";
import type { RunEnv } from "./env.js";
import { Executor } from "./executor.js";
import { findExports, isOpenProblem, mediaOf, openExport, RENAME_RULES, tallyExportProblem } from "./sources/wxr.js";
import { STDIN_NAME } from "./sources/unit.js";
import { Tally } from "./tally.js";
import { inOrder } from "./window.js";

/** Rule ids of the library's notes on output file names (no file is written by `check`). */

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
  let exports: Array<InputFile | null> = [null];
  if (!settings.stdin) {
    const found = await findExports(env, settings.operands, settings.ignore, []);
    tally.ignored = found.ignored;
    for (const { message, skip } of found.problems) {
      reporter.event({ kind: "problem", message });
      tally.problem(message.file, { kind: "unreadable", severity: "error" }, skip);
    }
    exports = found.exports;
  }
  const options = { ...settings.options, inputFormat: "text" as const };
  if (settings.cache) reporter.event({ kind: "info", text: "cache: not used for WordPress exports: every post is checked" });
  const wantDiff = settings.report?.format === "md" || settings.report?.format === "html";
  const expected = exports.reduce((n, e) => n + (e === null ? Infinity : e.size / 1024), 0);
  const executor = await Executor.start(env, settings.executor, expected);
  const run: CheckRun = { tally, reports: [], wouldChange: 0, changeFindings: 0 };

  const checkPost = async (unit: WxrUnit): Promise<CheckResult> => {
    const name = unit.id;
    // A post is written as a file ending in a newline: a body without one is no change to report.
    const body = unit.post.content.endsWith("\n") || unit.post.content === "" ? unit.post.content : `${unit.post.content}\n`;
    const result = Object.assign({ tally: new Tally(), events: [], size: Buffer.byteLength(body), changed: false, findings: 0 } as CheckResult, {
      report: { file: name, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} } as FileReport,
    });
    result.tally.files++;
    const eol = lineEndings(body);
    let outcome: CheckOutcome;
    try {
      outcome = await executor.check({ text: body, bom: false, crlf: eol === "crlf", eol, display: name, wantDiff, media: mediaOf(unit) }, options, () => env.engine());
      if (outcome.kind === "crash") throw new Error(outcome.error);
    } catch (error) {
      return checkFailed(result, name, error, "post");
    }
    const messages = checked(result, name, textNotes(body, eol), outcome);
    const starts = [0];
    for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) starts.push(i + 1);
    for (const m of messages) inExport(unit.post, starts, m);
    // GitHub annotations need a file of the repository: the export, at the post's <item>.
    result.at = { file: unit.id.slice(0, unit.id.lastIndexOf("#")), line: unit.post.place.line };
    return result;
  };

  try {
    for (const file of exports) {
      const name = file?.display ?? STDIN_NAME;
      const opened = await openExport(env, file, name, {});
      if (isOpenProblem(opened)) {
        reporter.event({ kind: "problem", message: opened.message });
        tally.problem(name, { kind: "unreadable", severity: "error" }, opened.skip);
        continue;
      }
      const fatal: ReportMessage[] = [];
      const units = async function* (events: AsyncGenerator<WxrUnitEvent, void, undefined>) {
        for await (const event of events) {
          if (event.kind === "unit") {
            if (settings.shard && !inShard(event.unit.outPath, settings.shard)) continue;
            yield event.unit;
          } else if (event.kind === "problem") {
            const { problem } = event;
            if (RENAME_RULES.has(problem.ruleId)) continue;
            tallyExportProblem(name, problem, tally, fatal, (message) => reporter.event({ kind: "messages", messages: [message] }));
          } else if (event.kind === "listed") {
            reporter.listed?.(Array.from({ length: event.posts }, () => ({ size: 0 })));
          }
        }
      };
      try {
        await inOrder(units(opened.events), executor.window, checkPost, async (result) => handOver(run, reporter, result));
      } finally {
        await opened.close();
      }
      for (const message of fatal) reporter.event({ kind: "problem", message });
    }
  } finally {
    await executor.close();
  }
  return run;
}
