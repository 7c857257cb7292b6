/**
 * `check` and `scan` of NDJSON archives: each record's body is checked (counted) as the same
 * body in a file of its own would be (same findings at the same lines and columns, the same
 * would-change count, the same census), named `<archive>#<id>`; lines that are no record are
 * errors at their archive line.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { box, cli, type CliResult } from "./helpers.js";

const built = existsSync(new URL("../../dist/src/scale/worker.js", import.meta.url));

/** Bodies by id (sorted ids, so a folder listing and the archive agree on the order). */
function bodies(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < 30; i++) {
    const id = `h${String(i).padStart(2, "0")}`;
    const body =
      i % 4 === 0
        ? `‘Müzakereler’ sürüyor’’ dedi, Bakü'de.\n\n${box(`Karabağ'daki gelişme ${i}`)}\n`
        : i % 4 === 1
          ? `<strong>Brüksel&#8217;de</strong> toplantı ${i}.\n\n[bilinmeyen a="b"]\n`
          : i % 4 === 2
            ? `'ALL CAPS BAŞLIK ${i}'\n\nDüz metin.\r\nİkinci satır.\r\n`
            : `Düz metin ${i}.\n`;
    out.push([id, body]);
  }
  out.push(["h91", "DÄ±ÅŸiÅŸleri BakanÄ± aÃ§Ä±klama yaptÄ±.\n"]);
  out.push(["h92", "bir\r\niki\nüç\n"]);
  return out;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "smckn-"));
  await mkdir(path.join(root, "in"));
  const lines: string[] = [];
  for (const [id, body] of bodies()) {
    await writeFile(path.join(root, "in", `${id}.txt`), body);
    lines.push(JSON.stringify({ id, title: `Başlık ${id}`, body }));
  }
  await writeFile(path.join(root, "arsiv.ndjson"), lines.join("\n") + "\n");
  await writeFile(path.join(root, "bozuk.ndjson"), [lines[0], "{bozuk", JSON.stringify({ id: "yok", text: "x" }), lines[1]].join("\n") + "\n");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const run = (args: string[]): Promise<CliResult> => cli(["check", ...args], { cwd: root, engine: undefined });

describe("check --input-format ndjson", () => {
  test("each record is checked as its body in a file would be: the same findings, places and counts", async () => {
    const files = await run(["in", "-j", "1"]);
    const archive = await run(["arsiv.ndjson", "--input-format", "ndjson", "-j", "1"]);
    expect(files.code).toBe(1);
    expect(archive.code).toBe(1);
    const fromFiles = files.stdout.replace(/^in\/(h\d\d)\.txt:/gm, "arsiv.ndjson#$1:");
    expect(archive.stdout.split("\n").sort()).toEqual(fromFiles.split("\n").sort());
    expect(archive.stdout).toMatch(/^arsiv\.ndjson#h00:3:1 {2}error {2}\[old_news_related_template\] would be converted {2}would-change$/m);
    expect(archive.stdout).toContain('arsiv.ndjson#h91:1:2  warning  looks like mojibake: "Ä±" where "ı" was probably meant');
    // a plain body is unchanged: nothing reported for it
    expect(archive.stdout).not.toContain("arsiv.ndjson#h03:");
    // the same counts, records for files
    const summary = (r: CliResult) =>
      r.stderr
        .split("\n")
        .find((l) => /^✖ 32 (files|records)/.test(l))!
        .replace(/ · [\d.]+ m?s$/, "")
        .replace(" records:", " files:");
    expect(summary(archive)).toBe(summary(files));
    const wouldChange = /(\d+) (?:files|records) would change \((\d+) places\)/;
    expect(wouldChange.exec(archive.last)!.slice(1)).toEqual(wouldChange.exec(files.last)!.slice(1));
    expect(archive.last).toMatch(
      /records would change .*; run `shortcode-migrate convert arsiv\.ndjson --input-format ndjson > converted\.ndjson` \(or --out-dir DIR: a file per record\)$/,
    );
  });

  test("a line that is no record is an error at its line, a record without the field a warning; the others are checked", async () => {
    const r = await run(["bozuk.ndjson", "--input-format", "ndjson", "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bozuk.ndjson:2:1  error  line 2 is not valid JSON");
    expect(r.stderr).toContain('bozuk.ndjson:3:1  warning  record bozuk.ndjson#yok has no string field "body" (not checked); choose the field with --field');
    const report = JSON.parse(r.stdout) as Array<{ file: string; status: string }>;
    expect(report.map((f) => [f.file, f.status])).toEqual([
      ["bozuk.ndjson#h00", "converted"],
      ["bozuk.ndjson", "skipped"],
      ["bozuk.ndjson", "skipped"],
      ["bozuk.ndjson#h01", "converted"],
    ]);
  });

  test("--format github: each finding annotates the record's line of the archive, the place in the body in its message", async () => {
    const r = await run(["arsiv.ndjson", "--format", "github"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    // h00 is the archive's first line; its box is at line 3 of its body
    expect(lines[0]).toBe(
      "::error file=arsiv.ndjson,line=1,col=1,endLine=1,endColumn=1,title=would-change::arsiv.ndjson#h00:3:1: [old_news_related_template] would be converted",
    );
    expect(lines.every((l) => /^::(error|warning|notice) file=arsiv\.ndjson,line=\d+,col=1,/.test(l))).toBe(true);
    // h91 (mojibake) is on line 31
    expect(lines.find((l) => l.includes("mojibake"))).toMatch(/^::warning file=arsiv\.ndjson,line=31,col=1,.*::arsiv\.ndjson#h91:1:2: looks like mojibake/);
  });

  test("--report .md holds each changed record's diff", async () => {
    const r = await run(["arsiv.ndjson", "--input-format", "ndjson", "--report", "rapor.md"]);
    expect(r.code).toBe(1);
    const md = await readFile(path.join(root, "rapor.md"), "utf8");
    expect(md).toContain("arsiv.ndjson#h00");
    expect(md).toContain("+> **[Karabağ'daki gelişme 0](https://example.com/a/)**");
  });

  (built || process.env.CI ? test : test.skip)(
    "on the worker pool: the same findings in the same order",
    async () => {
      const big = JSON.stringify({ id: "dolgu", body: "Uzun metin. ".repeat(2000) });
      await writeFile(path.join(root, "buyuk.ndjson"), (await readFile(path.join(root, "arsiv.ndjson"), "utf8")) + big + "\n");
      const serial = await run(["buyuk.ndjson", "--input-format", "ndjson", "-j", "1"]);
      const pooled = await run(["buyuk.ndjson", "--input-format", "ndjson", "-j", "2"]);
      expect(pooled.code).toBe(serial.code);
      expect(pooled.stdout).toBe(serial.stdout);
      expect(pooled.stdout.length).toBeGreaterThan(1000);
    },
    30_000,
  );
});

describe("scan of an NDJSON archive", () => {
  test("the census of the records equals the census of the same bodies as files", async () => {
    const scanOf = (args: string[]) => cli(["scan", ...args], { cwd: root, engine: undefined });
    const fromFiles = await scanOf(["in", "--format", "json"]);
    const fromArchive = await scanOf(["arsiv.ndjson", "--format", "json"]);
    expect(fromArchive.code).toBe(fromFiles.code);
    const census = JSON.parse(fromArchive.stdout) as { files: number; shortcodes: number; tags: Array<{ tag: string; count: number }>; malformed: unknown[] };
    expect(census.files).toBe(32);
    expect(census.tags.map((t) => [t.tag, t.count])).toEqual([
      ["bilinmeyen", 8],
      ["old_news_related_template", 8],
    ]);
    expect(fromArchive.stdout).toBe(fromFiles.stdout.replace(/"in\/(h\d\d)\.txt"/g, '"arsiv.ndjson#$1"'));
    const text = await scanOf(["arsiv.ndjson"]);
    expect(text.stdout).toMatch(/16 shortcodes of 2 tags in 32 files/);
  });

  test("broken lines are errors at their line; --field picks the body", async () => {
    const r = await cli(["scan", "bozuk.ndjson", "--format", "json"], { cwd: root, engine: undefined });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bozuk.ndjson:2:1  error  line 2 is not valid JSON");
    expect(r.stderr).toContain('record bozuk.ndjson#yok has no string field "body" (not scanned)');
    expect((JSON.parse(r.stdout) as { files: number }).files).toBe(2);
    const titles = await cli(["scan", "arsiv.ndjson", "--field", "title", "--format", "json"], { cwd: root, engine: undefined });
    expect((JSON.parse(titles.stdout) as { shortcodes: number }).shortcodes).toBe(0);
  });
});
