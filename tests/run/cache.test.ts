import { describe, expect, test } from "@jest/globals";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConversionCache, hashContent, hashSettings } from "../../src/run/cache.js";

async function tempFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), "smig-cache-")), "sub", "cache.json");
}

describe("--cache", () => {
  test("an entry is found again after save/load only for the same content", async () => {
    const file = await tempFile();
    const settings = hashSettings({ to: "markdown", preset: "sozcu" });
    const cache = await ConversionCache.load(file, "shortcode-migrate@1", settings);
    expect(cache.invalidated).toBeNull();
    cache.record("a.txt", { input: hashContent("body a"), changed: true, errors: 0, warnings: 1, outputSize: 12 });
    await cache.save();
    const again = await ConversionCache.load(file, "shortcode-migrate@1", settings);
    expect(again.lookup("a.txt", hashContent("body a"))).toEqual({
      input: hashContent("body a"),
      changed: true,
      errors: 0,
      warnings: 1,
      outputSize: 12,
    });
    expect(again.lookup("a.txt", hashContent("body a, edited"))).toBeUndefined();
    expect(again.lookup("b.txt", hashContent("body a"))).toBeUndefined();
  });

  test("a new tool version or new settings invalidate everything, and say why", async () => {
    const file = await tempFile();
    const cache = await ConversionCache.load(file, "t@1", "s1");
    cache.record("a.txt", { input: hashContent("x"), changed: false, errors: 0, warnings: 0 });
    await cache.save();
    const newVersion = await ConversionCache.load(file, "t@2", "s1");
    expect(newVersion.invalidated).toMatch(/written by t@1/);
    expect(newVersion.lookup("a.txt", hashContent("x"))).toBeUndefined();
    const newSettings = await ConversionCache.load(file, "t@1", "s2");
    expect(newSettings.invalidated).toMatch(/options changed/);
    expect(newSettings.lookup("a.txt", hashContent("x"))).toBeUndefined();
  });

  test("a corrupt cache file is ignored with a reason, not fatal", async () => {
    const file = await tempFile();
    const first = await ConversionCache.load(file, "t@1", "s");
    first.record("k", { input: "h", changed: false, errors: 0, warnings: 0 });
    await first.save();
    await writeFile(file, "{ not json");
    const cache = await ConversionCache.load(file, "t@1", "s");
    expect(cache.invalidated).toMatch(/could not be read/);
    expect(cache.lookup("k", "h")).toBeUndefined();
    cache.record("k", { input: "h", changed: false, errors: 0, warnings: 0 });
    await cache.save();
    expect(JSON.parse(await readFile(file, "utf8")).entries.k.input).toBe("h");
  });
});
