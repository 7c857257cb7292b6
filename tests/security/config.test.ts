/** A folder cannot run code by holding a JS config: only JSON is found by searching upward. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@jest/globals";
import { findConfig, findIgnoredJsConfig, loadConfig } from "../../src/config/load.js";

test("JS configs are never loaded by the upward search; a named one (--config) is", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "smcfg-"));
  try {
    const nested = path.join(dir, "archive", "2020");
    await mkdir(nested, { recursive: true });
    const marker = path.join(dir, "ran");
    const js = `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(marker)}, "x"); export default { style: "list" };`;
    await writeFile(path.join(dir, "archive", "shortcode-migrate.config.mjs"), js);
    await writeFile(path.join(dir, "archive", "shortcode-migrate.config.js"), js);
    expect(findConfig(nested)).toBeUndefined();
    expect(findIgnoredJsConfig(nested)).toBe(path.join(dir, "archive", "shortcode-migrate.config.mjs"));
    await expect(loadConfig({ cwd: nested })).resolves.toBeUndefined();
    await expect(import("node:fs").then((fs) => fs.existsSync(marker))).resolves.toBe(false);

    // a JSON config further up is used; the JS one nearer is still not run
    await writeFile(path.join(dir, "shortcode-migrate.config.json"), JSON.stringify({ style: "list" }));
    await expect(loadConfig({ cwd: nested })).resolves.toMatchObject({ file: path.join(dir, "shortcode-migrate.config.json") });
    expect((await import("node:fs")).existsSync(marker)).toBe(false);

    // named explicitly (--config), a JS config is imported: the user chose to run it
    const named = await loadConfig({ cwd: dir, path: "archive/shortcode-migrate.config.mjs" });
    expect(named?.config).toMatchObject({ style: "list" });
    expect((await import("node:fs")).existsSync(marker)).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
