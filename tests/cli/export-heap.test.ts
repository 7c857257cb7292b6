/**
 * Runs that read WordPress exports tighten the process's heap growth (the bin's
 * `readingExports`, see src/cli/heap.ts): asked for by `convert`, `check` and `scan` of an
 * export, never by other runs; and the V8 flag is left to the user who set it.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { exportHeapFlag } from "../../src/cli/heap.js";
import { loadEngine } from "../../src/run/engine.js";
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
