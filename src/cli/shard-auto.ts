import type { Context } from "./context.js";
import { UsageError } from "../run/errors.js";

/**
 * `--shard auto` and `--shard-count`: turn `auto` into the `K/N` the batch system running this
 * task implies (read from `ctx.env`, see `src/scale/shard-auto.ts`), say on stderr which one it
 * was (unless `--quiet`), and hand the commands a plain `--shard K/N`. Other flags pass through.
 *
 * @param ctx streams and the environment `main()` received
 * @param flags a command's options as commander parsed them
 * @returns the same options, `shard` resolved to `K/N` when it was `auto`
 */
export async function resolveAutoShard(ctx: Context, flags: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (flags.shard !== "auto") {
    if (flags.shardCount !== undefined) {
      throw new UsageError(
        `--shard-count goes with --shard auto (with --shard K/N, N is the count), got --shard-count ${String(flags.shardCount)}${flags.shard ? ` with --shard ${String(flags.shard)}` : " without --shard"}`,
      );
    }
    return flags;
  }
  const { AutoShardError, shardFromEnvironment } = await import("../scale/shard-auto.js");
  try {
    const { shard, engine, source } = shardFromEnvironment(ctx.env, flags.shardCount as number | undefined);
    if (!flags.quiet) ctx.stderr.write(`shard ${shard.index}/${shard.count} (--shard auto: ${engine}, ${source})\n`);
    return { ...flags, shard: `${shard.index}/${shard.count}` };
  } catch (error) {
    if (error instanceof AutoShardError) throw new UsageError(error.message);
    throw error;
  }
}
