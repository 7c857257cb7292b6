/**
 * The grammar loads chevrotain from the package's single-file bundle (grammar/chevrotain.ts):
 * a worker thread starts about 300 ms sooner. If a chevrotain upgrade moves the bundle, the
 * fallback keeps everything working, and this test says the start-up got slow again.
 */
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chevrotainSource, VERSION } from "../../grammar/chevrotain.js";

describe("chevrotain runtime", () => {
  test("comes from the bundle, of the installed version", () => {
    expect(chevrotainSource).toBe("bundle");
    // the entry point is lib/src/api.js; package.json is not exported, so read it from beside lib/
    const entry = createRequire(import.meta.url).resolve("chevrotain");
    const pkg = JSON.parse(readFileSync(join(dirname(entry), "../../package.json"), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
