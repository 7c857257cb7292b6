/**
 * The must-show of issue 16 on a real export: the WordPress importer's a11y theme-test site
 * (`../shared/realworld/wxr/a11y-unit-test-data.xml`; skipped with a notice where that folder is
 * absent), converted through the CLI with links and assets. Every old-site URL a post's output
 * uses (as converted without links: the truth, found by a pattern of the test's own, not by the
 * rewriter under test) is, after the run with links: a file → in the manifest under that post and
 * gone from the output (rewritten); a link → gone from the output (rewritten) or kept and
 * reported as `dead-internal-link` at a place in the export.
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { loadEngine } from "../../src/run/engine.js";
import { cleanupTrees, cli, tree } from "./helpers.js";

const EXPORT = new URL("../../../shared/realworld/wxr/a11y-unit-test-data.xml", import.meta.url);
const present = existsSync(EXPORT);
if (!present) console.warn("skipped: ../shared/realworld/wxr/a11y-unit-test-data.xml is absent (the real-world corpus is not next to the project)");

const engine = present ? await loadEngine() : undefined;
afterEach(cleanupTrees);

const HOST = String.raw`wpthemetestdata\.(?:files\.)?wordpress\.com`;
const FILE = /files\.wordpress\.com|\/wp-content\/uploads\//;

/** Old-site URLs an output uses as URLs: a markdown destination, an autolink, an HTML attribute, JSON in a comment, CSS url(). */
function usedUrls(markdown: string): string[] {
  const pattern = new RegExp(String.raw`(?:\]\(|<|=\s*["']|":"|url\()(https?://${HOST}[^\s"'<>()]*)`, "g");
  return [...markdown.matchAll(pattern)].map((match) => match[1]!.replace(/&amp;/g, "&"));
}

/** The body of every post file under `out`, by post file (front matter left out: its `link:` is the old permalink, on purpose). */
async function outputs(dir: string, files: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of files) out.set(file, (await readFile(path.join(dir, file), "utf8")).replace(/^---\n[\s\S]*?\n---\n/, ""));
  return out;
}

interface JsonReport {
  files: { file: string; output: string | null; messages: { file: string; line: number; column: number; ruleId: string; reason: string }[] }[];
}

test("the test's own pattern sees old-site URLs wherever an output can hold them", () => {
  const page = "https://wpthemetestdata.wordpress.com/2010/09/10/post-format-gallery/img_0747/";
  const text = `[a](${page}) <${page}> <img data-link="${page}"> <!-- wp:cover {"url":"${page}"} --> <div style="background:url(${page})">`;
  expect(usedUrls(text)).toEqual([page, page, page, page, page]);
});

(present ? describe : describe.skip)("the a11y export with links and assets", () => {
  test("every link to the old site in every output is rewritten or reported; every old-site image is in the manifest and rewritten", async () => {
    const xml = readFileSync(EXPORT);
    const dir = await tree({ "a11y.xml": xml });
    const common = ["convert", "a11y.xml", "--preset", "wordpress"];
    const plain = await cli([...common, "--out-dir", "plain", "--report", "plain.json"], { cwd: dir, engine: engine! });
    expect(plain.code).toBe(0);
    const run = await cli([...common, "--out-dir", "out", "--report", "report.json", "--asset-manifest", "assets.json", "--redirects", "redirects.csv"], {
      cwd: dir,
      engine: engine!,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/links: \d+ articles indexed/);

    const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as JsonReport;
    const plainReport = JSON.parse(await readFile(path.join(dir, "plain.json"), "utf8")) as JsonReport;
    const fileOf = (entry: JsonReport["files"][number], root: string) => path.relative(path.join(dir, root), path.resolve(dir, entry.output!));
    const posts = report.files.map((entry) => ({ id: entry.file, file: fileOf(entry, "out"), messages: entry.messages }));
    expect(posts.length).toBe(64);
    expect(plainReport.files.map((entry) => fileOf(entry, "plain"))).toEqual(posts.map((post) => post.file));
    const before = await outputs(
      path.join(dir, "plain"),
      posts.map((post) => post.file),
    );
    const after = await outputs(
      path.join(dir, "out"),
      posts.map((post) => post.file),
    );

    const manifest = JSON.parse(await readFile(path.join(dir, "assets.json"), "utf8")) as { assets: { urls: string[]; posts: string[] }[] };
    const listed = new Map<string, Set<string>>();
    for (const entry of manifest.assets)
      for (const url of entry.urls) for (const post of entry.posts) listed.set(url, (listed.get(url) ?? new Set()).add(post));

    const counts = { files: 0, links: 0, rewritten: 0, dead: 0 };
    for (const post of posts) {
      const left = new Set(usedUrls(after.get(post.file)!));
      const dead = post.messages.filter((message) => message.ruleId === "dead-internal-link");
      const reported = new Set(dead.map((message) => /"([^"]+)" points at the old site/.exec(message.reason)![1]));
      // a dead link is placed in the export (line:column of a11y.xml), named by the post
      for (const message of dead) expect([message.file, message.line > 1]).toEqual([post.id, true]);
      for (const url of new Set(usedUrls(before.get(post.file)!))) {
        if (FILE.test(url)) {
          counts.files++;
          expect([post.id, url, listed.get(url)?.has(post.id) ?? false, left.has(url)]).toEqual([post.id, url, true, false]);
        } else {
          counts.links++;
          const fate = reported.has(url) ? "reported" : left.has(url) ? "left" : "rewritten";
          if (fate === "reported") counts.dead++;
          if (fate === "rewritten") counts.rewritten++;
          expect([post.id, url, fate]).not.toEqual([post.id, url, "left"]);
        }
      }
    }
    // Measured: 71 old-site file uses checked, 0 old-site links. The export's 92 links to its own
    // pages are gallery `data-link` attributes, which the converter drops today (a nothing-lost gap
    // of the HTML converter); once it keeps them they are counted here and must pass the same way
    // (the rewriter's side: tests/links/raw-html-attributes.test.ts).
    expect(counts.files).toBeGreaterThan(20);
    // the census agrees with the report's dead links
    const deadTotal = posts.reduce((n, post) => n + post.messages.filter((message) => message.ruleId === "dead-internal-link").length, 0);
    expect(run.stderr).toMatch(new RegExp(`old-site links \\d+: \\d+ rewritten, ${deadTotal} dead`));
  });
});
