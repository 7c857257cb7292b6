import * as nodeFs from "node:fs/promises";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import { expandInputs, staticBase } from "../../src/io/expand.js";
import { createIgnoreMatcher } from "../../src/io/ignore.js";

describe("createIgnoreMatcher (gitignore syntax)", () => {
  const m = createIgnoreMatcher(["# comment", "*.bak", "/root-only.txt", "drafts/", "a/**/z.txt", "!keep.bak", "docs/*.md"]);
  test.each([
    ["x.bak", false, true],
    ["deep/x.bak", false, true],
    ["keep.bak", false, false],
    ["root-only.txt", false, true],
    ["sub/root-only.txt", false, false],
    ["drafts", true, true],
    ["drafts/x.txt", false, true],
    ["drafts", false, false],
    ["a/z.txt", false, true],
    ["a/b/c/z.txt", false, true],
    ["docs/x.md", false, true],
    ["docs/sub/x.md", false, false],
    ["plain.txt", false, false],
  ])("%s (dir: %s) → ignored %s", (rel, isDir, ignored) => {
    expect(m.ignores(rel, isDir)).toBe(ignored);
  });
});

test("staticBase", () => {
  expect(staticBase("arch/**/*.txt")).toBe("arch");
  expect(staticBase("*.txt")).toBe(".");
  expect(staticBase("a/b/c.txt")).toBe("a/b");
});

test("expandInputs: folders by extension, files, globs, problems, de-duplication", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "smio-"));
  try {
    for (const f of ["a/x.txt", "a/y.md", "a/z.png", "a/node_modules/n.txt", "a/.hidden/h.txt", "b.html"]) {
      await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
      await writeFile(path.join(dir, f), "x");
    }
    const result = await expandInputs(["a", "a/x.txt", "*.html", "nope.txt", "none/*.txt"], {
      cwd: dir,
      fs: nodeFs,
      ignore: createIgnoreMatcher([]),
    });
    expect(result.files.map((f) => [f.display, f.rel])).toEqual([
      ["a/x.txt", "x.txt"],
      ["a/y.md", "y.md"],
      ["b.html", "b.html"],
    ]);
    expect(result.problems.map((p) => [p.display, p.problem.kind])).toEqual([
      ["nope.txt", "not-found"],
      ["none/*.txt", "not-found"],
    ]);
    expect(result.batch).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("expandInputs with sizes: false stats no file found in a folder (a folder is one readdir), and finds the same files", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "smio-"));
  try {
    for (const f of ["a/x.txt", "a/sub/y.md", "a/z.png", "b.html"]) {
      await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
      await writeFile(path.join(dir, f), "xyz");
    }
    const stats: string[] = [];
    const fs = {
      ...nodeFs,
      stat: ((file: string, ...rest: unknown[]) => (
        stats.push(path.relative(dir, String(file))),
        (nodeFs.stat as (...a: unknown[]) => unknown)(file, ...rest)
      )) as typeof nodeFs.stat,
    };
    const options = { cwd: dir, fs, ignore: createIgnoreMatcher([]) };
    const sized = await expandInputs(["a", "b.html"], options);
    expect(stats).toEqual(expect.arrayContaining(["a/x.txt", "a/sub/y.md"]));
    stats.length = 0;
    const unsized = await expandInputs(["a", "b.html"], { ...options, sizes: false });
    // only the operands themselves are stat'ed (is it a folder?), never a file inside one
    expect(stats.sort()).toEqual(["a", "b.html"]);
    expect(unsized.files.map((f) => [f.display, f.size])).toEqual([
      ["a/sub/y.md", 0],
      ["a/x.txt", 0],
      ["b.html", 3],
    ]);
    expect(sized.files.map((f) => [f.display, f.size])).toEqual([
      ["a/sub/y.md", 3],
      ["a/x.txt", 3],
      ["b.html", 3],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
