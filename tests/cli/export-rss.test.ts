/**
 * A WordPress export converts in bounded memory with the defaults (two worker threads): the
 * real bin, spawned on generated exports of two sizes, its peak RSS (every thread) reported
 * by a preloaded module. Not a timed test.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "@jest/globals";
import { generateExport } from "../wxr/generate.js";

const bin = fileURLToPath(new URL("../../bin/shortcode-migrate.js", import.meta.url));
const built = existsSync(new URL("../../dist/src/scale/worker.js", import.meta.url));
/**
 * Four times the export, about the same memory: 10 → 40 MB took 188 → 203 MB here (and 224 →
 * 255 MB with V8's own heap growth, before the bin tightened it); the 14,000 posts more would
 * add over 35 MB if their bodies (1.2 KB, two-byte strings) were held.
 */
const GROWTH_MB = 40;

/** Convert `megabytes` of generated export to `--out-dir` with the bin; its exit code, peak RSS (MB) and the posts written. */
async function convertExport(dir: string, megabytes: number, preload: string): Promise<{ code: number; peakMb: number; posts: number; written: number }> {
  const file = path.join(dir, `export-${megabytes}.xml`);
  const out = path.join(dir, `out-${megabytes}`);
  const posts = generateExport(file, megabytes * 1e6);
  const child = spawn(process.execPath, ["--import", preload, bin, "convert", file, "--out-dir", out, "--concurrency", "2", "--quiet"], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  const peak = /maxrss:(\d+)/.exec(stderr);
  const written = existsSync(path.join(out, "posts")) ? readdirSync(path.join(out, "posts")).length : 0;
  await rm(file, { force: true });
  await rm(out, { recursive: true, force: true });
  return { code, peakMb: peak ? Number(peak[1]) / 1024 : NaN, posts, written };
}

(built || process.env.CI ? describe : describe.skip)("a WordPress export converts in bounded memory (spawned bin, --concurrency 2)", () => {
  test("peak RSS does not grow with the export (10 MB vs 40 MB)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "smig-wxr-rss-"));
    const preload = path.join(dir, "maxrss.mjs");
    await writeFile(preload, 'process.on("exit", () => process.stderr.write(`\\nmaxrss:${process.resourceUsage().maxRSS}\\n`));\n');
    try {
      const small = await convertExport(dir, 10, preload);
      const large = await convertExport(dir, 40, preload);
      for (const run of [small, large]) {
        expect(run.code).toBe(0);
        expect(run.written).toBe(run.posts);
      }
      console.log(`peak RSS: ${small.peakMb.toFixed(0)} MB for 10 MB (${small.posts} posts), ${large.peakMb.toFixed(0)} MB for 40 MB (${large.posts} posts)`);
      expect(large.peakMb).toBeLessThan(300);
      expect(large.peakMb - small.peakMb).toBeLessThan(GROWTH_MB);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
