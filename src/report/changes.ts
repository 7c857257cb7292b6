import { structuredPatch } from "diff";

/** One place where a text would change: a hunk of the line diff, and what it does in words. */
export interface ChangedRegion {
  /** First changed line of the old text, 1-based (an insertion: the line it lands before). */
  start: number;
  /** Last changed line of the old text, 1-based, inclusive (`start` for an insertion). */
  end: number;
  /** First line of the replacement in the new text, 1-based. */
  newStart: number;
  /**
   * What changes, both sides taken from this hunk's own lines and never the same text on both:
   * `"'X'" → "## X"`, `"<p>" would be removed`, `"X" would be added`, `2 blank lines would be
   * removed`, `a final newline would be added`.
   */
  description: string;
}

/** At most this many lines of a side are compared when pairing (a hunk may be a whole article). */
const PAIR_LIMIT = 40;
/** Characters of a line that go into its similarity. */
const SIMILARITY_SPAN = 300;
/** Characters shown of each side. */
const SHOWN = 60;

/**
 * The hunks of the line diff from `before` to `after` (no context), each described by the lines
 * it removes and adds: the removed line is paired with the added line most like it (a paragraph
 * whose markup changes, not whatever line happens to come first), blank lines are counted
 * instead of quoted, and a change of the final newline alone is named as such.
 *
 * @param before the text as it is
 * @param after the text as it would be
 */
export function changedRegions(before: string, after: string): ChangedRegion[] {
  if (before === after) return [];
  const patch = structuredPatch("a", "b", before, after, undefined, undefined, { context: 0 });
  return patch.hunks.map((hunk) => {
    const start = Math.max(1, hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart);
    const end = Math.max(start, hunk.oldStart + hunk.oldLines - 1);
    const newStart = Math.max(1, hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart);
    return { start, end, newStart, description: describeHunk(hunk.lines) };
  });
}

/**
 * Describe one hunk from its lines as jsdiff writes them (`-old`, `+new`, `\ No newline at end
 * of file` after the side that lacks it).
 */
export function describeHunk(lines: readonly string[]): string {
  const removed: string[] = [];
  const added: string[] = [];
  let removedLacksNewline = false;
  let addedLacksNewline = false;
  let last: "-" | "+" | undefined;
  for (const line of lines) {
    const sign = line[0];
    const body = line.slice(1).replace(/\r$/, "");
    if (sign === "-") (removed.push(body), (last = "-"));
    else if (sign === "+") (added.push(body), (last = "+"));
    else if (sign === "\\") {
      if (last === "-") removedLacksNewline = true;
      else if (last === "+") addedLacksNewline = true;
    }
  }
  const isBlank = (s: string): boolean => s.trim() === "";
  const removedText = removed.filter((s) => !isBlank(s));
  const addedText = added.filter((s) => !isBlank(s));

  if (removedText.length === 0 && addedText.length === 0) {
    const diff = removed.length - added.length;
    if (diff > 0) return `${count(diff, "blank line")} would be removed`;
    if (diff < 0) return `${count(-diff, "blank line")} would be added`;
    const index = removed.findIndex((s, i) => s !== added[i]);
    if (index !== -1) return `${quote(removed[index]!)} → ${quote(added[index]!)} (white space only)`;
    return finalNewline(removedLacksNewline, addedLacksNewline) ?? "white space would change";
  }
  if (addedText.length === 0) return `${quote(cut(removedText[0]!, 0))} would be removed${more(removedText.length)}`;
  if (removedText.length === 0) return `${quote(cut(addedText[0]!, 0))} would be added${more(addedText.length)}`;

  const pair = bestPair(removedText, addedText);
  if (pair) {
    const [from, to] = pair;
    let common = 0;
    while (common < from.length && from[common] === to[common]) common++;
    const offset = common > 40 ? common - 20 : 0;
    return `${quote(cut(from, offset))} → ${quote(cut(to, offset))}`;
  }
  // Every removed line comes back as it was: the lines move, or only the final newline changes.
  return finalNewline(removedLacksNewline, addedLacksNewline) ?? `${quote(cut(removedText[0]!, 0))} would move`;
}

function finalNewline(removedLacks: boolean, addedLacks: boolean): string | undefined {
  if (removedLacks && !addedLacks) return "a final newline would be added";
  if (addedLacks && !removedLacks) return "the final newline would be removed";
  return undefined;
}

/** The most alike (removed, added) pair whose texts differ; `undefined` when none differ. */
function bestPair(removed: readonly string[], added: readonly string[]): [string, string] | undefined {
  const from = removed.slice(0, PAIR_LIMIT);
  const to = added.slice(0, PAIR_LIMIT);
  const toGrams = to.map(bigrams);
  let best: [string, string] | undefined;
  let bestScore = -1;
  for (const r of from) {
    const grams = bigrams(r);
    to.forEach((a, j) => {
      if (a === r) return;
      const score = dice(grams, toGrams[j]!);
      if (score > bestScore) [bestScore, best] = [score, [r, a]];
    });
  }
  return best;
}

function bigrams(line: string): Map<string, number> {
  const text = line.trim().slice(0, SIMILARITY_SPAN);
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const gram = text.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice coefficient of two bigram multisets, 0 … 1. */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [gram, n] of a) {
    shared += Math.min(n, b.get(gram) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

function cut(s: string, from: number): string {
  const part = s.slice(from, from + SHOWN);
  return (from > 0 ? "…" : "") + part + (s.length > from + SHOWN ? "…" : "");
}

/** In double quotes, as written (markdown's `1\. Lig` shows one backslash, not two); control characters as escapes. */
function quote(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1))}"`;
}

function count(n: number, noun: string): string {
  return n === 1 ? `a ${noun}` : `${n} ${noun}s`;
}

function more(n: number): string {
  return n > 1 ? ` (and ${n - 1} more line${n > 2 ? "s" : ""})` : "";
}
