import type { FileReport, ReportMessage } from "../report/types.js";
import type { Tally } from "./tally.js";
import type { UnitLinkFindings } from "./unit-links.js";

/**
 * Something a run has to tell, in the order it happened. The run never logs: the CLI turns
 * each event into a line (or output on stdout), at the level the kind says.
 */
export type RunEvent =
  /** Diagnostics of one input: errors always shown, warnings unless `--quiet`, info with `--verbose`. */
  | { kind: "messages"; messages: readonly ReportMessage[] }
  /** An input that could not be used (its message): an error is always shown, anything else unless `--quiet`. */
  | { kind: "problem"; message: ReportMessage }
  /** A failure of the run (exit 2): always shown, in red. */
  | { kind: "failure"; text: string }
  /** A line for `--verbose`. */
  | { kind: "verbose"; text: string }
  /** A note (hidden by `--quiet`). */
  | { kind: "info"; text: string }
  /** A warning (hidden by `--quiet`). */
  | { kind: "warn"; text: string }
  /** Data on stdout: a converted text, an NDJSON line. */
  | { kind: "stdout"; text: string }
  /** `check`'s findings of one input (its diagnostics and would-change places): the command's data, on stdout. */
  | { kind: "findings"; messages: readonly ReportMessage[] }
  /** A unified diff (no colour) for stdout, with `--diff`. */
  | { kind: "diff"; patch: string };

/** What became of one unit: its report entry, its counts, what to tell about it. Handed over in input order. */
export interface UnitResult {
  /** Its entry in `--report` (none for a unit that is no input, e.g. a record whose write failed). */
  report?: FileReport;
  /** This unit's counts, merged into the run's tally when it is handed over. */
  tally: Tally;
  events: RunEvent[];
  /** Bytes of its input (for a progress bar; 0 when unknown). */
  size: number;
  /** What the link rewrite found in it (census, manifest): its name in messages and its id as a post. */
  links?: { name: string; post: string; findings: UnitLinkFindings };
}

/** Where a run hands its outcomes: the CLI's reporter, or a test's collector. */
export interface RunReporter {
  /** A run-level event (a note on the config, the cache, the listing …). */
  event(event: RunEvent): void;
  /** The units are listed: how many, how many bytes (a progress bar may start). */
  listed?(units: readonly { size: number }[]): void;
  /** One unit's result, in input order; awaited (stdout back-pressure) before the next. */
  unit(result: UnitResult): Promise<void>;
}
