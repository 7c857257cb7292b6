import { pushAll } from "../convert/push-all.js";
import type { InputProblem } from "../io/read.js";
import { PROBLEM_LABELS } from "../io/read.js";
import type { RunSummary } from "../report/types.js";

/**
 * The counts and reasons a run accumulates; the CLI turns them into the summary, the last
 * "why" line and the exit code. Each unit counts in its own tally while its work is in
 * flight; {@link merge} adds it to the run's in input order.
 */
export class Tally {
  converted = 0;
  unchanged = 0;
  skipped: RunSummary["skipped"] = [];
  ignored = 0;
  warnings = 0;
  errors = 0;
  /** Inputs that could not be read or decoded (exit 1). */
  unreadable = 0;
  /** Reasons for exit 1 beyond the counts above. */
  findings: string[] = [];
  /** Reasons for exit 2. */
  failures: string[] = [];
  files = 0;
  /** Inputs skipped because the cache showed them unchanged since the last run. */
  cached = 0;

  /** Add the counts of one input's own tally (kept apart while its work was in flight). */
  merge(other: Tally): void {
    this.converted += other.converted;
    this.unchanged += other.unchanged;
    pushAll(this.skipped, other.skipped);
    this.ignored += other.ignored;
    this.warnings += other.warnings;
    this.errors += other.errors;
    this.unreadable += other.unreadable;
    pushAll(this.findings, other.findings);
    pushAll(this.failures, other.failures);
    this.files += other.files;
    this.cached += other.cached;
  }

  /** Count a diagnostic. */
  count(message: { severity: string }): void {
    if (message.severity === "error") this.errors++;
    else if (message.severity === "warning") this.warnings++;
  }

  /** Count an input that could not be used: skipped, and (an error) unreadable. */
  problem(display: string, problem: Pick<InputProblem, "kind" | "severity">, label: string = PROBLEM_LABELS[problem.kind]): void {
    this.skipped.push({ file: display, reason: label });
    if (problem.severity === "error") {
      this.errors++;
      this.unreadable++;
    }
  }
}
