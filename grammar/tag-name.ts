/**
 * Which tag names WordPress lets a plugin register. `add_shortcode()` refuses an empty name and
 * any name holding `& / < > [ ] =`, a space or an ASCII control character
 * (`preg_match( '@[<>&/\[\]\x00-\x20=]@', $tag )`, WordPress 4.4+), with "Invalid shortcode
 * name: … Do not use spaces or reserved characters". Such a name could never be a shortcode in
 * WordPress, and the candidate scan here stops at those characters, so a registered name holding
 * one would match text WordPress leaves alone.
 */
import { isNameChar } from "./context.js";

/** What WordPress's add_shortcode() says it refuses, for messages. */
export const REFUSED_IN_TAG_NAME = "spaces, control characters or & / < > [ ] =";

/**
 * Why WordPress would refuse `name` as a shortcode tag, or `undefined` when it accepts it.
 *
 * @param name a tag name as given in options or a config
 */
export function tagNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return `expected a string, got ${name === null ? "null" : typeof name}`;
  if (name.trim() === "") return "an empty name";
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (isNameChar(code)) continue;
    const shown = code <= 0x20 ? (code === 0x20 ? "a space" : `control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`) : `"${name[i]}"`;
    return `${shown} at position ${i + 1}`;
  }
  return undefined;
}

/** Tag lists already checked: a batch passes the same array for every body. */
const checked = new WeakSet<readonly string[]>();

/**
 * Throw a `TypeError` naming the first tag name WordPress's add_shortcode() would refuse.
 *
 * @param tags registered tag names
 * @param where the option's name for the message (default: `"tags"`)
 */
export function assertTagNames(tags: readonly string[], where = "tags"): void {
  if (checked.has(tags)) return;
  if (!Array.isArray(tags)) throw new TypeError(`${where} must be "all" or an array of tag names, got ${JSON.stringify(tags)}`);
  for (const name of tags) {
    const problem = tagNameProblem(name);
    if (problem) {
      throw new TypeError(
        `Invalid shortcode name ${JSON.stringify(name)} in ${where}: ${problem}; WordPress's add_shortcode() refuses names with ${REFUSED_IN_TAG_NAME}`,
      );
    }
  }
  checked.add(tags);
}
