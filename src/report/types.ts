import type { Message, Severity } from "../ast/types.js";

/** A diagnostic flattened for reports: the shape of `--report x.json` and `check --format json`. */
export interface ReportMessage {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  ruleId: string;
  reason: string;
}

/** What happened to one input. */
type FileStatus = "converted" | "unchanged" | "skipped" | "failed";

/** One input's outcome, as reporters see it. */
export interface FileReport {
  /** Input path as displayed (cwd-relative). */
  file: string;
  status: FileStatus;
  /** Where the output went (a path, `"<stdout>"`), or `null` when nothing was written. */
  output: string | null;
  /** The output differs from the input. */
  changed: boolean;
  /** Why it was skipped or failed (`status` is `skipped` or `failed`). */
  skipReason?: string;
  messages: ReportMessage[];
  /** Shortcodes found, by tag. */
  shortcodes: Record<string, number>;
  /** Unified diff (no colour) when the file changed and a diff was asked for. */
  diff?: string;
}

/** The counts every run ends with. */
export interface RunSummary {
  command: string;
  /** Inputs (files, or records of NDJSON archives: see {@link noun}). */
  files: number;
  /** What {@link noun}s counts: `file` (default) or `record` (NDJSON archives). */
  noun?: "file" | "record" | "post";
  /** Outputs written (`convert`), inputs that would change (`--dry-run`, `check`): see {@link verb}. */
  converted: number;
  /** Inputs that needed nothing: the output already held it, or the input needs no change. */
  upToDate: number;
  /** One entry per skipped input, with its reason label (`no "body" field`, `link to a folder` …). */
  skipped: Array<{ file: string; reason: string }>;
  /** One entry per failed input, with its reason label (`invalid UTF-8`, `broken NDJSON line`, `converter crash` …). */
  failed: Array<{ file: string; reason: string }>;
  /** Inputs left out by ignore patterns. */
  ignored: number;
  warnings: number;
  errors: number;
  durationMs: number;
  dryRun: boolean;
  /** Label of the "converted" column: `converted`, `would change`, `scanned` … */
  verb?: string;
  /** Inputs whose outcome came from `--cache` (unchanged since the last run; counted above too; absent without the flag). */
  cached?: number;
}

/** Flatten a positioned diagnostic for a file. */
export function toReportMessage(file: string, message: Message): ReportMessage {
  const start = message.position?.start ?? { line: 1, column: 1 };
  const end = message.position?.end ?? start;
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: message.severity,
    ruleId: message.ruleId,
    reason: message.reason,
  };
}
