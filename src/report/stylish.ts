import type { ChalkInstance } from "chalk";
import type { ReportMessage } from "./types.js";

/**
 * One diagnostic as `file:line:column  severity  reason  rule-id` (two spaces between fields),
 * the line editors and terminals make clickable.
 *
 * @param message the diagnostic
 * @param color a chalk instance; pass one with `level: 0` for no escape sequences
 */
export function formatMessage(message: ReportMessage, color: ChalkInstance): string {
  const severity = message.severity === "error" ? color.red("error") : message.severity === "warning" ? color.yellow("warning") : color.blue("info");
  const place = `${message.file}:${message.line}:${message.column}`;
  return `${color.bold(place)}  ${severity}  ${oneLine(message.reason)}  ${color.dim(message.ruleId)}`;
}

/** Reasons are one line in every report. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
