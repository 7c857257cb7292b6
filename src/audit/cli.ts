/**
 * `npm run audit [-- files.ndjson… | folders…] [--preset name]…`: the real-content audit.
 * Without files it reads `../shared/realworld/bodies` next to the project. Prints the table per
 * archive and property for each preset (default: the converter's default preset), then every
 * failing record with the reason; exits 1 when a record fails, 2 on a usage error.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { archiveFiles, auditArchives, formatFailures, formatTable } from "./archives.js";

const PROJECT = join(import.meta.dirname, "../../..");
export const DEFAULT_BODIES = join(PROJECT, "../shared/realworld/bodies");

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        preset: { type: "string", multiple: true },
        field: { type: "string" },
        "id-field": { type: "string" },
        quiet: { type: "boolean", short: "q" },
      },
    });
  } catch (error) {
    process.stderr.write(`audit: ${(error as Error).message}\n`);
    return 2;
  }
  const paths = parsed.positionals.length ? parsed.positionals : [DEFAULT_BODIES];
  const missing = paths.find((path) => !existsSync(path));
  if (missing) {
    process.stderr.write(`audit: ${missing} does not exist; give NDJSON files or folders holding them\n`);
    return 2;
  }
  const files = archiveFiles(paths);
  let failed = false;
  for (const preset of parsed.values.preset ?? [undefined]) {
    const report = auditArchives(files, {
      preset: preset as never,
      field: parsed.values.field,
      idField: parsed.values["id-field"],
    });
    process.stdout.write(`${formatTable(report)}\n\n`);
    const failures = formatFailures(report);
    if (failures) {
      failed = true;
      if (!parsed.values.quiet) process.stdout.write(`${failures}\n\n`);
    }
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`audit: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
