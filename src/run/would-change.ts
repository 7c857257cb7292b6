/**
 * `check`'s comparison of one changed unit: where it would change (one finding per shortcode
 * on a changed line, one per changed region without one) and, for a report with diffs, its
 * unified diff. `processUnit` runs it on the converting thread (a worker of the pool, or this
 * thread in-process) in its compare-only mode (`UnitSettings.check`), so the line diff and the
 * second parse of a changed body do not queue on the main thread, where they were most of a
 * check's time. Loaded only by a run of `check` (the diff library is no worker's load when it
 * converts): see {@link changeFinder}.
 */
import type { Content, RootNode } from "../ast/types.js";
import { restoreByteFacts } from "../io/decode.js";
import { changedRegions, type ChangedRegion } from "../report/changes.js";
import { unifiedDiff } from "../report/diff.js";
import type { ReportMessage } from "../report/types.js";
import type { Engine } from "./engine.js";
import { WOULD_CHANGE, type FindChanges } from "./process-unit.js";

/**
 * The comparison `processUnit` makes of a changed unit in `check` mode, with `parse` for the
 * places of its shortcodes (without it, or when it throws, every changed region is one finding).
 */
export function changeFinder(parse: Engine["parse"] | undefined): FindChanges {
  return ({ name, text, output, crlf, original, restored, compat, diff }) => {
    const tree = safeParse(parse, text, compat);
    const after = restoreByteFacts(output, { bom: false, crlf });
    const findings = wouldChangeFindings(name, text, tree, changedRegions(text, after));
    return diff ? { findings, diff: unifiedDiff(name, name, original, restored) } : { findings };
  };
}

function safeParse(parse: Engine["parse"] | undefined, text: string, compat: "repair" | "wordpress"): RootNode | null {
  try {
    return parse ? parse(text, { compat }).tree : null;
  } catch {
    return null;
  }
}

/**
 * One finding per shortcode (of the active rules' tags) on a changed line, and one per changed
 * region that holds no shortcode (other markup: quotes, stray HTML …).
 */
function wouldChangeFindings(
  file: string,
  text: string,
  tree: RootNode | null,
  ranges: ReadonlyArray<Pick<ChangedRegion, "start" | "end" | "description">>,
): ReportMessage[] {
  const findings: ReportMessage[] = [];
  const covered = new Set<number>();
  const shortcodes: Array<Extract<Content, { type: "shortcode" }>> = [];
  const visit = (nodes: readonly Content[] | undefined): void => {
    for (const node of nodes ?? []) {
      if (node.type === "shortcode" && !node.escaped) shortcodes.push(node);
      else if (node.type === "html") visit(node.children);
    }
  };
  visit(tree?.children);
  // Split once: a body with many changed regions used to be split again for each of them.
  let textLines: string[] | undefined;
  for (const node of shortcodes) {
    const { start, end } = node.position;
    const index = ranges.findIndex(({ start: a, end: b }) => start.line <= b && end.line >= a);
    if (index === -1) continue;
    covered.add(index);
    findings.push({
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: "error",
      ruleId: WOULD_CHANGE,
      reason: `[${node.name}] would be converted`,
    });
  }
  ranges.forEach(({ start: a, end: b, description }, index) => {
    if (covered.has(index)) return;
    const lines = (textLines ??= text.split(/\r\n|\n|\r/));
    const line = Math.min(a, Math.max(1, lines.length));
    findings.push({
      file,
      line,
      column: 1,
      endLine: Math.min(b, lines.length),
      endColumn: (lines[Math.min(b, lines.length) - 1]?.length ?? 0) + 1,
      severity: "error",
      ruleId: WOULD_CHANGE,
      reason: `${a === b ? `line ${a}` : `lines ${a}–${b}`} would change: ${description}`,
    });
  });
  return findings;
}
