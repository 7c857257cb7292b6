/**
 * Fast path for HTML paragraphs that hold only simple inline markup: `<strong>`, `<b>`, `<em>`,
 * `<i>`, `<del>`, `<s>`, `<strike>`, `<a>` (attributes href/title/target/rel, double-quoted), `<br>`,
 * `<sup>`, `<sub>`, `<ins>`, `<u>`, `<mark>`, `<q>` without attributes (kept as inline HTML around
 * their content), `<code>` holding text whose white space nothing changes, and complete entities; and `<pre>` code blocks holding text (see {@link blocks}).
 *
 * A strict scanner builds the small hast tree parse5 would build for such a fragment, then runs
 * faithful ports of the steps rehype-remark applies to it (hast-util-minify-whitespace,
 * hast-util-to-mdast's handlers, root wrapping and text clean-up). Anything outside that subset
 * (another tag, a comment, a stray `<`, an unknown attribute, misnesting, an incomplete entity,
 * CR/NUL/form feed/vertical tab, lone surrogates) makes it answer `null`, and rehype does the work.
 * Equality with rehype is checked by tests/convert/html-fast.test.ts (corpus + property test).
 */
import { decodeHTMLStrict } from "entities";
import type { Break, Code, Delete, Emphasis, InlineCode, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Strong, Text } from "mdast";
import { forwardSearch, hasLineEnd } from "./text.js";
import { pushAll } from "./push-all.js";

/** Kill switch: `false` sends every paragraph to rehype. */
const FAST_HTML_ENABLED = true;

type Tag = "strong" | "b" | "em" | "i" | "a" | "br" | "del" | "s" | "strike" | "code" | InlineHtmlTag;
/** Elements html.ts's `inlineHtml` handler keeps as tags around their content (written here without attributes). */
type InlineHtmlTag = "sup" | "sub" | "ins" | "u" | "mark" | "q";
const INLINE_HTML = new Set<string>(["sup", "sub", "ins", "u", "mark", "q"]);
type HText = { type: "text"; value: string };
type HElement = { type: "element"; tag: Tag; href?: string; title?: string; children: HNode[] };
type HNode = HText | HElement;

const MAX_DEPTH = 16;
/** Characters parse5 rewrites or that the whitespace tools treat unevenly (lone surrogates: `isWellFormed`). */
// eslint-disable-next-line no-control-regex
const REFUSE = /[\0\r\f\v]/;
/** `String.prototype.isWellFormed` (in Node 20; typed only in ES2024's lib, and this project's lib is ES2023). */
const isWellFormed = (value: string): boolean => (value as string & { isWellFormed(): boolean }).isWellFormed();
const OPEN_SIMPLE = /<(strong|b|em|i|del|s|strike|sup|sub|ins|u|mark|q)>/y;
const CLOSE = /<\/(strong|b|em|i|a|del|s|strike|sup|sub|ins|u|mark|q)>/y;
const BR = /<br(?: ?\/| data-nl)?>/y;
const A_OPEN = /<a(?=[ \t\n>])/y;
const CODE_OPEN_INLINE = /<code>/y;
/**
 * Inline code text that neither white space minifying nor hast-util-to-text's collapsing
 * changes: no white space at its edges, none but single spaces inside.
 */
const CODE_TEXT_CHANGES = /^[ \t\n\f\r]|[ \t\n\f\r]$|[\t\n\f\r]| {2}/;
const ATTRIBUTE = /[ \t\n]+(href|title|target|rel)="([^"]*)"/y;
const A_END = /[ \t\n]*>/y;
const ENTITY = /&(?:#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});|[A-Za-z][A-Za-z0-9]{0,31};)/y;

/**
 * The mdast root rehype-parse + rehype-remark (document mode) give for `prepared` (the fragment
 * after newline conversion), before placeholder splicing; `null` outside the subset.
 */
export function fastHtmlTree(prepared: string): Root | null {
  if (!FAST_HTML_ENABLED || REFUSE.test(prepared) || !isWellFormed(prepared)) return null;
  if (BLOCK_START.test(prepared)) return blocks(prepared);
  return inline(prepared);
}

/** The inline subset alone: the fragment as one run of phrasing. */
function inline(prepared: string): Root | null {
  const hast = scan(prepared);
  if (!hast) return null;
  minifyAll(hast, true, true);
  // (entities that decode to a line end are refused by the scan: a text has one only if the fragment has)
  return toMdast(hast, hasLineEnd(prepared));
}

/** A fragment that opens (after white space) with a comment or a `<p>`: {@link blocks} may take it. */
const BLOCK_START = /^(?:[ \t\n]|<br data-nl>)*<(?:!--|p[ \t\n>]|h[1-6][ \t\n>]|pre[ \t\n>]|[uo]l[ \t\n>])/;
/**
 * One item of a block sequence, after white space and newline markers (`<br data-nl>` between
 * blocks: a break alone at the root, which rehype-remark drops): a comment whose text parse5 keeps as written
 * (group 1: not starting with `>` or `->`, no `--`, not ending with `-`, no `<!-`), or the
 * opening of a `<p>` or `<h1>`…`<h6>` whose attributes hast-util-to-mdast ignores (group 2: its name).
 */
const BLOCK_ITEM =
  /(?:[ \t\n]|<br data-nl>)*(?:<!--(?![->]|->)((?:(?!--|<!-)[^])*?)(?<!-)-->|<(p|h[1-6]|pre|ul|ol)((?:[ \t\n]+(?:class|style|align|dir|lang)="[^"<>]*")*)[ \t\n]*>)/y;
const TRAILING_SPACE = /(?:[ \t\n]|<br data-nl>)*$/y;

/**
 * Gutenberg's shape, `<!-- wp:paragraph -->\n<p>…</p>\n<!-- /wp:paragraph -->`: comments and
 * `<p>` and `<h1>`…`<h6>` elements holding only the inline subset, with nothing but white space (and newline
 * markers) between them.
 * rehype-remark makes each comment an `html` node (this module's caller's `comment` handler),
 * each `<p>` a paragraph of what its content makes alone and each `<hN>` a heading of it (`p` is a block: white space at its
 * edges goes, as at the fragment's); the white space between items makes nothing. Anything else
 * answers `null` (tests/convert/html-clone.test.ts compares with rehype).
 */
function blocks(prepared: string): Root | null {
  const children: RootContent[] = [];
  let at = 0;
  for (;;) {
    TRAILING_SPACE.lastIndex = at;
    TRAILING_SPACE.test(prepared);
    if (TRAILING_SPACE.lastIndex === prepared.length) break;
    BLOCK_ITEM.lastIndex = at;
    const item = BLOCK_ITEM.exec(prepared);
    if (!item) return null;
    if (item[2] === undefined) {
      children.push({ type: "html", value: `<!--${item[1]!}-->` });
      at = BLOCK_ITEM.lastIndex;
      continue;
    }
    const name = item[2];
    const contentStart = BLOCK_ITEM.lastIndex;
    const close = prepared.indexOf(`</${name}>`, contentStart);
    if (close === -1) return null;
    if (name === "pre") {
      const code = preCode(item[3]!, prepared.slice(contentStart, close));
      if (!code) return null;
      children.push(code);
      at = close + 6;
      continue;
    }
    if (name === "ul" || name === "ol") {
      const items = listItems(prepared.slice(contentStart, close));
      if (!items) return null;
      // hast-util-to-mdast's `list`: `start` 1 for an `<ol>` without one, not spread (no item is)
      const list: List = { type: "list", ordered: name === "ol", start: name === "ol" ? 1 : null, spread: false, children: items };
      children.push(list);
      at = close + 5;
      continue;
    }
    const content = inline(prepared.slice(contentStart, close));
    if (!content) return null;
    if (name === "p") pushAll(children, content.children);
    else {
      // hast-util-to-mdast's `heading`: always a heading (an empty one too), breaks at its edges dropped
      const phrasing = (content.children[0] as Paragraph | undefined)?.children ?? [];
      children.push({ type: "heading", depth: Number(name.charAt(1)) as 1 | 2 | 3 | 4 | 5 | 6, children: phrasing });
    }
    at = close + name.length + 3;
  }
  return children.length ? { type: "root", children } : null;
}

/** A list item's opening tag, after white space, with attributes hast-util-to-mdast ignores. */
const LIST_ITEM = /[ \t\n]*<li(?:[ \t\n]+(?:class|style|dir|lang)="[^"<>]*")*[ \t\n]*>/y;
const ALL_SPACE = /^[ \t\n]*$/;

/**
 * The items of a `<ul>`/`<ol>` (`body`: between its tags) holding `<li>` elements of the inline
 * subset, and only white space between them: each a list item as hast-util-to-mdast's `li`
 * makes it (not spread, no checkbox, its content one paragraph, or nothing when it is only
 * white space). `null` for anything else: no item, another element between items, a nested
 * list (the inline subset refuses it), a `<strike>` (not phrasing to hast-util-phrasing: two make an
 * item spread).
 */
function listItems(body: string): ListItem[] | null {
  const items: ListItem[] = [];
  let at = 0;
  while (!ALL_SPACE.test(body.slice(at))) {
    LIST_ITEM.lastIndex = at;
    if (!LIST_ITEM.test(body)) return null;
    const close = body.indexOf("</li>", LIST_ITEM.lastIndex);
    if (close === -1) return null;
    const text = body.slice(LIST_ITEM.lastIndex, close);
    if (text.includes("<strike")) return null;
    const content = inline(text);
    if (!content) return null;
    items.push({ type: "listItem", spread: false, checked: null, children: content.children as ListItem["children"] });
    at = close + 5;
  }
  return items.length ? items : null;
}

/** `<code>` with attributes hast-util-to-mdast and html.ts ignore but for `class`, right inside a `<pre>`. */
const CODE_OPEN = /^<code((?:[ \t\n]+(?:class|style|dir|lang)="[^"<>]*")*)[ \t\n]*>/;
/** A class that could name a language (`language-x`, `lang-x`, `brush: x`): left to html.ts's `pre` handler. */
const LANGUAGE_CLASS = /lang|brush/i;

/**
 * `<pre>` holding only text, or one `<code>` holding only text: the code block html.ts's `pre`
 * handler makes of it (hast-util-to-mdast's `code`, the text as written but for complete
 * references and parse5 dropping a line feed right after `<pre>`, trailing line ends trimmed),
 * when no class can name a language. `null` for anything else.
 * @param attributes the `<pre>` tag's attributes as written
 * @param content what lies between `<pre …>` and `</pre>`
 */
function preCode(attributes: string, content: string): Code | null {
  if (LANGUAGE_CLASS.test(attributes)) return null;
  let text = content.charCodeAt(0) === 0x0a ? content.slice(1) : content;
  const code = CODE_OPEN.exec(text);
  if (code) {
    if (LANGUAGE_CLASS.test(code[1]!) || !text.endsWith("</code>")) return null;
    text = text.slice(code[0].length, text.length - 7);
  }
  if (text.includes("<")) return null;
  const value = decodeAttribute(text);
  if (value === null) return null;
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x0a) end--;
  return { type: "code", lang: null, meta: null, value: value.slice(0, end) };
}

/** Tokenizes the subset into a tree; `null` on anything else. */
function scan(html: string): HNode[] | null {
  const root: HNode[] = [];
  const stack: HElement[] = [];
  let children = root;
  let inLink = false;
  let index = 0;
  let text = "";
  const flush = () => {
    if (text) children.push({ type: "text", value: text });
    text = "";
  };
  // (searched afresh on every tag, an absent `&` was a scan to the end per tag: quadratic)
  const nextLt = forwardSearch(html, "<");
  const nextAmp = forwardSearch(html, "&");
  while (index < html.length) {
    const lt = nextLt(index);
    const amp = nextAmp(index);
    if (amp !== -1 && (lt === -1 || amp < lt)) {
      text += html.slice(index, amp);
      const reference = referenceAt(html, amp);
      if (!reference) return null;
      text += reference.text;
      index = reference.end;
      continue;
    }
    if (lt === -1) {
      text += html.slice(index);
      break;
    }
    text += html.slice(index, lt);
    index = lt;
    let match: RegExpExecArray | null;
    if (sticky(CODE_OPEN_INLINE, html, index)) {
      // `<code>` holding text alone: inline code of that text (hast-util-to-mdast's `inlineCode`,
      // `toText` of it), when nothing would change the text on the way
      flush();
      const close = html.indexOf("</code>", CODE_OPEN_INLINE.lastIndex);
      if (close === -1) return null;
      const content = html.slice(CODE_OPEN_INLINE.lastIndex, close);
      if (content.includes("<")) return null;
      const value = decodeAttribute(content);
      if (!value || CODE_TEXT_CHANGES.test(value)) return null;
      children.push({ type: "element", tag: "code", children: [{ type: "text", value }] });
      index = close + 7;
    } else if ((match = sticky(OPEN_SIMPLE, html, index))) {
      flush();
      if (stack.length >= MAX_DEPTH) return null;
      const element: HElement = { type: "element", tag: match[1] as Tag, children: [] };
      // html.ts's `inlineHtml` writes the opening tag as the source has it up to its first
      // child, and drops an element left without children: taken only when white space cannot
      // be that first child (it could be minified away) and the element is not empty.
      if (INLINE_HTML.has(element.tag) && !startsContent(html, OPEN_SIMPLE.lastIndex)) return null;
      children.push(element);
      stack.push(element);
      children = element.children;
      index = OPEN_SIMPLE.lastIndex;
    } else if ((match = sticky(CLOSE, html, index))) {
      flush();
      const open = stack.pop();
      if (!open || open.tag !== match[1]) return null;
      if (open.tag === "a") inLink = false;
      children = stack.length ? stack[stack.length - 1]!.children : root;
      index = CLOSE.lastIndex;
    } else if ((match = sticky(BR, html, index))) {
      flush();
      children.push({ type: "element", tag: "br", children: [] });
      index = BR.lastIndex;
    } else if (sticky(A_OPEN, html, index)) {
      flush();
      if (inLink || stack.length >= MAX_DEPTH) return null;
      const element: HElement = { type: "element", tag: "a", children: [] };
      let at = A_OPEN.lastIndex;
      const seen = new Set<string>();
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const attribute = ATTRIBUTE.exec(html);
        if (!attribute) break;
        const name = attribute[1]!;
        if (seen.has(name)) return null;
        seen.add(name);
        if (name === "href" || name === "title") {
          const value = decodeAttribute(attribute[2]!);
          if (value === null) return null;
          element[name] = value;
        }
        at = ATTRIBUTE.lastIndex;
      }
      A_END.lastIndex = at;
      if (!A_END.exec(html)) return null;
      // an <a> without a URL is no link but its content, with rehype's own handling of its edges
      if (!element.href?.trim()) return null;
      children.push(element);
      stack.push(element);
      children = element.children;
      inLink = true;
      index = A_END.lastIndex;
    } else return null;
  }
  flush();
  return stack.length ? null : root;
}

/** Whether content that is neither white space nor a closing tag starts at `index`. */
function startsContent(html: string, index: number): boolean {
  const code = html.charCodeAt(index);
  if (code === 0x20 || code === 0x09 || code === 0x0a || Number.isNaN(code)) return false;
  return !(code === 0x3c && html.charCodeAt(index + 1) === 0x2f);
}

function sticky(pattern: RegExp, value: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(value);
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A complete character reference as parse5 decodes it; `null` where it might differ. */
function decodeEntity(match: RegExpExecArray): string | null {
  const digits = match[1] ?? match[2];
  if (digits !== undefined) {
    const code = Number.parseInt(digits, match[1] !== undefined ? 10 : 16);
    // Controls, C1 (remapped by HTML), surrogates, noncharacters, out of range, and
    // whitespace (which would change whitespace collapsing) stay with rehype.
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return null;
    if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return null;
    return String.fromCodePoint(code);
  }
  const value = match[0];
  const decoded = decodeHTMLStrict(value);
  if (decoded === value || (decoded.endsWith(";") && value !== "&semi;")) return null;
  // An entity that decodes to whitespace would take part in collapsing: leave it to rehype.
  if (/[\t\n\f\r ]/.test(decoded)) return null;
  return decoded;
}

/** An attribute value (or a text without tags) with complete references decoded; `null` where parse5 might differ. */
function decodeAttribute(value: string): string | null {
  if (!value.includes("&")) return value;
  let out = "";
  let index = 0;
  for (;;) {
    const amp = value.indexOf("&", index);
    if (amp === -1) return out + value.slice(index);
    out += value.slice(index, amp);
    const reference = referenceAt(value, amp);
    if (!reference) return null;
    out += reference.text;
    index = reference.end;
  }
}

/**
 * What the `&` at `amp` stands for and where it ends: itself when no alphanumeric or `#`
 * follows (a literal ampersand in HTML), else a complete reference, decoded; `null` where
 * parse5 might read it differently.
 */
function referenceAt(value: string, amp: number): { text: string; end: number } | null {
  const next = value.charCodeAt(amp + 1);
  if (!(isAlnum(next) || next === 35)) return { text: "&", end: amp + 1 };
  ENTITY.lastIndex = amp;
  const match = ENTITY.exec(value);
  if (!match) return null;
  const decoded = decodeEntity(match);
  return decoded === null ? null : { text: decoded, end: ENTITY.lastIndex };
}

// --- hast-util-minify-whitespace (whitespace: normal, newlines: false), for this subset ---

const COLLAPSE = /[\t\n\v\f\r ]+/g;
/** Whether {@link COLLAPSE} would change anything: white space other than single spaces. */
const COLLAPSIBLE = /[\t\n\v\f\r]| {2}/;
const HAST_WHITESPACE = /^[ \t\n\f\r]*$/;

type MinifyResult = { stripAtStart: boolean; remove: boolean };

/** `all()`: minifies children in place; returns whether whitespace after this parent may strip. */
function minifyAll(children: HNode[], before: boolean, after: boolean): boolean {
  let length = children.length;
  for (let index = 0; index < length; index++) {
    const child = children[index]!;
    const result = minifyOne(child, before, collapsableAfter(children, index, after) ?? after);
    if (result.remove) {
      children.splice(index, 1);
      index--;
      length--;
    } else before = result.stripAtStart;
  }
  return before || after;
}

function minifyOne(node: HNode, before: boolean, after: boolean): MinifyResult {
  if (node.type === "element") {
    // `br` is block-like: whitespace around it is stripped on both sides.
    if (node.tag === "br") return { stripAtStart: minifyAll(node.children, true, true), remove: false };
    return { stripAtStart: minifyAll(node.children, before, after), remove: false };
  }
  const value = COLLAPSIBLE.test(node.value) ? node.value.replace(COLLAPSE, " ") : node.value;
  let start = 0;
  let end = value.length;
  let stripAtStart = false;
  if (before && value.charAt(0) === " ") start++;
  if (start !== end && value.charAt(end - 1) === " ") {
    if (after) end--;
    else stripAtStart = true;
  }
  if (start === end) return { stripAtStart, remove: true };
  node.value = value.slice(start, end);
  return { stripAtStart, remove: false };
}

function collapsableAfter(nodes: HNode[], index: number, after: boolean | undefined): boolean | undefined {
  while (++index < nodes.length) {
    const node = nodes[index]!;
    let result: boolean | undefined;
    if (node.type === "element") {
      if (node.tag === "br") result = true;
      else result = collapsableAfter(node.children, -1, undefined);
    } else if (!HAST_WHITESPACE.test(node.value)) result = false;
    if (typeof result === "boolean") return result;
  }
  return after;
}

// --- hast-util-to-mdast (handlers, document-mode root wrap, text clean-up), for this subset ---

function toMdast(hast: HNode[], lineEnds: boolean): Root {
  const phrasing = convertAll(hast);
  const children: RootContent[] = [];
  // wrap(): a run of phrasing becomes a paragraph unless it is only whitespace text.
  if (phrasing.length && !phrasing.every((node) => node.type === "text" && HAST_WHITESPACE.test(node.value))) {
    let start = 0;
    let end = phrasing.length;
    while (start < end && phrasing[start]!.type === "break") start++;
    while (end > start && phrasing[end - 1]!.type === "break") end--;
    const paragraph: Paragraph = { type: "paragraph", children: start === 0 && end === phrasing.length ? phrasing : phrasing.slice(start, end) };
    children.push(paragraph);
  }
  const root: Root = { type: "root", children };
  cleanTexts(root, lineEnds);
  return root;
}

function convertAll(nodes: HNode[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      const text: Text = { type: "text", value: node.value };
      out.push(text);
      continue;
    }
    switch (node.tag) {
      case "br": {
        const result: Break = { type: "break" };
        out.push(result);
        break;
      }
      case "strong":
      case "b": {
        const result: Strong = { type: "strong", children: convertAll(node.children) };
        out.push(result);
        break;
      }
      case "em":
      case "i": {
        const result: Emphasis = { type: "emphasis", children: convertAll(node.children) };
        out.push(result);
        break;
      }
      case "del":
      case "s":
      case "strike": {
        const result: Delete = { type: "delete", children: convertAll(node.children) };
        out.push(result);
        break;
      }
      case "sup":
      case "sub":
      case "ins":
      case "u":
      case "mark":
      case "q": {
        // (html.ts's `inlineHtml`: its `data.hName` is deleted again when placeholders are spliced)
        out.push({ type: "html", value: `<${node.tag}>` });
        pushAll(out, convertAll(node.children));
        out.push({ type: "html", value: `</${node.tag}>` });
        break;
      }
      case "code": {
        const result: InlineCode = { type: "inlineCode", value: (node.children[0] as HText).value };
        out.push(result);
        break;
      }
      case "a": {
        const children = convertAll(node.children);
        const result: Link = { type: "link", url: node.href || "", title: collapseTitle(node.title ?? "") || null, children };
        out.push(result);
        break;
      }
    }
  }
  return out;
}

/** collapse-white-space with `{style: "html", trim: true}`. */
function collapseTitle(value: string): string {
  return value.replace(COLLAPSE, (run: string, index: number, all: string) => (index === 0 || index + run.length === all.length ? "" : " "));
}

type MdParent = { type: string; children: RootContent[] };

/** `value.replace(/[\t ]+$/, "")` without trying every run of spaces. */
function trimTabsAndSpacesEnd(value: string): string {
  let end = value.length;
  for (let code = value.charCodeAt(end - 1); code === 0x20 || code === 0x09; code = value.charCodeAt(end - 1)) end--;
  return end === value.length ? value : value.slice(0, end);
}

/** The final `visit` of toMdast: merges adjacent text, tidies line endings, trims edges, drops empty text. */
function cleanTexts(parent: MdParent, lineEnds: boolean): void {
  const children = parent.children;
  const trims = parent.type === "heading" || parent.type === "paragraph" || parent.type === "root";
  let index = 0;
  while (index < children.length) {
    const node = children[index]!;
    if (node.type === "text") {
      const previous = index > 0 ? children[index - 1] : undefined; // (children[-1] is a slow lookup)
      if (previous && previous.type === "text") {
        previous.value += node.value;
        children.splice(index, 1);
        index--;
        continue;
      }
      // (each test first: most texts have no line end, and `/[\t ]+$/` tries every run of spaces)
      if (lineEnds && hasLineEnd(node.value)) node.value = node.value.replace(/[\t ]*(\r?\n|\r)[\t ]*/, "$1");
      if (trims) {
        if (!index) node.value = node.value.replace(/^[\t ]+/, "");
        if (index === children.length - 1) node.value = trimTabsAndSpacesEnd(node.value);
      }
      if (!node.value) {
        children.splice(index, 1);
        continue;
      }
      index++;
      continue;
    }
    if ("children" in node) cleanTexts(node as MdParent, lineEnds);
    index++;
  }
}
