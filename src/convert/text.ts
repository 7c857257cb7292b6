import { decodeHTMLStrict } from "entities";

/** NBSP (and its narrow form) become spaces; zero-width spaces and BOMs go. */
export function normalizeSpaces(value: string): string {
  // One scan for the common case (none of the four), instead of two replacing scans.
  if (!SPECIAL_SPACES.test(value)) return value;
  return value.replace(/[\u00a0\u202f]/g, " ").replace(/[\u200b\ufeff]/g, "");
}

const SPECIAL_SPACES = /[\u00a0\u202f\u200b\ufeff]/;

/**
 * Whether `text` holds none of the characters {@link normalizeSpaces} rewrites: then no slice
 * of it needs the scan (four searches of the whole body are cheaper than a regex per piece).
 */
export function hasNoSpecialSpaces(text: string): boolean {
  return !(text.includes("\u00a0") || text.includes("\u202f") || text.includes("\u200b") || text.includes("\ufeff"));
}

/**
 * Text of a plain-text body as a reader sees it: HTML entities decoded (only complete,
 * `;`-terminated ones, so `AT&T` or `&copy` in prose stay as written) and spaces normalized.
 * `plainSpaces`: `value` is a slice of a body {@link hasNoSpecialSpaces} cleared (an entity
 * can still decode to one, so decoded text is always normalized).
 */
export function decodeText(value: string, plainSpaces = false): string {
  if (!value.includes("&")) return plainSpaces ? value : normalizeSpaces(value);
  return normalizeSpaces(decodeHTMLStrict(value));
}

/** An attribute value as a rule renders it: entities decoded, spaces normalized (not trimmed). */
export function decodeAttribute(value: string): string {
  return normalizeSpaces(value.includes("&") ? decodeHTMLStrict(value) : value);
}

/**
 * `text.indexOf(char, from)` for a `from` that only grows, each search done again only once
 * its answer is passed (-1 stays -1). Searching afresh on every step scans to the end each
 * time for a character that is not there: quadratic over a long text.
 */
export function forwardSearch(text: string, char: string): (from: number) => number {
  let next = -2;
  return (from) => {
    if (next !== -1 && next < from) next = text.indexOf(char, from);
    return next;
  };
}

/**
 * `/\s$/.test(value)`, by the last character alone: a pattern anchored at the end is still
 * tried at every position from the start (a scan of the whole text per test).
 */
export function endsWithWhiteSpace(value: string): boolean {
  return value.length > 0 && WHITE_SPACE.test(value.charAt(value.length - 1));
}

const WHITE_SPACE = /\s/;

/** Whether `value` holds `\n` or `\r` (two `includes` scans are cheaper than `/[\r\n]/`). */
export function hasLineEnd(value: string): boolean {
  return value.includes("\n") || value.includes("\r");
}

/** Schemes that must never become live links or images. */
const UNSAFE_SCHEME = /^(?:javascript|vbscript|data):/i;

/**
 * Whether a URL would run script or embed data when clicked or loaded. Browsers ignore
 * ASCII whitespace and control characters inside the scheme, so they are removed first.
 */
export function isUnsafeUrl(url: string): boolean {
  // The usual case first, with the same answer: nothing removed below can turn these into another scheme.
  if (url.startsWith("https://") || url.startsWith("http://")) return false;
  // eslint-disable-next-line no-control-regex
  return UNSAFE_SCHEME.test(url.replace(/[\u0000-\u0020\u007f]/g, ""));
}
