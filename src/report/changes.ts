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
   * What changes, both sides taken from the diff's hunks (this one's removed line, its new form
   * from this hunk or a nearby one) and never the same text on both: `"'X'" → "## X"`, `"<p>"
   * would be removed`, `"X" would be added`, `"X" would be replaced by "Y"` (nothing alike),
   * `2 blank lines would be removed`, `a final newline would be added`.
   */
  description: string;
}

/** At most this many lines of a side are compared when pairing (a hunk may be a whole article). */
const PAIR_LIMIT = 40;
/** Added lines of this many hunks before and after a hunk are candidates too (the diff may align a paragraph with the wrong blank line). */
const NEARBY_HUNKS = 8;
/** Below this similarity a removed and an added line are not the same line changed. */
const SAME_LINE = 0.5;
/** Characters of a line that go into its similarity. */
const SIMILARITY_SPAN = 300;
/** Characters shown of each side. */
const SHOWN = 60;

/** One hunk's lines as jsdiff writes them, sorted out. */
interface HunkLines {
  removed: string[];
  added: string[];
  removedLacksNewline: boolean;
  addedLacksNewline: boolean;
}

/**
 * The hunks of the line diff from `before` to `after` (no context), each described by the lines
 * it removes and adds: a removed line is paired with the added line most like it, in its hunk or
 * a nearby one (a line diff anchored on blank lines often puts a paragraph and its new form in
 * different hunks); a line that comes back unchanged elsewhere is not taken for a change; blank
 * lines are counted instead of quoted, and a change of the final newline alone is named as such.
 *
 * @param before the text as it is
 * @param after the text as it would be
 */
export function changedRegions(before: string, after: string): ChangedRegion[] {
  if (before === after) return [];
  const patch = structuredPatch("a", "b", before, after, undefined, undefined, { context: 0 });
  const hunks = patch.hunks.map((hunk) => sortLines(hunk.lines));
  // Lines that leave in one place and come back unchanged in another have moved, not changed.
  const removedAll = new Set(hunks.flatMap((h) => h.removed));
  const addedAll = new Set(hunks.flatMap((h) => h.added));
  const changedAdded = hunks.map((h) => h.added.filter((line) => !isBlank(line) && !removedAll.has(line)));
  gramCache = new Map();
  const regions = patch.hunks.map((hunk, index) => {
    const start = Math.max(1, hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart);
    const end = Math.max(start, hunk.oldStart + hunk.oldLines - 1);
    const newStart = Math.max(1, hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart);
    const nearby = changedAdded.slice(Math.max(0, index - NEARBY_HUNKS), index + NEARBY_HUNKS + 1).flat();
    return { start, end, newStart, description: describe(hunks[index]!, changedAdded[index]!, nearby, addedAll) };
  });
  gramCache = new Map();
  return regions;
}

/**
 * Describe one hunk on its own, from its lines as jsdiff writes them (`-old`, `+new`,
 * `\ No newline at end of file` after the side that lacks it).
 */
export function describeHunk(lines: readonly string[]): string {
  const hunk = sortLines(lines);
  const added = hunk.added.filter((line) => !isBlank(line) && !hunk.removed.includes(line));
  const description = describe(hunk, added, added, new Set(hunk.added));
  gramCache = new Map();
  return description;
}

function sortLines(lines: readonly string[]): HunkLines {
  const hunk: HunkLines = { removed: [], added: [], removedLacksNewline: false, addedLacksNewline: false };
  let last: "-" | "+" | undefined;
  for (const line of lines) {
    const sign = line[0];
    const body = line.slice(1).replace(/\r$/, "");
    if (sign === "-") (hunk.removed.push(body), (last = "-"));
    else if (sign === "+") (hunk.added.push(body), (last = "+"));
    else if (sign === "\\") {
      if (last === "-") hunk.removedLacksNewline = true;
      else if (last === "+") hunk.addedLacksNewline = true;
    }
  }
  return hunk;
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

/**
 * @param hunk the hunk's lines
 * @param own its added lines that are new text (not blank, not a removed line moved here)
 * @param candidates added lines a removed line may have become: `own` and nearby hunks' new text
 * @param addedAll every added line of the diff (a removed line found there has moved)
 */
function describe(hunk: HunkLines, own: readonly string[], candidates: readonly string[], addedAll: ReadonlySet<string>): string {
  const { removed, added } = hunk;
  const removedText = removed.filter((line) => !isBlank(line));
  const addedText = added.filter((line) => !isBlank(line));
  if (removedText.length === 0 && addedText.length === 0) {
    const diff = removed.length - added.length;
    if (diff > 0) return `${count(diff, "blank line")} would be removed`;
    if (diff < 0) return `${count(-diff, "blank line")} would be added`;
    const index = removed.findIndex((line, i) => line !== added[i]);
    if (index !== -1) return `${quote(removed[index]!)} → ${quote(added[index]!)} (white space only)`;
    return finalNewline(hunk) ?? "white space would change";
  }
  const changed = removedText.filter((line) => !addedAll.has(line));
  if (changed.length > 0) {
    const pair = bestPair(changed, candidates);
    if (pair) return arrow(pair[0], pair[1]);
    if (own.length > 0) return `${quote(cut(changed[0]!, 0))} would be replaced by ${quote(cut(own[0]!, 0))}${more(own.length)}`;
    return `${quote(cut(changed[0]!, 0))} would be removed${more(changed.length)}`;
  }
  if (own.length > 0) return `${quote(cut(own[0]!, 0))} would be added${more(own.length)}`;
  // Every removed line comes back as it was: the lines move, or only the final newline changes.
  if (removedText.length > 0) return finalNewline(hunk) ?? `${quote(cut(removedText[0]!, 0))} would move${more(removedText.length)}`;
  return `${quote(cut(addedText[0]!, 0))} would move here${more(addedText.length)}`;
}

/** `"…old…" → "…new…"`, both cut around their first difference. */
function arrow(from: string, to: string): string {
  let common = 0;
  while (common < from.length && from[common] === to[common]) common++;
  const offset = common > 40 ? common - 20 : 0;
  return `${quote(cut(from, offset))} → ${quote(cut(to, offset))}`;
}

function finalNewline(hunk: HunkLines): string | undefined {
  if (hunk.removedLacksNewline && !hunk.addedLacksNewline) return "a final newline would be added";
  if (hunk.addedLacksNewline && !hunk.removedLacksNewline) return "the final newline would be removed";
  return undefined;
}

/** The most alike (removed, added) pair, when alike enough to be one line changed. */
function bestPair(removed: readonly string[], added: readonly string[]): [string, string] | undefined {
  const from = removed.slice(0, PAIR_LIMIT);
  const to = added.slice(0, PAIR_LIMIT * (2 * NEARBY_HUNKS + 1));
  const toGrams = to.map(bigramsOf);
  let best: [string, string] | undefined;
  let bestScore = SAME_LINE;
  for (const r of from) {
    const grams = bigramsOf(r);
    to.forEach((a, j) => {
      if (a === r) return;
      const score = dice(grams, toGrams[j]!);
      if (score >= bestScore && (best === undefined || score > bestScore)) [bestScore, best] = [score, [r, a]];
    });
  }
  return best;
}

/** Bigrams of the lines of the diff being described: a line is a candidate of several hunks. */
let gramCache = new Map<string, Map<string, number>>();

function bigramsOf(line: string): Map<string, number> {
  let grams = gramCache.get(line);
  if (!grams) gramCache.set(line, (grams = bigrams(line)));
  return grams;
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
