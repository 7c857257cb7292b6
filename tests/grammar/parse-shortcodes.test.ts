/**
 * parseShortcodes() builds only the top level of the tree (shortcodes, and the elements holding
 * some) from the same grammar run as parse(): it must find exactly what walking parse()'s whole
 * tree finds, for any input and every option set. The reference below is what parseShortcodes()
 * was before it had its own build: parse(), then a walk of the top level and of the elements.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, parseShortcodes, type ParseOptions, type ShortcodeInfo } from "../../src/parse.js";
import type { Content } from "../../src/ast/types.js";
import { hostileText } from "./support/arbitraries.js";

function reference(text: string, options: ParseOptions): ShortcodeInfo[] {
  const out: ShortcodeInfo[] = [];
  const visit = (nodes: readonly Content[]): void => {
    for (const node of nodes) {
      if (node.type === "shortcode") {
        const info: ShortcodeInfo = {
          tag: node.name,
          attrs: node.attrs,
          content: node.content,
          kind: node.kind,
          escaped: node.escaped,
          raw: text.slice(node.position.start.offset, node.position.end.offset),
          position: node.position,
        };
        if (node.inHtmlTag) info.inHtmlTag = true;
        if (node.outputDiscarded) info.outputDiscarded = true;
        out.push(info);
      } else if (node.type === "html" && node.children) visit(node.children);
    }
  };
  visit(parse(text, options).tree.children);
  return out;
}

const optionSets: Array<[string, ParseOptions]> = [
  ["default", {}],
  ["wordpress", { compat: "wordpress" }],
  ["tags all", { tags: "all" }],
  ["tags all + wordpress", { tags: "all", compat: "wordpress" }],
  ["four tags", { tags: ["old_news_related_template", "caption", "gallery", "embed"] }],
  ["four tags, no contentless", { tags: ["old_news_related_template", "caption", "gallery", "embed"], contentless: [] }],
];

/** Every text file under `dir` (NDJSON: every record's body). */
function bodiesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...bodiesUnder(path));
      continue;
    }
    const text = readFileSync(path, "utf8");
    if (!name.endsWith(".ndjson")) out.push([path, text]);
    else {
      text.split("\n").forEach((line, i) => {
        if (!line.trim()) return;
        const body = (JSON.parse(line) as { body?: unknown }).body;
        if (typeof body === "string") out.push([`${path}:${i + 1}`, body]);
      });
    }
  }
  return out;
}

const shared = join(import.meta.dirname, "../../../shared/realworld/bodies");
const sharedPresent = existsSync(shared);
if (!sharedPresent) console.warn(`skipped: ${shared} is absent (the shared real-world corpus); the fixtures still run`);

describe.each(optionSets)("parseShortcodes() = the walk of parse()'s tree, options: %s", (_name, options) => {
  test("generated inputs (the lossless test's, 3,000)", () => {
    fc.assert(
      fc.property(hostileText, (x) => {
        expect(parseShortcodes(x, options)).toEqual(reference(x, options));
      }),
      { numRuns: 3_000 },
    );
  });

  test("every file of fixtures/", () => {
    const files = bodiesUnder(join(import.meta.dirname, "../../fixtures"));
    expect(files.length).toBeGreaterThan(50);
    for (const [where, text] of files) expect({ where, found: parseShortcodes(text, options) }).toEqual({ where, found: reference(text, options) });
  });

  (sharedPresent ? test : test.skip)("every body of the shared real bodies", () => {
    const bodies = bodiesUnder(shared);
    expect(bodies.length).toBeGreaterThan(50);
    for (const [where, text] of bodies) expect({ where, found: parseShortcodes(text, options) }).toEqual({ where, found: reference(text, options) });
  });
});
