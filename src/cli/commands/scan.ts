import { CensusBuilder, formatCensusText } from "../../report/census.js";
import type { InputFile } from "../../io/expand.js";
import { startRun, writeOut, type CommonFlags, type Context, type Run } from "../context.js";
import type { ExitCode } from "../errors.js";
import type { UserConfig } from "../../config/types.js";
import type { PresetName } from "../../convert/types.js";
import { findInputs, finish, isProblem, isStdinOnly, loadRunConfig, maybeProgress, noInputsError, readsArchives, readSource, reportProblem, STDIN_NAME, Tally } from "./shared.js";

/** Flags of `scan`. */
export interface ScanFlags extends CommonFlags {
  format: "text" | "json";
  ignore?: string[];
  compat: "repair" | "wordpress";
  /** `auto` (default): `.ndjson`/`.jsonl` operands are archives; `text`; `ndjson`. */
  inputFormat?: "auto" | "text" | "ndjson";
  field?: string;
  idField?: string;
  /** The rules a tag is "covered" by: `--preset` (else the config's, else `sozcu`) and the config's rules. */
  preset?: PresetName[];
  config?: string;
  loadedConfig?: UserConfig;
}

/** Whether the active rules (preset and config, as `convert` would use them) handle a tag. */
async function activeRules(run: Run, flags: ScanFlags): Promise<(tag: string) => boolean> {
  await loadRunConfig(run, flags);
  const { normalizeOptions } = await import("../../convert/settings.js");
  const { registry } = normalizeOptions({ ...(flags.preset ? { preset: flags.preset } : {}), ...(flags.loadedConfig ? { config: flags.loadedConfig } : {}) });
  return (tag) => registry.get(tag) !== undefined;
}

/** `shortcode-migrate scan <paths…>`: the census a migration starts with. */
export async function runScan(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ScanFlags;
  const stdin = isStdinOnly(operands);
  const run = startRun(ctx, flags);
  const isRule = await activeRules(run, flags);
  if (readsArchives(operands, flags.inputFormat)) return scanArchives(run, operands, flags, stdin, isRule);
  const tally = new Tally();
  let inputs: Array<InputFile | null> = [null];
  if (!stdin) {
    const found = await findInputs(ctx, operands, flags.ignore, [], undefined, run.progressAllowed);
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw await noInputsError(ctx, operands, flags.ignore, 0);
    }
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) reportProblem(run, tally, display, problem);
    inputs = found.files;
  }
  const engine = await ctx.engine();
  const census = new CensusBuilder(isRule);
  const progress = maybeProgress(run, inputs.filter((f): f is InputFile => f !== null));
  for (const input of inputs) {
    tally.files++;
    const display = input?.display ?? STDIN_NAME;
    const read = await readSource(ctx, input?.path ?? null);
    progress?.tick(input?.size ?? 0);
    if (isProblem(read)) {
      reportProblem(run, tally, display, read);
      continue;
    }
    const { tree, messages } = engine.parse(read.text, { tags: "all", compat: flags.compat });
    for (const m of messages) tally.count(m);
    census.addFile(display, read.text, tree, messages);
    tally.converted++;
  }
  return endScan(run, flags, tally, census, isRule);
}

/**
 * `scan` of NDJSON archives: each record's `--field` counted as a file of its own would be,
 * located as `<archive>#<id>:line:column` (in its body); a line that is no record is an error
 * at its line of the archive, a record without the field a warning.
 */
async function scanArchives(run: Run, operands: string[], flags: ScanFlags, stdin: boolean, isRule: (tag: string) => boolean): Promise<ExitCode> {
  const { findArchives, openArchive, brokenLine, missingField } = await import("./ndjson.js");
  const { splitLines } = await import("../../io/ndjson.js");
  const { readRecord } = await import("../../scale/record-task.js");
  const tally = new Tally();
  const archives = stdin ? [null] : await findArchives(run, tally, operands, flags.ignore, []);
  const engine = await run.ctx.engine();
  const census = new CensusBuilder(isRule);
  const field = flags.field ?? "body";
  const settings = { field, idField: flags.idField ?? "id", markdown: true };
  for (const archive of archives) {
    const archiveName = archive?.display ?? STDIN_NAME;
    const opened = await openArchive(run, tally, archive);
    if (!opened) continue;
    try {
      for await (const task of splitLines(opened.source)) {
        const read = readRecord(task, settings);
        if (read.kind === "blank" || read.kind === "other-shard") continue;
        if (read.kind === "broken") {
          brokenLine(run, tally, archiveName, task.line, read);
          continue;
        }
        tally.files++;
        const name = `${archiveName}#${read.key}`;
        if (typeof read.body !== "string") {
          missingField(run, tally, archiveName, task.line, name, field, "not scanned");
          continue;
        }
        const { tree, messages } = engine.parse(read.body, { tags: "all", compat: flags.compat });
        for (const m of messages) tally.count(m);
        census.addFile(name, read.body, tree, messages);
        tally.converted++;
      }
    } finally {
      await opened.close();
    }
  }
  return endScan(run, flags, tally, census, isRule);
}

/** The census out (which tags the active rules cover), then the summary. */
async function endScan(run: Run, flags: ScanFlags, tally: Tally, census: CensusBuilder, isRule: (tag: string) => boolean): Promise<ExitCode> {
  const result = census.finish(isRule);
  await writeOut(run.ctx.stdout, flags.format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatCensusText(result, run.outColor));
  return finish(run, tally, { command: "scan", verb: "scanned" });
}
