import type { Content, RootNode } from "../../ast/types.js";
import { restoreByteFacts } from "../../io/decode.js";
import type { InputFile } from "../../io/expand.js";
import { toReportMessage, type FileReport, type ReportMessage } from "../../report/types.js";
import { formatMessage } from "../../report/stylish.js";
import { startRun, writeOut, type Context, type Run } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import type { Engine } from "../engine.js";
import { convertOptions, type ConvertFlags } from "./convert.js";
import {
  findInputs,
  finish,
  inputFormatFor,
  isProblem,
  isStdinOnly,
  maybeProgress,
  readSource,
  reportFormat,
  reportProblem,
  STDIN_NAME,
  summaryOf,
  Tally,
  writeReport,
} from "./shared.js";

/** Flags of `check`. */
export interface CheckFlags extends Omit<ConvertFlags, "outDir" | "write" | "to" | "dryRun" | "diff"> {
  format: "stylish" | "json" | "github";
  maxWarnings?: number;
}

/** Rule id of a "this would change" finding. */
export const WOULD_CHANGE = "would-change";

/** `shortcode-migrate check <paths…>`: the CI gate. */
export async function runCheck(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as CheckFlags;
  const stdin = isStdinOnly(operands);
  const reportAs = reportFormat(flags.report);
  const run = startRun(ctx, flags);
  const tally = new Tally();

  let inputs: Array<InputFile | null> = [null];
  if (!stdin) {
    const found = await findInputs(ctx, operands, flags.ignore);
    tally.ignored = found.ignored.length;
    for (const ignored of found.ignored) run.logger.verbose(`ignored ${ignored}`);
    if (found.files.length === 0 && found.problems.length === 0) {
      throw new UsageError(`no input files found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .txt, .md, .markdown, .html, .htm)`);
    }
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) reportProblem(run, tally, display, problem);
    inputs = found.files;
  }

  const engine = await ctx.engine();
  const { changedLineRanges, unifiedDiff } = await import("../../report/diff.js");
  const progress = maybeProgress(run, inputs.filter((f): f is InputFile => f !== null));
  const reports: FileReport[] = [];
  let wouldChange = 0;
  let changeFindings = 0;

  for (const input of inputs) {
    tally.files++;
    const display = input?.display ?? STDIN_NAME;
    const report: FileReport = { file: display, status: "skipped", output: null, changed: false, messages: [], shortcodes: {} };
    reports.push(report);
    const read = await readSource(ctx, input?.path ?? null);
    progress?.tick(input?.size ?? 0);
    if (isProblem(read)) {
      report.messages.push(reportProblem(run, tally, display, read));
      report.status = read.severity === "error" ? "failed" : "skipped";
      continue;
    }
    const inputFormat = inputFormatFor(input?.path ?? null, flags.inputFormat);
    let result;
    try {
      result = await engine.convert(read.text, convertOptions({ ...flags, to: "markdown" } as ConvertFlags, inputFormat, "markdown"));
    } catch (error) {
      const why = `the converter crashed on ${display}: ${(error as Error)?.message ?? String(error)} (a bug; please report it with this file)`;
      run.logger.error(run.errColor.red(why));
      tally.failures.push(why);
      report.status = "failed";
      continue;
    }
    // Diagnostics are the command's data here: printed on stdout (see print below), not logged.
    const messages = result.messages.map((m) => toReportMessage(display, m));
    for (const m of messages) tally.count(m);
    report.shortcodes = result.stats?.shortcodes ?? {};
    const original = (read.bom ? "\uFEFF" : "") + read.text;
    const output = restoreByteFacts(result.output, read);
    if (output !== original) {
      wouldChange++;
      report.changed = true;
      report.status = "converted";
      tally.converted++;
      const tree = safeParse(engine, read.text, flags.compat);
      const after = restoreByteFacts(result.output, { bom: false, crlf: read.crlf });
      const changes = wouldChangeFindings(display, read.text, after, tree, changedLineRanges(read.text, after));
      changeFindings += changes.length;
      messages.push(...changes);
      messages.sort((a, b) => a.line - b.line || a.column - b.column);
      if (reportAs === "md") report.diff = unifiedDiff(display, display, original, output);
    } else {
      report.status = "unchanged";
      tally.unchanged++;
    }
    report.messages = messages;
    // info-level notes (text kept as it was, …) are for --verbose; the gate is about errors and warnings
    await print(run, flags.format, flags.verbose ? messages : messages.filter((m) => m.severity !== "info"));
  }

  if (flags.format === "json") {
    await writeOut(ctx.stdout, JSON.stringify(reports.map(({ diff: _diff, ...rest }) => rest), null, 2) + "\n");
  }
  if (wouldChange) {
    tally.findings.push(
      `${wouldChange} file${wouldChange === 1 ? "" : "s"} would change (${changeFindings} place${changeFindings === 1 ? "" : "s"}); run \`shortcode-migrate convert\` with --out-dir or --write`,
    );
  }
  if (flags.maxWarnings !== undefined && tally.warnings > flags.maxWarnings) {
    tally.findings.push(`${tally.warnings} warnings exceed --max-warnings ${flags.maxWarnings}`);
  }
  const extra = { command: "check", verb: "would change" };
  if (flags.report && reportAs) await writeReport(run, tally, flags.report, reportAs, summaryOf(run, tally, extra), reports);
  return finish(run, tally, extra);
}

async function print(run: Run, format: CheckFlags["format"], messages: readonly ReportMessage[]): Promise<void> {
  if (format === "json" || messages.length === 0) return;
  if (format === "github") {
    const { formatGithub } = await import("../../report/github.js");
    await writeOut(run.ctx.stdout, formatGithub(messages));
    return;
  }
  await writeOut(run.ctx.stdout, messages.map((m) => formatMessage(m, run.outColor) + "\n").join(""));
}

function safeParse(engine: Engine, text: string, compat: "repair" | "wordpress"): RootNode | null {
  try {
    return engine.parse(text, { compat }).tree;
  } catch {
    return null;
  }
}

/**
 * One finding per shortcode (of the active rules' tags) on a changed line, and one per changed
 * region that holds no shortcode (other markup: quotes, stray HTML …).
 */
export function wouldChangeFindings(
  file: string,
  text: string,
  after: string,
  tree: RootNode | null,
  ranges: ReadonlyArray<readonly [number, number, number?]>,
): ReportMessage[] {
  const findings: ReportMessage[] = [];
  const covered = new Set<number>();
  const shortcodes: Array<Extract<Content, { type: "shortcode" }>> = [];
  const visit = (nodes: readonly Content[] | undefined): void => {
    for (const node of nodes ?? []) {
      if (node.type === "shortcode" && !node.escaped) shortcodes.push(node);
      else if (node.type === "html") visit(node.children);
    }
  };
  visit(tree?.children);
  for (const node of shortcodes) {
    const { start, end } = node.position;
    const index = ranges.findIndex(([a, b]) => start.line <= b && end.line >= a);
    if (index === -1) continue;
    covered.add(index);
    findings.push({
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: "error",
      ruleId: WOULD_CHANGE,
      reason: `[${node.name}] would be converted`,
    });
  }
  ranges.forEach(([a, b, newStart], index) => {
    if (covered.has(index)) return;
    const lines = text.split(/\r\n|\n|\r/);
    const line = Math.min(a, Math.max(1, lines.length));
    findings.push({
      file,
      line,
      column: 1,
      endLine: Math.min(b, lines.length),
      endColumn: (lines[Math.min(b, lines.length) - 1]?.length ?? 0) + 1,
      severity: "error",
      ruleId: WOULD_CHANGE,
      reason: `${a === b ? `line ${a}` : `lines ${a}–${b}`} would change${preview(after, text, a, newStart ?? a)}`,
    });
  });
  return findings;
}

/** `: "'X'" → "## X"`: the first changed line before and after, cut to 60 characters around the first difference. */
function preview(after: string, before: string, line: number, newLine: number): string {
  const beforeLine = before.split(/\r\n|\n|\r/)[line - 1];
  const afterLine = after.split(/\r\n|\n|\r/)[newLine - 1];
  if (beforeLine === undefined || afterLine === undefined || beforeLine.trim() === "") return "";
  let common = 0;
  while (common < beforeLine.length && beforeLine[common] === afterLine[common]) common++;
  const from = common > 40 ? common - 20 : 0;
  const cut = (s: string): string => {
    const part = s.slice(from, from + 60);
    return (from > 0 ? "…" : "") + part + (s.length > from + 60 ? "…" : "");
  };
  return `: ${JSON.stringify(cut(beforeLine))} → ${JSON.stringify(cut(afterLine))}`;
}
