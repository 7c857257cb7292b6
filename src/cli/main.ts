import { CommanderError } from "commander";
import { defaultFileSystem } from "../io/fs.js";
import type { Context, MainOptions } from "./context.js";
import { loadEngine, type Engine } from "../run/engine.js";
import { UsageError } from "../run/errors.js";
import type { ExitCode } from "./errors.js";
import { createProgram, type Handlers } from "./program.js";
import { resolveAutoShard } from "./shard-auto.js";
import { readPackageInfo } from "./version.js";

export type { MainOptions } from "./context.js";
export { tightenHeapForExports } from "./heap.js";
export type { ExitCode } from "./errors.js";

const COMMANDS = ["convert", "check", "scan", "parse"] as const;

/**
 * Run the CLI in-process. Never calls `process.exit` and never throws: every outcome is an
 * exit code (0 ok, 1 findings about the content, 2 usage/environment/internal failure),
 * and when it is not 0 the last line on stderr says why.
 *
 * @param options argv, cwd, streams, environment, and optionally a file system and engine
 */
export async function main(options: MainOptions): Promise<ExitCode> {
  const ctx = resolveContext(options);
  const command = options.argv.find((a) => (COMMANDS as readonly string[]).includes(a));
  const helpHint = `see '${ctx.tool.name}${command ? ` ${command}` : ""} --help'`;
  let exitCode: ExitCode = 0;
  let commanderMessage: string | undefined;

  const program = createProgram(
    ctx,
    async (name, operands, flags) => {
      exitCode = await (await loadHandler(name))(ctx, operands, await resolveAutoShard(ctx, flags));
    },
    (text) => {
      commanderMessage = text;
    },
  );

  try {
    await program.parseAsync([...options.argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
      if (error.code === "commander.help" || error.code === "commander.executeSubCommandAsync") {
        ctx.stderr.write(`${ctx.tool.name}: no command given; use one of ${COMMANDS.join(", ")} (${helpHint})\n`);
        return 2;
      }
      const text = (commanderMessage ?? error.message)
        .replace(/^error:\s*/i, "")
        .replace(/\s*\n\s*/g, " ")
        .trim();
      ctx.stderr.write(`${ctx.tool.name}: ${text} (${helpHint})\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      ctx.stderr.write(`${ctx.tool.name}: ${error.message} (${helpHint})\n`);
      return 2;
    }
    const err = error as Error;
    if (options.argv.includes("--verbose") && err?.stack) ctx.stderr.write(err.stack + "\n");
    ctx.stderr.write(`${ctx.tool.name}: internal error: ${err?.message ?? String(error)} (a bug: please report it; --verbose shows the stack)\n`);
    return 2;
  }
}

/** Import only the command being run (start-up time; and jest's ESM loader dislikes parallel imports). */
async function loadHandler(name: keyof Handlers): Promise<Handlers[keyof Handlers]> {
  switch (name) {
    case "convert":
      return (await import("./commands/convert.js")).runConvert;
    case "check":
      return (await import("./commands/check.js")).runCheck;
    case "scan":
      return (await import("./commands/scan.js")).runScan;
    case "parse":
      return (await import("./commands/parse.js")).runParse;
  }
}

function resolveContext(options: MainOptions): Context {
  let enginePromise: Promise<Engine> | undefined;
  const engineOption = options.engine;
  return {
    cwd: options.cwd ?? process.cwd(),
    stdout: options.stdout,
    stderr: options.stderr,
    stdin: options.stdin ?? (async function* empty() {})(),
    env: options.env ?? {},
    fs: options.fs ?? defaultFileSystem,
    ...(options.syncFs ? { syncFs: options.syncFs } : {}),
    now: options.now ?? (() => performance.now()),
    pool: options.pool
      ? async (threads, poolOptions) => options.pool!(threads, poolOptions)
      : engineOption
        ? undefined
        : async (threads, poolOptions) => new (await import("../scale/pool.js")).ConvertPool({ threads, ...poolOptions }),
    tool: readPackageInfo(),
    ...(options.readingExports ? { readingExports: options.readingExports } : {}),
    engine() {
      enginePromise ??= typeof engineOption === "function" ? engineOption() : engineOption ? Promise.resolve(engineOption) : loadEngine();
      return enginePromise;
    },
  };
}
