/**
 * Tree helpers for the parser's tests: walking, and an invariant checker that returns a list
 * of human-readable problems (empty = the tree is well-formed for `text`).
 */
import type { Content, HtmlNode, Message, Node, Point, Position, RootNode, ShortcodeNode, TextNode } from "../../../src/ast/types.js";
import { lineStarts, pointAt } from "./positions.js";

/** Top-level shortcodes in source order, the way `parseShortcodes` lists them: root
 * children plus shortcodes found inside HTML tags; never inside a shortcode's children. */
export function topLevelShortcodes(children: readonly Content[]): ShortcodeNode[] {
  const out: ShortcodeNode[] = [];
  for (const child of children) {
    if (child.type === "shortcode") out.push(child);
    else if (child.type === "html" && child.children) {
      for (const inner of child.children) if (inner.type === "shortcode") out.push(inner);
    }
  }
  return out;
}

/** Every node of the tree, depth first, attributes included. */
export function* walk(node: Node): Generator<Node> {
  yield node;
  if (node.type === "root") {
    for (const c of node.children) yield* walk(c);
  } else if (node.type === "html") {
    for (const c of node.children ?? []) yield* walk(c);
  } else if (node.type === "shortcode") {
    for (const a of node.attributes) yield* walk(a);
    for (const c of node.children) yield* walk(c);
  }
}

/** Source slice of a node. */
export function sliceOf(text: string, position: Position): string {
  return text.slice(position.start.offset, position.end.offset);
}

function describe(node: Node): string {
  const p = node.position;
  const at = p ? `${p.start.offset}..${p.end.offset}` : "?";
  return node.type === "shortcode" ? `shortcode(${node.name})@${at}` : `${node.type}@${at}`;
}

/**
 * Checks, for `tree` parsed from `text`:
 * - root covers 0..text.length; children are contiguous and cover their parent exactly
 *   (shortcode: opening, then children, then closing; html with children: the whole element);
 * - text/html values, shortcode opening/closing and attribute raw equal their source slices;
 * - every point's line/column agrees with the reference computation from its offset;
 * - every message has a valid position inside the input and a known severity.
 */
export function treeProblems(text: string, tree: RootNode, messages: readonly Message[] = []): string[] {
  const problems: string[] = [];
  const starts = lineStarts(text);

  const checkPoint = (what: string, p: Point | undefined): void => {
    if (!p || typeof p.offset !== "number") {
      problems.push(`${what}: missing point`);
      return;
    }
    if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) {
      problems.push(`${what}: offset ${p.offset} outside 0..${text.length}`);
      return;
    }
    const ref = pointAt(starts, p.offset);
    if (p.line !== ref.line || p.column !== ref.column) {
      problems.push(`${what}: offset ${p.offset} has ${p.line}:${p.column}, expected ${ref.line}:${ref.column}`);
    }
  };
  const checkPosition = (what: string, pos: Position | undefined): boolean => {
    if (!pos) {
      problems.push(`${what}: no position`);
      return false;
    }
    checkPoint(`${what} start`, pos.start);
    checkPoint(`${what} end`, pos.end);
    if (pos.start && pos.end && pos.start.offset > pos.end.offset) {
      problems.push(`${what}: start ${pos.start.offset} > end ${pos.end.offset}`);
      return false;
    }
    return true;
  };
  /** Children must tile [from, to) exactly. */
  const checkCover = (what: string, children: readonly Node[], from: number, to: number): void => {
    let at = from;
    for (const child of children) {
      const s = child.position?.start?.offset;
      if (s !== at) problems.push(`${what}: child ${describe(child)} starts at ${s}, expected ${at} (gap or overlap)`);
      at = child.position?.end?.offset ?? at;
    }
    if (at !== to) problems.push(`${what}: children end at ${at}, expected ${to}`);
  };

  const visitContent = (node: Content): void => {
    const what = describe(node);
    if (!checkPosition(what, node.position)) return;
    const src = sliceOf(text, node.position);
    if (node.type === "text") {
      if ((node as TextNode).value !== src) problems.push(`${what}: value ${JSON.stringify(node.value)} != source ${JSON.stringify(src)}`);
    } else if (node.type === "html") {
      const html = node as HtmlNode;
      if (html.value !== src) problems.push(`${what}: value ${JSON.stringify(html.value)} != source ${JSON.stringify(src)}`);
      if (html.children) {
        checkCover(what, html.children, node.position.start.offset, node.position.end.offset);
        for (const c of html.children) {
          if (c.type === "shortcode" && !c.inHtmlTag) problems.push(`${describe(c)}: inside html but inHtmlTag is not true`);
          visitContent(c);
        }
      }
    } else {
      const sc = node as ShortcodeNode;
      const start = node.position.start.offset;
      const end = node.position.end.offset;
      const closing = sc.closing ?? "";
      const innerFrom = start + sc.opening.length;
      const innerTo = end - closing.length;
      if (text.slice(start, innerFrom) !== sc.opening) {
        problems.push(`${what}: opening ${JSON.stringify(sc.opening)} != source ${JSON.stringify(text.slice(start, innerFrom))}`);
      }
      if (text.slice(innerTo, end) !== closing) {
        problems.push(`${what}: closing ${JSON.stringify(closing)} != source ${JSON.stringify(text.slice(innerTo, end))}`);
      }
      if (innerFrom > innerTo) problems.push(`${what}: opening and closing overlap`);
      else {
        checkCover(what, sc.children, innerFrom, innerTo);
        if (sc.kind === "closed" && sc.content !== text.slice(innerFrom, innerTo)) {
          problems.push(`${what}: content ${JSON.stringify(sc.content)} != source between opening and closing`);
        }
      }
      if (sc.kind !== "closed" && sc.content !== null) problems.push(`${what}: ${sc.kind} with non-null content`);
      let attrAt = start;
      for (const attr of sc.attributes) {
        const aw = `${what} attribute ${JSON.stringify(attr.raw)}`;
        if (!checkPosition(aw, attr.position)) continue;
        if (sliceOf(text, attr.position) !== attr.raw) problems.push(`${aw}: raw != source ${JSON.stringify(sliceOf(text, attr.position))}`);
        if (attr.position.start.offset < attrAt || attr.position.end.offset > innerFrom) {
          problems.push(`${aw}: outside the opener or out of order`);
        }
        attrAt = attr.position.end.offset;
      }
      for (const c of sc.children) visitContent(c);
    }
  };

  if (checkPosition("root", tree.position)) {
    if (tree.position.start.offset !== 0 || tree.position.end.offset !== text.length) {
      problems.push(`root covers ${tree.position.start.offset}..${tree.position.end.offset}, expected 0..${text.length}`);
    }
  }
  checkCover("root", tree.children, 0, text.length);
  for (const c of tree.children) visitContent(c);

  messages.forEach((m, i) => {
    const what = `message ${i} (${m.ruleId})`;
    checkPosition(what, m.position);
    if (!["error", "warning", "info"].includes(m.severity)) problems.push(`${what}: severity ${JSON.stringify(m.severity)}`);
    if (typeof m.ruleId !== "string" || m.ruleId === "") problems.push(`${what}: no ruleId`);
    if (typeof m.reason !== "string" || m.reason === "") problems.push(`${what}: no reason`);
  });
  return problems;
}
