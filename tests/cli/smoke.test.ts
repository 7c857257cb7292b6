import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "@jest/globals";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/shortcode-migrate.js", import.meta.url));
const built = existsSync(new URL("../../dist/src/cli/main.js", import.meta.url));
const golden = new URL("../../fixtures/cli/help.txt", import.meta.url);
const seed = fileURLToPath(new URL("../../fixtures/articles/seed.txt", import.meta.url));

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 2) : 0, stdout, stderr });
    });
    child.stdin!.end(input ?? "");
  });
}

if (!built) {
  // CI runs `npm ci`, whose prepare script builds; locally run `npm run build` first.
  console.warn("smoke test skipped: dist/ is missing — run `npm run build` first");
}

(built || process.env.CI ? describe : describe.skip)("the real bin, spawned", () => {
  test("--help matches fixtures/cli/help.txt (UPDATE=1 rewrites it)", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    if (process.env.UPDATE || !existsSync(golden)) writeFileSync(golden, r.stdout);
    expect(r.stdout).toBe(readFileSync(golden, "utf8"));
  });

  test("converts the seed from stdin to markdown, keeping all four fields", async () => {
    const r = await run(["convert", "-"], readFileSync(seed, "utf8"));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("[old_news_related_template");
    for (const field of [
      "Moskova ile bağımlı stratejik ortak olduk",
      "Savunma, turizm, enerji ve ekonomide",
      "https://sozcuo01.sozcucdn.com/wp-content/uploads/2019/11/18/iecrop/5_16_9_1574117890.jpg",
      "https://www.sozcu.com.tr/2019/gundem/moskova-ile-bagimli-stratejik-ortak-olduk-5458424/",
    ]) {
      expect(r.stdout).toContain(field);
    }
    expect(r.stderr).toMatch(/^✔ 1 file: 1 converted, 0 up to date, 0 skipped · 0 warnings · 0 errors · (?:\d+ ms|\d+(?:\.\d+)? s)\n$/);
  });
});
