import path from "node:path";
import { startRun, writeOut, type CommonFlags, type Context } from "../context.js";
import type { ExitCode } from "../errors.js";
import { UsageError } from "../../run/errors.js";
import { REFUSED_IN_TAG_NAME, tagNameProblem } from "../../../grammar/tag-name.js";
import { displayPath } from "../../io/expand.js";
import { decodeInput, isProblem, problemFromError, readInput, type InputProblem, type ReadText } from "../../io/read.js";
import { toReportMessage } from "../../report/types.js";
import { problemMessage } from "../../run/convert-files.js";
import { readStdin } from "../../run/sources/stdin.js";
import { STDIN_NAME } from "../../run/sources/unit.js";
import { Tally } from "../../run/tally.js";
import { finish } from "../finish.js";
import { logMessages, tell } from "../reporter.js";

/** Flags of `parse`. */
export interface ParseFlags extends CommonFlags {
  tags?: string;
  compat: "repair" | "wordpress";
}

/** `shortcode-migrate parse FILE`: the AST and diagnostics as JSON on stdout. */
export async function runParse(ctx: Context, operands: string[], rawFlags: Record<string, unknown>): Promise<ExitCode> {
  const flags = rawFlags as unknown as ParseFlags;
  const file = operands[0]!;
  const tags = parseTags(flags.tags);
  const run = startRun(ctx, flags);
  const tally = new Tally();
  tally.files = 1;
  const absolute = file === "-" ? null : path.resolve(ctx.cwd, file);
  const display = absolute === null ? STDIN_NAME : displayPath(ctx.cwd, absolute);
  let read: ReadText | InputProblem;
  try {
    read = absolute === null ? decodeInput(await readStdin(ctx)) : await readInput(absolute, ctx.fs);
  } catch (error) {
    read = problemFromError(error);
  }
  if (isProblem(read)) {
    await tell(run, { kind: "problem", message: problemMessage(display, read) });
    tally.problem(display, read);
    return finish(run, tally, { command: "parse", verb: "parsed" });
  }
  const engine = await ctx.engine();
  const result = engine.parse(read.text, { compat: flags.compat, ...(tags === undefined ? {} : { tags }) });
  await writeOut(ctx.stdout, JSON.stringify({ file: display, tree: result.tree, messages: result.messages }, null, 2) + "\n");
  logMessages(
    run,
    tally,
    result.messages.map((m) => toReportMessage(display, m)),
  );
  tally.converted = 1;
  return finish(run, tally, { command: "parse", verb: "parsed" });
}

/** `--tags all` or `--tags a,b`. */
export function parseTags(value: string | undefined): readonly string[] | "all" | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "all") return "all";
  const tags = value
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length === 0) throw new UsageError(`--tags "${value}": expected "all" or comma-separated tag names`);
  for (const tag of tags) {
    const problem = tagNameProblem(tag);
    if (problem)
      throw new UsageError(
        `--tags: ${JSON.stringify(tag)} is not a shortcode name WordPress accepts (${problem}; add_shortcode() refuses ${REFUSED_IN_TAG_NAME})`,
      );
  }
  return tags;
}
