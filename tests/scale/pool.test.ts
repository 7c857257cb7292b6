import { describe, expect, test } from "@jest/globals";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvertPool, DEFAULT_YOUNG_GENERATION_MB, WorkerCrashError, WorkerTimeoutError } from "../../src/scale/pool.js";
import { inOrder } from "../../src/run/window.js";

const crashWorker = fileURLToPath(new URL("./fixtures/crash-worker.mjs", import.meta.url));
const built = existsSync(new URL("../../dist/src/scale/worker.js", import.meta.url));

describe("ConvertPool", () => {
  test.each([
    ["the default", undefined, DEFAULT_YOUNG_GENERATION_MB],
    ["the one asked for", 8, 8],
  ])(
    "each worker runs with %s young generation and a 192 MB old one",
    async (_, asked, expected) => {
      const pool = new ConvertPool({ threads: 1, workerFile: crashWorker, ...(asked === undefined ? {} : { youngGenerationMb: asked }) });
      try {
        const limits = JSON.parse((await pool.convert("LIMITS", {})).output);
        expect(limits).toMatchObject({ maxYoungGenerationSizeMb: expected, maxOldGenerationSizeMb: 192 });
      } finally {
        await pool.close();
      }
    },
    20_000,
  );

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

  test("a text that runs past the time limit fails alone; its worker is stopped, its batch-mates are converted again", async () => {
    const pool = new ConvertPool({ threads: 2, batchItems: 16, workerFile: crashWorker, timeoutMs: 300 });
    const options = {};
    const texts = Array.from({ length: 50 }, (_, i) => (i === 21 ? "bu HANG eder" : `metin ${i}`));
    const started = Date.now();
    const settled = await Promise.allSettled(texts.map((t) => pool.convert(t, options)));
    await pool.close();
    const failed = settled.flatMap((s, i) => (s.status === "rejected" ? [i] : []));
    expect(failed).toEqual([21]);
    const reason = (settled[21] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(WorkerTimeoutError);
    expect(String(reason.message)).toBe("it did not finish within 0.3 s (--timeout), so its worker thread was stopped");
    // the texts of its batch before and after it came through, from a new worker
    expect(settled.filter((s) => s.status === "fulfilled").map((s) => (s as PromiseFulfilledResult<{ output: string }>).value.output)).toEqual(
      texts.filter((_, i) => i !== 21).map((t) => t.toUpperCase()),
    );
    // one time limit, not one per retry (the watchdog looks about every 75 ms)
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);

  test("a slow text is waited for up to the limit, and without limit (0) for as long as it takes", async () => {
    for (const [timeoutMs, expected] of [
      [100, "rejected"],
      [2_000, "fulfilled"],
      [0, "fulfilled"],
    ] as const) {
      const pool = new ConvertPool({ threads: 1, workerFile: crashWorker, timeoutMs });
      const settled = await Promise.allSettled(["a", "SLOW b", "c"].map((t) => pool.convert(t, {})));
      await pool.close();
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", expected, "fulfilled"]);
    }
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

  (built || process.env.CI ? test : test.skip)(
    "the built worker converts exactly as the library does in-process",
    async () => {
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
    },
    30_000,
  );
});

describe("the real worker tells the watchdog which item runs", () => {
  test("texts, files and checks mark every item in turn, with a start time", async () => {
    const { default: convertBatch, processUnits } = await import("../../src/scale/worker.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "smig-mark-"));
    try {
      const epoch = Date.now() - 5_000;
      const marks: Array<[number, number]> = [];
      const texts = ["Bir.", 'İki [old_news_related_template title="T" desc="" link="https://haber.example/x"]', "Üç."];
      for (const name of ["texts", "files", "checks"] as const) {
        const progress = new Int32Array(new SharedArrayBuffer(8));
        if (name === "texts") convertBatch({ texts, options: {}, progress, epoch });
        if (name === "files") {
          const tasks = texts.map((text, i) => {
            writeFileSync(path.join(dir, `${i}.txt`), text);
            return {
              input: { kind: "file" as const, path: path.join(dir, `${i}.txt`) },
              target: { path: path.join(dir, "out", `${i}.md`), mode: "out-dir" as const },
            };
          });
          expect(
            (await processUnits({ tasks, settings: { markdown: true, fsync: false }, options: { to: "markdown" }, progress, epoch })).map((o) => o.kind),
          ).toEqual(["done", "done", "done"]);
        }
        if (name === "checks") {
          const tasks = texts.map((text, i) => ({ input: { kind: "text" as const, text }, name: `${i}.txt` }));
          const outcomes = await processUnits({ tasks, settings: { markdown: true, check: { diff: false } }, options: {}, progress, epoch });
          expect(outcomes.map((o) => o.kind)).toEqual(["done", "done", "done"]);
          // the box of the second text would be converted: found on the worker, at its place
          expect(outcomes.map((o) => (o.kind === "done" ? o.findings?.map((f) => `${f.file}:${f.line}:${f.column} ${f.reason}`) : undefined))).toEqual([
            undefined,
            ["1.txt:1:5 [old_news_related_template] would be converted"],
            undefined,
          ]);
        }
        marks.push([Atomics.load(progress, 0), Atomics.load(progress, 1)]);
      }
      for (const [started, index] of marks) {
        expect(index).toBe(texts.length - 1);
        expect(started).toBeGreaterThanOrEqual(5_000);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
