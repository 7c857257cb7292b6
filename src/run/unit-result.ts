/**
 * How a record of an archive or a post of an export ends, the same for both: converted (or
 * up to date), failed in the converter, not written. Files build theirs in `convert-files.ts`
 * (their report entry exists from the start); the lines and labels are the same.
 */
import { describeWriteError } from "../io/write.js";
import type { ReportMessage } from "../report/types.js";
import type { ConvertSettings } from "./settings.js";
import type { UnitResult } from "./outcome.js";

/**
 * The one line for an input the converter failed on: it threw or killed its worker (a bug of
 * ours), or ran past `--timeout` on a worker. `what` names what to send with a report.
 */
export function converterFailure(name: string, error: unknown, what: "file" | "record" | "post"): string {
  if ((error as Error)?.name === "WorkerTimeoutError") {
    return `the converter did not finish ${name}: ${(error as Error).message}; the run went on without it (raise --timeout for a body this big, else please report it with this ${what})`;
  }
  return `the converter crashed on ${name}: ${(error as Error)?.message ?? String(error)} (a bug; please report it with this ${what})`;
}

/** A record or post the converter failed on: told, a failure of the run (exit 2), `failed` in the report. */
export function converterFailed(result: UnitResult, name: string, error: unknown, what: "record" | "post"): UnitResult {
  const why = converterFailure(name, error, what);
  result.events.push({ kind: "failure", text: why });
  result.tally.fail(name, "converter crash", why);
  result.report = { file: name, status: "failed", output: null, changed: false, messages: [], shortcodes: {}, skipReason: why };
  return result;
}

/** A record's or post's output that could not be written: told, a failure of the run (exit 2); it has no report entry. */
export function writeFailed(result: UnitResult, name: string, targetDisplay: string, error: unknown): UnitResult {
  const why = `cannot write ${targetDisplay}: ${describeWriteError(error)}`;
  result.events.push({ kind: "failure", text: why });
  result.tally.fail(name, "not written", why);
  return result;
}

/**
 * A converted record or post: counted (converted when its output was written, or with nothing
 * written when it would change; else up to date), told with `--verbose`, its report entry.
 */
export function convertedResult(
  result: UnitResult,
  unit: {
    name: string;
    /** An output was written (nothing written: the text changed). */
    written: boolean;
    destination: ConvertSettings["destination"];
    /** The output file's name as shown, when there is one (`<stdout>` otherwise). */
    targetDisplay: string;
    hasTarget: boolean;
    changed: boolean;
    messages: ReportMessage[];
    shortcodes: Record<string, number>;
    patch?: string;
  },
): UnitResult {
  const { name, written, destination, targetDisplay, changed } = unit;
  if (written) result.tally.converted++;
  else result.tally.upToDate++;
  result.events.push({
    kind: "verbose",
    text: `${name}: ${written ? (destination === "none" ? "would change" : "converted") : "up to date"}${unit.hasTarget ? ` → ${targetDisplay}` : ""}`,
  });
  result.report = {
    file: name,
    status: changed ? "converted" : "unchanged",
    output: destination === "none" ? null : targetDisplay,
    changed,
    messages: unit.messages,
    shortcodes: unit.shortcodes,
    ...(unit.patch ? { diff: unit.patch } : {}),
  };
  return result;
}
