import type { FileReport, RunSummary } from "./types.js";

/**
 * The machine-readable report (`--report x.json`): the summary, then per file its status,
 * output, shortcodes by tag and messages `{ file, line, column, endLine, endColumn, severity, ruleId, reason }`.
 */
export function formatJsonReport(summary: RunSummary, files: readonly FileReport[], tool: { name: string; version: string }): string {
  const shortcodes: Record<string, number> = {};
  for (const file of files) {
    for (const [tag, count] of Object.entries(file.shortcodes)) shortcodes[tag] = (shortcodes[tag] ?? 0) + count;
  }
  const report = {
    tool,
    summary: { ...summary, skipped: summary.skipped },
    shortcodes,
    files: files.map((f) => ({
      file: f.file,
      status: f.status,
      output: f.output,
      changed: f.changed,
      ...(f.skipReason ? { skipReason: f.skipReason } : {}),
      shortcodes: f.shortcodes,
      messages: f.messages,
      ...(f.diff ? { diff: f.diff } : {}),
    })),
  };
  return JSON.stringify(report, null, 2) + "\n";
}
