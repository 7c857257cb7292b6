/**
 * Pins that `convert <tree> --out-dir DIR` on the worker pool, where each worker thread reads,
 * converts and writes its own files (`processUnit` with a `file` unit, `src/run/process-unit.ts`), is indistinguishable from
 * `--concurrency 1` (which does the same in-process) and from the main thread's own path
 * (async reads and writes, taken with `--cache`): the same output tree byte for byte, the same exit code, the same stderr
 * lines in the same order (in-order reporting is a promise), write failures reported alike;
 * a re-run rewrites nothing (mtimes kept) and no temporary file is ever left behind. And that
 * `check`, whose findings the workers compute (`processUnit` in its compare-only mode, `src/run/would-change.ts`), prints the same.
 * Spawns the built bin (`npm run build` first) on seed-shaped articles plus odd files.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { isTempName } from "../../src/io/write.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/shortcode-migrate.js", import.meta.url));
const built = existsSync(new URL("../../dist/src/run/process-unit.js", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../fixtures/articles/", import.meta.url));

/** Seed-shaped articles (at least 40, so the pool is used: it starts at 16 inputs). */
const ARTICLES = 44;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr lines, the summary's duration replaced by `<time>`. */
  lines: string[];
}

let root: string;
/** `sync` calls the runs made (the fake `sync` first on PATH logs them here). */
let syncLog: string;
let fakeBin: string;

/** Run the bin in `cwd` (default: the temp root), with the logging `sync` first on PATH unless `realSync`. */
function run(args: string[], { cwd = root, realSync = false }: { cwd?: string; realSync?: boolean } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const PATH = realSync ? (process.env.PATH ?? "") : `${fakeBin}${path.delimiter}${process.env.PATH ?? ""}`;
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", CI: "true", PATH },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = stderr
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.replace(/ · \d+(\.\d)? m?s$/, " · <time>"));
      resolve({ code, stdout, stderr, lines });
    });
  });
}

/** Every regular file under `dir` (relative, `/`-separated, sorted) → bytes. */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const rels = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
  for (const rel of rels) files.set(rel, await readFile(path.join(dir, rel)));
  return files;
}

/** Our temporary files anywhere under `dir` (relative). */
async function temps(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => isTempName(e.name)).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function syncCalls(): Promise<string[]> {
  return existsSync(syncLog) ? (await readFile(syncLog, "utf8")).split("\n").filter(Boolean) : [];
}

/** Assert two snapshots hold the same files with the same bytes (a readable failure, not a Buffer dump). */
function expectSameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  const differing = [...a].filter(([rel, bytes]) => !bytes.equals(b.get(rel)!)).map(([rel]) => rel);
  expect(differing).toEqual([]);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "smfow-"));
  const tree = path.join(root, "tree");
  await mkdir(path.join(tree, "sub", "derin"), { recursive: true });
  const { generateCorpus } = (await import(path.join(ROOT, "bench/corpus.mjs"))) as {
    generateCorpus: (options: { articles: number }) => { id: string; body: string }[];
  };
  const corpus = generateCorpus({ articles: ARTICLES });
  for (const [i, { id, body }] of corpus.entries()) {
    const folder = i % 7 === 3 ? "sub/derin" : i % 4 === 1 ? "sub" : "";
    await writeFile(path.join(tree, folder, `${id}.txt`), body);
  }
  // the real articles too (the seed, a CRLF one)
  await mkdir(path.join(tree, "gercek"));
  for (const name of await readdir(FIXTURES)) {
    if (name.endsWith(".txt")) await writeFile(path.join(tree, "gercek", name), await readFile(path.join(FIXTURES, name)));
  }
  const seed = readFileSync(path.join(FIXTURES, "seed.txt"), "utf8");
  // odd files
  await writeFile(path.join(tree, "bom-crlf.txt"), "\uFEFF" + corpus[0]!.body.replace(/\n/g, "\r\n"));
  await writeFile(path.join(tree, "sub", "bom-lf.txt"), "\uFEFF" + corpus[1]!.body);
  await writeFile(path.join(tree, "ikili.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  await writeFile(path.join(tree, "bos.txt"), "");
  await writeFile(path.join(tree, "sub", "bosluk.txt"), "  \n\n");
  await writeFile(path.join(tree, "latin5.txt"), Buffer.from("Dışişleri Bakanı açıklama yaptı.\n", "latin1"));
  await writeFile(
    path.join(tree, "sub", "derin", "karisik.txt"),
    seed
      .split("\n")
      .map((l, i) => l + (i % 2 ? "\r" : ""))
      .join("\n"),
  );
  await writeFile(path.join(tree, "notlar.md"), "# Notlar\n\n" + corpus[2]!.body + "\n");
  await writeFile(path.join(tree, "sayfa.html"), `<p>Giriş <strong>paragrafı</strong> &amp; devamı.</p>\n<p>${corpus[3]!.body.split("\n\n")[0]}</p>\n`);
  await writeFile(path.join(tree, "mojibake.txt"), "DÄ±ÅŸiÅŸleri BakanÄ± aÃ§Ä±klama yaptÄ±.\n");
  // a dangling link: listed, then reported as not found when read
  await symlink(path.join(root, "olmayan.txt"), path.join(tree, "kirik.txt"));

  // a `sync` that records its arguments, first on PATH: it shows which run flushed its output
  // with one `sync -f DIR` (only the worker path does), without flushing the test machine
  fakeBin = path.join(root, "fakebin");
  syncLog = path.join(root, "sync.log");
  await mkdir(fakeBin);
  await writeFile(path.join(fakeBin, "sync"), `#!/bin/sh\necho "$*" >> '${syncLog}'\n`);
  await chmod(path.join(fakeBin, "sync"), 0o755);
}, 30_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

(built || process.env.CI ? describe : describe.skip)("--out-dir on the worker pool (workers read, convert and write) vs in-process", () => {
  test("same output tree byte for byte, same exit code, same stderr lines in order; a re-run rewrites nothing", async () => {
    const inputs = (await readdir(path.join(root, "tree"), { recursive: true })).length;
    expect(inputs).toBeGreaterThanOrEqual(ARTICLES + 10);

    const pooled = await run(["convert", "tree", "--out-dir", "A", "--concurrency", "2"]);
    const afterPooled = await syncCalls();
    const inProcess = await run(["convert", "tree", "--out-dir", "B", "--concurrency", "1"]);
    const afterInProcess = await syncCalls();
    // the main thread's own path (async reads and writes, a flush per file): --cache takes it,
    // and with a cache file that is not there yet it converts and writes everything
    const mainPath = await run(["convert", "tree", "--out-dir", "C", "--concurrency", "1", "--cache", "--cache-location", "C.cache.json"]);
    const afterMainPath = await syncCalls();

    // the odd files were reported (not silently dropped) and the run failed for them
    expect(pooled.code).toBe(1);
    for (const name of ["tree/ikili.txt", "tree/latin5.txt", "tree/kirik.txt"]) {
      expect(pooled.stderr).toContain(name);
    }
    expect(pooled.stderr).toContain("mixed-line-endings");

    expect(pooled.code).toBe(inProcess.code);
    expect(pooled.lines).toEqual(inProcess.lines);
    expect(mainPath.code).toBe(pooled.code);
    // the same lines but the cache's own one
    const cacheLine = mainPath.lines.findIndex((l) => l.startsWith("cache: "));
    expect(cacheLine).toBeGreaterThanOrEqual(0);
    expect(mainPath.lines.filter((_, i) => i !== cacheLine)).toEqual(pooled.lines);

    const a = await snapshot(path.join(root, "A"));
    // an empty input has its (empty) output (issue 13)
    expect(a.get("bos.md")?.length).toBe(0);
    const b = await snapshot(path.join(root, "B"));
    const c = await snapshot(path.join(root, "C"));
    expect(a.size).toBeGreaterThanOrEqual(ARTICLES + 5);
    expect(a.has("sub/derin/karisik.md")).toBe(true);
    expect([...a.get("bom-crlf.md")!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(a.get("bom-crlf.md")!.toString("utf8")).not.toMatch(/(?<!\r)\n/);
    expectSameTree(a, b);
    expectSameTree(a, c);

    // the direct path (workers, or in-process) flushed each run's output once at the end;
    // the main thread's own path flushed each file instead (no `sync`)
    if (process.platform === "linux") {
      expect(afterPooled).toEqual([`-f ${path.join(root, "A")}`]);
      expect(afterInProcess).toEqual([...afterPooled, `-f ${path.join(root, "B")}`]);
      expect(afterMainPath).toEqual(afterInProcess);
    }

    // a re-run into A: every output is up to date, none rewritten (old mtimes show it)
    const old = new Date("2020-10-10T10:10:10Z");
    for (const rel of a.keys()) await utimes(path.join(root, "A", rel), old, old);
    const again = await run(["convert", "tree", "--out-dir", "A", "--concurrency", "2"]);
    expect(again.code).toBe(pooled.code);
    // the same lines, but the summary says what happened: nothing written, every output up to date
    const rerun = (lines: string[]) => lines.map((l) => l.replace(/: (\d+) converted, 0 up to date,/, ": 0 converted, $1 up to date,"));
    expect(again.lines).toEqual(rerun(pooled.lines));
    expect(again.lines.join("\n")).toMatch(/: 0 converted, [1-9]\d* up to date,/);
    const touched: string[] = [];
    for (const rel of a.keys()) if ((await stat(path.join(root, "A", rel))).mtimeMs !== old.getTime()) touched.push(rel);
    expect(touched).toEqual([]);
    expectSameTree(await snapshot(path.join(root, "A")), a);

    expect(await temps(root)).toEqual([]);
  }, 60_000);

  test("--verbose: the same per-file lines in the same order, write failures reported alike", async () => {
    // Each run in its own folder with the same relative paths, so every line can be compared as is.
    const runs: Outcome[] = [];
    const flushedBefore = (await syncCalls()).length;
    const trees: Array<Map<string, Buffer>> = [];
    for (const concurrency of ["2", "1"]) {
      const cwd = path.join(root, `c${concurrency}`);
      // a regular file where the output folder `sub` should be: every output under it fails
      await mkdir(path.join(cwd, "out"), { recursive: true });
      await writeFile(path.join(cwd, "out", "sub"), "engel\n");
      runs.push(await run(["convert", "../tree", "--out-dir", "out", "--concurrency", concurrency, "--verbose", "--report", "report.json"], { cwd }));
      trees.push(await snapshot(path.join(cwd, "out")));
    }
    const [pooled, inProcess] = runs as [Outcome, Outcome];
    // a write failure is a failed run (2), not only unreadable inputs (1)
    expect(pooled.code).toBe(2);
    expect(pooled.stderr).toMatch(/cannot write out\/sub\/.*\.md: a file stands where a folder is needed/);
    expect(pooled.stderr).toMatch(/→ out\/[^\n]*\.md\n/);
    expect(pooled.code).toBe(inProcess.code);
    expect(pooled.lines).toEqual(inProcess.lines);
    expectSameTree(trees[0]!, trees[1]!);
    // the JSON reports agree too, file by file (only the duration differs)
    const [reportPooled, reportInProcess] = await Promise.all(
      ["c2", "c1"].map(async (c) => {
        const report = JSON.parse(await readFile(path.join(root, c, "report.json"), "utf8")) as { summary: { durationMs?: number }; files: unknown[] };
        delete report.summary.durationMs;
        return report;
      }),
    );
    expect(reportPooled!.files.length).toBeGreaterThanOrEqual(ARTICLES);
    expect(reportPooled).toEqual(reportInProcess);
    expect(trees[0]!.get("sub")!.toString()).toBe("engel\n");
    if (process.platform === "linux")
      expect((await syncCalls()).slice(flushedBefore)).toEqual([`-f ${path.join(root, "c2", "out")}`, `-f ${path.join(root, "c1", "out")}`]);
    expect(await temps(root)).toEqual([]);
  }, 60_000);

  // Regression: the end-of-run flush used to run when every write had failed (it counted
  // conversions), and warned "the outputs are written but were not flushed": untrue, and a
  // line the in-process run does not print. It now runs only when something was written.
  test("no output can be written (the --out-dir is under a regular file): same stderr, no claim that outputs were written", async () => {
    await writeFile(path.join(root, "engel"), "bir dosya\n");
    // the real `sync`, which fails on a folder that is not there
    const pooled = await run(["convert", "tree", "--out-dir", "engel/out", "--concurrency", "2"], { realSync: true });
    const inProcess = await run(["convert", "tree", "--out-dir", "engel/out", "--concurrency", "1"], { realSync: true });
    // said once, before any work (issue 13), on the pool and in-process alike
    expect(pooled.code).toBe(2);
    expect(pooled.stderr).toMatch(/^shortcode-migrate: --out-dir engel\/out: engel is a file, not a folder; choose another --out-dir/);
    expect(pooled.stderr.trim().split("\n")).toHaveLength(1);
    expect(pooled.code).toBe(inProcess.code);
    expect(pooled.lines).toEqual(inProcess.lines);
    expect(pooled.stderr).not.toMatch(/outputs are written/);
    expect(await temps(root)).toEqual([]);
  }, 60_000);

  // The end-of-run flush of the pool's outputs (one `sync -f DIR`) after writes that fail mid-run:
  // a folder standing where an output file goes fails that file's rename (EISDIR) on the worker.
  describe("writes that fail mid-run on the pool", () => {
    /** 20 seed-shaped articles (the pool starts at 16) in `name/in`; `name/out/<dirs>.md` made folders. */
    async function setUp(name: string, blocked: (i: number) => boolean): Promise<{ cwd: string; blockedNames: string[] }> {
      const cwd = path.join(root, name);
      await mkdir(path.join(cwd, "in"), { recursive: true });
      await mkdir(path.join(cwd, "out"), { recursive: true });
      const blockedNames: string[] = [];
      for (let i = 0; i < 20; i++) {
        const id = String(i).padStart(2, "0");
        await writeFile(
          path.join(cwd, "in", `${id}.txt`),
          `Haber ${i}: Bakan ’’yeni dönem’’ dedi.\n\n[old_news_related_template title="Başlık ${i}" desc="" image="https://haber.example/${i}.jpg" link="https://haber.example/haber-${i}"]\n`,
        );
        if (blocked(i)) {
          // not empty, so nothing can replace it
          await mkdir(path.join(cwd, "out", `${id}.md`, "icerik"), { recursive: true });
          blockedNames.push(`${id}.md`);
        }
      }
      return { cwd, blockedNames };
    }

    test("some fail: the others are written and flushed once, each failure reported on its line, exit 2", async () => {
      const { cwd, blockedNames } = await setUp("yari", (i) => i % 6 === 1);
      const flushedBefore = (await syncCalls()).length;
      const r = await run(["convert", "in", "--out-dir", "out", "--concurrency", "2"], { cwd });
      // an output that cannot be written is a failure of the run (README "Exit codes")
      expect(r.code).toBe(2);
      for (const name of blockedNames) {
        expect(r.stderr).toContain(`cannot write out/${name}: a folder stands where the file should go (EISDIR); remove it or choose another --out-dir`);
      }
      expect(r.lines.at(-1)).toMatch(/^✖ exit 2: /);
      expect(r.lines.some((l) => /^✖ 20 files: 16 converted, 0 up to date, 0 skipped, 4 failed/.test(l))).toBe(true);
      // every other output is there, whole
      const written = await snapshot(path.join(cwd, "out"));
      expect([...written.keys()].filter((k) => !k.includes("/")).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, "0")}.md`).filter((n) => !blockedNames.includes(n)),
      );
      for (const [rel, bytes] of written)
        if (!rel.includes("/"))
          expect(bytes.toString("utf8")).toMatch(
            /^Haber (\d+): Bakan .*\n\n> \*\*İlgili Haber\*\*\n[^]*> \*\*\[Başlık \1\]\(https:\/\/haber\.example\/haber-\1\)\*\*\n$/,
          );
      // the written ones were flushed, once, at the end of the run
      if (process.platform === "linux") expect((await syncCalls()).slice(flushedBefore)).toEqual([`-f ${path.join(cwd, "out")}`]);
      expect(r.stderr).not.toMatch(/not flushed/);
      expect(await temps(cwd)).toEqual([]);
    }, 60_000);

    test("all fail: nothing is flushed and no line claims an output was written", async () => {
      const { cwd } = await setUp("hepsi", () => true);
      const flushedBefore = (await syncCalls()).length;
      const r = await run(["convert", "in", "--out-dir", "out", "--concurrency", "2"], { cwd });
      expect(r.code).toBe(2);
      // one line per input (the last line repeats the first reasons)
      expect(r.lines.filter((l) => /^in\/\d\d\.txt: cannot write out\/\d\d\.md: a folder stands where the file should go/.test(l))).toHaveLength(20);
      expect(r.lines.some((l) => /^✖ 20 files: 0 converted, 0 up to date, 0 skipped, 20 failed/.test(l))).toBe(true);
      expect((await syncCalls()).slice(flushedBefore)).toEqual([]);
      expect(r.stderr).not.toMatch(/outputs are written/);
      expect(await temps(cwd)).toEqual([]);
    }, 60_000);
  });

  test("--write: in place on the pool, in-process and on the main thread's own path alike; unchanged files untouched, permission bits kept", async () => {
    // markdown files (--write converts only those): the corpus articles as .md, an already
    // converted one, a CRLF one with a BOM, one with restricted permissions
    const source = path.join(root, "tree");
    const files = new Map<string, string | Buffer>();
    for (const entry of await readdir(source, { withFileTypes: true })) {
      if (entry.isFile() && /^\d+_.*\.txt$/.test(entry.name)) files.set(entry.name.replace(/\.txt$/, ".md"), await readFile(path.join(source, entry.name)));
    }
    expect(files.size).toBeGreaterThanOrEqual(20);
    files.set("hazir.md", "Giriş.\n\n> **Birinci**\n");
    files.set("bom-crlf.md", "\uFEFF" + readFileSync(path.join(FIXTURES, "seed.txt"), "utf8").replace(/\n/g, "\r\n"));
    const old = new Date("2020-10-10T10:10:10Z");
    const outcomes: Outcome[] = [];
    const trees: Array<Map<string, Buffer>> = [];
    const runs = [
      ["--concurrency", "2"],
      ["--concurrency", "1"],
      ["--concurrency", "1", "--cache", "--cache-location", path.join(root, "w.cache.json")],
    ];
    for (const [k, args] of runs.entries()) {
      const dir = path.join(root, `w${k}`);
      await mkdir(dir);
      for (const [name, content] of files) await writeFile(path.join(dir, name), content);
      await chmod(path.join(dir, "hazir.md"), 0o640);
      await chmod(path.join(dir, "bom-crlf.md"), 0o600);
      for (const name of files.keys()) await utimes(path.join(dir, name), old, old);
      outcomes.push(await run(["convert", `w${k}`, "--write", "--verbose", ...args]));
      trees.push(await snapshot(dir));
      // the unchanged file was not rewritten; the modes survived the rewrite
      expect((await stat(path.join(dir, "hazir.md"))).mtimeMs).toBe(old.getTime());
      expect((await stat(path.join(dir, "hazir.md"))).mode & 0o777).toBe(0o640);
      expect((await stat(path.join(dir, "bom-crlf.md"))).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(dir, "bom-crlf.md"))).mtimeMs).not.toBe(old.getTime());
    }
    const [pooled, inProcess, mainPath] = outcomes as [Outcome, Outcome, Outcome];
    expect(pooled.code).toBe(0);
    expect(pooled.stderr).toContain("w0/hazir.md: up to date, not rewritten");
    const rel = (o: Outcome, k: number) => o.lines.filter((l) => !l.startsWith("cache: ")).map((l) => l.replaceAll(`w${k}/`, "W/"));
    expect(rel(inProcess, 1)).toEqual(rel(pooled, 0));
    expect(rel(mainPath, 2)).toEqual(rel(pooled, 0));
    expect([inProcess.code, mainPath.code]).toEqual([0, 0]);
    expectSameTree(trees[0]!, trees[1]!);
    expectSameTree(trees[0]!, trees[2]!);
    const bom = trees[0]!.get("bom-crlf.md")!;
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString("utf8")).toContain("> **İlgili Haberler**\r\n>\r\n");
    expect(await temps(root)).toEqual([]);
  }, 60_000);

  test("check: the workers' findings equal the in-process ones (stdout, stderr, exit code, .md report with diffs)", async () => {
    const pooled = await run(["check", "tree", "--concurrency", "2", "--report", "check-2.md"]);
    const inProcess = await run(["check", "tree", "--concurrency", "1", "--report", "check-1.md"]);
    expect(pooled.code).toBe(1);
    expect(pooled.code).toBe(inProcess.code);
    expect(pooled.stdout).toMatch(/would-change/);
    expect(pooled.stdout).toBe(inProcess.stdout);
    expect(pooled.lines).toEqual(inProcess.lines);
    const report = (name: string) => readFileSync(path.join(root, name), "utf8").replace(/\d+(\.\d+)? m?s\b/g, "<time>");
    expect(report("check-2.md")).toMatch(/```diff/);
    expect(report("check-2.md")).toBe(report("check-1.md"));
  }, 60_000);
});
