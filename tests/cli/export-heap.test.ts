/**
 * Runs that read WordPress exports tighten the process's heap growth (the bin's
 * `readingExports`, see src/cli/heap.ts): asked for by `convert`, `check` and `scan` of an
 * export, never by other runs; and the V8 flag is left to the user who set it. Their workers
 * keep the small young generation; other runs' workers get the default.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { exportHeapFlag } from "../../src/cli/heap.js";
import { nodeSyncFileSystem } from "../../src/io/sync-fs.js";
import { loadEngine } from "../../src/run/engine.js";
import { EXPORT_YOUNG_GENERATION_MB } from "../../src/run/executor.js";
import { processUnit } from "../../src/run/process-unit.js";
import { changeFinder } from "../../src/run/would-change.js";
import type { Converter } from "../../src/scale/pool.js";
import { generateExport } from "../wxr/generate.js";
import { cleanupTrees, cli, tree } from "./helpers.js";

const engine = await loadEngine();
const EXPORT = readFileSync(new URL("../../fixtures/wxr/haber-sitesi.xml", import.meta.url), "utf8");
const SEED = readFileSync(new URL("../../fixtures/articles/seed.txt", import.meta.url), "utf8");

afterEach(cleanupTrees);

describe("exportHeapFlag", () => {
  test("V8's heap growing percent, unless node was started with one", () => {
    expect(exportHeapFlag([])).toBe("--heap-growing-percent=50");
    expect(exportHeapFlag(["--enable-source-maps"])).toBe("--heap-growing-percent=50");
    expect(exportHeapFlag(["--heap-growing-percent=120"])).toBeUndefined();
    expect(exportHeapFlag(["--heap_growing_percent=0"])).toBeUndefined();
    // a flag that only starts alike is another flag
    expect(exportHeapFlag(["--heap-growing-percentage=3"])).toBe("--heap-growing-percent=50");
  });
});

describe("readingExports", () => {
  const runs: Array<[string, string[]]> = [
    ["convert export.xml", ["convert", "export.xml", "--out-dir", "out"]],
    ["convert export.xml to stdout", ["convert", "export.xml"]],
    ["check export.xml", ["check", "export.xml"]],
    ["scan export.xml", ["scan", "export.xml"]],
  ];
  test.each(runs)("%s asks once", async (_, argv) => {
    const dir = await tree({ "export.xml": EXPORT, "seed.txt": SEED });
    let asked = 0;
    const r = await cli(argv, { cwd: dir, engine, readingExports: () => asked++ });
    expect(r.code).not.toBe(2);
    expect(asked).toBe(1);
  });

  test.each([
    ["convert a file", ["convert", "seed.txt", "--out-dir", "out"]],
    ["check a file", ["check", "seed.txt"]],
    ["scan a file", ["scan", "seed.txt"]],
  ])("%s does not ask", async (_, argv) => {
    const dir = await tree({ "export.xml": EXPORT, "seed.txt": SEED });
    let asked = 0;
    const r = await cli(argv, { cwd: dir, engine, readingExports: () => asked++ });
    expect(r.code).not.toBe(2);
    expect(asked).toBe(0);
  });
});

describe("the workers' young generation", () => {
  /** A pool factory that remembers the options each pool was started with, converting in-process. */
  function recordingPool(started: Array<{ youngGenerationMb?: number } | undefined>): (threads: number, options?: { youngGenerationMb?: number }) => Converter {
    const env = { convert: engine.convert, fs: nodeSyncFileSystem, knownDirs: new Set<string>(), findChanges: changeFinder(engine.parse) };
    return (threads, options) => {
      started.push(options);
      return { threads, process: async (task, settings, convertOptions) => processUnit(task, settings, convertOptions, env), close: async () => undefined };
    };
  }

  test.each([
    ["convert", ["convert", "export.xml", "--out-dir", "out", "-j", "2"]],
    ["check", ["check", "export.xml", "-j", "2"]],
  ])("%s of an export starts its workers with the small one", async (_, argv) => {
    const dir = await tree({});
    const posts = generateExport(`${dir}/export.xml`, 60_000);
    expect(posts).toBeGreaterThan(20);
    const started: Array<{ youngGenerationMb?: number } | undefined> = [];
    const r = await cli(argv, { cwd: dir, engine, pool: recordingPool(started) });
    expect(r.code).not.toBe(2);
    expect(started).toHaveLength(1);
    expect(started[0]?.youngGenerationMb).toBe(EXPORT_YOUNG_GENERATION_MB);
  });

  test("an NDJSON archive's workers get the pool's default", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: i, body: `${i}. ${SEED}` })).join("\n");
    const dir = await tree({ "archive.ndjson": `${lines}\n` });
    const started: Array<{ youngGenerationMb?: number } | undefined> = [];
    const r = await cli(["convert", "archive.ndjson", "-j", "2"], { cwd: dir, engine, pool: recordingPool(started) });
    expect(r.code).toBe(0);
    expect(started).toHaveLength(1);
    expect(started[0]?.youngGenerationMb).toBeUndefined();
  });
});
