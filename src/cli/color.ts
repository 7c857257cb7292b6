import { Chalk, type ChalkInstance } from "chalk";

/** The parts of a stream the colour decision looks at. */
export interface TtyLike {
  isTTY?: boolean;
}

/** `true` when the environment says we run in CI (`CI` set to anything but `false`/`0`). */
export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}

/**
 * Whether to write escape sequences to a stream. In order: `--no-color`, then `NO_COLOR`
 * (any value, https://no-color.org), then `FORCE_COLOR`, then "not in CI and a terminal".
 */
export function wantsColor(flag: boolean | undefined, env: Record<string, string | undefined>, stream: TtyLike): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (isCi(env)) return false;
  return stream.isTTY === true;
}

/** A chalk instance with colour on or off (`level: 0` writes no escape sequences at all). */
export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
