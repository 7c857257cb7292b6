import type { ChalkInstance } from "chalk";
import { createTwoFilesPatch, structuredPatch } from "diff";

/**
 * A unified diff of one file (`--- a/file` / `+++ b/target`), or `""` when nothing changed.
 * Line endings are compared as written, so a CRLF file that stays CRLF shows no noise.
 */
export function unifiedDiff(oldName: string, newName: string, before: string, after: string): string {
  if (before === after) return "";
  const patch = createTwoFilesPatch(`a/${headerPath(oldName)}`, `b/${headerPath(newName)}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of "=" that git and patch(1) do not write.
  return patch.replace(/^=+\n/, "");
}

/** A path as git writes it after `a/` and `b/`: no leading slash (`/tmp/x` → `a/tmp/x`, never `a//tmp/x`). */
function headerPath(name: string): string {
  return name.replace(/^\/+/, "");
}

/**
 * The name a diff gives a converted copy that is written nowhere (stdout, `--dry-run`): the
 * input's name with the output's extension, so `--to json` reads `+++ b/news/a.json`, not
 * `.md` or `.txt`. Markdown keeps the input's name: the diff is of that file.
 *
 * @param name the input's displayed name (`<stdin>` stays as is)
 * @param extension the output's extension (`.json`, `.mdast.json`), or `undefined` for markdown
 */
export function convertedName(name: string, extension: string | undefined): string {
  if (extension === undefined || name.startsWith("<")) return name;
  const base = name.replace(/\.[^./\\#]*$/, "");
  return base + extension;
}

/** Colour a unified diff for a terminal; identity when `color.level` is 0. */
export function colorizeDiff(patch: string, color: ChalkInstance): string {
  if (color.level === 0) return patch;
  return patch
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return color.bold(line);
      if (line.startsWith("@@")) return color.cyan(line);
      if (line.startsWith("+")) return color.green(line);
      if (line.startsWith("-")) return color.red(line);
      if (line.startsWith("=====")) return color.dim(line);
      return line;
    })
    .join("\n");
}

/**
 * 1-based inclusive ranges of lines of `before` that differ in `after` (an insertion marks the
 * line it lands before), each with the first line of its replacement in `after`.
 */
export function changedLineRanges(before: string, after: string): Array<[number, number, number]> {
  const patch = structuredPatch("a", "b", before, after, undefined, undefined, { context: 0 });
  return patch.hunks.map((hunk) => {
    const start = Math.max(1, hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart);
    const end = Math.max(start, hunk.oldStart + hunk.oldLines - 1);
    return [start, end, Math.max(1, hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart)];
  });
}
