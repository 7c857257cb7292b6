/**
 * Where a URL is written in the source body, for messages: the converter's nodes made from
 * HTML (a link inside a paragraph of raw HTML) carry the span of what they came from, and the
 * markdown-in route's positions are the output's. A dead link is best reported at its own
 * first character in the body the user edits.
 */
import type { Position } from "../ast/types.js";

/**
 * The zero-width position of `url` as written in `source` (also entity-escaped `&amp;` or
 * JSON-escaped `\/`): the first spelling inside the span `around` covers, else the one nearest
 * to its start; `around` itself when the source does not hold the URL literally.
 *
 * @param source the body the positions index (line 1, column 1 at offset 0)
 * @param url the URL as the tree holds it
 * @param around the position known so far (a node's span, or a point in the output)
 */
export function placeInSource(source: string, url: string, around: Position | undefined): Position | undefined {
  if (url === "") return around;
  const spellings = [...new Set([url, url.replace(/&/g, "&amp;"), url.replace(/\//g, "\\/")])];
  const from = around?.start.offset ?? 0;
  const to = around?.end.offset ?? from;
  let best = -1;
  for (const spelling of spellings) {
    // inside the span first (a node made from HTML covers its whole tag)
    const inside = source.indexOf(spelling, from);
    if (inside !== -1 && inside + spelling.length <= Math.max(to, from + spelling.length) && (best === -1 || inside < best)) best = inside;
  }
  if (best === -1) {
    for (const spelling of spellings) {
      for (let at = source.indexOf(spelling); at !== -1; at = source.indexOf(spelling, at + 1)) {
        if (best === -1 || Math.abs(at - from) < Math.abs(best - from)) best = at;
      }
    }
  }
  if (best === -1) return around;
  const point = pointAt(source, best);
  return { start: point, end: point };
}

/** Line and column of an offset, line ends counted as the rest of the project counts them (`\r\n`, `\n`, a lone `\r`). */
function pointAt(source: string, offset: number): Position["start"] {
  let line = 1;
  let lineStart = 0;
  const ends = /\r\n?|\n/g;
  for (let match = ends.exec(source); match !== null && match.index + match[0].length <= offset; match = ends.exec(source)) {
    line++;
    lineStart = match.index + match[0].length;
  }
  return { line, column: offset - lineStart + 1, offset };
}
