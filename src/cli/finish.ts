import path from "node:path";
import { describeSkips, formatSummary } from "../report/summary.js";
import type { FileReport, RunSummary } from "../report/types.js";
import type { ReportFormat } from "../run/settings.js";
import type { Tally } from "../run/tally.js";
import type { Run } from "./context.js";
import type { ExitCode } from "./errors.js";

/** The summary of a run (also the report's). */
function summaryOf(run: Run, tally: Tally, extra: Partial<RunSummary> & { command: string }): RunSummary {
  return {
    files: tally.files,
    converted: tally.converted,
    upToDate: tally.upToDate,
    skipped: tally.skipped,
    failed: tally.failed,
    ignored: tally.ignored,
    warnings: tally.warnings,
    errors: tally.errors,
    durationMs: run.ctx.now() - run.started,
    dryRun: false,
    ...(tally.cached ? { cached: tally.cached } : {}),
    ...extra,
  };
}

/**
 * End a run: the summary line, then (when the exit code is not 0) a last line saying why.
 *
 * @returns 2 if anything failed, 1 for findings, else 0
 */
export function finish(run: Run, tally: Tally, summary: Partial<RunSummary> & { command: string }): ExitCode {
  run.logger.progress?.clear();
  run.logger.progress = undefined;
  const full = summaryOf(run, tally, summary);
  const code: ExitCode = tally.failures.length ? 2 : tally.findings.length || tally.errors ? 1 : 0;
  run.logger.info(formatSummary(full, run.errColor, code !== 0));
  if (code !== 0) {
    const reasons = [...tally.failures, ...tally.findings];
    const failed = tally.unreadable.length;
    const diagnosticErrors = tally.errors - failed - tally.changePlaces;
    // records of archives (`a.ndjson#7`, `a.ndjson:3`); an archive that could not be read is no record: "inputs"
    const noun = full.noun === "record" && tally.unreadable.some((e) => !/#|:\d+$/.test(e.file)) ? "input" : (full.noun ?? "file");
    if (failed) reasons.push(`${failed} ${noun}${failed === 1 ? "" : "s"} failed (${describeSkips(tally.unreadable)})`);
    if (diagnosticErrors > 0) reasons.push(`${diagnosticErrors} error-level diagnostic${diagnosticErrors === 1 ? "" : "s"}`);
    const shown = reasons.length > 4 ? [...reasons.slice(0, 3), `and ${reasons.length - 3} more`] : reasons;
    run.logger.error(run.errColor.red(`✖ exit ${code}: ${shown.join("; ")}`));
  }
  return code;
}

/** Write `--report FILE` (atomically); a failure to write is an environment failure (exit 2). */
async function writeReport(run: Run, tally: Tally, file: string, format: ReportFormat, summary: RunSummary, files: readonly FileReport[]): Promise<void> {
  const { writeFileAtomic, describeWriteError } = await import("../io/write.js");
  const text =
    format === "json"
      ? (await import("../report/json.js")).formatJsonReport(summary, files, run.ctx.tool)
      : format === "html"
        ? (await import("../report/html.js")).renderHtmlReport([...files], summary, {
            tool: run.ctx.tool,
            generatedAt: new Date().toISOString(),
          })
        : (await import("../report/markdown.js")).formatMarkdownReport(summary, files, run.ctx.tool);
  const target = path.resolve(run.ctx.cwd, file);
  try {
    await writeFileAtomic(target, text, run.ctx.fs);
    run.logger.verbose(`report written to ${file}`);
  } catch (error) {
    const why = `cannot write the report ${file}: ${describeWriteError(error, "--report path")}`;
    run.logger.error(run.errColor.red(why));
    tally.failures.push(why);
  }
}

/** Write the report (when asked for), then the summary and the exit code. */
export async function endRun(
  run: Run,
  tally: Tally,
  report: { file: string; format: ReportFormat } | undefined,
  reports: readonly FileReport[],
  extra: Partial<RunSummary> & { command: string },
): Promise<ExitCode> {
  if (report) await writeReport(run, tally, report.file, report.format, summaryOf(run, tally, extra), reports);
  return finish(run, tally, extra);
}
