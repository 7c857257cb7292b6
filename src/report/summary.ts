import type { ChalkInstance } from "chalk";
import type { RunSummary } from "./types.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The line every run ends with, in one vocabulary: converted (or would change), up to date,
 * skipped and failed with their reasons; files, or records of NDJSON archives. E.g.
 * `✔ 4 files: 3 converted, 1 up to date, 0 skipped · 2 warnings · 0 errors · 41 ms`,
 * `✖ 2 records: 0 converted, 1 up to date, 0 skipped, 1 failed (broken NDJSON line: b.ndjson:2) · 0 warnings · 1 error · 9 ms`.
 */
export function formatSummary(summary: RunSummary, color: ChalkInstance, failed = summary.errors > 0): string {
  const ok = !failed;
  const mark = ok ? (summary.warnings > 0 ? color.yellow("⚠") : color.green("✔")) : color.red("✖");
  const readOnly = summary.verb === "scanned" || summary.verb === "parsed";
  const parts = [
    `${summary.converted} ${summary.verb ?? "converted"}`,
    ...(readOnly ? [] : [`${summary.upToDate} up to date`]),
    `${summary.skipped.length} skipped${summary.skipped.length ? ` (${describeSkips(summary.skipped)})` : ""}`,
  ];
  if (summary.failed.length) parts.push(`${summary.failed.length} failed (${describeSkips(summary.failed)})`);
  if (summary.ignored) parts.push(`${summary.ignored} ignored`);
  const counts = [
    ...(summary.cached ? [`${summary.cached} from the cache`] : []),
    summary.warnings ? color.yellow(plural(summary.warnings, "warning")) : plural(0, "warning"),
    summary.errors ? color.red(plural(summary.errors, "error")) : plural(0, "error"),
    formatDuration(summary.durationMs),
  ];
  const dry = summary.dryRun ? " (dry run: nothing written)" : "";
  return `${mark} ${plural(summary.files, summary.noun ?? "file")}${dry}: ${parts.join(", ")} · ${counts.join(" · ")}`;
}

/** Group skips (or failures) by reason: `empty: a.txt, b.txt; invalid UTF-8: c.txt`, at most 3 names per reason. */
export function describeSkips(skipped: RunSummary["skipped"]): string {
  const byReason = new Map<string, string[]>();
  for (const { file, reason } of skipped) {
    const list = byReason.get(reason) ?? [];
    list.push(file);
    byReason.set(reason, list);
  }
  return [...byReason]
    .map(([reason, files]) => {
      const shown = files.slice(0, 3).join(", ");
      const more = files.length > 3 ? ` and ${files.length - 3} more` : "";
      return `${reason}: ${shown}${more}`;
    })
    .join("; ");
}

/** `41 ms`, `2.3 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
