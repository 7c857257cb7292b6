import type { CheckFormat } from "../../config/enums.js";
import { formatMessage } from "../../report/stylish.js";
import type { FileReport, ReportMessage } from "../../report/types.js";
import { checkArchives, checkFiles, checkSettings, type CheckReporter, type CheckResult } from "../../run/check.js";
import { withEarlyPool } from "../../run/executor.js";
import type { RunEvent } from "../../run/outcome.js";
import type { ConversionFlags } from "../../run/settings.js";
import { checkOutputPaths } from "../../run/sinks/out-dir.js";
import type { Tally } from "../../run/tally.js";
import { startRun, writeOut, type CommonFlags, type Context, type Run } from "../context.js";
import type { ExitCode } from "../errors.js";
import { endRun } from "../finish.js";
import { maybeProgress, tell } from "../reporter.js";
import type { Progress } from "../progress.js";

/** Flags of `check`, as commander parses them. */
export interface CheckFlags extends ConversionFlags, CommonFlags {
  format: CheckFormat;
  maxWarnings?: number;
}

/** `shortcode-migrate check <paths…>`: the CI gate. Settings → the run → findings, report, exit code. */
export async function runCheck(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as CheckFlags;
  const notes: RunEvent[] = [];
  const run = startRun(ctx, flags);
  const settings = await checkSettings(ctx, operands, flags, notes);
  await checkOutputPaths(ctx, undefined, settings.report?.file);
  for (const note of notes) await tell(run, note);
  const reporter = checkReporter(run, flags);
  const result = settings.wxr
    ? await (await import("../../run/check-wxr.js")).checkWxr(settings, ctx, reporter)
    : settings.archives
      ? await checkArchives(settings, ctx, reporter)
      : await withEarlyPool(ctx, settings.executor, operands, settings.stdin, (early) =>
          checkFiles(settings, ctx, reporter, { sizes: run.progressAllowed, ...(early ? { early } : {}) }),
        );
  const noun = settings.wxr ? "post" : settings.archives ? "record" : "file";
  const hint = settings.wxr
    ? `run \`shortcode-migrate convert ${shellOperands(operands)} --out-dir DIR\``
    : convertHint(operands, settings.archives, flags.inputFormat, result.reports);
  return endCheck(run, flags, result.tally, result.reports, result.wouldChange, result.changeFindings, noun, hint, settings.report);
}

/** Operands as a shell line: quoted where needed; `PATHS` when too long to repeat. */
function shellOperands(operands: readonly string[]): string {
  const quoted = operands.map((o) => (/^[\w@%+=:,./-]+$/.test(o) ? o : `'${o.replace(/'/g, "'\\''")}'`)).join(" ");
  return quoted.length > 60 ? "PATHS" : quoted;
}

/**
 * The `convert` command that fixes what `check` found, naming the paths it was given: for
 * archives, NDJSON to a file (or a file per record); for files, `--write` only when every file
 * that would change is markdown (`--write` converts nothing else in place), else `--out-dir`.
 */
function convertHint(operands: readonly string[], archives: boolean, inputFormat: string, reports: readonly FileReport[]): string {
  const paths = shellOperands(operands);
  if (paths === "-") return `run \`shortcode-migrate convert -${archives ? " --input-format ndjson > converted.ndjson" : " > converted.md"}\``;
  if (archives) {
    const named = operands.every((o) => /\.(ndjson|jsonl)$/i.test(o));
    return `run \`shortcode-migrate convert ${paths}${named && inputFormat !== "ndjson" ? "" : " --input-format ndjson"} > converted.ndjson\` (or --out-dir DIR: a file per record)`;
  }
  const markdownOnly = reports.filter((r) => r.changed).every((r) => /\.(md|markdown)$/i.test(r.file));
  return markdownOnly
    ? `run \`shortcode-migrate convert ${paths} --write\` (in place) or with --out-dir DIR (converted copies)`
    : `run \`shortcode-migrate convert ${paths} --out-dir DIR\` (--write converts only markdown files in place)`;
}

/** Findings on stdout by `--format` (info-level notes only with `--verbose`); everything else as `convert` tells it. */
function checkReporter(run: Run, flags: CheckFlags): CheckReporter {
  let progress: Progress | undefined;
  return {
    event: (event) => void tell(run, event),
    listed(units) {
      progress = maybeProgress(run, units);
    },
    async unit(result: CheckResult) {
      for (const event of result.events) {
        if (event.kind !== "findings") await tell(run, event);
        // the gate is about errors and warnings; info-level notes (text kept as it was, …) are for --verbose
        else await print(run, flags.format, flags.verbose ? event.messages : event.messages.filter((m) => m.severity !== "info"), result.at);
      }
      progress?.tick(result.size);
    },
  };
}

/** The end of a check: the JSON findings, the gate's findings, the report, the summary and exit code. */
async function endCheck(
  run: Run,
  flags: CheckFlags,
  tally: Tally,
  reports: FileReport[],
  wouldChange: number,
  changeFindings: number,
  noun: "file" | "record" | "post",
  hint: string,
  report: { file: string; format: "json" | "md" | "html" } | undefined,
): Promise<ExitCode> {
  if (flags.format === "json") {
    await writeOut(
      run.ctx.stdout,
      JSON.stringify(
        reports.map(({ diff: _diff, ...rest }) => rest),
        null,
        2,
      ) + "\n",
    );
  }
  if (wouldChange) {
    tally.findings.push(
      `${wouldChange} ${noun}${wouldChange === 1 ? "" : "s"} would change (${changeFindings} place${changeFindings === 1 ? "" : "s"}); ${hint}`,
    );
  }
  if (flags.maxWarnings !== undefined && tally.warnings > flags.maxWarnings) {
    tally.findings.push(`${tally.warnings} warnings exceed --max-warnings ${flags.maxWarnings}`);
  }
  return endRun(run, tally, report, reports, { command: "check", verb: "would change", ...(noun === "file" ? {} : { noun }) });
}

/**
 * A record's finding as an annotation GitHub can place: at the record's line of the archive
 * (`archive#id` is no file of the repository), the place in the body said in the message.
 */
function atArchiveLine(m: ReportMessage, record: { file: string; line: number }): ReportMessage {
  return { ...m, file: record.file, line: record.line, column: 1, endLine: record.line, endColumn: 1, reason: `${m.file}:${m.line}:${m.column}: ${m.reason}` };
}

async function print(run: Run, format: CheckFlags["format"], messages: readonly ReportMessage[], record?: { file: string; line: number }): Promise<void> {
  if (format === "json" || messages.length === 0) return;
  if (format === "github") {
    const { formatGithub } = await import("../../report/github.js");
    await writeOut(run.ctx.stdout, formatGithub(record ? messages.map((m) => atArchiveLine(m, record)) : messages));
    return;
  }
  await writeOut(run.ctx.stdout, messages.map((m) => formatMessage(m, run.outColor) + "\n").join(""));
}
