/**
 * WordPress core conformance: the 75 shared cases (fixtures/conformance/), read in
 * `compat: "wordpress"` with each case's registered tags.
 *
 * Field mapping between a case's `expect` entries and the parser:
 * - `parseShortcodes()` entries: tag, attrs, content, kind, escaped, raw, inHtmlTag, outputDiscarded
 *   (an absent boolean flag counts as false);
 * - `nested`: the shortcodes among a node's `children` in the `parse()` tree (recursively), with
 *   node.name → tag and raw = the node's source slice;
 * - escaped entries: core never parses their attributes ("informational" in the cases, "need not
 *   be parsed" in the issue), so their attrs are compared only when the parser returns some.
 */
import { describe, expect, test } from "@jest/globals";
import { parse, parseShortcodes, type ShortcodeInfo } from "../../src/parse.js";
import { print } from "../../src/ast/print.js";
import type { Attributes, Content, ShortcodeNode } from "../../src/ast/types.js";
import { cases, type ConformanceCase, type ExpectedShortcode } from "./support/cases.js";
import { lineStarts, pointAt } from "./support/positions.js";
import { sliceOf, topLevelShortcodes, treeProblems } from "./support/tree.js";

const wordpress = (c: ConformanceCase) => ({ tags: c.registered, compat: "wordpress" as const });

/** The comparable shape of one shortcode. */
interface Projected {
  tag: string;
  attrs?: Attributes;
  content: string | null;
  kind: string;
  escaped: boolean;
  raw: string;
  inHtmlTag: boolean;
  outputDiscarded: boolean;
  nested?: Projected[];
}

const noAttrs = (a: Attributes | undefined): boolean => !a || (Object.keys(a.named ?? {}).length === 0 && (a.positional ?? []).length === 0);

/** Projects actual and expected lists side by side (attrs of escaped entries: see the header). */
function projectPair(
  actual: Array<Omit<Projected, "nested"> & { children?: Content[] }>,
  expected: readonly ExpectedShortcode[],
  /** The source, to compare `nested` against the actual entries' `children`; omit to skip. */
  input?: string,
): { actual: Projected[]; expected: Projected[] } {
  const a: Projected[] = [];
  const e: Projected[] = [];
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const act = actual[i];
    const exp = expected[i];
    const dropAttrs = exp?.escaped === true && act !== undefined && act.escaped && noAttrs(act.attrs);
    let nestedPair: { actual: Projected[]; expected: Projected[] } | undefined;
    if (input !== undefined && act && exp && !exp.escaped && !act.escaped) {
      nestedPair = projectPair(nodeList(input, act.children ?? []), exp.nested ?? [], input);
    }
    if (act) {
      const p: Projected = {
        tag: act.tag,
        attrs: act.attrs,
        content: act.content,
        kind: act.kind,
        escaped: act.escaped,
        raw: act.raw,
        inHtmlTag: act.inHtmlTag === true,
        outputDiscarded: act.outputDiscarded === true,
      };
      if (dropAttrs) delete p.attrs;
      if (nestedPair) p.nested = nestedPair.actual;
      a.push(p);
    }
    if (exp) {
      const p: Projected = {
        tag: exp.tag,
        attrs: exp.attrs,
        content: exp.content,
        kind: exp.kind,
        escaped: exp.escaped,
        raw: exp.raw,
        inHtmlTag: exp.inHtmlTag === true,
        outputDiscarded: exp.outputDiscarded === true,
      };
      if (dropAttrs) delete p.attrs;
      if (nestedPair) p.nested = nestedPair.expected;
      e.push(p);
    }
  }
  return { actual: a, expected: e };
}

/** Tree nodes in the shape of `parseShortcodes` entries (raw = source slice). */
function nodeList(input: string, children: readonly Content[]): Array<Omit<Projected, "nested"> & { children: Content[] }> {
  return topLevelShortcodes(children).map((node: ShortcodeNode) => ({
    tag: node.name,
    attrs: node.attrs,
    content: node.content,
    kind: node.kind,
    escaped: node.escaped,
    raw: sliceOf(input, node.position),
    inHtmlTag: node.inHtmlTag === true,
    outputDiscarded: node.outputDiscarded === true,
    children: node.children,
  }));
}

const infoList = (infos: readonly ShortcodeInfo[]) =>
  infos.map((s) => ({
    tag: s.tag,
    attrs: s.attrs,
    content: s.content,
    kind: s.kind,
    escaped: s.escaped,
    raw: s.raw,
    inHtmlTag: s.inHtmlTag === true,
    outputDiscarded: s.outputDiscarded === true,
  }));

/** core's do_shortcode() output with the k-th callback output replaced by `@@k@@`. */
function reconstructOutput(input: string, children: readonly Content[]): string {
  let k = 0;
  const shortcode = (node: ShortcodeNode): string => {
    const index = k++;
    if (node.outputDiscarded) return sliceOf(input, node.position);
    if (node.escaped) return sliceOf(input, node.position).slice(1, -1);
    return `@@${index}@@`;
  };
  let out = "";
  for (const child of children) {
    if (child.type === "text") out += child.value;
    else if (child.type === "shortcode") out += shortcode(child);
    else if (!child.children) out += child.value;
    else for (const inner of child.children) out += inner.type === "text" ? inner.value : shortcode(inner);
  }
  return out;
}

test("the fixture holds the 75 shared cases with unique ids", () => {
  expect(cases).toHaveLength(75);
  expect(new Set(cases.map((c) => c.id)).size).toBe(75);
});

describe("parseShortcodes(input, { tags: registered, compat: 'wordpress' })", () => {
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const infos = parseShortcodes(c.input, wordpress(c));
    const { actual, expected } = projectPair(infoList(infos), c.expect);
    expect(actual).toEqual(expected);
  });
});

describe("parse(): nested shortcodes in children", () => {
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { tree } = parse(c.input, wordpress(c));
    const { actual, expected } = projectPair(nodeList(c.input, tree.children), c.expect, c.input);
    expect(actual).toEqual(expected);
  });
});

describe("parse(): reconstructed do_shortcode() output", () => {
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { tree } = parse(c.input, wordpress(c));
    expect(reconstructOutput(c.input, tree.children)).toBe(c.output);
  });
});

describe("lossless print, positions", () => {
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { tree, messages } = parse(c.input, wordpress(c));
    expect(print(tree)).toBe(c.input);
    expect(treeProblems(c.input, tree, messages)).toEqual([]);

    const starts = lineStarts(c.input);
    const infos = parseShortcodes(c.input, wordpress(c));
    for (const s of infos) {
      expect(sliceOf(c.input, s.position)).toBe(s.raw);
      expect(s.position.start).toEqual(pointAt(starts, s.position.start.offset));
      expect(s.position.end).toEqual(pointAt(starts, s.position.end.offset));
    }
    // parseShortcodes() and the tree agree on what the top level holds.
    const fromTree = topLevelShortcodes(tree.children).map((n) => [n.name, n.position.start.offset, n.position.end.offset]);
    expect(infos.map((s) => [s.tag, s.position.start.offset, s.position.end.offset])).toEqual(fromTree);
  });
});
