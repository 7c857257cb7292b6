import { CensusBuilder, formatCensusText } from "../../report/census.js";
import type { InputFile } from "../../io/expand.js";
import { startRun, writeOut, type CommonFlags, type Context } from "../context.js";
import { UsageError, type ExitCode } from "../errors.js";
import { findInputs, finish, isProblem, isStdinOnly, maybeProgress, readSource, reportProblem, STDIN_NAME, Tally } from "./shared.js";

/** Flags of `scan`. */
export interface ScanFlags extends CommonFlags {
  format: "text" | "json";
  ignore?: string[];
  compat: "repair" | "wordpress";
}

/** `shortcode-migrate scan <paths…>`: the census a migration starts with. */
export async function runScan(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ScanFlags;
  const stdin = isStdinOnly(operands);
  const run = startRun(ctx, flags);
  const tally = new Tally();
  let inputs: Array<InputFile | null> = [null];
  if (!stdin) {
    const found = await findInputs(ctx, operands, flags.ignore, [], undefined, run.progressAllowed);
    tally.ignored = found.ignored.length;
    if (found.files.length === 0 && found.problems.length === 0) {
      throw new UsageError(`no input files found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for .txt, .md, .markdown, .html, .htm)`);
    }
    tally.files += found.problems.length;
    for (const { display, problem } of found.problems) reportProblem(run, tally, display, problem);
    inputs = found.files;
  }
  const engine = await ctx.engine();
  const census = new CensusBuilder();
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
  const coverage = new Map<string, boolean>();
  const isCovered = (tag: string): boolean => {
    if (!coverage.has(tag)) {
      // The default tag list is the one the active rules know: probe it with the tag alone.
      const probe = engine.parse(`[${tag}]`, { compat: flags.compat });
      coverage.set(tag, probe.tree.children.some((n) => n.type === "shortcode" && n.name === tag));
    }
    return coverage.get(tag)!;
  };
  const result = census.finish(isCovered);
  await writeOut(ctx.stdout, flags.format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatCensusText(result, run.outColor));
  return finish(run, tally, { command: "scan", verb: "scanned" });
}
