import { reasonParts } from "./reason.js";
import { describeSkips, formatDuration } from "./summary.js";
import { unhandledTags } from "./unhandled.js";
import type { FileReport, RunSummary } from "./types.js";

/**
 * A report a reviewer reads before anything is written (`--report x.md`): summary counts,
 * shortcodes by tag, messages with line:column, and each changed file's diff.
 */
export function formatMarkdownReport(summary: RunSummary, files: readonly FileReport[], tool: { name: string; version: string }): string {
  const out: string[] = [];
  out.push(`# ${tool.name} ${summary.command} report`, "");
  out.push(`${tool.name} ${tool.version}${summary.dryRun ? " · dry run (nothing written)" : ""} · ${formatDuration(summary.durationMs)}`, "");
  out.push(`| ${summary.noun ?? "file"}s | ` + (summary.verb ?? "converted") + " | up to date | skipped | failed | warnings | errors |");
  out.push("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  out.push(
    `| ${summary.files} | ${summary.converted} | ${summary.upToDate} | ${summary.skipped.length} | ${(summary.failed ?? []).length} | ${summary.warnings} | ${summary.errors} |`,
    "",
  );
  if (summary.skipped.length) out.push(`Skipped: ${escapeInline(describeSkips(summary.skipped))}`, "");
  if (summary.failed?.length) out.push(`Failed: ${escapeInline(describeSkips(summary.failed))}`, "");

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
    const unhandled = unhandledTags(files);
    out.push("| tag | uses | files |", "| --- | ---: | ---: |");
    for (const [tag, { count, files: n }] of [...shortcodes].sort((a, b) => b[1].count - a[1].count)) {
      out.push(`| \`${tag.replace(/`/g, "")}\`${unhandled.has(tag) ? " (no rule: kept as written)" : ""} | ${count} | ${n} |`);
    }
    out.push("");
  }

  const messages = files.flatMap((f) => f.messages);
  out.push("## Messages", "");
  if (messages.length === 0) out.push("None.", "");
  else {
    out.push("| place | severity | reason | rule |", "| --- | --- | --- | --- |");
    for (const m of messages) {
      out.push(`| \`${m.file}:${m.line}:${m.column}\` | ${m.severity} | ${reasonCell(m.reason)} | \`${m.ruleId}\` |`);
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

/**
 * A reason in a table cell: its code spans stay code spans; its prose is escaped only where it
 * could turn into markup (`*`, `<`, an entity, `](`, a `_` at a word's edge, a lone backtick),
 * so `` `[gallery]` kept `a_b` `` reads as written, not as `\`\[gallery\]\``.
 */
function reasonCell(reason: string): string {
  return reasonParts(reason.replace(/\s*\n\s*/g, " "))
    .map(({ code, text }) => {
      if (code) {
        const fence = "`".repeat(longestBacktickRun(text) + 1);
        const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return `${fence}${pad}${text.replace(/\|/g, "\\|")}${pad}${fence}`;
      }
      return text
        .replace(/[\\|*<`~]/g, (c) => `\\${c}`)
        .replace(/&(?=#?\w+;)/g, "\\&")
        .replace(/\](?=[([:])/g, "\\]")
        .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_");
    })
    .join("");
}

function escapeInline(text: string): string {
  return text.replace(/[<>&*_[\]`]/g, (c) => `\\${c}`);
}

function longestBacktickRun(text: string): number {
  let max = 0;
  for (const match of text.matchAll(/`+/g)) max = Math.max(max, match[0].length);
  return max;
}
