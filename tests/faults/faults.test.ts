/**
 * The fault matrix: each fault ends in the right exit code, a last stderr line that says why,
 * the other inputs converted, and no partial output file. In-process with an injected file
 * system (we run as root, so chmod cannot deny anything); real symlinks for the loop.
 */
import * as nodeFs from "node:fs/promises";
import { mkdir, readdir, readFile, stat, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import * as fsSync from "node:fs";
import type { FileSystem } from "../../src/io/fs.js";
import { nodeSyncFileSystem, type SyncFileSystem } from "../../src/io/sync-fs.js";
import { writeFileAtomicSync, type AtomicWriteCalls } from "../../src/io/write.js";
import { box, cleanupTrees, cli, tree } from "../cli/helpers.js";

const ARTICLE = `Giriş paragrafı.\n\n${box("Bağlantı")}\n`;
const CONVERTED = "Giriş paragrafı.\n\n> **Bağlantı**\n";

afterEach(cleanupTrees);

function errno(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });
}

/** Every file below `dir`, relative. */
async function listAll(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Output files are written by the converting thread's synchronous atomic write
 * (`writeFileAtomicSync`, through the run's `SyncFileSystem`): the faults are injected into
 * the `node:fs` calls that write makes, so its own cleanup is what the tests see.
 */
function withCalls(calls: Partial<AtomicWriteCalls>): SyncFileSystem {
  return { ...nodeSyncFileSystem, writeAtomic: (file, data, options) => writeFileAtomicSync(file, data, options, { ...fsSync, ...calls }) };
}

/** Opening a file for writing under `folder` fails with `code`. */
function failingWrites(folder: string, code: string): SyncFileSystem {
  return withCalls({
    openSync: (file, flags, mode) => {
      if (String(file).startsWith(folder) && flags !== "r" && flags !== undefined) throw errno(code, "open", String(file));
      return fsSync.openSync(file, flags, mode);
    },
  });
}

/**
 * The disk fills up while a file is being written: half of the data reaches the disk, then
 * ENOSPC, as a real full disk behaves.
 */
function diskFillsUp(): SyncFileSystem {
  return withCalls({
    writeSync: ((fd: number, data: Uint8Array, offset?: number | null) => {
      const at = offset ?? 0;
      const half = (data.length - at) >> 1;
      if (half > 0) fsSync.writeSync(fd, data, at, half);
      throw errno("ENOSPC", "write", `fd ${fd}`);
    }) as unknown as AtomicWriteCalls["writeSync"],
  });
}

describe("output faults: exit 2, the why-line last, no partial file", () => {
  test("read-only output folder (EROFS on every write)", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/b.txt": ARTICLE });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir, syncFs: failingWrites(path.join(dir, "out"), "EROFS") });
    expect(r.code).toBe(2);
    expect(r.last).toMatch(/^✖ exit 2: cannot write out\/a\.md: the file system is read-only \(EROFS\); choose another --out-dir/);
    expect(r.stderr).toContain("in/b.txt: cannot write out/b.md");
    expect(await listAll(path.join(dir, "out"))).toEqual([]);
  });

  test("output folder without write permission (EACCES)", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir, syncFs: failingWrites(path.join(dir, "out"), "EACCES") });
    expect(r.code).toBe(2);
    expect(r.last).toBe("✖ exit 2: cannot write out/a.md: permission denied (EACCES); choose a writable --out-dir or fix permissions");
    expect(await listAll(path.join(dir, "out"))).toEqual([]);
  });

  test("--out-dir is a file (a real ENOTDIR/EEXIST, no injection)", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, out: "a file" });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    // said once, before any work (issue 13)
    expect(r.stderr).toBe(
      "shortcode-migrate: --out-dir out: it is a file, not a folder; choose another --out-dir (a missing folder is created) (see 'shortcode-migrate convert --help')\n",
    );
    expect(await readFile(path.join(dir, "out"), "utf8")).toBe("a file");
  });

  test("full disk in --out-dir: half-written temp removed, nothing partial, the rest still tried", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/b.txt": ARTICLE });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir, syncFs: diskFillsUp() });
    expect(r.code).toBe(2);
    expect(r.last).toBe(
      "✖ exit 2: cannot write out/a.md: the disk is full (ENOSPC); free some space and run again; cannot write out/b.md: the disk is full (ENOSPC); free some space and run again",
    );
    expect(await listAll(path.join(dir, "out"))).toEqual([]);
  });

  test("full disk during --write: the original stays byte for byte, with its mode", async () => {
    const dir = await tree({ "in/a.md": ARTICLE });
    await nodeFs.chmod(path.join(dir, "in/a.md"), 0o640);
    const r = await cli(["convert", "in", "--write"], { cwd: dir, syncFs: diskFillsUp() });
    expect(r.code).toBe(2);
    expect(r.last).toBe("✖ exit 2: cannot write in/a.md: the disk is full (ENOSPC); free some space and run again");
    expect(await readFile(path.join(dir, "in/a.md"), "utf8")).toBe(ARTICLE);
    expect((await stat(path.join(dir, "in/a.md"))).mode & 0o777).toBe(0o640);
    expect(await listAll(path.join(dir, "in"))).toEqual(["a.md"]);
  });

  test("full disk for NDJSON --out-dir: exit 2, no partial record file", async () => {
    const lines = [JSON.stringify({ id: "a", body: ARTICLE }), JSON.stringify({ id: "b", body: ARTICLE })].join("\n");
    const dir = await tree({ "dump.ndjson": lines });
    const r = await cli(["convert", "dump.ndjson", "--input-format", "ndjson", "-o", "out"], { cwd: dir, syncFs: diskFillsUp() });
    expect(r.code).toBe(2);
    expect(r.last).toMatch(/^✖ exit 2: cannot write out\/a\.md: the disk is full \(ENOSPC\)/);
    expect(await listAll(path.join(dir, "out"))).toEqual([]);
  });
});

describe("input faults: exit 1, the others go on", () => {
  test("a file that vanishes between listing and reading", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/b.txt": ARTICLE, "in/c.txt": ARTICLE });
    const fs: FileSystem = {
      ...nodeFs,
      // the listing is taken, then b.txt is deleted by "someone else"
      readdir: (async (folder: string, options: never) => {
        const entries = await nodeFs.readdir(folder, options);
        await unlink(path.join(dir, "in/b.txt")).catch(() => undefined);
        return entries;
      }) as FileSystem["readdir"],
    };
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir, fs });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("in/b.txt:1:1  error  in/b.txt does not exist");
    expect(r.last).toBe("✖ exit 1: 1 file failed (not found: in/b.txt)");
    expect(await listAll(path.join(dir, "out"))).toEqual(["a.md", "c.md"]);
    expect(await readFile(path.join(dir, "out/c.md"), "utf8")).toBe(CONVERTED);
  });

  test("a permission-denied input (EACCES injected: root reads anything)", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/secret.txt": ARTICLE });
    const fs: FileSystem = {
      ...nodeFs,
      readFile: (async (file: string, options?: never) => {
        if (String(file).endsWith("secret.txt")) throw errno("EACCES", "open", String(file));
        return nodeFs.readFile(file, options);
      }) as FileSystem["readFile"],
    };
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir, fs });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "in/secret.txt:1:1  error  in/secret.txt cannot be read (EACCES: permission denied); fix its permissions or leave it out  unreadable",
    );
    expect(r.last).toBe("✖ exit 1: 1 file failed (unreadable: in/secret.txt)");
    expect(await listAll(path.join(dir, "out"))).toEqual(["a.md"]);
  });

  test("a permission-denied NDJSON archive", async () => {
    const dir = await tree({ "a.ndjson": JSON.stringify({ id: 1, body: ARTICLE }) });
    const fs: FileSystem = { ...nodeFs, open: (async (file: string) => Promise.reject(errno("EACCES", "open", String(file)))) as FileSystem["open"] };
    const r = await cli(["convert", "a.ndjson", "--input-format", "ndjson", "-o", "out"], { cwd: dir, fs });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("a.ndjson cannot be read (EACCES)");
    expect(r.last).toBe("✖ exit 1: 1 input failed (unreadable: a.ndjson)");
  });

  test("symlink loops in the input tree: no hang, each reported, the rest converted", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/sub/b.txt": ARTICLE });
    await symlink("..", path.join(dir, "in/sub/up")); // a folder loop
    await symlink("y.md", path.join(dir, "in/x.md")); // x.md → y.md → x.md
    await symlink("x.md", path.join(dir, "in/y.md"));
    for (const operand of ["in", "in/**/*"]) {
      const started = Date.now();
      const r = await cli(["convert", operand, "-o", `out-${operand.length}`], { cwd: dir });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await listAll(path.join(dir, `out-${operand.length}`))).toEqual(["a.md", path.join("sub", "b.md")]);
      if (operand === "in") {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain("in/x.md:1:1  error  in/x.md is a symbolic link loop (ELOOP); fix or remove the link  symlink-loop");
        expect(r.stderr).toContain("in/sub/up is a symbolic link to a folder; not followed");
        expect(r.last).toBe("✖ exit 1: 2 files failed (symbolic link loop: in/x.md, in/y.md)");
      } else {
        // a glob does not follow links at all: the loop is never entered
        expect(r.code).toBe(0);
      }
    }
  });

  test("a broken NDJSON line: reported with its line number, the other lines go on", async () => {
    const lines = [
      JSON.stringify({ id: "a", body: ARTICLE }),
      JSON.stringify({ id: "b", body: ARTICLE }),
      '{"id": "c", "body": "unterminated',
      JSON.stringify({ id: "d", body: ARTICLE }),
    ].join("\n");
    const dir = await tree({ "dump.ndjson": lines });
    const r = await cli(["convert", "dump.ndjson", "--input-format", "ndjson", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dump\.ndjson:3:1 {2}error {2}line 3 is not valid JSON \(.+\); fix or remove the line/);
    expect(r.last).toBe("✖ exit 1: 1 record failed (broken NDJSON line: dump.ndjson:3)");
    expect(await listAll(path.join(dir, "out"))).toEqual(["a.md", "b.md", "d.md"]);
  });
});

test("a stale temporary file of ours is never taken as input, and the next write replaces it", async () => {
  const dir = await tree({ "in/a.md": ARTICLE, "in/.a.md.shortcode-migrate.tmp": "half a" });
  await mkdir(path.join(dir, "out"));
  await writeFile(path.join(dir, "out/.a.md.shortcode-migrate.tmp"), "half an old output");
  const r = await cli(["convert", "in/**/*", "-o", "out"], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain("1 file");
  expect(await listAll(path.join(dir, "out"))).toEqual(["a.md"]);
  const w = await cli(["convert", "in", "--write"], { cwd: dir });
  expect(w.code).toBe(0);
  expect(await listAll(path.join(dir, "in"))).toEqual(["a.md"]);
});
