/**
 * One write path: every output file of `convert` is written by `writeTarget` (through
 * `processUnit`'s write step), also when `--cache` or `--diff` hand the output back to the main
 * thread first — atomic, up-to-date outputs left alone, permission bits kept. The injected
 * synchronous file system sees every write; none goes around it.
 */
import { chmod, readFile, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { nodeSyncFileSystem, type SyncFileSystem } from "../../src/io/sync-fs.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

afterEach(cleanupTrees);

/** The real synchronous file system, recording the outputs it writes (relative to `root`). */
function recording(root: string): { syncFs: SyncFileSystem; written: string[] } {
  const written: string[] = [];
  const syncFs: SyncFileSystem = {
    ...nodeSyncFileSystem,
    writeAtomic(file, data, options) {
      written.push(path.relative(root, file));
      nodeSyncFileSystem.writeAtomic(file, data, options);
    },
  };
  return { syncFs, written };
}

const FILES = {
  "in/a.txt": `Dışişleri açıklaması.\n\n${box("İlgili haber", "https://haber.example/a")}\n`,
  "in/alt/b.txt": "Kutusuz haber metni.\n",
  "in/c.txt": `Ekonomi.\n\n${box("Piyasalar", "https://haber.example/c")}\n`,
};

describe("--out-dir with --cache or --diff: the outputs are written by the one write path", () => {
  test.each([
    ["--cache", ["--cache-location", "cache.json"]],
    ["--diff", ["--diff"]],
    ["--cache --diff", ["--cache-location", "cache.json", "--diff"]],
  ])("%s: every output through it; an up-to-date output left alone; permission bits kept", async (_name, extra) => {
    const dir = await tree(FILES);
    const args = ["convert", "in", "--out-dir", "out", ...extra];
    const first = recording(dir);
    const r = await cli(args, { cwd: dir, syncFs: first.syncFs });
    expect(r.code).toBe(0);
    expect(first.written.sort()).toEqual(["out/a.md", "out/alt/b.md", "out/c.md"]);
    expect(await readFile(path.join(dir, "out/a.md"), "utf8")).toBe("Dışişleri açıklaması.\n\n> **İlgili haber**\n");

    // a.md edited by hand (and made group-readable only), c.md up to date but old
    await writeFile(path.join(dir, "out/a.md"), "elle düzeltildi\n");
    await chmod(path.join(dir, "out/a.md"), 0o640);
    const old = new Date("2020-01-01T00:00:00Z");
    await utimes(path.join(dir, "out/c.md"), old, old);
    await rmCache(dir);
    const again = recording(dir);
    const second = await cli([...args, "--verbose"], { cwd: dir, syncFs: again.syncFs });
    expect(second.code).toBe(0);
    // only the edited output is written again; the others already held their bytes
    expect(again.written).toEqual(["out/a.md"]);
    expect(second.stderr).toContain("in/c.txt → out/c.md: up to date, not rewritten");
    expect(await readFile(path.join(dir, "out/a.md"), "utf8")).toBe("Dışişleri açıklaması.\n\n> **İlgili haber**\n");
    expect((await stat(path.join(dir, "out/a.md"))).mode & 0o777).toBe(0o640);
    expect((await stat(path.join(dir, "out/c.md"))).mtimeMs).toBe(old.getTime());
  });

  test("--cache: a write that fails is that file's failure (exit 2) and is not remembered as done", async () => {
    const dir = await tree(FILES);
    const failing: SyncFileSystem = {
      ...nodeSyncFileSystem,
      writeAtomic(file, data, options) {
        if (file.endsWith("c.md")) throw Object.assign(new Error("read-only"), { code: "EROFS" });
        nodeSyncFileSystem.writeAtomic(file, data, options);
      },
    };
    const args = ["convert", "in", "--out-dir", "out", "--cache-location", "cache.json"];
    const r = await cli(args, { cwd: dir, syncFs: failing });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write out\/c\.md: /);
    // the next run converts and writes it (it was not cached), and skips the two written
    const next = recording(dir);
    const again = await cli(args, { cwd: dir, syncFs: next.syncFs });
    expect(again.code).toBe(0);
    expect(next.written).toEqual(["out/c.md"]);
    expect(again.stderr).toContain("cache: 2 unchanged since the last run (skipped)");
  });
});

/** Forget the cache (so the second run converts every file again and compares its output). */
async function rmCache(dir: string): Promise<void> {
  await writeFile(path.join(dir, "cache.json"), "{}");
}
