/**
 * hast-util-minify-whitespace 1.0.1 (MIT, © Titus Wormer), as hast-util-to-mdast runs it
 * (`newlines: false`), with its element tests made once. The library calls
 * `isElement(node, list)` with a list of tag names for every node and boundary it looks at,
 * and hast-util-is-element compiles that list into a checker on every call (`anyFactory`:
 * about 3 % of converting real WordPress bodies); here each list is a `Set`. Same walk, same
 * decisions, in the same order; it also gathers what hast-util-to-mdast's own walk over the
 * tree gathers (`elementById`). Equality with the library is checked by
 * tests/convert/html-clone.test.ts.
 */
import type { Element, Nodes, Root, RootContent, Text } from "hast";

/** block.js: elements white space around which may go. */
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "br",
  "caption",
  "center",
  "col",
  "colgroup",
  "dd",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "head",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "listing",
  "main",
  "menu",
  "nav",
  "ol",
  "optgroup",
  "option",
  "p",
  "plaintext",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  "wbr",
  "xmp",
]);

/** content.js and hast-util-embedded: elements that contribute content. */
const CONTENTS = new Set(["button", "input", "select", "textarea", "audio", "canvas", "embed", "iframe", "img", "math", "object", "picture", "svg", "video"]);

/** skippable.js: elements whose children do not decide a boundary. */
const SKIPPABLES = new Set([
  "area",
  "base",
  "basefont",
  "dialog",
  "datalist",
  "head",
  "link",
  "meta",
  "noembed",
  "noframes",
  "param",
  "rp",
  "script",
  "source",
  "style",
  "template",
  "track",
  "title",
]);

type WhiteSpace = "normal" | "nowrap" | "pre" | "pre-wrap";
type State = { before: boolean; after: boolean; whitespace: WhiteSpace };
type Result = { ignore: boolean; stripAtStart: boolean; remove: boolean };
type Parent = Root | Element;

/** hast-util-is-element's test: an object with `type` and `tagName` (any type) whose tag name is in `names`. */
function elementIn(node: Nodes | undefined, names: Set<string>): boolean {
  return node !== null && typeof node === "object" && "type" in node && "tagName" in node && names.has(node.tagName);
}

const ignorable = (node: Nodes): boolean => node.type === "comment" || node.type === "doctype";

/**
 * Minifies `tree` in place as hast-util-minify-whitespace does (white space collapsed to one
 * space, trimmed next to block boundaries).
 * @param elementById filled with each `id` first seen (tree order), as hast-util-to-mdast does
 */
export function minifyWhitespace(tree: Root, elementById: Map<string, Element>): void {
  minifyParent(tree, { before: false, after: false, whitespace: "normal" }, elementById);
}

function minifyParent(node: Parent, state: State, ids: Map<string, Element>): Result {
  const block = node.type === "root" || elementIn(node, BLOCKS);
  return all(node, block ? true : state.before, block ? true : state.after, whiteSpaceOf(node, state.whitespace), ids);
}

function minify(node: Nodes, state: State, ids: Map<string, Element>): Result {
  if (node.type === "element") {
    if (node.properties) {
      const id = String(node.properties["id"] || "") || undefined;
      if (id && !ids.has(id)) ids.set(id, node);
    }
    return minifyParent(node, state, ids);
  }
  if ("children" in node) return minifyParent(node as Parent, state, ids);
  if (node.type === "text") {
    if (state.whitespace === "normal") return minifyText(node, state);
    // (nowrap: collapsed, not trimmed; pre and pre-wrap: as written)
    if (state.whitespace === "nowrap") node.value = collapse(node.value);
  }
  return { ignore: ignorable(node), stripAtStart: false, remove: false };
}

const COLLAPSE = /[\t\n\v\f\r ]+/g;
/** Whether {@link COLLAPSE} would change anything: white space other than single spaces (most texts have none). */
const COLLAPSIBLE = /[\t\n\v\f\r]| {2}/;
const collapse = (value: string): string => (COLLAPSIBLE.test(value) ? value.replace(COLLAPSE, " ") : value);
const removable = (character: string): boolean => character === " " || character === "\n";

function minifyText(node: Text, state: State): Result {
  const value = collapse(node.value);
  const result = { ignore: false, stripAtStart: false, remove: false };
  let start = 0;
  let end = value.length;
  if (state.before && removable(value.charAt(0))) start++;
  if (start !== end && removable(value.charAt(end - 1))) {
    if (state.after) end--;
    else result.stripAtStart = true;
  }
  if (start === end) result.remove = true;
  else node.value = value.slice(start, end);
  return result;
}

function all(parent: Parent, before: boolean, after: boolean, whitespace: WhiteSpace, ids: Map<string, Element>): Result {
  const children = parent.children as RootContent[];
  let length = children.length;
  let index = -1;
  while (++index < length) {
    const result = minify(children[index]!, { whitespace, after: collapsableAfter(children, index, after) as boolean, before }, ids);
    if (result.remove) {
      children.splice(index, 1);
      index--;
      length--;
    } else if (!result.ignore) before = result.stripAtStart;
    // An element that contributes content (`<img>`, `<select>` …) allows white space again.
    if (elementIn(children[index], CONTENTS)) before = false;
  }
  return { ignore: false, stripAtStart: Boolean(before || after), remove: false };
}

/** (`after` is `undefined` inside a nested walk: no boundary found there) */
function collapsableAfter(nodes: RootContent[], index: number, after: boolean | undefined): boolean | undefined {
  while (++index < nodes.length) {
    const node = nodes[index]!;
    let result = inferBoundary(node);
    if (result === undefined && "children" in node && !skippable(node)) result = collapsableAfter(node.children as RootContent[], -1, undefined);
    if (typeof result === "boolean") return result;
  }
  return after;
}

function inferBoundary(node: Nodes): boolean | undefined {
  if (node.type === "element") {
    if (elementIn(node, CONTENTS)) return false;
    if (elementIn(node, BLOCKS)) return true;
  } else if (node.type === "text") {
    if (!HTML_WHITESPACE.test(node.value)) return false;
  } else if (!ignorable(node)) return false;
  return undefined;
}

/** hast-util-whitespace: nothing but HTML white space. */
const HTML_WHITESPACE = /^[ \t\n\f\r]*$/;

function skippable(node: Nodes): boolean {
  return Boolean(node.type === "element" && node.properties["hidden"]) || ignorable(node) || elementIn(node, SKIPPABLES);
}

function whiteSpaceOf(node: Parent, inherited: WhiteSpace): WhiteSpace {
  if (node.type !== "element" || !node.properties) return inherited;
  switch (node.tagName) {
    // (white space in scripts and styles may mean something to JS and CSS)
    case "listing":
    case "plaintext":
    case "script":
    case "style":
    case "xmp":
      return "pre";
    case "nobr":
      return "nowrap";
    case "pre":
      return node.properties["wrap"] ? "pre-wrap" : "pre";
    case "td":
    case "th":
      return node.properties["noWrap"] ? "nowrap" : inherited;
    case "textarea":
      return "pre-wrap";
    default:
      return inherited;
  }
}
