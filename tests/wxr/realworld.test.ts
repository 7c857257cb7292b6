/**
 * Every export of ../shared/realworld/wxr/ (real WordPress test data, not part of the project):
 * read with the streaming reader and checked against expectations taken independently from
 * the raw file text (regular expressions over `<item>` blocks, not an XML parser).
 * Skipped, with a notice, where that folder is absent (a clone of the project alone).
 */
import { describe, expect, test } from "@jest/globals";
import { createReadStream, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { frontMatterOf, renderFrontMatter } from "../../src/wxr/front-matter.js";
import { WxrPathNamer } from "../../src/wxr/paths.js";
import { placeInExport, readWxrPosts, type WxrPost, type WxrPostEvent } from "../../src/wxr/posts.js";
import type { WxrProblem } from "../../src/wxr/types.js";
import { a11yExpected, rawItems, typeOf, value } from "./expected.js";

const SHARED = fileURLToPath(new URL("../../../shared/realworld/", import.meta.url));
const DIR = path.join(SHARED, "wxr");
const present = existsSync(DIR);
if (!present) console.warn(`tests/wxr/realworld.test.ts: SKIPPED — ${DIR} is absent (the shared real-world corpus sits beside the project in CI)`);
const files = present
  ? readdirSync(DIR)
      .filter((f) => f.endsWith(".xml"))
      .sort()
  : [];

async function collect(file: string, postTypes?: string[]): Promise<WxrPostEvent[]> {
  const events: WxrPostEvent[] = [];
  for await (const e of readWxrPosts(() => createReadStream(path.join(DIR, file), { highWaterMark: 4096 }), postTypes ? { postTypes } : {})) events.push(e);
  return events;
}
const postsOf = (events: WxrPostEvent[]): WxrPost[] => events.flatMap((e) => (e.kind === "post" ? [e.post] : []));
const problemsOf = (events: WxrPostEvent[]): WxrProblem[] => events.flatMap((e) => (e.kind === "problem" ? [e.problem] : []));

/** Files whose expectations are not the plain regex counts (explained where they are tested). */
const SPECIAL = new Set(["malformed.xml", "malformed-simple.xml", "namespace-edge-cases.xml"]);

(present ? describe : describe.skip)("every export of ../shared/realworld/wxr/", () => {
  test("the corpus is there", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  test.each(files.filter((f) => !SPECIAL.has(f)))("%s: items per type as in the file; posts and pages only are posts; read to the end", async (file) => {
    const xml = readFileSync(path.join(DIR, file), "utf8");
    const expected: Record<string, number> = {};
    for (const it of rawItems(xml)) expected[typeOf(it)] = (expected[typeOf(it)] ?? 0) + 1;
    const events = await collect(file);
    const summary = events.at(-1);
    expect(summary).toMatchObject({ kind: "summary", summary: { counts: expected, complete: true } });
    const posts = postsOf(events);
    expect(posts).toHaveLength((expected.post ?? 0) + (expected.page ?? 0));
    for (const p of posts) expect(["post", "page"]).toContain(p.type);
    expect(problemsOf(events).filter((p) => p.severity === "error")).toEqual([]);
    const version = value(xml, "wp:wxr_version");
    if (version === undefined) expect(problemsOf(events)).toContainEqual(expect.objectContaining({ ruleId: "wxr-missing-version" }));
    else expect(problemsOf(events).some((p) => p.ruleId === "wxr-missing-version")).toBe(false);
  });

  test("the a11y export: the front matter of every post and page equals its WXR metadata (read back with a YAML parser)", async () => {
    const file = "a11y-unit-test-data.xml";
    const expected = a11yExpected(path.join(DIR, file));
    expect(expected.size).toBe(64);

    const out = mkdtempSync(path.join(tmpdir(), "wxr-a11y-"));
    try {
      const namer = new WxrPathNamer();
      const written: string[] = [];
      for (const post of postsOf(await collect(file))) {
        const { path: rel } = namer.pathOf(post);
        mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
        writeFileSync(path.join(out, rel), `${renderFrontMatter(frontMatterOf(post))}\n${post.content}`);
        written.push(rel);
      }
      expect(written).toHaveLength(64);
      const seen = new Set<number>();
      for (const rel of written) {
        const text = readFileSync(path.join(out, rel), "utf8");
        const end = text.indexOf("\n---\n", 4);
        const fm = parseYaml(text.slice(4, end + 1)) as Record<string, unknown>;
        const id = fm.id as number;
        seen.add(id);
        expect({ file: rel, ...fm }).toEqual({ file: rel, ...expected.get(id) });
      }
      // Every post and page once; no attachment or menu item among them.
      expect([...seen].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test.each(["a11y-unit-test-data", "hexo-demo-site"])("%s: every body is content:encoded byte for byte (the corpus's NDJSON extraction)", async (name) => {
    const records = readFileSync(path.join(SHARED, "bodies", `${name}.ndjson`), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; body: string });
    const bodies = new Map(postsOf(await collect(`${name}.xml`)).map((p) => [`${p.type}-${p.id}`, p.rawContent]));
    expect(records.length).toBeGreaterThan(10);
    for (const r of records) expect({ id: r.id, body: bodies.get(r.id) }).toEqual({ id: r.id, body: r.body });
  });

  test.each(["a11y-unit-test-data.xml", "hexo-demo-site.xml"])("%s: a place in a cleaned body maps back to its line and column in the export", async (file) => {
    const lines = readFileSync(path.join(DIR, file), "utf8")
      .split(/\r?\n/)
      .map((l) => [...l]);
    let checked = 0;
    for (const post of postsOf(await collect(file))) {
      for (const m of post.content.matchAll(/<(?:p|a|img|h\d)\b[^>]*>/g)) {
        const place = placeInExport(post, m.index);
        if (!place) continue;
        const first = m[0].split("\n")[0]!;
        expect(lines[place.line - 1]!.slice(place.column - 1, place.column - 1 + [...first].length).join("")).toBe(first);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  test("crazy-cdata (invalid ]]> inside CDATA) and crazy-cdata-escaped read as WordPress's importer tests expect", async () => {
    for (const file of ["crazy-cdata.xml", "crazy-cdata-escaped.xml"]) {
      const [post] = postsOf(await collect(file));
      expect(post!.rawContent).toBe("Content with nested <![CDATA[ tags ]]> :)");
      expect(post!.meta).toEqual([
        { key: "Plain string", value: "Foo" },
        { key: "Closing CDATA", value: "]]>" },
        { key: "Alot of CDATA", value: "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>" },
      ]);
    }
  });

  test('WXR 1.0 (tags in domain="tag") and 1.1 terms', async () => {
    const v10 = postsOf(await collect("valid-wxr-1.0.xml"));
    expect(v10.map((p) => [p.categories, p.tags])).toContainEqual([["alpha"], ["news", "roar"]]);
    const v11 = postsOf(await collect("valid-wxr-1.1.xml"));
    expect(v11[0]).toMatchObject({ categories: ["alpha"], tags: ["Clippable"], taxonomies: { post_tax: ["bieup"] } });
  });

  test("namespace-edge-cases: elements count by namespace, not prefix; a hijacked wp: item is no post, and that is said", async () => {
    const events = await collect("namespace-edge-cases.xml");
    expect(postsOf(events).map((p) => [p.id, p.title])).toEqual([
      [1, "Mixed Namespaces"],
      [2, "No Prefix"],
      [3, "Empty Namespace"],
      [4, "Unicode Namespace"],
      [6, "Namespace Bomb"],
    ]);
    expect(postsOf(events)[0]!.meta).toEqual([{ key: "normal_key", value: "normal_value" }]);
    expect(problemsOf(events).map((p) => p.ruleId)).toEqual(["wxr-duplicate", "wxr-no-type"]);
  });

  test.each([
    ["malformed-simple.xml", "<!-- Missing closing tags intentionally -->", /unclosed tag: item/],
    ["malformed.xml", "</channel>", /unexpected close tag/],
  ])("%s: an error at the line and column of the break, after every complete post", async (file, brk, reason) => {
    const xml = readFileSync(path.join(DIR, file), "utf8");
    const events = await collect(file);
    const errors = problemsOf(events).filter((p) => p.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(reason);
    const before = xml.slice(0, xml.lastIndexOf(brk) + brk.length).split("\n");
    if (file === "malformed.xml") expect(errors[0]!.place).toEqual({ line: before.length, column: before.at(-1)!.length + 1 });
    else expect(errors[0]!.place.line).toBeGreaterThanOrEqual(before.length);
    expect(events.at(-1)).toMatchObject({ kind: "summary", summary: { complete: false, posts: 0 } });
  });
});
