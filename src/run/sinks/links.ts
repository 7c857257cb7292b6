/**
 * After the conversion (issue 16): the link census told, the asset manifest written, the
 * assets copied from a backup or downloaded, the redirect map written. Failures are counted in
 * the run's tally: an asset that could not be fetched is a finding (exit 1), a file that could
 * not be written a failure (exit 2).
 */
import { copyAssets, describeFailures, downloadAssets, type AssetSummary } from "../../assets/fetch.js";
import { writeManifest } from "../../assets/manifest.js";
import { displayPath } from "../../io/expand.js";
import { describeWriteError } from "../../io/write.js";
import { writeRedirects } from "../../redirects/formats.js";
import type { RunEnv } from "../env.js";
import type { LinkRun } from "../links.js";
import type { RunReporter } from "../outcome.js";
import type { Tally } from "../tally.js";

/** Failed assets listed one by one; the rest are counted. */
const MAX_LISTED = 20;

/** Everything links and assets do once the articles are converted. */
export async function finishLinks(links: LinkRun, env: RunEnv, reporter: RunReporter, tally: Tally, dryRun: boolean): Promise<void> {
  const { settings, index, manifest } = links;
  for (const problem of index.problems) reporter.event({ kind: "verbose", text: `link index: ${problem.id}: ${problem.reason}` });
  const { boxes, links: all } = links.census.summary(0);
  reporter.event({
    kind: "info",
    text: `links: ${index.size} article${index.size === 1 ? "" : "s"} indexed${index.problems.length ? ` (${index.problems.length} index problem${index.problems.length === 1 ? "" : "s"}, --verbose lists them)` : ""}; old-site links ${all.total}: ${all.resolved} rewritten, ${all.dead} dead (related-news boxes ${boxes.total}: ${boxes.resolved} rewritten, ${boxes.dead} dead); old-site files ${manifest.size}`,
  });
  for (const conflict of manifest.conflicts()) {
    reporter.event({ kind: "warn", text: `assets: ${conflict.sources.join(" and ")} both map to ${conflict.key}; only the first is fetched` });
  }
  if (dryRun) return;
  const written = async (what: string, file: string, write: () => Promise<unknown>): Promise<void> => {
    try {
      await write();
      reporter.event({ kind: "info", text: `${what} written to ${displayPath(env.cwd, file)}` });
    } catch (error) {
      const why = `cannot write the ${what} ${displayPath(env.cwd, file)}: ${describeWriteError(error)}`;
      reporter.event({ kind: "failure", text: why });
      tally.failures.push(why);
    }
  };
  if (settings.manifest !== undefined) {
    const entries = manifest.entries();
    await written(`asset manifest (${entries.length} file${entries.length === 1 ? "" : "s"})`, settings.manifest, () =>
      writeManifest(settings.manifest!, entries, env.fs),
    );
  }
  if (settings.redirects !== undefined) {
    const { file, status } = settings.redirects;
    const rules = [...index.redirects()];
    await written(`redirect map (${rules.length} redirect${rules.length === 1 ? "" : "s"})`, file, () => writeRedirects(file, rules, status, env.fs));
  }
  if (settings.assetDir !== undefined && (settings.download || settings.copyFrom !== undefined)) {
    const jobs = manifest.entries().map(({ source, key }) => ({ source, key }));
    const outDir = settings.assetDir;
    let summary: AssetSummary;
    if (settings.download) {
      const { concurrency, timeoutMs, retries } = settings.download;
      summary = await downloadAssets(jobs, { outDir, concurrency, timeoutMs, retries, fs: env.fs });
    } else {
      summary = await copyAssets(jobs, settings.copyFrom!, { outDir, fs: env.fs });
    }
    const verb = settings.download ? "downloaded" : "copied";
    const done = settings.download ? summary.downloaded : summary.copied;
    reporter.event({
      kind: "info",
      text: `assets: ${done} ${verb}, ${summary.kept} already there, ${summary.failed.length} failed, into ${displayPath(env.cwd, outDir)}`,
    });
    if (summary.failed.length > 0) {
      const lines = describeFailures(summary);
      for (const line of lines.slice(0, MAX_LISTED)) reporter.event({ kind: "warn", text: `asset not ${verb}: ${line}` });
      if (lines.length > MAX_LISTED) reporter.event({ kind: "warn", text: `… and ${lines.length - MAX_LISTED} more assets not ${verb}` });
      tally.findings.push(`${summary.failed.length} asset${summary.failed.length === 1 ? "" : "s"} could not be ${verb}`);
    }
  }
}
