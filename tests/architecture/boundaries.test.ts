/**
 * Only `src/io/` touches the file system: every other module gets it injected (a `FileSystem`,
 * a `SyncFileSystem`), so tests can fake it and the run layer stays one pipeline.
 */
import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every TypeScript file under `dir` (relative to the project root, `/`-separated). */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** Module specifiers a file imports (static, dynamic, re-exports). */
function specifiers(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(
    /(?:^|\s)(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm,
  )) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

const FS = /^(?:node:)?fs(?:\/promises)?$/;

describe("module boundaries", () => {
  const files = [...sources("src"), ...sources("grammar")];

  test("the scan finds the modules and their imports (so the check below can fail)", () => {
    expect(files).toContain("src/io/fs.ts");
    expect(specifiers("src/io/fs.ts")).toContain("node:fs/promises");
    expect(specifiers("src/io/sync-fs.ts")).toContain("node:fs");
  });

  test("no file outside src/io/ imports node:fs", () => {
    const offenders = files.filter((file) => !file.startsWith("src/io/")).filter((file) => specifiers(file).some((s) => FS.test(s)));
    expect(offenders).toEqual([]);
  });
});
