import { describeSkips, formatDuration } from "./summary.js";
import type { FileReport, RunSummary } from "./types.js";

/**
 * A report a reviewer reads before anything is written (`--report x.md`): summary counts,
 * shortcodes by tag, messages with line:column, and each changed file's diff.
 */
export function formatMarkdownReport(summary: RunSummary, files: readonly FileReport[], tool: { name: string; version: string }): string {
  const out: string[] = [];
  out.push(`# ${tool.name} ${summary.command} report`, "");
  out.push(`${tool.name} ${tool.version}${summary.dryRun ? " · dry run (nothing written)" : ""} · ${formatDuration(summary.durationMs)}`, "");
  out.push("| files | " + (summary.verb ?? "converted") + " | unchanged | skipped | warnings | errors |");
  out.push("| ---: | ---: | ---: | ---: | ---: | ---: |");
  out.push(
    `| ${summary.files} | ${summary.converted} | ${summary.unchanged} | ${summary.skipped.length} | ${summary.warnings} | ${summary.errors} |`,
    "",
  );
  if (summary.skipped.length) out.push(`Skipped: ${escapeInline(describeSkips(summary.skipped))}`, "");

  const shortcodes = new Map<string, { count: number; files: number }>();
  for (const file of files) {
    for (const [tag, count] of Object.entries(file.shortcodes)) {
      const entry = shortcodes.get(tag) ?? { count: 0, files: 0 };
      entry.count += count;
      entry.files += 1;
      shortcodes.set(tag, entry);
    }
  }
  out.push("## Shortcodes by tag", "");
  if (shortcodes.size === 0) out.push("None found.", "");
  else {
    out.push("| tag | uses | files |", "| --- | ---: | ---: |");
    for (const [tag, { count, files: n }] of [...shortcodes].sort((a, b) => b[1].count - a[1].count)) {
      out.push(`| \`${tag.replace(/`/g, "")}\` | ${count} | ${n} |`);
    }
    out.push("");
  }

  const messages = files.flatMap((f) => f.messages);
  out.push("## Messages", "");
  if (messages.length === 0) out.push("None.", "");
  else {
    out.push("| place | severity | reason | rule |", "| --- | --- | --- | --- |");
    for (const m of messages) {
      out.push(`| \`${m.file}:${m.line}:${m.column}\` | ${m.severity} | ${escapeCell(m.reason)} | \`${m.ruleId}\` |`);
    }
    out.push("");
  }

  const changed = files.filter((f) => f.diff);
  out.push("## Changes", "");
  if (changed.length === 0) out.push("No file changes.", "");
  for (const file of changed) {
    const fence = longestBacktickRun(file.diff!) >= 3 ? "`".repeat(longestBacktickRun(file.diff!) + 1) : "```";
    out.push(`### ${escapeInline(file.file)}${file.output ? ` → ${escapeInline(file.output)}` : ""}`, "");
    out.push(fence + "diff", file.diff!.replace(/\n$/, ""), fence, "");
  }
  return out.join("\n");
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function escapeInline(text: string): string {
  return text.replace(/[<>&*_[\]`]/g, (c) => `\\${c}`);
}

function longestBacktickRun(text: string): number {
  let max = 0;
  for (const match of text.matchAll(/`+/g)) max = Math.max(max, match[0].length);
  return max;
}
