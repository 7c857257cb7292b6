/**
 * Markdown input: only shortcode spans are rewritten, every other byte is kept, so a diff
 * touches only what changed. A shortcode inside a code span, a fenced code block or behind a
 * backslash escape is text.
 */
import type { Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Message, ShortcodeNode } from "../ast/types.js";
import { parse } from "../parse.js";
import { Builder } from "./build.js";
import { lower } from "./lower.js";
import { onDemand, once, unifiedPackage } from "./on-demand.js";
import { sanitizeUrls } from "./sanitize.js";
import type { Settings } from "./settings.js";
import { toMarkdown } from "./stringify.js";
import type { ConvertStats } from "./types.js";
import { pushAll } from "./push-all.js";
import type { Processor } from "unified";

/** `[start, end)` ranges of code (fenced blocks and code spans), sorted. */
export function codeRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /^( {0,3})(`{3,}|~{3,})[^\n]*$/gm;
  const fenced: Array<[number, number]> = [];
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    const marker = match[2]!;
    const close = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`, "gm");
    close.lastIndex = match.index + match[0].length;
    const end = close.exec(text);
    const stop = end ? end.index + end[0].length : text.length;
    fenced.push([match.index, stop]);
    fence.lastIndex = stop;
  }
  const inFence = (offset: number) => fenced.some(([a, b]) => offset >= a && offset < b);
  const ticks = /`+/g;
  const runs: Array<{ index: number; length: number }> = [];
  for (let match = ticks.exec(text); match; match = ticks.exec(text)) {
    if (!inFence(match.index) && text[match.index - 1] !== "\\") runs.push({ index: match.index, length: match[0].length });
  }
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const closer = runs.findIndex((other, j) => j > i && other.length === run.length);
    if (closer > i) {
      ranges.push([run.index, runs[closer]!.index + run.length]);
      i = closer;
    }
  }
  pushAll(ranges, fenced);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Sorted, overlapping or touching `[start, end)` ranges joined into disjoint ones. */
function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** One rewrite of a markdown body: `[start, end)` becomes `value`; `escaped` for a `[[…]]` span. */
export interface Edit {
  start: number;
  end: number;
  value: string;
  escaped: boolean;
}

/** Converts a markdown body to markdown, rewriting only shortcodes. */
export function convertMarkdown(text: string, settings: Settings): { output: string; messages: Message[]; stats: ConvertStats } {
  const { builder, edits } = planEdits(text, settings);
  return { output: stabilizeMarkdown(applyEdits(text, edits), settings), messages: builder.messages, stats: builder.stats };
}

/**
 * Make converted markdown a fixed point of {@link convertMarkdown}. A rewrite can change what
 * the text around it means to the shortcode reader: a block box moved onto its own line turns
 * a stray `[tag["]` before it into a shortcode, and a link whose text is a kept shortcode
 * (`[[video]…[/video]](url)`) reads as an escaped one. Each such span gets a markdown escape
 * (`\[`), which renders as the same `[` but is never a shortcode; repeated until nothing
 * would be rewritten (a few rounds at most).
 *
 * @param markdown converted markdown
 * @param settings the conversion's settings (which tags convert)
 * @returns the markdown, with a backslash before each `[` that a second pass would rewrite
 */
export function stabilizeMarkdown(markdown: string, settings: Settings): string {
  let output = markdown;
  // The second pass reads the output as markdown, whatever the input was (made only when it is needed).
  let asMarkdown: Settings | undefined;
  for (let round = 0; round < 8; round++) {
    if (!mayRewrite(output, settings)) return output;
    asMarkdown ??= settings.inputFormat === "markdown" ? settings : { ...settings, inputFormat: "markdown" };
    const { edits } = planEdits(output, asMarkdown);
    if (edits.length === 0) return output;
    let next = "";
    let last = 0;
    for (const edit of edits) {
      // `[[x]]`: escape the inner bracket, so the outer one keeps its markdown meaning (a link's text)
      const at = edit.escaped ? edit.start + 1 : edit.start;
      next += output.slice(last, at) + "\\";
      last = at;
    }
    output = next + output.slice(last);
  }
  return output;
}

/**
 * A cheap, conservative test run before {@link planEdits} in {@link stabilizeMarkdown}: `false`
 * only when no second pass can rewrite anything. A rewrite needs a shortcode the pass renders:
 * an escaped `[[…]]`, a tag whose rule can render (not `[gallery]`, which a rule only reports),
 * or (under `strip`/`comment`) any tag. Unknown tags under `keep`/`error` come back verbatim. So when every `[` is followed by neither `[` nor a rule's
 * name (compared without case, to be safe), the full parse is skipped. Most converted bodies
 * hold only markdown links there (`[Başlık](…)`), and the parse was a third of a conversion.
 */
export function mayRewrite(markdown: string, settings: Settings): boolean {
  let at = markdown.indexOf("[");
  if (at === -1) return false;
  if (settings.unknown === "strip" || settings.unknown === "comment") return true;
  const { pattern, starts } = rewritable(settings.registry.renderingNames);
  // Only at a `[`: the pattern, sticky, where the next character may start a name (most `[` of
  // converted markdown open a link's text, `[Başlık](…)`, and an ASCII letter no name starts
  // with is answered without the pattern; a non-ASCII one always goes to it).
  for (; at !== -1; at = markdown.indexOf("[", at + 1)) {
    const next = markdown.charCodeAt(at + 1);
    if (next < 0x80 && starts !== undefined && !starts.has(next)) continue;
    pattern.lastIndex = at;
    if (pattern.test(markdown)) return true;
  }
  return false;
}

/** {@link rewritable}'s answer: the sticky pattern, and the ASCII characters that can follow its `[`. */
interface Rewritable {
  pattern: RegExp;
  /** `undefined` when a name starts with a non-ASCII character (an ASCII one may fold to it). */
  starts: ReadonlySet<number> | undefined;
}

const REWRITABLE = new WeakMap<readonly string[], Rewritable>();

/**
 * `[[` or `[` + a rule's name, without case. Unicode case folding (`iu`) matches at least what
 * comparing lower-cased text did (the Kelvin sign folds to `k` too), so the test stays
 * conservative. An ASCII character matches a name's ASCII first character under that folding
 * only as itself or its other case, which `starts` holds.
 */
function rewritable(names: readonly string[]): Rewritable {
  let found = REWRITABLE.get(names);
  if (!found) {
    const alternatives = ["\\[", ...names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))];
    let starts: Set<number> | undefined = new Set([0x5b]);
    for (const name of names) {
      const first = name.charAt(0);
      if (first === "" || first.charCodeAt(0) >= 0x80) {
        starts = undefined;
        break;
      }
      for (const variant of [first, first.toLowerCase(), first.toUpperCase()]) starts.add(variant.charCodeAt(0));
    }
    REWRITABLE.set(names, (found = { pattern: new RegExp(`\\[(?:${alternatives.join("|")})`, "iuy"), starts }));
  }
  return found;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let output = "";
  let last = 0;
  for (const edit of edits) {
    output += text.slice(last, edit.start) + edit.value;
    last = edit.end;
  }
  return output + text.slice(last);
}

/** The shortcodes of a markdown body that are rewritten: not in code, not behind `\\`, not a markdown link. */
function candidatesOf(text: string, builder: Builder): ShortcodeNode[] {
  const { tree, messages } = parse(text, { tags: "all", compat: builder.settings.compat, contentless: builder.settings.registry.contentless });
  const code = codeRanges(text);
  const inCode = (offset: number) => code.some(([a, b]) => offset >= a && offset < b);
  // A code span or block is text, whatever brackets it holds (`` `[` ``): what the parser says
  // about them does not apply. Messages come sorted by offset; so do the merged ranges.
  const merged = mergeRanges(code);
  let r = 0;
  for (const message of messages) {
    const offset = message.position.start.offset;
    while (r < merged.length && merged[r]![1] <= offset) r++;
    if (r < merged.length && merged[r]![0] <= offset) continue;
    builder.messages.push(message); // no spread: a hostile body can have 10^5+ messages
  }
  return tree.children.filter((node): node is ShortcodeNode => {
    if (node.type !== "shortcode") return false;
    const start = node.position.start.offset;
    if (inCode(start) || text[start - 1] === "\\") return false;
    return node.escaped || !builder.looksLikeMarkdownLink(node);
  });
}

/** The rewrites {@link convertMarkdown} makes, in source order. */
export function planEdits(text: string, settings: Settings): { builder: Builder; edits: Edit[] } {
  const builder = new Builder(text, settings);
  const candidates = candidatesOf(text, builder);

  const edits: Edit[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const node = candidates[i]!;
    const start = node.position.start.offset;
    if (node.escaped) {
      builder.stats.escaped++;
      const literal = text.slice(start + 1, node.position.end.offset - 1);
      edits.push({
        start,
        end: node.position.end.offset,
        value: render(builder, [{ type: "paragraph", children: [{ type: "text", value: literal }] }]),
        escaped: true,
      });
      continue;
    }
    const rendered = builder.shortcode(node);
    if (rendered.nodes.length === 1 && rendered.nodes[0]!.type === "keptShortcode") continue; // verbatim
    if (rendered.display === "inline") {
      const value = rendered.nodes.length ? render(builder, [{ type: "paragraph", children: rendered.nodes as never }]) : "";
      edits.push({ start, end: node.position.end.offset, value, escaped: false });
      continue;
    }
    // Block output: group following boxes that stand alone on their lines, separated by blank lines only.
    const nodes: RootContent[] = [...rendered.nodes];
    let end = node.position.end.offset;
    const alone = aloneOnLine(text, start, end);
    while (alone && i + 1 < candidates.length) {
      const next = candidates[i + 1]!;
      const gap = text.slice(end, next.position.start.offset);
      if (next.escaped || !/^\s*$/.test(gap) || !aloneOnLine(text, next.position.start.offset, next.position.end.offset)) break;
      const more = builder.shortcode(next);
      if (more.display !== "block") {
        // Not a block after all (kept): stop grouping; it stays as written.
        i++;
        break;
      }
      pushAll(nodes, more.nodes);
      end = next.position.end.offset;
      i++;
    }
    const value = render(builder, nodes);
    edits.push({ start, end, value: alone ? value : `\n\n${value}\n\n`, escaped: false });
  }
  return { builder, edits };
}

/**
 * Whether only spaces and tabs stand between the span and its line's start and end. Scans only
 * those characters (a `lastIndexOf("\r")` here went back to the start of a body without CR for
 * every shortcode: quadratic in a long markdown body full of boxes).
 */
export function aloneOnLine(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  for (let i = end; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/** A fragment of blocks → markdown without the trailing newline. */
function render(builder: Builder, nodes: RootContent[]): string {
  const settings = builder.settings;
  const tree: Root = { type: "root", children: nodes };
  lower(tree, {
    locale: settings.locale,
    style: settings.style,
    report: (reason, ruleId, severity, position) => builder.report(reason, ruleId, severity, position ?? builder.locator.position(0, 0)),
  });
  sanitizeUrls(tree, (reason, position) => builder.report(reason, "unsafe-url", "warning", position ?? builder.locator.position(0, 0)));
  return toMarkdown(tree, settings.style === "directive").replace(/\n+$/, "");
}

/**
 * A markdown body as the intermediate tree, for `--to json` and `--to mdast`: the markdown
 * around the shortcodes is parsed with remark-parse (markdown input is not the archive's hot
 * path), each rewritten shortcode standing in as a placeholder that is then replaced by its
 * rule's nodes. Positions of markdown nodes are dropped (they would point into the
 * placeholder text); shortcodes keep theirs.
 */
export function markdownTree(text: string, builder: Builder): Root {
  const candidates = candidatesOf(text, builder);
  let placeholderText = "";
  let at = 0;
  candidates.forEach((node, k) => {
    placeholderText += text.slice(at, node.position.start.offset) + `<!--smig:${k}-->`;
    at = node.position.end.offset;
  });
  placeholderText += text.slice(at);
  const tree = markdownParser().parse(placeholderText) as Root;
  const rendered = (k: number): { nodes: RootContent[]; display: "block" | "inline" } => {
    const node = candidates[k]!;
    if (node.escaped) {
      builder.stats.escaped++;
      const literal = text.slice(node.position.start.offset + 1, node.position.end.offset - 1);
      return { nodes: [{ type: "text", value: literal }], display: "inline" };
    }
    return builder.shortcode(node);
  };
  replacePlaceholders(tree, rendered);
  return tree;
}

// Only markdown input to JSON/mdast parses markdown: remark-parse is loaded when first needed.
const remarkParse = await onDemand<typeof import("remark-parse")>("remark-parse");
const strikethroughSyntax = await onDemand<typeof import("micromark-extension-gfm-strikethrough")>("micromark-extension-gfm-strikethrough");
const tableSyntax = await onDemand<typeof import("micromark-extension-gfm-table")>("micromark-extension-gfm-table");
const strikethroughTree = await onDemand<typeof import("mdast-util-gfm-strikethrough")>("mdast-util-gfm-strikethrough");
const tableTree = await onDemand<typeof import("mdast-util-gfm-table")>("mdast-util-gfm-table");

/** The GFM the converter writes (strikethrough, tables), read back so (not literal autolinks: bare URLs stay text). */
function gfmFromMarkdown(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(strikethroughSyntax().gfmStrikethrough(), tableSyntax().gfmTable());
  (data.fromMarkdownExtensions ??= []).push(strikethroughTree().gfmStrikethroughFromMarkdown(), tableTree().gfmTableFromMarkdown());
}
const markdownParser = once(() => unifiedPackage().unified().use(gfmFromMarkdown).use(remarkParse().default));
const PLACEHOLDER = /<!--smig:(\d+)-->/g;

/** Replace placeholders (html nodes, block or inline) with rendered nodes; split paragraphs around block output. */
function replacePlaceholders(parent: Parent, rendered: (k: number) => { nodes: RootContent[]; display: "block" | "inline" }): void {
  const out: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    delete child.position;
    if (child.type === "html" && PLACEHOLDER.test(child.value)) {
      PLACEHOLDER.lastIndex = 0;
      pushAll(out, expandHtml(child.value, rendered, parent.type === "paragraph" || parent.type === "heading"));
      continue;
    }
    if ("children" in child) replacePlaceholders(child as Parent, rendered);
    if (child.type === "paragraph" && child.children.some((c) => (c as { blockOutput?: boolean }).blockOutput)) {
      pushAll(out, splitParagraph(child.children));
      continue;
    }
    out.push(child);
  }
  parent.children = out as never;
}

/** The nodes for an html node that holds placeholders (and perhaps other HTML around them). */
function expandHtml(value: string, rendered: (k: number) => { nodes: RootContent[]; display: "block" | "inline" }, inline: boolean): RootContent[] {
  const out: RootContent[] = [];
  let at = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(value); m; m = PLACEHOLDER.exec(value)) {
    const before = value.slice(at, m.index);
    if (before.trim() !== "") out.push({ type: "html", value: before });
    const { nodes, display } = rendered(Number(m[1]));
    if (inline && display === "block") {
      // Marked so that the paragraph holding it is split around it.
      for (const node of nodes) out.push(Object.assign(node, { blockOutput: true }));
    } else if (!inline && display === "inline") {
      if (nodes.length) out.push({ type: "paragraph", children: nodes as PhrasingContent[] });
    } else {
      pushAll(out, nodes);
    }
    at = m.index + m[0].length;
  }
  const after = value.slice(at);
  if (after.trim() !== "") out.push({ type: "html", value: after });
  PLACEHOLDER.lastIndex = 0;
  return out;
}

/** A paragraph whose children include block output → paragraphs and blocks in order. */
function splitParagraph(children: PhrasingContent[]): RootContent[] {
  const out: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    while (run.length && run[0]!.type === "text" && (run[0] as { value: string }).value.trim() === "") run.shift();
    while (run.length && run.at(-1)!.type === "text" && (run.at(-1) as { value: string }).value.trim() === "") run.pop();
    if (run.length) out.push({ type: "paragraph", children: run });
    run = [];
  };
  for (const child of children) {
    if ((child as { blockOutput?: boolean }).blockOutput) {
      flush();
      delete (child as { blockOutput?: boolean }).blockOutput;
      out.push(child as unknown as RootContent);
    } else {
      run.push(child);
    }
  }
  flush();
  return out;
}
