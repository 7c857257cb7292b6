import type { Context, OutStream, Run } from "./context.js";
import { Logger } from "./logger.js";

/** What one input's work wrote to stderr and stdout, held until its turn (input order). */
export interface Deferred {
  /** A copy of the run whose logger and stdout collect instead of writing. */
  run: Run;
  logs: string[];
  stdout: string[];
}

/** A run whose log lines and stdout are collected, to be replayed in input order by {@link replay}. */
export function deferRun(run: Run): Deferred {
  const logs: string[] = [];
  const stdout: string[] = [];
  const collect = (into: string[], like: OutStream): OutStream => ({
    write: (chunk: string) => (into.push(chunk), true),
    isTTY: like.isTTY,
    ...(like.columns === undefined ? {} : { columns: like.columns }),
  });
  const ctx: Context = { ...run.ctx, stdout: collect(stdout, run.ctx.stdout) };
  return {
    run: { ...run, ctx, logger: new Logger({ write: (chunk: string) => logs.push(chunk) }, run.logger.color, run.logger.level) },
    logs,
    stdout,
  };
}

/** Write what a deferred run collected, stdout with back-pressure. */
export async function replay(run: Run, deferred: Deferred): Promise<void> {
  for (const chunk of deferred.logs) run.logger.raw(chunk);
  for (const chunk of deferred.stdout) {
    if (!run.ctx.stdout.write(chunk) && run.ctx.stdout.once) {
      await new Promise<void>((resolve) => run.ctx.stdout.once!("drain", resolve));
    }
  }
}
