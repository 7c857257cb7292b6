import { formatMessage } from "../report/stylish.js";
import type { ReportMessage } from "../report/types.js";
import type { RunEvent, RunReporter, UnitResult } from "../run/outcome.js";
import type { Tally } from "../run/tally.js";
import { writeOut, type Run } from "./context.js";
import { Progress } from "./progress.js";

/** Print diagnostics on stderr (errors always, warnings unless quiet, info with --verbose). */
function printMessages(run: Run, messages: readonly ReportMessage[]): void {
  for (const m of messages) {
    const line = formatMessage(m, run.errColor);
    if (m.severity === "error") run.logger.error(line);
    else if (m.severity === "warning") run.logger.warn(line);
    else run.logger.verbose(line);
  }
}

/** {@link printMessages}, counting each message in `tally` too. */
export function logMessages(run: Run, tally: Tally, messages: readonly ReportMessage[]): void {
  for (const m of messages) tally.count(m);
  printMessages(run, messages);
}

/** Turn one event of a run into its line on stderr, or its output on stdout. */
export async function tell(run: Run, event: RunEvent): Promise<void> {
  switch (event.kind) {
    case "messages":
      printMessages(run, event.messages);
      break;
    case "problem":
      if (event.message.severity === "error") run.logger.error(formatMessage(event.message, run.errColor));
      else run.logger.info(formatMessage(event.message, run.errColor));
      break;
    case "failure":
      run.logger.error(run.errColor.red(event.text));
      break;
    case "verbose":
      run.logger.verbose(event.text);
      break;
    case "info":
      run.logger.info(event.text);
      break;
    case "warn":
      run.logger.warn(event.text);
      break;
    case "stdout":
      await writeOut(run.ctx.stdout, event.text);
      break;
    case "findings":
      if (event.messages.length) await writeOut(run.ctx.stdout, event.messages.map((m) => formatMessage(m, run.outColor) + "\n").join(""));
      break;
    case "diff": {
      const { colorizeDiff } = await import("../report/diff.js");
      await writeOut(run.ctx.stdout, colorizeDiff(event.patch, run.outColor));
      break;
    }
  }
}

/** A progress bar when allowed and worth it. */
export function maybeProgress(run: Run, units: readonly { size: number }[]): Progress | undefined {
  if (!run.progressAllowed || units.length < 2) return undefined;
  const progress = new Progress(
    run.ctx.stderr,
    units.length,
    units.reduce((n, f) => n + f.size, 0),
    () => run.ctx.now(),
  );
  run.logger.progress = progress;
  return progress;
}

/**
 * The CLI's side of a run: events become lines (stderr) and output (stdout), units are told in
 * input order; a progress bar follows the units of a listed run.
 */
export function cliReporter(run: Run): RunReporter {
  let progress: Progress | undefined;
  return {
    event: (event) => void tell(run, event),
    listed(units) {
      progress = maybeProgress(run, units);
    },
    async unit(result: UnitResult) {
      for (const event of result.events) await tell(run, event);
      progress?.tick(result.size);
    },
  };
}
