import { describe, expect, test } from "@jest/globals";
import * as nodeFs from "node:fs/promises";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ConvertOptions } from "../../src/convert/types.js";
import type { FileSystem } from "../../src/io/fs.js";
import { fileURLToPath } from "node:url";
import { nodeSyncFileSystem } from "../../src/io/sync-fs.js";
import { processUnit, type UnitTask } from "../../src/run/process-unit.js";
import { changeFinder } from "../../src/run/would-change.js";
import { ConvertPool, type Converter } from "../../src/scale/pool.js";
import { box, cli, fakeEngine, tempTree } from "./helpers.js";

/** 24 articles (enough for the pool: fewer convert in-process), a box in every third. */
function articles(n = 24): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const name = `${String(i).padStart(3, "0")}-haber.txt`;
    files[`in/${i % 2 ? "spor/" : ""}${name}`] = i % 3 === 0 ? `Haber ${i}.\n\n${box(`Başlık ${i}`)}` : `Haber ${i}, kutusuz.${i % 5 === 0 ? " WARN" : ""}`;
  }
  return files;
}

/**
 * A stand-in for the worker pool: `processUnit` with the fake engine, answering after a random delay so results
 * come back out of order; remembers the options objects it saw (batching needs one per format).
 */
function shufflingPool(log: { threads: number[]; options: Set<ConvertOptions>; closed: number; checked?: UnitTask[] }): (threads: number) => Converter {
  return (threads) => {
    log.threads.push(threads);
    // as a worker has it: `check`'s comparison with the thread's own parser
    const env = { convert: fakeEngine.convert, fs: nodeSyncFileSystem, knownDirs: new Set<string>(), findChanges: changeFinder(fakeEngine.parse) };
    return {
      threads,
      async process(task, settings, options) {
        log.options.add(options);
        if (settings.check) log.checked?.push(task);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 8)));
        return processUnit(task, settings, options, env);
      },
      async close() {
        log.closed++;
      },
    };
  };
}

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    out[path.relative(dir, file)] = await readFile(file, "utf8");
  }
  return out;
}

describe("--concurrency", () => {
  test("results and messages come out in input order whatever order the pool answers in", async () => {
    const t = await tempTree(articles());
    try {
      const serial = await cli(["convert", "in", "--dry-run", "--diff", "--concurrency", "1", "--verbose"], { cwd: t.dir });
      const log = { threads: [] as number[], options: new Set<ConvertOptions>(), closed: 0 };
      const parallel = await cli(["convert", "in", "--dry-run", "--diff", "--concurrency", "3", "--verbose"], { cwd: t.dir, pool: shufflingPool(log) });
      expect(parallel.code).toBe(serial.code);
      expect(parallel.stdout).toBe(serial.stdout);
      const withoutTime = (s: string) => s.replace(/· \d+(\.\d+)? m?s/, "");
      expect(withoutTime(parallel.stderr)).toBe(withoutTime(serial.stderr));
      expect(log.threads).toEqual([3]);
      expect(log.closed).toBe(1);
      // One options object for the whole run: the pool batches only requests that share it.
      expect(log.options.size).toBe(1);
    } finally {
      await t.cleanup();
    }
  });

  test("check runs every unit through processUnit on the pool (compare-only): same findings, report and exit code as in-process", async () => {
    const files = articles();
    files["in/007-haber.txt"] = "Bu CRASH eder.";
    files["in/arsiv.ndjson"] =
      Array.from({ length: 20 }, (_, i) =>
        JSON.stringify({ id: `h${i}`, body: `${"Uzun bir paragraf. ".repeat(60)}\n\n${i % 4 ? `Metin ${i}.` : box(`B${i}`)}` }),
      ).join("\n") + "\n";
    const t = await tempTree(files);
    try {
      // 24 articles and one that crashes the converter; 20 records (over 16 kB: a smaller archive is checked in-process)
      for (const [operands, units] of [
        [["in", "--ignore", "*.ndjson"], 25],
        [["in/arsiv.ndjson"], 20],
      ] as const) {
        const args = ["check", ...operands, "--report", "r.md", "--verbose"];
        const serial = await cli([...args, "--concurrency", "1"], { cwd: t.dir });
        const serialReport = await readFile(path.join(t.dir, "r.md"), "utf8");
        const log = { threads: [] as number[], options: new Set<ConvertOptions>(), closed: 0, checked: [] as UnitTask[] };
        const parallel = await cli([...args, "--concurrency", "2"], { cwd: t.dir, pool: shufflingPool(log) });
        // every unit went to the pool, as a unit of processUnit's compare-only mode (no target)
        expect(log.checked).toHaveLength(units);
        expect(log.checked.every((task) => task.target === undefined && typeof task.name === "string")).toBe(true);
        expect(parallel.code).toBe(serial.code);
        expect(parallel.stdout).toBe(serial.stdout);
        expect(parallel.stdout).toMatch(/would-change/);
        const withoutTime = (text: string) => text.replace(/· \d+(\.\d+)? m?s/g, "").replace(/"(duration|generated)\w*": [^,\n]+/g, "");
        expect(withoutTime(parallel.stderr)).toBe(withoutTime(serial.stderr));
        expect(withoutTime(await readFile(path.join(t.dir, "r.md"), "utf8"))).toBe(withoutTime(serialReport));
      }
    } finally {
      await t.cleanup();
    }
  });

  test("--out-dir gets the same files at 1 and at N threads", async () => {
    const t = await tempTree(articles());
    try {
      const log = { threads: [] as number[], options: new Set<ConvertOptions>(), closed: 0 };
      expect((await cli(["convert", "in", "--out-dir", "one", "-j", "1"], { cwd: t.dir })).code).toBe(0);
      expect((await cli(["convert", "in", "--out-dir", "many", "-j", "4"], { cwd: t.dir, pool: shufflingPool(log) })).code).toBe(0);
      expect(await tree(path.join(t.dir, "many"))).toEqual(await tree(path.join(t.dir, "one")));
      expect(log.threads).toEqual([4]);
    } finally {
      await t.cleanup();
    }
  });

  test("a conversion that fails on the pool is that file's failure; the others are written and the pool is closed", async () => {
    const files = articles();
    files["in/010-haber.txt"] = "Bu CRASH eder.";
    const t = await tempTree(files);
    try {
      const log = { threads: [] as number[], options: new Set<ConvertOptions>(), closed: 0 };
      const r = await cli(["convert", "in", "--out-dir", "out", "-j", "2"], { cwd: t.dir, pool: shufflingPool(log) });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("the converter crashed on in/010-haber.txt: boom");
      expect(Object.keys(await tree(path.join(t.dir, "out")))).toHaveLength(23);
      expect(log.closed).toBe(1);
    } finally {
      await t.cleanup();
    }
  });

  /**
   * 30 NDJSON records on stdin (`h0`…`h29`, body `Haber i`; record `at` gets `body`) through a
   * real pool running the stand-in worker (upper-cases; DIE, HANG as it says).
   */
  async function throughStandIn(at: number, body: string, args: string[] = []) {
    const workerFile = fileURLToPath(new URL("../scale/fixtures/crash-worker.mjs", import.meta.url));
    const bodies = Array.from({ length: 30 }, (_, i) => (i === at ? body : `Haber ${i}`));
    const input = bodies.map((b, i) => JSON.stringify({ id: `h${i}`, body: b })).join("\n") + "\n";
    const r = await cli(["convert", "-", "--input-format", "ndjson", "-j", "2", ...args], {
      stdinText: input,
      pool: (threads, options) => new ConvertPool({ threads, workerFile, ...options }),
    });
    const out = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; body: string });
    expect(out.map((record) => record.id)).toEqual(bodies.map((_, i) => `h${i}`));
    expect(out[at]!.body).toBe(body);
    expect(out[at + 1]!.body).toBe(`HABER ${at + 1}`);
    return r;
  }

  test("--timeout: a record the converter never finishes is kept as it was and reported in one line; the rest goes on", async () => {
    const r = await throughStandIn(12, "Takılan HANG haber", ["--timeout", "0.3"]);
    const why =
      "the converter did not finish <stdin>#h12: it did not finish within 0.3 s (--timeout), so its worker thread was stopped; the run went on without it (raise --timeout for a body this big, else please report it with this record)";
    expect(r.stderr.split("\n").filter((line) => line.includes("did not finish"))).toEqual([why, `✖ exit 2: ${why}`]);
    // an internal failure, like a crash (see the README's exit codes)
    expect(r.code).toBe(2);
  }, 30_000);

  test("NDJSON: a record that kills its worker fails alone, named by its id, kept as it was; the rest is converted", async () => {
    const r = await throughStandIn(5, "Çöken DIE haber");
    const failed = r.stderr.split("\n").filter((line) => line.includes("died"));
    expect(failed[0]).toMatch(/^the converter crashed on <stdin>#h5: a worker thread died converting it/);
    expect(r.code).toBe(2);
  }, 30_000);

  test("--timeout takes seconds; anything else is a usage error", async () => {
    const r = await cli(["convert", "-", "--timeout", "soon"], { stdinText: "x" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout <seconds>' argument 'soon' is invalid\. expected seconds \(e\.g\. 60; 0 for no limit\)/);
  });

  test("NDJSON on stdout keeps the input order through the pool", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: i, body: i % 4 ? `Metin ${i}.` : `Metin ${i}. ${box(`B${i}`)}` }));
    lines.splice(7, 0, "{ broken");
    const input = lines.join("\n") + "\n";
    const serial = await cli(["convert", "-", "--input-format", "ndjson", "-j", "1"], { stdinText: input });
    const log = { threads: [] as number[], options: new Set<ConvertOptions>(), closed: 0 };
    const parallel = await cli(["convert", "-", "--input-format", "ndjson", "-j", "2"], { stdinText: input, pool: shufflingPool(log) });
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.stdout.split("\n")[7]).toBe("{ broken");
    expect(parallel.code).toBe(1);
    expect(log.closed).toBe(1);
  });

  test("the pool starts before the listing for a folder, and is closed unused when the folder holds too few inputs", async () => {
    const few = await tempTree(articles(5));
    const many = await tempTree(articles());
    try {
      const events: string[] = [];
      const pool = shufflingPool({ threads: [], options: new Set(), closed: 0 });
      const fs: FileSystem = {
        ...nodeFs,
        readdir: ((...args: unknown[]) => (events.push("readdir"), (nodeFs.readdir as (...a: unknown[]) => unknown)(...args))) as FileSystem["readdir"],
      };
      const tracing = (threads: number): Converter => {
        events.push("pool");
        const inner = pool(threads);
        return { ...inner, close: async () => void events.push("close") };
      };
      expect((await cli(["convert", "in", "--out-dir", "out", "-j", "2"], { cwd: few.dir, pool: tracing, fs })).code).toBe(0);
      expect(events[0]).toBe("pool");
      expect(events.filter((e) => e === "pool")).toHaveLength(1);
      expect(events).toContain("close");
      // 5 inputs convert in-process: every output is there all the same
      expect(Object.keys(await tree(path.join(few.dir, "out")))).toHaveLength(5);

      events.length = 0;
      expect((await cli(["convert", "in", "--out-dir", "out", "-j", "2"], { cwd: many.dir, pool: tracing, fs })).code).toBe(0);
      expect(events[0]).toBe("pool"); // started before the first readdir of the listing
      expect(events.filter((e) => e === "pool")).toHaveLength(1); // and that pool is the one used
      expect(events[events.length - 1]).toBe("close");
      expect(Object.keys(await tree(path.join(many.dir, "out")))).toHaveLength(24);

      events.length = 0;
      expect((await cli(["convert", "in/000-haber.txt", "--out-dir", "out", "-j", "2"], { cwd: many.dir, pool: tracing, fs })).code).toBe(0);
      expect(events).not.toContain("pool"); // one file: no workers at all
    } finally {
      await few.cleanup();
      await many.cleanup();
    }
  });

  test("main() resolves only after the unused early pool has closed: no worker starts or stops after the run", async () => {
    const few = await tempTree(articles(5));
    try {
      const events: string[] = [];
      let resolved = false;
      const log = (event: string) => events.push(resolved ? `${event} after main()` : event);
      const inner = shufflingPool({ threads: [], options: new Set(), closed: 0 });
      // a pool whose workers take a while to stop (several turns of the event loop, as real threads do)
      const slowToClose = (threads: number): Converter => {
        log("pool");
        return {
          ...inner(threads),
          async close() {
            log("close");
            for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
            log("closed");
          },
        };
      };
      for (const command of ["convert", "check"]) {
        events.length = 0;
        resolved = false;
        const r = await cli([command, "in", ...(command === "convert" ? ["--out-dir", "out"] : []), "-j", "2"], { cwd: few.dir, pool: slowToClose });
        resolved = true;
        expect(r.code).toBe(command === "convert" ? 0 : 1);
        // started early for the folder, closed unused (5 inputs convert in-process), and closed before main() resolved
        expect(events).toEqual(["pool", "close", "closed"]);
        for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
        expect(events).toEqual(["pool", "close", "closed"]);
      }
    } finally {
      await few.cleanup();
    }
  });

  test("--concurrency 0 and a malformed --shard are usage errors", async () => {
    const zero = await cli(["convert", "-", "--concurrency", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.last).toMatch(/--concurrency.*expected a whole number ≥ 1, got "0"/);
    const shard = await cli(["check", "-", "--shard", "4/3"]);
    expect(shard.code).toBe(2);
    expect(shard.last).toMatch(/--shard.*expected K\/N with 1 ≤ K ≤ N \(e\.g\. 2\/4\) or auto, got "4\/3"/);
  });
});

/** The real file system, counting the reads of files under `under`. */
function countingFs(under: string): { fs: FileSystem; reads: string[] } {
  const reads: string[] = [];
  const fs: FileSystem = {
    ...nodeFs,
    readFile: ((file: string, ...rest: unknown[]) => {
      if (String(file).startsWith(under)) reads.push(String(file));
      return (nodeFs.readFile as (...a: unknown[]) => unknown)(file, ...rest);
    }) as FileSystem["readFile"],
  };
  return { fs, reads };
}

describe("--cache", () => {
  test("a re-run converts only what changed, says why, and does not read cached outputs", async () => {
    const t = await tempTree(articles(6));
    const args = ["convert", "in", "--out-dir", "out", "--cache-location", "cache/c.json"];
    try {
      const first = await cli(args, { cwd: t.dir });
      expect(first.code).toBe(0);
      expect(first.stderr).toContain("cache: 0 unchanged since the last run (skipped); converted: 6 new");
      const out = path.join(t.dir, "out");
      const counting = countingFs(out);
      const again = await cli(args, { cwd: t.dir, fs: counting.fs });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain("cache: 6 unchanged since the last run (skipped)");
      expect(again.last).toMatch(/^⚠ 6 files: 0 converted, 6 up to date, 0 skipped · 6 from the cache · 1 warning/);
      expect(counting.reads).toEqual([]);
      // The warning of a skipped file is still shown (and counted).
      expect(again.stderr).toContain("in/spor/005-haber.txt:1:19  warning  warn here  repaired-quotes");

      await writeFile(path.join(t.dir, "in/002-haber.txt"), "Değişti. " + box("Yeni"));
      await rm(path.join(out, "spor/001-haber.md"));
      await writeFile(path.join(out, "spor/003-haber.md"), "elle düzeltildi, boyu başka");
      const before = (await stat(path.join(out, "004-haber.md"))).mtimeMs;
      const third = await cli(args, { cwd: t.dir });
      expect(third.stderr).toContain(
        "cache: 3 unchanged since the last run (skipped); converted: 1 changed since the last run, 2 whose output was deleted or modified",
      );
      expect(await readFile(path.join(out, "002-haber.md"), "utf8")).toBe("Değişti. > **Yeni**");
      expect(await readFile(path.join(out, "spor/001-haber.md"), "utf8")).toBe("Haber 1, kutusuz.");
      expect(await readFile(path.join(out, "spor/003-haber.md"), "utf8")).toBe("Haber 3.\n\n> **Başlık 3**");
      expect((await stat(path.join(out, "004-haber.md"))).mtimeMs).toBe(before);

      // An edit that keeps the size is seen too (the cache remembers size and mtime).
      const kept = await readFile(path.join(out, "004-haber.md"), "utf8");
      const edited = kept.replace("Haber", "Habar");
      expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(kept));
      await writeFile(path.join(out, "004-haber.md"), edited);
      const fourth = await cli(args, { cwd: t.dir });
      expect(fourth.stderr).toContain("cache: 5 unchanged since the last run (skipped); converted: 1 whose output was deleted or modified");
      expect(await readFile(path.join(out, "004-haber.md"), "utf8")).toBe(kept);

      // The cache file lost, the outputs all there: they are found up to date (not rewritten)
      // and remembered as they stand, so the run after skips every file.
      await rm(path.join(t.dir, "cache/c.json"));
      const untouched = (await stat(path.join(out, "004-haber.md"))).mtimeMs;
      const rebuilt = await cli(args, { cwd: t.dir });
      expect(rebuilt.stderr).toContain("cache: 0 unchanged since the last run (skipped); converted: 6 new");
      expect((await stat(path.join(out, "004-haber.md"))).mtimeMs).toBe(untouched);
      const after = await cli(args, { cwd: t.dir });
      expect(after.stderr).toContain("cache: 6 unchanged since the last run (skipped)");
    } finally {
      await t.cleanup();
    }
  });

  test("the workers start only when an input needs converting: not for a re-run where every file is up to date", async () => {
    const t = await tempTree(articles());
    try {
      const log = { threads: [] as number[], options: new Set<ConvertOptions>(), closed: 0 };
      const args = ["convert", "in", "--out-dir", "out", "--cache-location", "cache/c.json", "-j", "2"];
      const first = await cli(args, { cwd: t.dir, pool: shufflingPool(log) });
      expect(first.code).toBe(0);
      expect(log.threads).toEqual([2]);
      const again = await cli(args, { cwd: t.dir, pool: shufflingPool(log) });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain("cache: 24 unchanged since the last run (skipped)");
      expect(log.threads).toEqual([2]); // no second pool
      await writeFile(path.join(t.dir, "in/002-haber.txt"), "Değişti. " + box("Yeni"));
      const changed = await cli(args, { cwd: t.dir, pool: shufflingPool(log) });
      expect(changed.stderr).toContain("cache: 23 unchanged since the last run (skipped); converted: 1 changed since the last run");
      expect(log.threads).toEqual([2, 2]); // one pool, for the one file
      expect(log.closed).toBe(2);
      expect(await readFile(path.join(t.dir, "out/002-haber.md"), "utf8")).toBe("Değişti. > **Yeni**");
    } finally {
      await t.cleanup();
    }
  });

  test("other options invalidate the cache, and say so", async () => {
    const t = await tempTree(articles(3));
    try {
      await cli(["convert", "in", "--out-dir", "out", "--cache-location", "c.json"], { cwd: t.dir });
      const other = await cli(["convert", "in", "--out-dir", "out", "--cache-location", "c.json", "--style", "list"], { cwd: t.dir });
      expect(other.stderr).toContain("cache: starting afresh: rules, configuration or options changed");
      expect(other.stderr).toContain("converted: 3 new");
    } finally {
      await t.cleanup();
    }
  });

  test("--cache defaults to node_modules/.cache/shortcode-migrate/<command>.json; check replays its findings", async () => {
    const t = await tempTree(articles(4));
    try {
      const first = await cli(["check", "in", "--cache"], { cwd: t.dir });
      expect(first.code).toBe(1);
      const again = await cli(["check", "in", "--cache"], { cwd: t.dir });
      expect(again.code).toBe(1);
      expect(again.stdout).toBe(first.stdout);
      expect(again.stderr).toContain("cache: 4 unchanged since the last run (skipped)");
      expect(JSON.parse(await readFile(path.join(t.dir, "node_modules/.cache/shortcode-migrate/check.json"), "utf8")).entries).toBeDefined();
    } finally {
      await t.cleanup();
    }
  });

  test("NDJSON to --out-dir: cached records are skipped; on stdout every record is written", async () => {
    const input = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `r${i}`, body: `Metin ${i}. ${box(`B${i}`)}` })).join("\n") + "\n";
    const t = await tempTree({ "a.ndjson": input });
    try {
      const args = ["convert", "a.ndjson", "--input-format", "ndjson", "--out-dir", "out", "--cache-location", "c.json"];
      await cli(args, { cwd: t.dir });
      await rm(path.join(t.dir, "out/r3.md"));
      await writeFile(path.join(t.dir, "out/r1.md"), "Metin 1. > **X1**"); // same size, other bytes
      const again = await cli(args, { cwd: t.dir });
      expect(again.stderr).toContain("cache: 3 unchanged since the last run (skipped); converted: 2 whose output was deleted or modified");
      expect(await readFile(path.join(t.dir, "out/r3.md"), "utf8")).toBe("Metin 3. > **B3**");
      expect(await readFile(path.join(t.dir, "out/r1.md"), "utf8")).toBe("Metin 1. > **B1**");
      const stdout = await cli(["convert", "a.ndjson", "--input-format", "ndjson", "--cache-location", "c2.json"], { cwd: t.dir });
      expect(stdout.stdout.trim().split("\n")).toHaveLength(5);
      expect(stdout.stderr).toContain("cache: not used here");
    } finally {
      await t.cleanup();
    }
  });
});

describe("--shard K/N", () => {
  test("three shards into one --out-dir equal one unsharded run, file for file", async () => {
    const t = await tempTree(articles(30));
    try {
      const counts: number[] = [];
      for (const k of [1, 2, 3]) {
        const r = await cli(["convert", "in", "--out-dir", "sharded", "--shard", `${k}/3`], { cwd: t.dir });
        expect(r.code).toBe(0);
        counts.push(Number(/(\d+) files/.exec(r.last)![1]));
      }
      await cli(["convert", "in", "--out-dir", "whole"], { cwd: t.dir });
      expect(await tree(path.join(t.dir, "sharded"))).toEqual(await tree(path.join(t.dir, "whole")));
      expect(counts.reduce((a, b) => a + b)).toBe(30);
      expect(Math.min(...counts)).toBeGreaterThan(0);
    } finally {
      await t.cleanup();
    }
  });

  test("NDJSON shards (by record id; broken lines by line number) concatenate to the whole output", async () => {
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `haber-${i}`, body: `Metin ${i}. ${box(`B${i}`)}` }));
    lines.splice(20, 0, "not json", JSON.stringify({ body: "kimliksiz " + box("K") }));
    const input = lines.join("\n") + "\n";
    const whole = await cli(["convert", "-", "--input-format", "ndjson"], { stdinText: input });
    const parts: string[] = [];
    for (const k of [1, 2, 3]) parts.push((await cli(["convert", "-", "--input-format", "ndjson", "--shard", `${k}/3`], { stdinText: input })).stdout);
    const sorted = (s: string) => s.split("\n").filter(Boolean).sort();
    expect(sorted(parts.join(""))).toEqual(sorted(whole.stdout));
    expect(parts.every((p) => p.length > 0)).toBe(true);
  });

  test("check --shard checks only its slice", async () => {
    const t = await tempTree(articles(12));
    try {
      let total = 0;
      for (const k of [1, 2]) total += Number(/(\d+) files:/.exec((await cli(["check", "in", "--shard", `${k}/2`], { cwd: t.dir })).stderr)![1]);
      expect(total).toBe(12);
    } finally {
      await t.cleanup();
    }
  });
});
