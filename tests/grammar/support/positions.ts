/**
 * Reference position arithmetic for the parser's tests, written independently of the parser:
 * 1-based line and column, 0-based offset, all in UTF-16 code units; `\r\n`, `\n` and a lone
 * `\r` each end a line (the same rule as vfile-location).
 */
import type { Point } from "../../../src/ast/types.js";

/** Offsets at which each line starts, for `pointAt`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    } else if (c === 0x0a) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The point of `offset` in a text whose line starts are `starts` (see {@link lineStarts}). */
export function pointAt(starts: readonly number[], offset: number): Point {
  // Last line start <= offset (binary search).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
}

/** Convenience: the point of `offset` in `text`. */
export function pointOf(text: string, offset: number): Point {
  return pointAt(lineStarts(text), offset);
}

/** Offset of the `occurrence`-th (0-based) occurrence of `needle` in `text`; throws if absent. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)} (occurrence ${occurrence})`);
  }
  return at;
}
