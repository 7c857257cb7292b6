/**
 * Legacy HTML inside a body → mdast, through rehype-parse and rehype-remark (hast-util-to-mdast).
 * Only paragraphs that contain HTML come here. Shortcodes travel through as private-use
 * placeholders (`\uE000n\uE001`) and are spliced back as their rules' mdast.
 */
import type { Element, Root as HastRoot } from "hast";
import type { Link, Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Options as RehypeRemarkOptions } from "rehype-remark";
import { fastHtmlTree } from "./html-fast.js";
import { onDemand, once, unifiedPackage } from "./on-demand.js";
import { isBlockOnly, keepsPosition } from "./kinds/index.js";
import { endsWithWhiteSpace, hasLineEnd, normalizeSpaces } from "./text.js";
import { pushAll } from "./push-all.js";
import { linkify } from "./urls.js";
import { rescueValues, UNRENDERED, type StripTags } from "./html-rescue.js";
import { minifyWhitespace } from "./minify-whitespace.js";

type Handle = NonNullable<NonNullable<RehypeRemarkOptions["handlers"]>[string]>;
type NodeHandle = NonNullable<NonNullable<RehypeRemarkOptions["nodeHandlers"]>[string]>;

/** The fragment being converted: raw-kept elements are sliced out of it by position. */
let currentHtml = "";

/** Keeps an element's exact source as an mdast `html` node (what CommonMark cannot express). */
const keepRaw: Handle = (_state, node) => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  // (the newline markers of newlinesToBreaks are taken out again: they are ours, not the source's)
  return { type: "html", value: currentHtml.slice(start, end).replace(/<br data-nl>/g, "") };
};

const iframe: Handle = (_state, node: Element) => {
  const src = String(node.properties["src"] ?? "").trim();
  if (!src) return undefined;
  const title = String(node.properties["title"] ?? "").trim();
  // An `embed` node stands as its own block; the paragraph around it is split later.
  return { type: "embed", kind: "iframe", url: src, title: title || null } as unknown as ReturnType<Handle>;
};

/**
 * Inline elements markdown has no syntax for (`<sup>`, `<abbr title>`, `<u>` …): their tags kept
 * as inline HTML around their converted content. `hName` tells hast-util-to-mdast that these
 * `html` nodes are phrasing, so the paragraph is not split around them.
 */
const inlineHtml: Handle = (state, node: Element) => {
  const children = state.all(node);
  const start = node.position?.start.offset;
  const first = node.children[0]?.position?.start.offset;
  const name = node.tagName;
  const written = start !== undefined && first !== undefined ? currentHtml.slice(start, first) : "";
  const open = new RegExp(`^<${name}(?=[\\s/>])[^]*>$`, "i").test(written) && !written.includes("data-nl") ? written : `<${name}>`;
  if (!children.length) return undefined;
  const tag = (value: string) => ({ type: "html", value, data: { hName: "span" } }) as unknown as RootContent;
  return [tag(open), ...children, tag(`</${name}>`)] as ReturnType<Handle>;
};

/**
 * `<a>`: a link as hast-util-to-mdast makes it; without an `href`, no link at all (a button
 * block's `<a class="wp-block-button__link">`): an anchor's `id`/`name` keeps its tags as
 * inline HTML, anything else is its content alone.
 */
const anchor: Handle = (state, node: Element, parent) => {
  const href = node.properties["href"];
  if (href !== undefined && href !== null && String(href).trim() !== "") return toMdast().defaultHandlers["a"]!(state, node);
  if (node.properties["id"] !== undefined || node.properties["name"] !== undefined) {
    if (node.children.length) return inlineHtml(state, node, parent);
    const kept = keepRaw(state, node, parent) as { type: "html"; value: string } | undefined;
    return kept && ({ ...kept, data: { hName: "span" } } as unknown as ReturnType<Handle>);
  }
  return state.all(node) as ReturnType<Handle>;
};

/** `<img>`: an image as hast-util-to-mdast makes it, with the URLs html-rescue.ts kept for the JSON (`data.unrendered`). */
const img: Handle = (state, node: Element) => {
  const image = toMdast().defaultHandlers["img"]!(state, node) as { data?: Record<string, unknown> };
  const kept = node.properties[UNRENDERED];
  if (typeof kept === "string") image.data = { ...image.data, unrendered: JSON.parse(kept) as Record<string, string> };
  return image as ReturnType<Handle>;
};

/** Characters besides word ones a language name may hold (`c++`, `objective-c`, `c#`). */
const LANGUAGE = /^[\w+#.-]+$/;

/** A code block's language from its classes: `language-x`, `lang-x` or SyntaxHighlighter's `brush: x`. */
function languageOf(...elements: Array<Element | undefined>): string | null {
  for (const element of elements) {
    const classes = element?.properties["className"];
    if (!Array.isArray(classes)) continue;
    const list = classes.map(String);
    for (let index = 0; index < list.length; index++) {
      const name = list[index]!;
      const prefixed = /^(?:language|lang)-(.+)$/i.exec(name);
      if (prefixed && LANGUAGE.test(prefixed[1]!)) return prefixed[1]!.toLowerCase();
      if (/^brush:/i.test(name)) {
        const value = (name.length > 6 ? name.slice(6) : (list[index + 1] ?? "")).replace(/;$/, "");
        if (LANGUAGE.test(value)) return value.toLowerCase();
      }
    }
  }
  return null;
}

/** `<pre>`: one code block, its text as written, the language from its or its `<code>`'s classes. */
const pre: Handle = (state, node: Element) => {
  const result = toMdast().defaultHandlers["pre"]!(state, node) as { type: "code"; lang?: string | null };
  const code = node.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  result.lang = languageOf(node, code) ?? result.lang ?? null;
  return result as ReturnType<Handle>;
};

/**
 * `<code>`: inline code, as hast-util-to-mdast makes it, except that a link inside keeps its URL:
 * `<code><a href="u">require</a></code>` is a link around the code.
 */
const code: Handle = (state, node: Element) => {
  const defaults = toMdast().defaultHandlers;
  if (!node.children.some((child) => child.type === "element" && child.tagName === "a")) return defaults["code"]!(state, node);
  const out: PhrasingContent[] = [];
  for (const child of node.children) {
    if (child.type === "element" && child.tagName === "a") {
      const link = defaults["a"]!(state, { ...child, children: [{ ...node, children: child.children }] }) as PhrasingContent;
      out.push(link);
    } else {
      const inline = defaults["code"]!(state, { ...node, children: [child] }) as PhrasingContent | undefined;
      if (inline && (inline as { value?: string }).value) out.push(inline);
    }
  }
  return out as ReturnType<Handle>;
};

/** Block elements that make a table cell too rich for a GFM table. */
const CELL_BLOCKS = new Set([
  "p",
  "div",
  "ul",
  "ol",
  "li",
  "table",
  "pre",
  "blockquote",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "br",
  "dl",
  "figure",
  "caption",
  "section",
  "iframe",
  "video",
  "audio",
  "object",
  "script",
  "style",
]);

/** A table GFM can hold: no caption, no merged cells, no block in a cell, at least one cell. */
function simpleTable(table: Element): boolean {
  let cells = 0;
  const walk = (element: Element, inCell: boolean): boolean => {
    for (const child of element.children) {
      if (child.type !== "element") continue;
      const name = child.tagName;
      if (name === "caption" || (inCell && CELL_BLOCKS.has(name))) return false;
      if (name === "td" || name === "th") {
        cells++;
        const span = (key: string) => Number(child.properties[key] ?? 1);
        if (span("colSpan") > 1 || span("rowSpan") > 1) return false;
        if (!walk(child, true)) return false;
      } else if (!walk(child, inCell)) return false;
    }
    return true;
  };
  return walk(table, false) && cells > 0;
}

/** `<script>`, `<style>`, `<noscript>`: kept verbatim as a raw HTML block, and reported (a page may not want them). */
const keepCode: Handle = (state, node: Element) => {
  notes.push(`<${node.tagName}> kept as raw HTML`);
  return keepRaw(state, node, undefined);
};

/** `<table>`: a GFM table when it is simple, else its exact source as raw HTML (with a note). */
const table: Handle = (state, node: Element) => {
  if (simpleTable(node)) return toMdast().defaultHandlers["table"]!(state, node);
  notes.push("A table with merged cells, a caption or blocks in its cells is kept as HTML (GFM tables cannot hold it)");
  return keepRaw(state, node, undefined);
};

/** Notes of the paragraph being converted (a table kept as HTML), reported by the caller. */
let notes: string[] = [];

// rehype is the fallback of the fast path (html-fast.ts): loaded and built when first needed.
const rehypeParse = await onDemand<typeof import("rehype-parse")>("rehype-parse");
const rehypeRemark = await onDemand<typeof import("rehype-remark")>("rehype-remark");
const toMdast = await onDemand<typeof import("hast-util-to-mdast")>("hast-util-to-mdast");

/** rehype-remark's options (document mode) with this module's handlers. */
const OPTIONS = {
  document: true,
  handlers: {
    iframe,
    a: anchor,
    img,
    table,
    pre,
    code,
    video: keepRaw,
    audio: keepRaw,
    object: keepRaw,
    // `<del>`, `<s>`, `<strike>`: hast-util-to-mdast's own `delete` (GFM strikethrough).
    ins: inlineHtml,
    u: inlineHtml,
    mark: inlineHtml,
    sup: inlineHtml,
    sub: inlineHtml,
    abbr: inlineHtml,
    acronym: inlineHtml,
    q: inlineHtml,
    // rehype-remark drops these with their content: kept as written, as raw HTML blocks.
    script: keepCode,
    style: keepCode,
    noscript: keepCode,
    // Comments such as WordPress's `<!--more-->` carry meaning: keep them.
  },
  nodeHandlers: {
    comment: ((_state, node) => ({ type: "html", value: `<!--${(node as { value: string }).value}-->` })) as NodeHandle,
  },
} satisfies RehypeRemarkOptions;

const parser = once(() => unifiedPackage().unified().use(rehypeParse().default, { fragment: true }));
/** The library's own pipeline (rehype-parse + rehype-remark): the reference {@link hastToMdast} is tested against. */
const libraryProcessor = once(() => unifiedPackage().unified().use(rehypeParse().default, { fragment: true }).use(rehypeRemark().default, OPTIONS));

/**
 * Switch for tests: `true` converts through rehype-remark itself, as the library does
 * (tests/convert/html-clone.test.ts checks that {@link hastToMdast} gives the same).
 */
export const libraryToMdast = { use: false };

/** The tree {@link hastToMdast} is converting, and the ids its white space pass gathered. */
let pending: { tree: HastRoot; ids: Map<string, Element> } | undefined;

/** hast-util-to-mdast's options with a `root` handler that converts {@link pending} instead of the (empty) root it is given. */
const PENDING_OPTIONS = {
  ...OPTIONS,
  nodeHandlers: {
    ...OPTIONS.nodeHandlers,
    root: ((state) => {
      const { tree, ids } = pending!;
      for (const [id, element] of ids) if (!state.elementById.has(id)) state.elementById.set(id, element);
      return toMdast().defaultNodeHandlers.root(state, tree);
    }) as NodeHandle,
  },
} satisfies RehypeRemarkOptions;

/**
 * What rehype-remark makes of `tree` (hast-util-to-mdast with {@link OPTIONS}), with two of
 * its steps done here: white space minifying (minify-whitespace.ts, the library's own compiles
 * its element tests on every call) and no deep copy of the tree first (the library copies it
 * because minifying mutates it; this tree is a fresh parse nobody else holds: the copy was a
 * fifth to a third of a table's conversion). hast-util-to-mdast is given an empty root, so
 * its copy and its own minifying cost nothing, and its `root` handler converts `tree`. Every
 * other step (handlers, wrapping, the final clean-up of texts) is the library's.
 */
function hastToMdast(tree: HastRoot): Root {
  const ids = new Map<string, Element>();
  minifyWhitespace(tree, ids);
  pending = { tree, ids };
  try {
    return toMdast().toMdast({ type: "root", children: [] }, PENDING_OPTIONS) as Root;
  } finally {
    pending = undefined;
  }
}

/** Elements after/before which a source newline is layout, not a `<br>`. */
const BLOCK_TAG =
  "(?:p|div|ul|ol|li|h[1-6]|blockquote|table|thead|tbody|tr|td|th|pre|figure|figcaption|hr|br|iframe|dl|dt|dd|section|article|aside|header|footer)";
const NL_AFTER_BLOCK = new RegExp(`(<\\/?${BLOCK_TAG}\\b[^>]*>)[ \\t]*<br data-nl>`, "gi");
const NL_BEFORE_BLOCK = new RegExp(`<br data-nl>([ \\t]*<\\/?${BLOCK_TAG}\\b)`, "gi");

/** A comment, a tag (quoted attribute values may hold `>` and newlines), or a run of text (group 1). */
const TAG_OR_TEXT = /<!--[\s\S]*?(?:-->|$)|<[a-zA-Z/!?](?:[^>"']|"[^"]*"|'[^']*')*>|([^<]+|<)/g;

/** Elements whose content WordPress's autop leaves alone: newlines there are content. */
const RAW_OPEN = /<(pre|script|style|textarea)(?=[\s/>])/gi;

/**
 * WordPress's rule inside HTML paragraphs: a newline is a `<br>` unless it sits next to a block
 * tag, or inside `<pre>`, `<script>`, `<style>` or `<textarea>`, which autop leaves as written.
 */
function newlinesToBreaks(html: string): string {
  if (!hasLineEnd(html)) return html;
  let converted = "";
  let at = 0;
  RAW_OPEN.lastIndex = 0;
  for (let open = RAW_OPEN.exec(html); open; open = RAW_OPEN.exec(html)) {
    const tagEnd = html.indexOf(">", open.index);
    if (tagEnd === -1) break;
    const close = new RegExp(`</${open[1]}\\s*>`, "gi");
    close.lastIndex = tagEnd + 1;
    const end = close.exec(html);
    const contentEnd = end ? end.index : html.length;
    converted += textBreaks(html.slice(at, tagEnd + 1)) + html.slice(tagEnd + 1, contentEnd);
    at = contentEnd;
    RAW_OPEN.lastIndex = end ? end.index + end[0].length : html.length;
  }
  converted += textBreaks(html.slice(at));
  return converted.replace(NL_AFTER_BLOCK, "$1").replace(NL_BEFORE_BLOCK, "$1");
}

/** Newlines between tags → `<br data-nl>` markers (none inside a tag: an attribute value may span lines). */
function textBreaks(html: string): string {
  if (!hasLineEnd(html)) return html;
  return html.replace(TAG_OR_TEXT, (tag: string, text: string | undefined) =>
    text === undefined ? tag : text.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, "<br data-nl>\n"),
  );
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
export function htmlToMdast(
  html: string,
  render: RenderPlaceholder,
  raw: (index: number) => string,
  breaks = true,
  note?: (reason: string) => void,
  strip?: StripTags,
  plainSpaces = false,
): RootContent[] {
  htmlToMdastProbe.observe?.(html, render, raw, breaks, plainSpaces);
  const blocks = guarded(html, raw, () => {
    const prepared = breaks ? newlinesToBreaks(html) : html;
    // Most HTML paragraphs hold only simple inline markup: a strict scanner builds the very
    // tree rehype would (tests/convert/html-fast.test.ts), and anything else goes to rehype
    // (so does a paragraph with tags to strip, or a `url(…)` in a style, see html-rescue.ts).
    const fast = strip || html.includes("url(") ? null : fastHtmlTree(prepared);
    return finishTree(fast ?? rehypeTree(prepared, strip && inFragment(prepared, strip)), html, render, raw, plainSpaces);
  });
  if (notes.length) {
    for (const reason of notes) note?.(reason);
    notes = [];
  }
  return blocks;
}

/**
 * The paragraph through the fast path (`html-fast.ts`), or `null` when it is outside the simple
 * subset. Same contract as {@link htmlToMdast}.
 */
export function fastHtmlToMdast(
  html: string,
  render: RenderPlaceholder,
  raw: (index: number) => string,
  breaks = true,
  plainSpaces = false,
): RootContent[] | null {
  const tree = fastHtmlTree(breaks ? newlinesToBreaks(html) : html);
  return tree ? finishTree(tree, html, render, raw, plainSpaces) : null;
}

/** Test hook: sees every paragraph {@link htmlToMdast} is given (tests/convert/html-fast.test.ts). */
export const htmlToMdastProbe: {
  observe?: (html: string, render: RenderPlaceholder, raw: (index: number) => string, breaks: boolean, plainSpaces: boolean) => void;
} = {};

/** {@link htmlToMdast} through rehype alone (the reference the fast path is tested against). */
export function rehypeHtmlToMdast(html: string, render: RenderPlaceholder, raw: (index: number) => string, breaks = true): RootContent[] {
  const blocks = guarded(html, raw, () => finishTree(rehypeTree(breaks ? newlinesToBreaks(html) : html), html, render, raw));
  notes = [];
  return blocks;
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

/** {@link StripTags} whose offsets are those of the fragment before newline conversion (its `<br data-nl>` markers not counted). */
function inFragment(prepared: string, strip: StripTags): StripTags {
  return {
    tags: strip.tags,
    stripped: (tag, offset) => strip.stripped(tag, offset - (prepared.slice(0, offset).match(/<br data-nl>/g)?.length ?? 0) * "<br data-nl>".length),
  };
}

/** rehype-parse + rehype-remark over the prepared (newline-converted) fragment. */
function rehypeTree(prepared: string, strip?: StripTags): Root {
  currentHtml = prepared;
  try {
    const rehype = libraryToMdast.use ? libraryProcessor() : parser();
    const hast = rehype.parse(currentHtml) as HastRoot;
    rescueValues(hast, strip, (reason) => notes.push(reason));
    return libraryToMdast.use ? (libraryProcessor().runSync(hast) as Root) : hastToMdast(hast);
  } finally {
    currentHtml = "";
  }
}

/**
 * What both paths share after the fragment became mdast: placeholders spliced, lost
 * placeholders kept, block-only nodes hoisted, empty paragraphs dropped.
 * @param html the paragraph's source as given to {@link htmlToMdast} (before newline conversion)
 */
function finishTree(tree: Root, html: string, render: RenderPlaceholder, raw: (index: number) => string, plainSpaces = false): RootContent[] {
  const seen = new Set<number>();
  unwrapEmptyLinks(tree);
  splice(tree, render, raw, seen, false, plainSpaces);
  // A placeholder that rehype dropped (e.g. inside <script>) must not lose its shortcode.
  const lost: PhrasingContent[] = [];
  const count = html.includes("\ue000") ? (html.match(PLACEHOLDER) ?? []).length : 0;
  for (let index = 0; index < count; index++) {
    if (!seen.has(index)) lost.push({ type: "html", value: raw(index) });
  }
  if (lost.length) tree.children.push({ type: "paragraph", children: lost });
  spacesOutOfAttention(tree);
  hoistBlocks(tree);
  trimParagraphs(tree);
  return tree.children.filter((node) => !(node.type === "paragraph" && node.children.length === 0));
}

/**
 * Never an empty link: a link without a URL (the fast path's `<a>` with no `href`) becomes its
 * content, adjacent text merged, as the `a` handler of the rehype path makes it.
 */
function unwrapEmptyLinks(parent: Parent): void {
  // (no array is made for a parent without an empty link: most paragraphs have none)
  let out: RootContent[] | undefined;
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if ("children" in child) unwrapEmptyLinks(child as Parent);
    if (child.type === "link" && !child.url.trim()) {
      out ??= children.slice(0, index);
      pushAll(out, child.children);
    } else out?.push(child);
  }
  if (!out) return;
  const merged: RootContent[] = [];
  for (const node of out) {
    const previous = merged[merged.length - 1];
    if (node.type === "text" && previous?.type === "text") previous.value += node.value;
    else merged.push(node);
  }
  parent.children = merged as never;
}

/**
 * Replaces placeholders by rendered shortcodes and normalizes spaces in text.
 * @param plainSpaces the fragment holds none of the characters {@link normalizeSpaces} rewrites,
 *   and no `&` that could decode to one: its texts need no normalizing
 */
function splice(parent: Parent, render: RenderPlaceholder, raw: (index: number) => string, seen: Set<number>, inLink: boolean, plainSpaces: boolean): void {
  const out: RootContent[] = [];
  // Text as it ends up in the tree: bare URLs made links (not inside a link).
  const text = (value: string) => {
    const normalized = plainSpaces ? value : normalizeSpaces(value);
    const linked = inLink ? undefined : linkify(normalized);
    if (linked) pushAll(out, linked);
    else out.push({ type: "text", value: normalized });
  };
  for (const child of parent.children) {
    if (child.type === "text") {
      const value = child.value;
      if (!value.includes("\ue000")) {
        if (value !== "") text(value);
        continue;
      }
      let last = 0;
      // matchAll iterates a copy of the regex: render() below may re-enter splice (a caption
      // inside an HTML paragraph), and a shared lastIndex reset there looped here forever
      for (const match of value.matchAll(PLACEHOLDER)) {
        if (match.index > last) text(value.slice(last, match.index));
        const index = Number(match[1]);
        seen.add(index);
        pushAll(out, render(index).nodes);
        last = match.index + match[0].length;
      }
      if (last < value.length) text(value.slice(last));
      continue;
    }
    if ("value" in child && typeof child.value === "string" && child.value.includes("\ue000")) {
      child.value = child.value.replace(PLACEHOLDER, (_match, index: string) => {
        seen.add(Number(index));
        return raw(Number(index));
      });
    }
    // (`hName` only told hast-util-to-mdast that inline HTML is phrasing: mdast tools would make it a <span>)
    if (child.type === "html" && child.data) delete child.data;
    if (!plainSpaces && "alt" in child && typeof child.alt === "string") child.alt = normalizeSpaces(child.alt);
    // Positions from rehype are relative to the fragment, not to the body: drop them.
    if (child.position && !keepsPosition(child)) delete child.position;
    if ("children" in child) splice(child as Parent, render, raw, seen, inLink || child.type === "link", plainSpaces);
    if (child.type === "link") pushLink(out, child);
    else out.push(child);
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
 * A link's line breaks at its edges are written outside it (inside, the last one would show
 * as a stray backslash).
 */
function pushLink(out: RootContent[], link: Link): void {
  const children = link.children;
  let lead = 0;
  while (lead < children.length && children[lead]!.type === "break") lead++;
  let trail = children.length;
  while (trail > lead && children[trail - 1]!.type === "break") trail--;
  if (lead === 0 && trail === children.length) {
    out.push(link);
    return;
  }
  pushAll(out, children.slice(0, lead));
  if (trail > lead) out.push({ ...link, children: children.slice(lead, trail) });
  pushAll(out, children.slice(trail));
}

/**
 * White space at a paragraph's edges goes (a `&nbsp;` there became a space, after rehype's own
 * trimming; remark-stringify would write it as `&#x20;`), and so does a paragraph left empty.
 */
function trimParagraphs(parent: Parent): void {
  let empty = false;
  for (const child of parent.children as RootContent[]) {
    if (child.type === "paragraph" || child.type === "heading") {
      const children = child.children;
      // (a line break at a paragraph's edge would be written as a stray backslash)
      while (children[0]?.type === "break") children.shift();
      while (children[children.length - 1]?.type === "break") children.pop();
      const first = children[0];
      if (first?.type === "text" && /^\s/.test(first.value)) first.value = first.value.trimStart();
      const last = children[children.length - 1];
      if (last?.type === "text" && endsWithWhiteSpace(last.value)) last.value = last.value.trimEnd();
      if (first?.type === "text" && first.value === "") children.shift();
      if (last !== first && last?.type === "text" && last.value === "") children.pop();
      if (!children.length) empty = true;
    } else if (child.type === "blockquote" || child.type === "list" || child.type === "listItem") trimParagraphs(child);
  }
  if (empty)
    parent.children = (parent.children as RootContent[]).filter(
      (node) => !((node.type === "paragraph" || node.type === "heading") && node.children.length === 0),
    ) as never;
}

/** Emphasis, strong and strikethrough: a space at their edge is written outside them. */
const ATTENTION = new Set(["emphasis", "strong", "delete"]);

/**
 * Moves white space at the inner edges of emphasis, strong and strikethrough outside them
 * (`<em>and </em>x` → `_and_ x`): markdown cannot open or close emphasis next to a space, and
 * remark-stringify writes it as character references (`_and&#x20;_&#x78;`). Empty ones go.
 */
function spacesOutOfAttention(parent: Parent): void {
  let out: RootContent[] | undefined;
  const children = parent.children as RootContent[];
  const pushText = (list: RootContent[], value: string) => {
    const previous = list[list.length - 1];
    // (a moved space next to one already there: one space)
    if (previous?.type === "text") previous.value += endsWithWhiteSpace(previous.value) ? value.replace(/^\s+/, "") : value;
    else list.push({ type: "text", value });
  };
  children.forEach((child, index) => {
    if ((child as Partial<Parent>).children === undefined) {
      if (out) {
        if (child.type === "text") pushText(out, child.value);
        else out.push(child);
      }
      return;
    }
    spacesOutOfAttention(child as Parent);
    if (!ATTENTION.has(child.type)) {
      out?.push(child);
      return;
    }
    const inner = (child as Parent).children as PhrasingContent[];
    let lead = "";
    let trail = "";
    const first = inner[0];
    if (first?.type === "text" && /^\s/.test(first.value)) {
      lead = /^\s+/.exec(first.value)![0];
      first.value = first.value.slice(lead.length);
      if (!first.value) inner.shift();
    }
    const last = inner[inner.length - 1];
    if (last?.type === "text" && endsWithWhiteSpace(last.value)) {
      trail = /\s+$/.exec(last.value)![0];
      last.value = last.value.slice(0, last.value.length - trail.length);
      if (!last.value) inner.pop();
    }
    if (!lead && !trail && !out) return;
    out ??= children.slice(0, index);
    if (lead) pushText(out, " ");
    if (inner.length) out.push(child);
    if (trail) pushText(out, " ");
  });
  if (out) parent.children = out.filter((node) => !(node.type === "text" && node.value === "")) as never;
}

/**
 * Splits paragraphs (and headings) around block-only nodes (a related-news box inside `<p>`),
 * at any depth of flow content.
 */
function hoistBlocks(parent: Parent): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (
      (child.type === "paragraph" || child.type === "heading") &&
      child.children.some((node) => isBlockOnly(node) || (node as RootContent).type === "paragraph")
    ) {
      let run: PhrasingContent[] = [];
      const flush = () => {
        trimEdges(run);
        if (run.length) out.push({ ...child, children: run } as RootContent);
        run = [];
      };
      for (const node of child.children as RootContent[]) {
        if (isBlockOnly(node) || node.type === "paragraph") {
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

/** Drops breaks and whitespace left at the edges of a paragraph split around a block. */
function trimEdges(run: PhrasingContent[]): void {
  while (run.length && (run[0]!.type === "break" || (run[0]!.type === "text" && !(run[0] as { value: string }).value.trim()))) run.shift();
  while (
    run.length &&
    (run[run.length - 1]!.type === "break" || (run[run.length - 1]!.type === "text" && !(run[run.length - 1] as { value: string }).value.trim()))
  )
    run.pop();
  const first = run[0];
  if (first?.type === "text") first.value = first.value.replace(/^\s+/, "");
  const last = run[run.length - 1];
  if (last?.type === "text") last.value = last.value.trimEnd();
}
