/**
 * A problem with how the run was asked for (bad or conflicting flags, nothing to do):
 * reported before any work, exit 2. The message says what to change.
 */
export class UsageError extends Error {
  override name = "UsageError";
}
