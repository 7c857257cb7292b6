import type { FileReport } from "./types.js";

/** The converter's reason for a tag no rule handles: `Unknown shortcode [gallery] kept verbatim` (or removed, or commented). */
const UNKNOWN_REASON = /\[([^\]\s]+)\]/;

/**
 * Tags no rule handled in these files: each `unknown-shortcode` message names its tag. (A tag
 * with a rule that failed on one use is reported as `rule-failed`, not here.)
 *
 * @param files the run's file reports
 */
export function unhandledTags(files: readonly FileReport[]): Set<string> {
  const tags = new Set<string>();
  for (const file of files) {
    for (const message of file.messages) {
      if (message.ruleId !== "unknown-shortcode") continue;
      const tag = UNKNOWN_REASON.exec(message.reason)?.[1];
      if (tag !== undefined) tags.add(tag);
    }
  }
  return tags;
}
