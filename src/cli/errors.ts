/** Exit codes, a contract (README and `--help`): 0 ok, 1 findings about the content, 2 usage/config/environment/internal failure. */
export type ExitCode = 0 | 1 | 2;

/** Exit code constants. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/**
 * A problem with how the command was invoked (bad or conflicting flags, nothing to do):
 * reported before any work, exit 2. The message says what to change.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The environment failed us (an output that cannot be written, a full disk): exit 2. */
export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}
