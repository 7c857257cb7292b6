import { withEarlyPool } from "../../run/executor.js";
import { convertArchives } from "../../run/convert-archives.js";
import { convertFiles } from "../../run/convert-files.js";
import type { RunEvent } from "../../run/outcome.js";
import { convertSettings, type ConvertFlags, type ConvertSettings } from "../../run/settings.js";
import { checkOutputPaths } from "../../run/sinks/out-dir.js";
import { startRun, type CommonFlags, type Context } from "../context.js";
import type { ExitCode } from "../errors.js";
import { endRun } from "../finish.js";
import { cliReporter, tell } from "../reporter.js";
import type { LinkRun } from "../../run/links.js";
import type { Tally } from "../../run/tally.js";
import type { FileReport } from "../../report/types.js";
import type { RunEnv } from "../../run/env.js";

/** The link index of the run: from the NDJSON archives' records, none for files (their old-site links are dead or assets); exports build theirs in their run. */
async function startLinks(settings: ConvertSettings, env: RunEnv, tell: (event: RunEvent) => void): Promise<LinkRun> {
  const { archiveLinkRun, buildLinkRun } = await import("../../run/links.js");
  const linkSettings = settings.links!;
  return settings.archives ? archiveLinkRun(settings, env, linkSettings, tell) : buildLinkRun(linkSettings, []);
}

/**
 * `shortcode-migrate convert <paths…>`: settings (flags and config, conflicts rejected) → the
 * run (files and stdin, NDJSON archives, or WordPress exports) → its outcomes told, the report, the exit code.
 */
export async function runConvert(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ConvertFlags & CommonFlags;
  const notes: RunEvent[] = [];
  // Usage errors (conflicting flags, a bad config) before any work.
  const settings = await convertSettings(ctx, operands, flags, notes);
  await checkOutputPaths(ctx, settings.outDir, settings.report?.file);
  const run = startRun(ctx, flags);
  for (const note of notes) await tell(run, note);
  const reporter = cliReporter(run);
  // Links and assets: the first pass (the link index) before the conversion, the sinks after it.
  const links = settings.links && !settings.wxr ? await startLinks(settings, ctx, (event) => reporter.event(event)) : undefined;
  const {
    tally,
    reports,
    links: exportLinks,
  }: { tally: Tally; reports: FileReport[]; links?: LinkRun } = settings.wxr
    ? await (await import("../../run/convert-wxr.js")).convertWxr(settings, ctx, reporter)
    : settings.archives
      ? await convertArchives(settings, ctx, reporter, links)
      : await withEarlyPool(ctx, settings.executor, operands, settings.stdin || links !== undefined, (early) =>
          convertFiles(settings, ctx, reporter, { sizes: run.progressAllowed, ...(early ? { early } : {}), ...(links ? { links } : {}) }),
        );
  const linkRun = links ?? exportLinks;
  if (linkRun) await (await import("../../run/sinks/links.js")).finishLinks(linkRun, ctx, reporter, tally, settings.dryRun);
  const verb = settings.dryRun || settings.destination === "none" ? "would change" : "converted";
  return endRun(run, tally, settings.report, reports, {
    command: "convert",
    dryRun: settings.dryRun,
    verb,
    ...(settings.wxr ? { noun: "post" as const } : settings.archives ? { noun: "record" as const } : {}),
  });
}
