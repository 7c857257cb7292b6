/**
 * What the streamed sources (NDJSON archives, WordPress exports) share: finding them among the
 * operands, and a run's walk over them — a source that cannot be listed or opened is told and
 * counted once, and the run goes on with the others.
 */
import type { InputFile } from "../../io/expand.js";
import type { ReportMessage } from "../../report/types.js";
import type { RunEnv } from "../env.js";
import { UsageError } from "../errors.js";
import type { RunEvent } from "../outcome.js";
import type { Tally } from "../tally.js";
import { findInputs } from "./files.js";
import { STDIN_NAME } from "./unit.js";

/** A source that could not be listed or opened: its message (an error at its line 1). */
export interface SourceProblem {
  message: ReportMessage;
  /** The summary's "skipped" reason. */
  skip: string;
}

/** The sources the operands name, and those that cannot be listed. */
export interface FoundSources {
  files: InputFile[];
  problems: SourceProblem[];
  ignored: number;
}

/**
 * The sources with these extensions that the operands name (in folders: only those), and
 * those that cannot be listed. A usage error when there is none at all.
 *
 * @param what what they are, for that error ("NDJSON archives")
 */
export async function findSources(
  env: Pick<RunEnv, "cwd" | "fs">,
  operands: readonly string[],
  ignore: readonly string[] | undefined,
  exclude: readonly string[],
  extensions: readonly string[],
  what: string,
): Promise<FoundSources> {
  const found = await findInputs(env, operands, ignore, exclude, extensions);
  if (found.files.length === 0 && found.problems.length === 0) {
    throw new UsageError(`no ${what} found in ${operands.map((o) => `"${o}"`).join(", ")} (folders are searched for ${extensions.join(", ")})`);
  }
  const problems = found.problems.map(({ display, problem }) => ({
    message: {
      file: display,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      severity: "error" as const,
      ruleId: problem.kind,
      reason: `${display} ${problem.reason}`,
    },
    skip: problem.kind,
  }));
  return { files: found.files, problems, ignored: found.ignored.length };
}

/** A source that cannot be opened (`open()` threw). */
export function unreadableSource(name: string, error: unknown): SourceProblem {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return {
    message: {
      file: name,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      severity: "error",
      ruleId: "unreadable",
      reason: `${name} cannot be read (${code}); check the path and permissions`,
    },
    skip: "unreadable",
  };
}

/** Tell and count a source that cannot be used: an input that failed (exit 1). */
function sourceFailed(tally: Tally, tell: (event: RunEvent) => void, { message, skip }: SourceProblem): void {
  tell({ kind: "problem", message });
  tally.problem(message.file, { kind: "unreadable", severity: "error" }, skip);
}

/**
 * A run's sources: stdin alone (`null`), or those found (`find`), the ones that cannot be
 * listed told and counted, the ignored ones counted.
 */
export async function listSources(
  stdin: boolean,
  find: () => Promise<FoundSources>,
  tally: Tally,
  tell: (event: RunEvent) => void,
): Promise<Array<InputFile | null>> {
  if (stdin) return [null];
  const found = await find();
  tally.ignored = found.ignored;
  for (const problem of found.problems) sourceFailed(tally, tell, problem);
  return found.files;
}

/**
 * Open each source in turn and run `body` on it, closing it after; one that cannot be opened
 * is told and counted, and the run goes on.
 */
export async function eachSource<T extends { close(): Promise<void> }>(
  sources: ReadonlyArray<InputFile | null>,
  open: (file: InputFile | null, name: string) => Promise<T | SourceProblem>,
  tally: Tally,
  tell: (event: RunEvent) => void,
  body: (opened: T, name: string) => Promise<void>,
): Promise<void> {
  for (const file of sources) {
    const name = file?.display ?? STDIN_NAME;
    const opened = await open(file, name);
    if (!("close" in opened)) {
      sourceFailed(tally, tell, opened);
      continue;
    }
    try {
      await body(opened, name);
    } finally {
      await opened.close();
    }
  }
}
