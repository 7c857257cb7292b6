import type { ReportMessage } from "./types.js";

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::reason`), one per diagnostic,
 * so findings show up as annotations on the pull request.
 */
export function formatGithub(messages: readonly ReportMessage[]): string {
  return messages
    .map((m) => {
      const command = m.severity === "error" ? "error" : m.severity === "warning" ? "warning" : "notice";
      const props = [
        `file=${escapeProperty(m.file)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(m.ruleId)}`,
      ].join(",");
      return `::${command} ${props}::${escapeData(m.reason)}\n`;
    })
    .join("");
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
