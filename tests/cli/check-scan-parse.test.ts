import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

const ARTICLE = `Giriş.\n\n${box("Birinci")}\n\nSon.\n`;
const DONE = "Giriş.\n\n> **Birinci**\n\nSon.\n";
afterEach(cleanupTrees);

describe("check", () => {
  test("exit 1 listing every shortcode that would change, as file:line:column  severity  reason  rule-id", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/done.md": DONE });
    const r = await cli(["check", "in"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("in/a.txt:3:1  error  [old_news_related_template] would be converted  would-change\n");
    expect(r.stderr.split("\n").at(-3)).toMatch(/^✖ 2 files: 1 would change, 1 up to date, 0 skipped · 0 warnings · 1 error/);
    expect(r.last).toBe(
      "✖ exit 1: 1 file would change (1 place); run `shortcode-migrate convert in --out-dir DIR` (--write converts only markdown files in place)",
    );
  });

  test("--input-format ndjson checks each record's body, not the JSON lines as text", async () => {
    const dir = await tree({ "arsiv.ndjson": JSON.stringify({ id: 1, body: ARTICLE }) + "\n" + JSON.stringify({ id: 2, body: DONE }) + "\n" });
    const r = await cli(["check", "arsiv.ndjson", "--input-format", "ndjson"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("arsiv.ndjson#1:3:1  error  [old_news_related_template] would be converted  would-change\n");
    expect(r.last).toBe(
      "✖ exit 1: 1 record would change (1 place); run `shortcode-migrate convert arsiv.ndjson --input-format ndjson > converted.ndjson` (or --out-dir DIR: a file per record)",
    );
  });

  test("exit 0 on converted output", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE });
    expect((await cli(["convert", "in", "-o", "out"], { cwd: dir })).code).toBe(0);
    const r = await cli(["check", "out"], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([0, ""]);
    expect(r.last).toMatch(/^✔ 1 file: 0 would change, 1 up to date/);
  });

  test("changes outside shortcodes are listed by line with a preview", async () => {
    const r = await cli(["check", "-"], { stdinText: "a\r\nb\r\n" });
    // the fake converter turns CRLF into LF, but the CLI restores CRLF: nothing changes
    expect(r.code).toBe(0);
  });

  test("error-level diagnostics fail the check; --max-warnings counts warnings", async () => {
    const dir = await tree({ "a.md": "BROKEN\n", "b.md": "WARN WARN\n" });
    const r = await cli(["check", "a.md", "b.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "a.md:1:1  error  broken here  unterminated-quote\nb.md:1:1  warning  warn here  repaired-quotes\nb.md:1:6  warning  warn here  repaired-quotes\n",
    );
    expect(r.last).toBe("✖ exit 1: 1 error-level diagnostic");
    const w = await cli(["check", "b.md", "--max-warnings", "1"], { cwd: dir });
    expect(w.code).toBe(1);
    expect(w.last).toBe("✖ exit 1: 2 warnings exceed --max-warnings 1");
    expect((await cli(["check", "b.md", "--max-warnings", "2"], { cwd: dir })).code).toBe(0);
    const bad = await cli(["check", "b.md", "--max-warnings", "lots"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.last).toBe(
      "shortcode-migrate: option '--max-warnings <n>' argument 'lots' is invalid. expected a whole number ≥ 0, got \"lots\". (see 'shortcode-migrate check --help')",
    );
  });

  test("--format json and --format github", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    const j = await cli(["check", "a.txt", "--format", "json"], { cwd: dir });
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual([
      {
        file: "a.txt",
        status: "converted",
        output: null,
        changed: true,
        shortcodes: { old_news_related_template: 1 },
        messages: [
          {
            file: "a.txt",
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: box("Birinci").length + 1,
            severity: "error",
            ruleId: "would-change",
            reason: "[old_news_related_template] would be converted",
          },
        ],
      },
    ]);
    const g = await cli(["check", "a.txt", "-f", "github"], { cwd: dir });
    expect(g.stdout).toBe(
      `::error file=a.txt,line=3,col=1,endLine=3,endColumn=${box("Birinci").length + 1},title=would-change::[old_news_related_template] would be converted\n`,
    );
  });

  test("--report on check; unreadable input exit 1", async () => {
    const dir = await tree({ "a.txt": ARTICLE, "bad.txt": Buffer.from([0xff, 0x0a]) });
    const r = await cli(["check", "a.txt", "bad.txt", "--report", "check.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad.txt:1:1  error  bad.txt is not valid UTF-8");
    const report = JSON.parse(await readFile(path.join(dir, "check.json"), "utf8"));
    expect(report.summary).toMatchObject({
      command: "check",
      files: 2,
      converted: 1,
      upToDate: 0,
      failed: [{ file: "bad.txt", reason: "invalid UTF-8" }],
      errors: 2,
    });
    expect(r.last).toBe(
      "✖ exit 1: 1 file would change (1 place); run `shortcode-migrate convert a.txt bad.txt --out-dir DIR` (--write converts only markdown files in place); 1 file failed (invalid UTF-8: bad.txt)",
    );
  });
});

describe("scan", () => {
  const CORPUS = {
    // (tags no preset handles: the default preset covers the box and WordPress core's [caption], [gallery] …)
    "a.txt": `${box("A", "https://x/1", "")} [galeri ids="1,2" size="12"] BROKEN\n`,
    "b.txt": `${box("B", "https://x/2", "Özet")}\n[ilan]\n`,
  };

  test("text census: tags, counts, files, attribute shapes, malformed, uncovered", async () => {
    const dir = await tree(CORPUS);
    const r = await cli(["scan", "."], { cwd: dir });
    expect(r.code).toBe(1); // BROKEN is an error-level diagnostic
    expect(r.stdout).toContain("old_news_related_template  2 uses in 2 files  (2 single, covered)");
    expect(r.stdout).toMatch(/ {2}desc +2 {2}empty 1, text 1/);
    expect(r.stdout).toMatch(/ {2}link +2 {2}url 2/);
    expect(r.stdout).toContain("galeri  1 use in 1 file  (1 single, not covered by the active rules)");
    expect(r.stdout).toMatch(/ {2}size +1 {2}number 1/);
    expect(r.stdout).toContain("unterminated-quote  error  1×  first at a.txt:1:");
    expect(r.stdout).toContain("Tags not covered by the active rules: galeri, ilan");
    expect(r.last).toBe("✖ exit 1: 1 error-level diagnostic");
  });

  test("the default preset's WordPress core tags are covered", async () => {
    const dir = await tree({ "c.txt": '[caption]<img src="https://x/a.jpg"> a[/caption] [gallery ids="1"] [php]x[/php]\n' });
    const r = await cli(["scan", "c.txt"], { cwd: dir });
    expect(r.stdout).toMatch(/^caption {2}1 use in 1 file {2}\(.*, covered\)$/m);
    expect(r.stdout).toMatch(/^gallery {2}1 use in 1 file {2}\(.*, covered\)$/m);
    expect(r.stdout).toContain("Tags not covered by the active rules: php");
  });

  test("--format json", async () => {
    const dir = await tree({ "b.txt": CORPUS["b.txt"] });
    const r = await cli(["scan", "b.txt", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const census = JSON.parse(r.stdout);
    expect(census).toMatchObject({ files: 1, shortcodes: 2, uncovered: ["ilan"], malformed: [] });
    expect(census.tags[0]).toMatchObject({ tag: "ilan", count: 1, files: 1, covered: false });
    expect(census.tags[1].attributes.find((a: { name: string }) => a.name === "image")).toEqual({
      name: "image",
      count: 1,
      shapes: { url: 1, empty: 0, number: 0, text: 0 },
    });
    expect(r.last).toMatch(/^✔ 1 file: 1 scanned, 0 skipped/);
  });
});

describe("parse", () => {
  test("AST and messages as JSON on stdout", async () => {
    const r = await cli(["parse", "-"], { stdinText: `x ${box("T")}` });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.file).toBe("<stdin>");
    expect(json.tree.children.map((n: { type: string }) => n.type)).toEqual(["text", "shortcode"]);
    expect(json.messages).toEqual([]);
    expect(r.last).toMatch(/^✔ 1 file: 1 parsed/);
  });

  test("--tags all, and error diagnostics exit 1 (also printed on stderr)", async () => {
    const dir = await tree({ "a.txt": "[gallery] BROKEN" });
    const r = await cli(["parse", "a.txt", "--tags", "all"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).tree.children[0].name).toBe("gallery");
    expect(r.stderr).toContain("a.txt:1:11  error  broken here  unterminated-quote");
    const bad = await cli(["parse", "a.txt", "--tags", ","], { cwd: dir });
    expect([bad.code, bad.last]).toEqual([
      2,
      `shortcode-migrate: --tags ",": expected "all" or comma-separated tag names (see 'shortcode-migrate parse --help')`,
    ]);
  });
});
