import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "@jest/globals";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/shortcode-migrate.js", import.meta.url));
const built = existsSync(new URL("../../dist/src/scale/worker.js", import.meta.url));
const seed = readFileSync(new URL("../../fixtures/articles/seed.txt", import.meta.url), "utf8");

interface Streamed {
  code: number;
  /** Peak resident set of the whole process (main thread and workers), in MB. */
  peakMb: number;
  inputMb: number;
  records: number;
  outputLines: number;
  stderr: string;
}

/**
 * Stream `megabytes` of NDJSON (seed-shaped records, generated as they are written, never
 * held) into the real bin on stdin and count what comes out; the child reports its peak RSS
 * (`process.resourceUsage().maxRSS`, which covers every thread) from a preloaded module.
 */
async function streamThrough(megabytes: number, preload: string): Promise<Streamed> {
  const child = spawn(process.execPath, ["--import", preload, bin, "convert", "-", "--input-format", "ndjson", "--concurrency", "2", "--quiet"], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  let outputLines = 0;
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.on("data", (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) outputLines++;
  });
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  let written = 0;
  let records = 0;
  const target = megabytes * 1e6;
  while (written < target) {
    // Vary each record a little so nothing can be memoised across records.
    const line = JSON.stringify({ id: `haber-${records}`, section: records % 7, body: `${records}. ${seed}` }) + "\n";
    written += Buffer.byteLength(line);
    records++;
    if (!child.stdin.write(line)) await new Promise((resolve) => child.stdin.once("drain", resolve));
  }
  child.stdin.end();
  const code = await exited;
  const peak = /maxrss:(\d+)/.exec(stderr);
  return { code, peakMb: peak ? Number(peak[1]) / 1024 : NaN, inputMb: written / 1e6, records, outputLines, stderr };
}

(built || process.env.CI ? describe : describe.skip)("NDJSON streams in constant memory (spawned bin, --concurrency 2)", () => {
  test("peak RSS stays far under 300 MB and does not grow with the archive (24 MB vs 72 MB)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "smig-rss-"));
    const preload = path.join(dir, "maxrss.mjs");
    await writeFile(preload, 'process.on("exit", () => process.stderr.write(`\\nmaxrss:${process.resourceUsage().maxRSS}\\n`));\n');
    try {
      // Both sizes are past the workers' warm-up (a 6 MB run ends before their heaps settle,
      // so comparing it measured start-up, not growth with the archive).
      const small = await streamThrough(24, preload);
      const large = await streamThrough(72, preload);
      for (const run of [small, large]) {
        expect(run.code).toBe(0);
        expect(run.outputLines).toBe(run.records);
      }
      console.log(
        `peak RSS: ${small.peakMb.toFixed(0)} MB for ${small.inputMb.toFixed(0)} MB, ${large.peakMb.toFixed(0)} MB for ${large.inputMb.toFixed(0)} MB`,
      );
      expect(large.peakMb).toBeLessThan(300);
      // Three times the input, about the same memory: nothing is held per record.
      expect(large.peakMb - small.peakMb).toBeLessThan(60);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
