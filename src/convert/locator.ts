import type { Point, Position } from "../ast/types.js";

/**
 * Offsets → line/column, computed lazily (positions are only needed for messages and
 * `positions: true`). `\r\n`, `\n` and a lone `\r` each end a line, as in the parser.
 */
export class Locator {
  readonly #text: string;
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  #starts(): number[] {
    if (this.#lineStarts) return this.#lineStarts;
    const starts = [0];
    const text = this.#text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.#lineStarts = starts;
    return starts;
  }

  /** The point at a 0-based UTF-16 offset. */
  point(offset: number): Point {
    const starts = this.#starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }

  /** The span `[start, end)`. */
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}
