/**
 * What reports say about names and reasons: diff headers as git writes them (never `a//tmp/…`),
 * `--to json` diffs named `.json`, and `.md` report reason cells with code spans, not escapes.
 */
import { afterEach, expect, test } from "@jest/globals";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadEngine } from "../../src/run/engine.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

afterEach(cleanupTrees);
const engine = await loadEngine();
const ARTICLE = `Giriş.\n\n${box("Birinci")}\n`;

test("--diff of a file outside the working folder: `--- a/tmp/…`, never `a//tmp/…`", async () => {
  const dir = await tree({ "a.txt": ARTICLE });
  const file = path.join(dir, "a.txt");
  // the project folder as working folder: the temp file is outside it, so it is shown by its absolute path
  const r = await cli(["convert", file, "--dry-run", "--diff"], { cwd: process.cwd(), engine });
  expect(r.code).toBe(0);
  const headers = r.stdout.split("\n").slice(0, 2);
  expect(headers).toEqual([`--- a${file}`, `+++ b${file}`]);
  expect(r.stdout).not.toContain("a//");
});

test("--diff --to json: the new side is named .json (to stdout, and into --out-dir)", async () => {
  const dir = await tree({ "haber/a.md": ARTICLE, "haber/b.txt": ARTICLE });
  const single = await cli(["convert", "haber/a.md", "--dry-run", "--diff", "--to", "json"], { cwd: dir, engine });
  expect(single.code).toBe(0);
  expect(single.stdout.split("\n").slice(0, 2)).toEqual(["--- a/haber/a.md", "+++ b/haber/a.json"]);
  const mdast = await cli(["convert", "haber/b.txt", "--dry-run", "--diff", "--to", "mdast"], { cwd: dir, engine });
  expect(mdast.stdout.split("\n").slice(0, 2)).toEqual(["--- a/haber/b.txt", "+++ b/haber/b.mdast.json"]);
  const outDir = await cli(["convert", "haber", "--dry-run", "--diff", "--to", "json", "--out-dir", "cikti"], { cwd: dir, engine });
  expect(outDir.stdout.split("\n").filter((l) => /^(---|\+\+\+) /.test(l))).toEqual([
    "--- a/haber/a.md",
    "+++ b/cikti/a.json",
    "--- a/haber/b.txt",
    "+++ b/cikti/b.json",
  ]);
  // markdown keeps the input's name: the diff is of that file
  const markdown = await cli(["convert", "haber/b.txt", "--dry-run", "--diff"], { cwd: dir, engine });
  expect(markdown.stdout.split("\n").slice(0, 2)).toEqual(["--- a/haber/b.txt", "+++ b/haber/b.txt"]);
});

test("--report .md: reason cells keep code spans and escape only what would become markup", async () => {
  const dir = await tree({
    "a.txt": `Giriş.\n\n[old_news_related_template title="Eksik"\n\n[anket ids="1"] ve [/old_news_related_template] son.\n\n${box("Tam")}\n`,
  });
  const r = await cli(["convert", "a.txt", "--dry-run", "--report", "rapor.md"], { cwd: dir, engine });
  expect(r.code).toBe(1);
  const md = await readFile(path.join(dir, "rapor.md"), "utf8");
  const cells = md
    .split("\n")
    .filter((l) => l.startsWith("| `a.txt:"))
    .map((l) => l.split(" | ")[2]);
  expect(cells).toEqual([
    "`[old_news_related_template` is never closed with `]`; kept as text",
    "Unknown shortcode [anket] kept verbatim",
    "`[/old_news_related_template]` closes no open `[old_news_related_template]`; kept as text",
  ]);
  const messages = md.slice(md.indexOf("## Messages"), md.indexOf("## Changes"));
  // the tag no rule handles is marked in the tag table too
  expect(md).toContain("| `anket` (no rule: kept as written) | 1 | 1 |");
  expect(md).toContain("| `old_news_related_template` | 1 | 1 |");
  expect(messages).not.toMatch(/\\`|\\\[/);
});
