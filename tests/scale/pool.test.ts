import { describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ConvertPool, WorkerCrashError } from "../../src/scale/pool.js";
import { inOrder } from "../../src/scale/window.js";

const crashWorker = fileURLToPath(new URL("./fixtures/crash-worker.mjs", import.meta.url));
const built = existsSync(new URL("../../dist/src/scale/worker.js", import.meta.url));

describe("ConvertPool", () => {
  test("requests of one turn leave in batches and resolve in their own order", async () => {
    const pool = new ConvertPool({ threads: 2, batchItems: 8, workerFile: crashWorker });
    try {
      const options = {};
      const texts = Array.from({ length: 100 }, (_, i) => `metin ${i}`);
      const results = await Promise.all(texts.map((t) => pool.convert(t, options)));
      expect(results.map((r) => r.output)).toEqual(texts.map((t) => t.toUpperCase()));
      const sizes = results.map((r) => (r as unknown as { batchSize: number }).batchSize);
      expect(Math.max(...sizes)).toBe(8);
    } finally {
      await pool.close();
    }
  }, 20_000);

  test("a worker that dies fails only the text that killed it; the pool goes on and closes", async () => {
    const pool = new ConvertPool({ threads: 2, batchItems: 16, workerFile: crashWorker });
    const options = {};
    const texts = Array.from({ length: 60 }, (_, i) => (i === 17 ? "bu DIE eder" : i === 40 ? "bu THROW eder" : `metin ${i}`));
    const settled = await Promise.allSettled(texts.map((t) => pool.convert(t, options)));
    await pool.close();
    const failed = settled.flatMap((s, i) => (s.status === "rejected" ? [i] : []));
    expect(failed).toEqual([17, 40]);
    expect((settled[17] as PromiseRejectedResult).reason).toBeInstanceOf(WorkerCrashError);
    expect(String((settled[17] as PromiseRejectedResult).reason.message)).toMatch(/a worker thread died converting it \(worker exited with code: 3\)/);
    expect(String((settled[40] as PromiseRejectedResult).reason.message)).toBe("thrown on purpose");
    expect((settled[18] as PromiseFulfilledResult<{ output: string }>).value.output).toBe("METIN 18");
  }, 20_000);

  test("inOrder keeps a bounded window and emits in input order", async () => {
    let inFlight = 0;
    let most = 0;
    const emitted: number[] = [];
    async function* source() {
      for (let i = 0; i < 200; i++) yield i;
    }
    await inOrder(
      source(),
      10,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
        return i * 2;
      },
      (result, item) => {
        inFlight--;
        expect(result).toBe(item * 2);
        emitted.push(item);
      },
    );
    expect(emitted).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(most).toBeLessThanOrEqual(10);
  });

  (built || process.env.CI ? test : test.skip)("the built worker converts exactly as the library does in-process", async () => {
    const { convert } = await import("../../src/convert/index.js");
    const seed = readFileSync(new URL("../../fixtures/articles/seed.txt", import.meta.url), "utf8");
    const pool = new ConvertPool({ threads: 2 });
    try {
      for (const options of [{ to: "markdown" as const }, { to: "json" as const, style: "list" as const }]) {
        const texts = [seed, seed.slice(0, 2000), "düz metin"];
        const viaPool = await Promise.all(texts.map((t) => pool.convert(t, options)));
        expect(viaPool.map((r) => r.output)).toEqual(texts.map((t) => convert(t, options).output));
      }
    } finally {
      await pool.close();
    }
  }, 30_000);
});
