/**
 * NDJSON to stdout: the converting thread reads each line as a record and serializes its output
 * line (`processUnit` with a `line` unit, `src/run/process-unit.ts`), on the pool or in-process. Pins that this is
 * indistinguishable from the main thread's own path (which `--cache` takes): the same stdout
 * byte for byte, the same stderr lines in the same order, the same exit code and JSON report,
 * on an archive with every kind of odd line; and that the pool keeps the input order
 * whatever order its batches come back in.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { convert } from "../../src/convert/index.js";
import type { ConvertOptions } from "../../src/convert/types.js";
import { nodeSyncFileSystem } from "../../src/io/sync-fs.js";
import { processUnit, type UnitSettings, type UnitTask } from "../../src/run/process-unit.js";
import type { Converter } from "../../src/scale/pool.js";
import { box, cli, type CliResult } from "./helpers.js";

const built = existsSync(new URL("../../dist/src/scale/worker.js", import.meta.url));

/** Every kind of line an archive holds, as bytes (CRLF and LF line ends, no end at the end). */
function archive(): Buffer {
  const records: Array<string | Buffer> = [];
  // over 16 KB, so that `-j 2` and up use the pool (a smaller archive converts in-process)
  for (let i = 0; i < 120; i++) {
    const body =
      i % 5 === 0
        ? `‘Müzakereler’ sürüyor’’ dedi, Bakü'de.\n\n${box(`Karabağ'daki gelişme ${i}`)}\n${box("Brüksel&#8217;de toplantı")}`
        : i % 5 === 1
          ? `<p>Giriş <strong>paragrafı</strong> &amp; devamı ${i}.</p>`
          : `Düz metin ${i}. `.repeat(1 + (i % 7)) + "\n";
    records.push(JSON.stringify({ id: `h${i}`, title: `Başlık ${i}`, body }));
  }
  records.splice(3, 0, "{bozuk satır");
  records.splice(6, 0, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
  records.splice(9, 0, "[1,2]", "null", "  \t", "", Buffer.from([0xa0]));
  records.splice(14, 0, JSON.stringify({ id: "h-yok", text: "alan yok" }), JSON.stringify({ id: "h-sayi", body: 42 }));
  records.splice(17, 0, JSON.stringify({ body: "Kimliksiz kayıt.\n" }), JSON.stringify({ id: "h1", body: "Aynı kimlik." }));
  records.splice(20, 0, JSON.stringify({ id: "h-moji", body: 'DÄ±ÅŸiÅŸleri BakanÄ± aÃ§Ä±klama yaptÄ±. [old_news_related_template title="Yarım' }));
  records.splice(21, 0, JSON.stringify({ id: "h-karisik", body: "bir\r\niki\nüç\r\n" }));
  records.splice(22, 0, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ id: "h-bom", body: "BOM'lu satır." }))]));
  const parts: Buffer[] = [];
  records.forEach((r, i) => {
    parts.push(Buffer.isBuffer(r) ? r : Buffer.from(r));
    if (i < records.length - 1) parts.push(Buffer.from(i % 3 ? "\n" : "\r\n"));
  });
  return Buffer.concat(parts);
}

let root: string;
let file: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "smndd-"));
  file = path.join(root, "arsiv.ndjson");
  await writeFile(file, archive());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The CLI with the library's own converter (not the helpers' fake one), so the direct path is taken. */
function run(args: string[], extra: { pool?: (threads: number) => Converter } = {}): Promise<CliResult> {
  return cli(["convert", "arsiv.ndjson", "--input-format", "ndjson", ...args], { cwd: root, engine: undefined, ...extra });
}

/** stderr lines without the summary's duration (and without the lines `drop` matches). */
function lines(r: CliResult, drop?: RegExp): string[] {
  return r.stderr
    .split("\n")
    .filter((l) => l !== "" && !(drop && drop.test(l)))
    .map((l) => l.replace(/ · \d+(\.\d+)? m?s$/, " · <time>"));
}

async function report(name: string): Promise<unknown> {
  const r = JSON.parse(await readFile(path.join(root, name), "utf8")) as { summary: { durationMs?: number } };
  delete r.summary.durationMs;
  return r;
}

/** A pool whose units are run by `processUnit` in-process, answered in a shuffled order; counts the NDJSON lines it was sent whole. */
function shufflingRecordPool(seen: { records: number }): (threads: number) => Converter {
  return (threads) => ({
    threads,
    async process(task: UnitTask, settings: UnitSettings, options: ConvertOptions) {
      if (task.input.kind === "line") seen.records++;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 6)));
      return processUnit(task, settings, options, { convert, fs: nodeSyncFileSystem, knownDirs: new Set() });
    },
    async close() {},
  });
}

describe("NDJSON on stdout, read and serialized by the converting thread", () => {
  for (const to of ["markdown", "json"]) {
    test(`--to ${to}: same stdout, stderr, exit code and report as the main thread's own path`, async () => {
      const direct = await run(["--to", to, "-j", "1", "--verbose", "--report", "rapor.json"]);
      const directReport = await report("rapor.json");
      const mainPath = await run([
        "--to",
        to,
        "-j",
        "1",
        "--verbose",
        "--report",
        "rapor.json",
        "--cache",
        "--cache-location",
        path.join(root, `${to}.cache.json`),
      ]);
      expect(direct.code).toBe(1);
      expect(mainPath.code).toBe(direct.code);
      expect(direct.stdout).toBe(mainPath.stdout);
      expect(lines(direct)).toEqual(lines(mainPath, /^cache: /));
      expect(directReport).toEqual(await report("rapor.json"));

      // what the run said and wrote, so the comparison is not between two empty outputs
      const out = direct.stdout.split("\n");
      expect(out.at(-1)).toBe("");
      expect(out).toContain("{bozuk satır");
      expect(out).toContain("[1,2]");
      expect(direct.stderr).toContain("arsiv.ndjson:7:1  error  line 7 is not valid UTF-8");
      expect(direct.stderr).toContain('record arsiv.ndjson#h-yok has no string field "body"');
      expect(direct.stderr).toMatch(/mojibake[^\n]*\n[^\n]*unclosed-shortcode/); // the encoding note first, then the converter's
      expect(direct.stderr).toContain("mixed-line-endings");
      const parsed = out.flatMap((l) => {
        try {
          return [JSON.parse(l) as unknown];
        } catch {
          return [];
        }
      });
      // every line but the broken JSON, the bad UTF-8 and the end parses (blank lines are dropped)
      expect(parsed).toHaveLength(out.length - 3);
      const records = parsed.filter((r): r is { id?: string; body: unknown } => typeof r === "object" && r !== null && !Array.isArray(r));
      expect(records).toHaveLength(127);
      const first = records.find((r) => r.id === "h0")!;
      if (to === "markdown") expect(first.body).toContain("> **[Karabağ'daki gelişme 0](https://example.com/a/)**");
      else
        expect(first.body).toMatchObject({
          version: 1,
          blocks: expect.arrayContaining([expect.objectContaining({ type: "related-news", title: "Karabağ'daki gelişme 0" })]),
        });
      expect(records.find((r) => r.id === "h-bom")).toBeDefined();
    });
  }

  test("through a pool that answers out of order: the same output, in input order", async () => {
    const serial = await run(["-j", "1"]);
    const seen = { records: 0 };
    const pooled = await run(["-j", "3"], { pool: shufflingRecordPool(seen) });
    expect(seen.records).toBeGreaterThan(120);
    expect(pooled.code).toBe(serial.code);
    expect(pooled.stdout).toBe(serial.stdout);
    expect(lines(pooled)).toEqual(lines(serial));
  });

  test("--shard on the converting thread: the shards' lines, in order, are the whole output", async () => {
    const whole = await run(["-j", "1"]);
    const shards: CliResult[] = [];
    for (const k of [1, 2, 3]) shards.push(await run(["-j", "1", "--shard", `${k}/3`]));
    const mainShards: CliResult[] = [];
    for (const k of [1, 2, 3])
      mainShards.push(await run(["-j", "1", "--shard", `${k}/3`, "--cache", "--cache-location", path.join(root, `shard${k}.cache.json`)]));
    shards.forEach((s, k) => expect(s.stdout).toBe(mainShards[k]!.stdout));
    const wholeLines = whole.stdout.split("\n").filter(Boolean);
    const shardLines = shards.flatMap((s) => s.stdout.split("\n").filter(Boolean));
    expect(shardLines.sort()).toEqual([...wholeLines].sort());
    expect(shards.every((s) => s.stdout.length < whole.stdout.length)).toBe(true);
  });

  (built || process.env.CI ? test : test.skip)(
    "on the real worker pool: the same output as in-process",
    async () => {
      const serial = await run(["-j", "1", "--to", "json"]);
      const pooled = await run(["-j", "2", "--to", "json"]);
      expect(pooled.code).toBe(serial.code);
      expect(pooled.stdout).toBe(serial.stdout);
      expect(lines(pooled)).toEqual(lines(serial));
    },
    30_000,
  );
});
