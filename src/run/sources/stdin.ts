import type { RunEnv } from "../env.js";
import { STDIN_NAME, type Unit } from "./unit.js";

/** Read all of stdin (for `-`). */
export async function readStdin(env: Pick<RunEnv, "stdin">): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of env.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** The one unit of `-`: stdin, read whole. */
export function stdinUnit(env: Pick<RunEnv, "stdin">): Unit {
  return { id: STDIN_NAME, size: 0, read: () => readStdin(env) };
}
