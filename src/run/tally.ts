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
  /** Outputs written (`convert`), or inputs that would change (`--dry-run`, `check`); `scan`: inputs scanned. */
  converted = 0;
  /** Inputs that needed nothing: the output already held it, the file needs no change. */
  upToDate = 0;
  /** Inputs not converted, with the reason (empty of use, no field …): no failure. */
  skipped: RunSummary["skipped"] = [];
  /** Inputs that failed: could not be read or decoded, broken lines, the converter crashed, the output could not be written. */
  failed: RunSummary["failed"] = [];
  ignored = 0;
  warnings = 0;
  errors = 0;
  /** Of {@link failed}, the inputs that could not be read or decoded (exit 1; the others are failures, exit 2). */
  unreadable: RunSummary["failed"] = [];
  /** Of {@link errors}, `check`'s would-change findings. */
  changePlaces = 0;
  /** Reasons for exit 1 beyond the counts above. */
  findings: string[] = [];
  /** Reasons for exit 2. */
  failures: string[] = [];
  files = 0;
  /** Inputs whose outcome came from the cache (unchanged since the last run); counted above too. */
  cached = 0;

  /** Add the counts of one input's own tally (kept apart while its work was in flight). */
  merge(other: Tally): void {
    this.converted += other.converted;
    this.upToDate += other.upToDate;
    pushAll(this.skipped, other.skipped);
    pushAll(this.failed, other.failed);
    this.ignored += other.ignored;
    this.warnings += other.warnings;
    this.errors += other.errors;
    pushAll(this.unreadable, other.unreadable);
    this.changePlaces += other.changePlaces;
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

  /** Count an input that could not be used: an error fails it (unreadable), anything else skips it. */
  problem(display: string, problem: Pick<InputProblem, "kind" | "severity">, label: string = PROBLEM_LABELS[problem.kind]): void {
    if (problem.severity === "error") {
      this.failed.push({ file: display, reason: label });
      this.unreadable.push({ file: display, reason: label });
      this.errors++;
    } else {
      this.skipped.push({ file: display, reason: label });
    }
  }

  /** Count an input that failed for a reason of the run (exit 2): `why` is the last line's reason. */
  fail(display: string, label: string, why: string): void {
    this.failed.push({ file: display, reason: label });
    this.failures.push(why);
  }
}
