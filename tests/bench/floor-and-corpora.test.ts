import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "@jest/globals";

/** The benchmark's instruments (bench/, plain .mjs): what they copy and generate, never how fast. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "smig-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Body = { id: string; body: string };
const { generateWordPressBody } = (await import(path.join(ROOT, "bench/lib/wordpress-corpus.mjs"))) as {
  generateWordPressBody: (seed: number, index: number) => Body;
};
const { prepareRealArchive, prepareGeneratedArchive } = (await import(path.join(ROOT, "bench/lib/real-corpus.mjs"))) as {
  prepareRealArchive: (o: { cacheRoot: string; targetBytes: number; bodiesDir?: string }) => { file: string; records: number; bytes: number; skipped?: string };
  prepareGeneratedArchive: (o: { cacheRoot: string; targetBytes: number; seed: number }) => { file: string; records: number; bytes: number };
};

const floor = (mode: string, ...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, "bench/lib/baseline.mjs"), mode, ...args]);

describe("the synchronous I/O floor", () => {
  test("copies an NDJSON archive byte for byte: a line longer than its 1 MiB buffer, no final newline", () => {
    const input = path.join(dir, "in.ndjson");
    const text = [
      JSON.stringify({ id: "uzun", body: "ğ".repeat(700_000) }),
      JSON.stringify({ id: "kısa", body: "Bakü’de ‘‘müzakere’’" }),
      "",
      '{"id":"son"}',
    ].join("\n");
    writeFileSync(input, text);
    floor("floor-sync", "--ndjson", input, "--out", path.join(dir, "out.ndjson"));
    expect(readFileSync(path.join(dir, "out.ndjson")).equals(Buffer.from(text))).toBe(true);
  });

  test("copies every file unchanged, .txt named .md like convert --out-dir", () => {
    const files = path.join(dir, "files");
    mkdirSync(files);
    for (let i = 0; i < 5; i++) writeFileSync(path.join(files, `${i}.txt`), `Haber ${i} “alıntı’’\n`);
    floor("floor-sync", "--files", files, "--out", path.join(dir, "copied"));
    expect(readdirSync(path.join(dir, "copied")).sort()).toEqual(["0.md", "1.md", "2.md", "3.md", "4.md"]);
    expect(readFileSync(path.join(dir, "copied/3.md"), "utf8")).toBe("Haber 3 “alıntı’’\n");
  });
});

describe("the real-content corpora", () => {
  test("the WordPress-shaped generator is deterministic and has every shape the suite is about", () => {
    const bodies = Array.from({ length: 400 }, (_, i) => generateWordPressBody(7, i).body);
    expect(Array.from({ length: 400 }, (_, i) => generateWordPressBody(7, i).body)).toEqual(bodies);
    expect(generateWordPressBody(8, 0).body).not.toBe(bodies[0]);
    const all = bodies.join("\n");
    for (const shape of [
      /<!-- wp:paragraph -->/,
      /<pre[ >]/,
      /<table>/,
      /<ul>|<ol>/,
      /\[caption /,
      /\[gallery /,
      /\[(code|sourcecode) language=/,
      /^https:\/\/\S+$/m,
      /<strong>|<em>/,
      /<blockquote/,
      /&nbsp;/,
    ]) {
      expect(all).toMatch(shape);
    }
  });

  test("the generated archive reaches its size in whole records", () => {
    const archive = prepareGeneratedArchive({ cacheRoot: dir, targetBytes: 50_000, seed: 3 });
    const lines = readFileSync(archive.file, "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(archive.records);
    expect(lines.reduce((n, l) => n + Buffer.byteLength(JSON.parse(l).body), 0)).toBe(archive.bytes);
    expect(readFileSync(archive.file).length).toBeGreaterThanOrEqual(50_000);
  });

  test("real bodies are repeated with every field kept and ids made unique; an absent folder is skipped, not an error", () => {
    const bodies = path.join(dir, "bodies");
    mkdirSync(bodies);
    writeFileSync(
      path.join(bodies, "site.ndjson"),
      [
        { id: "post-1", title: "A", body: "<p>bir</p>" },
        { id: "page-2", body: '[gallery ids="1,2"]' },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n",
    );
    const archive = prepareRealArchive({ cacheRoot: dir, targetBytes: 1000, bodiesDir: bodies });
    const records = readFileSync(archive.file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(records.length).toBe(archive.records);
    expect(records.slice(0, 3)).toEqual([
      { id: "post-1~0", title: "A", body: "<p>bir</p>" },
      { id: "page-2~0", body: '[gallery ids="1,2"]' },
      { id: "post-1~1", title: "A", body: "<p>bir</p>" },
    ]);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(prepareRealArchive({ cacheRoot: dir, targetBytes: 1000, bodiesDir: path.join(dir, "nowhere") }).skipped).toMatch(/no real bodies at .*nowhere/);
  });
});
