/**
 * The audit over NDJSON archives of post bodies: one {@link auditBody} per record, counted per
 * archive and per property, and the table the README and `npm run audit` show.
 */
import { isFolderSync, listFolderSync, readTextSync } from "../io/sync-fs.js";
import { basename, join } from "node:path";
import { auditBody, PROPERTIES, type AuditOptions, type Failure, type Property } from "./audit.js";

/** One audited record. */
interface RecordAudit {
  archive: string;
  id: string;
  failures: Failure[];
}

/** One archive's result. */
interface ArchiveAudit {
  archive: string;
  records: number;
  /** Records failing each property. */
  failing: Record<Property, number>;
  /** Records failing at least one property. */
  damaged: number;
}

/** The whole audit. */
export interface AuditReport {
  preset: string;
  archives: ArchiveAudit[];
  records: RecordAudit[];
}

/** Options of {@link auditArchives}. */
export interface ArchiveOptions extends AuditOptions {
  /** The field holding the body (default: `"body"`). */
  field?: string;
  /** The field naming a record (default: `"id"`; the line number when absent). */
  idField?: string;
}

/** The `*.ndjson` and `*.jsonl` files of the given files and folders, sorted per folder. */
export function archiveFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    isFolderSync(path)
      ? listFolderSync(path)
          .filter((name) => /\.(?:ndjson|jsonl)$/.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

function emptyCounts(): Record<Property, number> {
  return Object.fromEntries(PROPERTIES.map((property) => [property, 0])) as Record<Property, number>;
}

/**
 * Audits every record of every archive.
 * @param files NDJSON files (one JSON object a line)
 * @throws Error naming the file and line of a line that is not a JSON object
 */
export function auditArchives(files: readonly string[], options: ArchiveOptions = {}): AuditReport {
  const field = options.field ?? "body";
  const idField = options.idField ?? "id";
  const report: AuditReport = { preset: String(options.preset ?? "default"), archives: [], records: [] };
  for (const file of files) {
    const archive = basename(file).replace(/\.(?:ndjson|jsonl)$/, "");
    const summary: ArchiveAudit = { archive, records: 0, failing: emptyCounts(), damaged: 0 };
    readTextSync(file)
      .split("\n")
      .forEach((line, index) => {
        if (!line.trim()) return;
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(line) as Record<string, unknown>;
        } catch (error) {
          throw new Error(`${file}:${index + 1}: not a JSON object (${(error as Error).message})`);
        }
        const body = record[field];
        if (typeof body !== "string") return;
        const failures = auditBody(body, options);
        summary.records++;
        if (failures.length) summary.damaged++;
        for (const failure of failures) summary.failing[failure.property]++;
        report.records.push({ archive, id: String(record[idField] ?? `line ${index + 1}`), failures });
      });
    report.archives.push(summary);
  }
  return report;
}

/** The per-archive, per-property table (markdown), with a total row. */
export function formatTable(report: AuditReport): string {
  const header = `| archive (${report.preset}) | records | ${PROPERTIES.join(" | ")} | damaged |`;
  const rule = `| --- | ---: | ${PROPERTIES.map(() => "---:").join(" | ")} | ---: |`;
  const row = (name: string, records: number, failing: Record<Property, number>, damaged: number) =>
    `| ${name} | ${records} | ${PROPERTIES.map((property) => failing[property]).join(" | ")} | ${damaged} |`;
  const total = emptyCounts();
  for (const archive of report.archives) for (const property of PROPERTIES) total[property] += archive.failing[property];
  const lines = [header, rule, ...report.archives.map((a) => row(a.archive, a.records, a.failing, a.damaged))];
  if (report.archives.length > 1) {
    lines.push(
      row(
        "**all**",
        report.archives.reduce((n, a) => n + a.records, 0),
        total,
        report.archives.reduce((n, a) => n + a.damaged, 0),
      ),
    );
  }
  return lines.join("\n");
}

/** Each failing record with its reasons, one line per property. */
export function formatFailures(report: AuditReport): string {
  const lines: string[] = [];
  for (const record of report.records) {
    for (const failure of record.failures) lines.push(`${record.archive}#${record.id}  ${failure.property}  ${failure.reason}`);
  }
  return lines.join("\n");
}
