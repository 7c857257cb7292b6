/**
 * Legacy HTML inside a body → mdast, through rehype-parse and rehype-remark (hast-util-to-mdast).
 * Only paragraphs that contain HTML come here. Shortcodes travel through as private-use
 * placeholders (`\uE000n\uE001`) and are spliced back as their rules' mdast.
 */
import type { Element, Root as HastRoot } from "hast";
import type { Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Options as RehypeRemarkOptions } from "rehype-remark";
import { fastHtmlTree } from "./html-fast.js";
import { onDemand, once, unifiedPackage } from "./on-demand.js";
import { BLOCK_ONLY } from "./nodes.js";
import { hasLineEnd, normalizeSpaces } from "./text.js";
import { pushAll } from "./push-all.js";

type Handle = NonNullable<NonNullable<RehypeRemarkOptions["handlers"]>[string]>;

/** The fragment being converted: raw-kept elements are sliced out of it by position. */
let currentHtml = "";

/** Keeps an element's exact source as an mdast `html` node (what CommonMark cannot express). */
const keepRaw: Handle = (_state, node) => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return { type: "html", value: currentHtml.slice(start, end) };
};

/** Keeps an element's exact source as text (escaped on output): `<script>` in prose is prose. */
const keepAsText: Handle = (_state, node) => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return { type: "text", value: currentHtml.slice(start, end) };
};

const iframe: Handle = (_state, node: Element) => {
  const src = String(node.properties["src"] ?? "").trim();
  if (!src) return undefined;
  const title = String(node.properties["title"] ?? "").trim();
  // An `embed` node stands as its own block; the paragraph around it is split later.
  return { type: "embed", kind: "iframe", url: src, title: title || null } as unknown as ReturnType<Handle>;
};

// rehype is the fallback of the fast path (html-fast.ts): loaded and built when first needed.
const rehypeParse = await onDemand<typeof import("rehype-parse")>("rehype-parse");
const rehypeRemark = await onDemand<typeof import("rehype-remark")>("rehype-remark");
const processor = once(() =>
  unifiedPackage()
    .unified()
    .use(rehypeParse().default, { fragment: true })
    .use(rehypeRemark().default, {
      document: true,
      handlers: {
        iframe,
        table: keepRaw,
        del: keepRaw,
        s: keepRaw,
        strike: keepRaw,
        video: keepRaw,
        audio: keepRaw,
        object: keepRaw,
        // rehype-remark drops these with their content; in legacy prose that would lose text.
        script: keepAsText,
        style: keepAsText,
        noscript: keepAsText,
        // Comments such as WordPress's `<!--more-->` carry meaning: keep them.
      },
      nodeHandlers: {
        comment: (_state, node) => ({ type: "html", value: `<!--${(node as { value: string }).value}-->` }),
      },
    }),
);

/** Elements after/before which a source newline is layout, not a `<br>`. */
const BLOCK_TAG = "(?:p|div|ul|ol|li|h[1-6]|blockquote|table|thead|tbody|tr|td|th|pre|figure|figcaption|hr|br|iframe|dl|dt|dd|section|article|aside|header|footer)";
const NL_AFTER_BLOCK = new RegExp(`(<\\/?${BLOCK_TAG}\\b[^>]*>)[ \\t]*<br data-nl>`, "gi");
const NL_BEFORE_BLOCK = new RegExp(`<br data-nl>([ \\t]*<\\/?${BLOCK_TAG}\\b)`, "gi");

/** A comment, a tag (quoted attribute values may hold `>` and newlines), or a run of text (group 1). */
const TAG_OR_TEXT = /<!--[\s\S]*?(?:-->|$)|<[a-zA-Z/!?](?:[^>"']|"[^"]*"|'[^']*')*>|([^<]+|<)/g;

/** WordPress's rule inside HTML paragraphs: a newline is a `<br>` unless it sits next to a block tag. */
function newlinesToBreaks(html: string): string {
  if (!hasLineEnd(html)) return html;
  // Only newlines between tags: one inside a tag (an attribute value spanning lines) is not
  // layout, and a `<br>` there would end up inside a URL or an alt text.
  return html
    .replace(TAG_OR_TEXT, (tag: string, text: string | undefined) =>
      text === undefined ? tag : text.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, "<br data-nl>\n"),
    )
    .replace(NL_AFTER_BLOCK, "$1")
    .replace(NL_BEFORE_BLOCK, "$1");
}

const PLACEHOLDER = /\ue000(\d+)\ue001/g;

/** What a placeholder's shortcode renders to. */
export type RenderPlaceholder = (index: number) => { nodes: RootContent[]; display: "block" | "inline" };

/**
 * Converts one HTML-bearing paragraph to blocks.
 * @param html the paragraph's source with shortcodes replaced by placeholders
 * @param render renders the shortcode behind placeholder `n`
 * @param raw the source text of placeholder `n` (used where markup cannot hold mdast, e.g. code)
 * @param breaks apply WordPress's newline → `<br>` rule (default: `true`; `false` for HTML input)
 */
export function htmlToMdast(html: string, render: RenderPlaceholder, raw: (index: number) => string, breaks = true): RootContent[] {
  htmlToMdastProbe.observe?.(html, render, raw, breaks);
  return guarded(html, raw, () => {
    const prepared = breaks ? newlinesToBreaks(html) : html;
    // Most HTML paragraphs hold only simple inline markup: a strict scanner builds the very
    // tree rehype would (tests/convert/html-fast.test.ts), and anything else goes to rehype.
    return finishTree(fastHtmlTree(prepared) ?? rehypeTree(prepared), html, render, raw);
  });
}

/**
 * The paragraph through the fast path (`html-fast.ts`), or `null` when it is outside the simple
 * subset. Same contract as {@link htmlToMdast}.
 */
export function fastHtmlToMdast(html: string, render: RenderPlaceholder, raw: (index: number) => string, breaks = true): RootContent[] | null {
  const tree = fastHtmlTree(breaks ? newlinesToBreaks(html) : html);
  return tree ? finishTree(tree, html, render, raw) : null;
}

/** Test hook: sees every paragraph {@link htmlToMdast} is given (tests/convert/html-fast.test.ts). */
export const htmlToMdastProbe: { observe?: (html: string, render: RenderPlaceholder, raw: (index: number) => string, breaks: boolean) => void } = {};

/** {@link htmlToMdast} through rehype alone (the reference the fast path is tested against). */
export function rehypeHtmlToMdast(html: string, render: RenderPlaceholder, raw: (index: number) => string, breaks = true): RootContent[] {
  return guarded(html, raw, () => finishTree(rehypeTree(breaks ? newlinesToBreaks(html) : html), html, render, raw));
}

function guarded(html: string, raw: (index: number) => string, convert: () => RootContent[]): RootContent[] {
  try {
    return convert();
  } catch (error) {
    // Markup nested thousands deep overflows the stack of the (recursive) hast/mdast tools.
    // Never throw and never lose text: keep that markup as it was written.
    if (!(error instanceof RangeError)) throw error;
    return [{ type: "html", value: html.replace(PLACEHOLDER, (_match, index: string) => raw(Number(index))) }];
  }
}

/** rehype-parse + rehype-remark over the prepared (newline-converted) fragment. */
function rehypeTree(prepared: string): Root {
  currentHtml = prepared;
  try {
    const rehype = processor();
    return rehype.runSync(rehype.parse(currentHtml) as HastRoot) as Root;
  } finally {
    currentHtml = "";
  }
}

/**
 * What both paths share after the fragment became mdast: placeholders spliced, lost
 * placeholders kept, block-only nodes hoisted, empty paragraphs dropped.
 * @param html the paragraph's source as given to {@link htmlToMdast} (before newline conversion)
 */
function finishTree(tree: Root, html: string, render: RenderPlaceholder, raw: (index: number) => string): RootContent[] {
  const seen = new Set<number>();
  splice(tree, render, raw, seen);
  // A placeholder that rehype dropped (e.g. inside <script>) must not lose its shortcode.
  const lost: PhrasingContent[] = [];
  const count = (html.match(PLACEHOLDER) ?? []).length;
  for (let index = 0; index < count; index++) {
    if (!seen.has(index)) lost.push({ type: "html", value: raw(index) });
  }
  if (lost.length) tree.children.push({ type: "paragraph", children: lost });
  hoistBlocks(tree);
  return tree.children.filter((node) => !(node.type === "paragraph" && node.children.length === 0));
}

/** Replaces placeholders by rendered shortcodes and normalizes spaces in text. */
function splice(parent: Parent, render: RenderPlaceholder, raw: (index: number) => string, seen: Set<number>): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === "text") {
      const value = child.value;
      if (!value.includes("\ue000")) {
        if (value !== "") out.push({ type: "text", value: normalizeSpaces(value) });
        continue;
      }
      let last = 0;
      // matchAll iterates a copy of the regex: render() below may re-enter splice (a caption
      // inside an HTML paragraph), and a shared lastIndex reset there looped here forever
      for (const match of value.matchAll(PLACEHOLDER)) {
        if (match.index > last) out.push({ type: "text", value: normalizeSpaces(value.slice(last, match.index)) });
        const index = Number(match[1]);
        seen.add(index);
        pushAll(out, render(index).nodes);
        last = match.index + match[0].length;
      }
      if (last < value.length) out.push({ type: "text", value: normalizeSpaces(value.slice(last)) });
      continue;
    }
    if ("value" in child && typeof child.value === "string" && child.value.includes("\ue000")) {
      child.value = child.value.replace(PLACEHOLDER, (_match, index: string) => {
        seen.add(Number(index));
        return raw(Number(index));
      });
    }
    if ("alt" in child && typeof child.alt === "string") child.alt = normalizeSpaces(child.alt);
    // Positions from rehype are relative to the fragment, not to the body: drop them.
    if (child.position && !isCustom(child)) delete child.position;
    if ("children" in child) splice(child as Parent, render, raw, seen);
    out.push(child);
  }
  // Spaces next to a line break are layout, not content.
  out.forEach((node, index) => {
    if (node.type !== "text") return;
    // (index > 0: reading out[-1] is a slow named-property lookup, not an array access)
    if (index > 0 && out[index - 1]!.type === "break") node.value = node.value.replace(/^\s+/, "");
    if (index + 1 < out.length && out[index + 1]!.type === "break") node.value = node.value.trimEnd();
  });
  parent.children = out.filter((node) => !(node.type === "text" && node.value === ""));
}

/**
 * Splits paragraphs (and headings) around block-only nodes (a related-news box inside `<p>`),
 * at any depth of flow content.
 */
function hoistBlocks(parent: Parent): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if ((child.type === "paragraph" || child.type === "heading") && child.children.some((node) => BLOCK_ONLY.has(node.type) || isBlockRuleOutput(node))) {
      let run: PhrasingContent[] = [];
      const flush = () => {
        trimEdges(run);
        if (run.length) out.push({ ...child, children: run } as RootContent);
        run = [];
      };
      for (const node of child.children as RootContent[]) {
        if (BLOCK_ONLY.has(node.type) || isBlockRuleOutput(node)) {
          flush();
          out.push(node);
        } else run.push(node as PhrasingContent);
      }
      flush();
      continue;
    }
    if ("children" in child && child.type !== "paragraph" && child.type !== "heading") hoistBlocks(child as Parent);
    out.push(child);
  }
  parent.children = out;
}

/** Nodes rendered from our own AST carry body positions; keep those. */
function isCustom(node: RootContent): boolean {
  return node.type === "relatedNews" || node.type === "figure" || node.type === "keptShortcode" || node.type === "ruleOutput" || (node.type === "embed" && node.data?.shortcode !== undefined);
}

function isBlockRuleOutput(node: RootContent): boolean {
  return node.type === "ruleOutput" && node.display === "block";
}

/** Drops breaks and whitespace left at the edges of a paragraph split around a block. */
function trimEdges(run: PhrasingContent[]): void {
  while (run.length && (run[0]!.type === "break" || (run[0]!.type === "text" && !(run[0] as { value: string }).value.trim()))) run.shift();
  while (run.length && (run[run.length - 1]!.type === "break" || (run[run.length - 1]!.type === "text" && !(run[run.length - 1] as { value: string }).value.trim()))) run.pop();
  const first = run[0];
  if (first?.type === "text") first.value = first.value.replace(/^\s+/, "");
  const last = run[run.length - 1];
  if (last?.type === "text") last.value = last.value.trimEnd();
}

