import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@jest/globals";
import { cli } from "./helpers.js";
import { loadEngine } from "../../src/run/engine.js";

const articles = fileURLToPath(new URL("../../fixtures/articles", import.meta.url));

// With the real parser and converter: the "done when" for check.
test("check on the fixtures exits 1; check on their converted output exits 0", async () => {
  const engine = await loadEngine();
  const out = await mkdtemp(path.join(os.tmpdir(), "smcli-fixtures-"));
  try {
    const before = await cli(["check", articles], { engine });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("[old_news_related_template] would be converted  would-change");
    const converted = await cli(["convert", articles, "--out-dir", out], { engine });
    expect(converted.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual((await readdir(articles)).map((f) => f.replace(/\.txt$/, ".md")).sort());
    const after = await cli(["check", out], { engine });
    expect([after.code, after.stdout]).toEqual([0, ""]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
