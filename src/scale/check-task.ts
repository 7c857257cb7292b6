/**
 * What `check` computes for one text, wherever it runs: in a worker thread of the pool (so the
 * line diff and the second parse of a changed body do not queue on the main thread, where they
 * were most of a check's time), or in-process with `--concurrency 1`. Both use this one function.
 */
import type { Content, RootNode } from "../ast/types.js";
import type { ConvertOptions, ConvertResult, MediaLibrary } from "../convert/types.js";
import { restoreByteFacts, sameText } from "../io/decode.js";
import type { ChangedRegion } from "../report/changes.js";
import type { ReportMessage } from "../report/types.js";
import type { Converted, Crashed } from "../run/process-unit.js";

/** Rule id of a "this would change" finding. */
export const WOULD_CHANGE = "would-change";

/** One text to check: the decoded input and what the report needs. */
export interface CheckItem {
  /** The text, without its byte-order mark. */
  text: string;
  bom: boolean;
  crlf: boolean;
  /** Its line endings (mixed ones are kept line by line). */
  eol: "none" | "lf" | "crlf" | "mixed";
  /** The file's name in findings and diffs. */
  display: string;
  /** A unified diff is wanted (an `.md`/`.html` report). */
  wantDiff: boolean;
  /** The media library items the text may show (a WordPress post's attachments). */
  media?: MediaLibrary;
}

/** What became of one {@link CheckItem}. */
export type CheckOutcome =
  | Crashed
  | (Converted & {
      /** `would-change` findings, in no particular order. */
      findings: ReportMessage[];
      diff?: string;
    });

/** The two calls {@link checkText} needs: the library's, or an engine's (tests). */
export interface CheckEngine {
  convert(text: string, options: ConvertOptions): ConvertResult | Promise<ConvertResult>;
  parse(text: string, options: { compat: "repair" | "wordpress" }): { tree: RootNode };
}

/** Convert one text as `check` does and say what would change; never throws. */
export async function checkText(item: CheckItem, options: ConvertOptions, engine: CheckEngine): Promise<CheckOutcome> {
  let result: ConvertResult;
  try {
    result = await engine.convert(item.text, item.media ? { ...options, media: item.media } : options);
  } catch (error) {
    return { kind: "crash", error: (error as Error)?.message ?? String(error) };
  }
  const original = (item.bom ? "\uFEFF" : "") + item.text;
  const output = restoreByteFacts(result.output, item);
  const done = { kind: "done" as const, messages: result.messages, shortcodes: result.stats?.shortcodes ?? {} };
  // a final newline alone is no finding (a markdown file may get its newline)
  if (sameText(output, original)) return { ...done, changed: false, findings: [] };
  const tree = safeParse(engine, item.text, options.compat ?? "repair");
  const after = restoreByteFacts(result.output, { bom: false, crlf: item.crlf });
  // The diff library only for a check that finds a change (not loaded by a worker that converts files).
  const [{ unifiedDiff }, { changedRegions }] = [await import("../report/diff.js"), await import("../report/changes.js")];
  const findings = wouldChangeFindings(item.display, item.text, tree, changedRegions(item.text, after));
  return { ...done, changed: true, findings, ...(item.wantDiff ? { diff: unifiedDiff(item.display, item.display, original, output) } : {}) };
}

function safeParse(engine: CheckEngine, text: string, compat: "repair" | "wordpress"): RootNode | null {
  try {
    return engine.parse(text, { compat }).tree;
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
