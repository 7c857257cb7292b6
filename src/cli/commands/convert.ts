import { withEarlyPool } from "../../run/executor.js";
import { convertArchives } from "../../run/convert-archives.js";
import { convertFiles } from "../../run/convert-files.js";
import type { RunEvent } from "../../run/outcome.js";
import { convertSettings, type ConvertFlags } from "../../run/settings.js";
import { startRun, type CommonFlags, type Context } from "../context.js";
import type { ExitCode } from "../errors.js";
import { endRun } from "../finish.js";
import { cliReporter, tell } from "../reporter.js";

/**
 * `shortcode-migrate convert <paths…>`: settings (flags and config, conflicts rejected) → the
 * run (files and stdin, NDJSON archives, or WordPress exports) → its outcomes told, the report, the exit code.
 */
export async function runConvert(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ConvertFlags & CommonFlags;
  const notes: RunEvent[] = [];
  // Usage errors (conflicting flags, a bad config) before any work.
  const settings = await convertSettings(ctx, operands, flags, notes);
  const run = startRun(ctx, flags);
  for (const note of notes) await tell(run, note);
  const reporter = cliReporter(run);
  const { tally, reports } = settings.wxr
    ? await (await import("../../run/convert-wxr.js")).convertWxr(settings, ctx, reporter)
    : settings.archives
    ? await convertArchives(settings, ctx, reporter)
    : await withEarlyPool(ctx, settings.executor, operands, settings.stdin, (early) =>
        convertFiles(settings, ctx, reporter, { sizes: run.progressAllowed, ...(early ? { early } : {}) }),
      );
  const verb = settings.dryRun || settings.destination === "none" ? "would change" : "converted";
  return endRun(run, tally, settings.report, reports, { command: "convert", dryRun: settings.dryRun, verb });
}
