/**
 * The CI gate tells the truth (issue 13): `check` passes what needs nothing, the counts say what
 * happened, usage errors are said once before any work, hints name a command that works, and
 * every input has an output. The CLI runs in-process; exit code, stdout and stderr are asserted.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import type { Engine } from "../../src/run/engine.js";
import { loadEngine } from "../../src/run/engine.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});
afterEach(cleanupTrees);

describe("1. a final newline alone is no change", () => {
  test("check over a clean NDJSON dump whose bodies have no final newline exits 0; convert keeps each body's final-newline state", async () => {
    const dump =
      [
        JSON.stringify({ id: "a1", body: "Temiz bir metin." }),
        JSON.stringify({ id: "a2", body: "Birinci paragraf.\n\nİkinci paragraf, Bakü'de." }),
        JSON.stringify({ id: "a3", body: "Sonunda satır sonu var.\n" }),
      ].join("\n") + "\n";
    const dir = await tree({ "temiz.ndjson": dump });
    const checked = await cli(["check", "temiz.ndjson"], { cwd: dir, engine });
    expect([checked.code, checked.stdout]).toEqual([0, ""]);
    expect(checked.stderr).toMatch(/^✔ 3 records: 0 would change, 3 up to date, 0 skipped · 0 warnings · 0 errors · [\d.]+ m?s\n$/);

    const converted = await cli(["convert", "temiz.ndjson"], { cwd: dir, engine });
    expect(converted.code).toBe(0);
    expect(converted.stdout).toBe(dump);
    expect(converted.last).toMatch(/^✔ 3 records: 0 converted, 3 up to date, 0 skipped/);

    // a body that does change keeps its own final-newline state too
    const changing = JSON.stringify({ id: "b1", body: `Haber.\n\n${box("Bağlantı")}` }) + "\n";
    const changed = await cli(["convert", "-", "--input-format", "ndjson"], { cwd: dir, engine, stdinText: changing });
    expect(changed.code).toBe(0);
    const body = (JSON.parse(changed.stdout) as { body: string }).body;
    expect(body).toContain("Bağlantı");
    expect(body.endsWith("\n")).toBe(false);
  });

  test("check of a .txt without a final newline exits 0; --write does not rewrite a markdown file for its newline alone", async () => {
    const dir = await tree({ "n.txt": "Temiz bir metin.", "m.md": "# Başlık\n\nTemiz bir metin." });
    const checked = await cli(["check", "n.txt", "m.md"], { cwd: dir, engine });
    expect([checked.code, checked.stdout]).toEqual([0, ""]);
    expect(checked.last).toMatch(/^✔ 2 files: 0 would change, 2 up to date, 0 skipped/);
    const written = await cli(["convert", "m.md", "--write"], { cwd: dir, engine });
    expect(written.code).toBe(0);
    expect(await readFile(path.join(dir, "m.md"), "utf8")).toBe("# Başlık\n\nTemiz bir metin.");
    // a markdown copy gets its newline
    const copied = await cli(["convert", "n.txt", "--out-dir", "out"], { cwd: dir, engine });
    expect(copied.code).toBe(0);
    expect(await readFile(path.join(dir, "out", "n.md"), "utf8")).toBe("Temiz bir metin.\n");
  });

  test("check over the converted output of every fixture exits 0 (fixtures/articles converted, fixtures/convert/*/output.md)", async () => {
    const out = await tree({});
    const converted = await cli(["convert", path.join(root, "fixtures/articles"), "--out-dir", out], { engine });
    expect(converted.code).toBe(0);
    const outputs = [];
    for (const name of (await readdir(path.join(root, "fixtures/convert"))).sort()) {
      const file = path.join(root, "fixtures/convert", name, "output.md");
      if ((await readdir(path.join(root, "fixtures/convert", name))).includes("output.md")) outputs.push(file);
    }
    expect(outputs.length).toBeGreaterThan(30);
    const r = await cli(["check", out, ...outputs], { engine });
    // warnings (unknown shortcodes kept as written) are no findings; no "would change", no error
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/ error /);
    expect(r.last).toMatch(
      new RegExp(`^⚠ ${outputs.length + 4} files: 0 would change, ${outputs.length + 4} up to date, 0 skipped · \\d+ warnings · 0 errors`),
    );
  });
});

describe("3. counts that say what happened, in one vocabulary", () => {
  const files = { "in/a.txt": `Haber.\n\n${box("Birinci")}\n`, "in/b.txt": `${box("İkinci")}\n\n${box("Üçüncü")}\n`, "in/c.md": "Düz metin.\n" };

  test("a re-run into --out-dir: converted, then up to date; with --cache the second run says it came from the cache", async () => {
    const dir = await tree(files);
    const first = await cli(["convert", "in", "-o", "out"], { cwd: dir });
    expect([first.code, first.stdout]).toEqual([0, ""]);
    expect(first.last).toMatch(/^✔ 3 files: 3 converted, 0 up to date, 0 skipped · 0 warnings · 0 errors/);
    const again = await cli(["convert", "in", "-o", "out"], { cwd: dir });
    expect(again.last).toMatch(/^✔ 3 files: 0 converted, 3 up to date, 0 skipped · 0 warnings · 0 errors/);
    const cached = ["convert", "in", "-o", "cached", "--cache", "--cache-location", "c.json"];
    expect((await cli(cached, { cwd: dir })).last).toMatch(/^✔ 3 files: 3 converted, 0 up to date, 0 skipped · 0 warnings/);
    const hit = await cli(cached, { cwd: dir });
    expect(hit.last).toMatch(/^✔ 3 files: 0 converted, 3 up to date, 0 skipped · 3 from the cache · 0 warnings · 0 errors/);
    // --dry-run: what would change, whatever is on disk
    const dry = await cli(["convert", "in", "-o", "out", "--dry-run"], { cwd: dir });
    expect(dry.last).toMatch(/^✔ 3 files \(dry run: nothing written\): 2 would change, 1 up to date, 0 skipped/);
  });

  test("check counts each would-change line it prints as an error", async () => {
    const dir = await tree(files);
    const r = await cli(["check", "in"], { cwd: dir });
    expect(r.code).toBe(1);
    const errorLines = r.stdout.split("\n").filter((l) => l.includes("  error  "));
    expect(errorLines).toHaveLength(3);
    expect(r.stderr).toMatch(/^✖ 3 files: 2 would change, 1 up to date, 0 skipped · 0 warnings · 3 errors · /m);
    expect(r.last).toBe(
      "✖ exit 1: 2 files would change (3 places); run `shortcode-migrate convert in --out-dir DIR` (--write converts only markdown files in place)",
    );
    // the same counts from the cache
    const cached = ["check", "in", "--cache", "--cache-location", "c.json"];
    await cli(cached, { cwd: dir });
    const hit = await cli(cached, { cwd: dir });
    expect(hit.stdout).toBe(r.stdout);
    expect(hit.stderr).toMatch(/^✖ 3 files: 2 would change, 1 up to date, 0 skipped · 3 from the cache · 0 warnings · 3 errors · /m);
  });

  test("NDJSON: records, not files; a broken line is one failed record", async () => {
    const dir = await tree({ "b.ndjson": `${JSON.stringify({ id: 1, body: "a" })}\n{bozuk\n${JSON.stringify({ id: 2, metin: "x" })}\n` });
    for (const command of ["convert", "check", "scan"]) {
      const r = await cli([command, "b.ndjson"], { cwd: dir });
      expect([command, r.code]).toEqual([command, 1]);
      expect(r.stderr).toContain("b.ndjson:2:1  error  line 2 is not valid JSON");
      const counts = command === "scan" ? "1 scanned" : command === "check" ? "0 would change, 1 up to date" : "0 converted, 1 up to date";
      expect(r.stderr).toContain(
        `✖ 3 records: ${counts}, 1 skipped (no "body" field: b.ndjson#2), 1 failed (broken NDJSON line: b.ndjson:2) · 1 warning · 1 error · `,
      );
      expect(r.last).toBe("✖ exit 1: 1 record failed (broken NDJSON line: b.ndjson:2)");
    }
  });
});

describe("5. hints that work", () => {
  /** The command a hint names, as argv (DIR → `out`). */
  const hinted = (last: string): string[] => /run `shortcode-migrate (convert [^`]*)`/.exec(last)![1]!.replace("DIR", "out").split(" ");

  test("check on .txt files names --out-dir with the paths given; that command works, and its output checks clean", async () => {
    const dir = await tree({ "seed.txt": `Haber.\n\n${box("Bağlantı")}\n`, "spor.txt": `${box("Derbi")}\n` });
    const r = await cli(["check", "seed.txt", "spor.txt"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.last).toBe(
      "✖ exit 1: 2 files would change (2 places); run `shortcode-migrate convert seed.txt spor.txt --out-dir DIR` (--write converts only markdown files in place)",
    );
    const fixed = await cli(hinted(r.last), { cwd: dir });
    expect([fixed.code, fixed.stdout]).toEqual([0, ""]);
    expect((await cli(["check", "out"], { cwd: dir })).code).toBe(0);
  });

  test("check on markdown files names --write; that command works", async () => {
    const dir = await tree({ "docs/a.md": `# Başlık\n\n${box("Bağlantı")}\n` });
    const r = await cli(["check", "docs"], { cwd: dir });
    expect(r.last).toBe(
      "✖ exit 1: 1 file would change (1 place); run `shortcode-migrate convert docs --write` (in place) or with --out-dir DIR (converted copies)",
    );
    const fixed = await cli(hinted(r.last), { cwd: dir });
    expect([fixed.code, fixed.stdout]).toEqual([0, ""]);
    expect((await cli(["check", "docs"], { cwd: dir })).code).toBe(0);
  });

  test("the archive hint names the archive; the command it names works", async () => {
    const dir = await tree({ "dump.ndjson": JSON.stringify({ id: 1, body: `Haber.\n\n${box("Bağlantı")}` }) + "\n" });
    const r = await cli(["check", "dump.ndjson"], { cwd: dir });
    expect(r.last).toBe(
      "✖ exit 1: 1 record would change (1 place); run `shortcode-migrate convert dump.ndjson > converted.ndjson` (or --out-dir DIR: a file per record)",
    );
    const fixed = await cli(["convert", "dump.ndjson"], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toEqual({ id: 1, body: "Haber.\n\n> **Bağlantı**" });
    const stdin = await cli(["check", "-", "--input-format", "ndjson"], { cwd: dir, stdinText: JSON.stringify({ id: 1, body: box("x") }) + "\n" });
    expect(stdin.last).toContain("run `shortcode-migrate convert - --input-format ndjson > converted.ndjson`");
  });

  test("two explicit files without an output choice: a usage error that does not speak of a folder or glob", async () => {
    const dir = await tree({ "a.txt": "Metin.\n", "b.txt": "Metin.\n" });
    const r = await cli(["convert", "a.txt", "b.txt"], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(
      "shortcode-migrate: 2 inputs and no output choice: add --out-dir DIR to write converted copies, or --dry-run/--diff to preview (--write converts only markdown files in place) (see 'shortcode-migrate convert --help')\n",
    );
    const folder = await cli(["convert", "."], { cwd: dir });
    expect(folder.stderr).toContain("shortcode-migrate: 2 inputs (from a folder or glob) and no output choice");
  });

  test("a record without an id has one name: record~N in messages and on disk", async () => {
    const dir = await tree({ "d.ndjson": `${JSON.stringify({ id: 1, body: "a" })}\n${JSON.stringify({ body: "WARN b" })}\n` });
    const r = await cli(["convert", "d.ndjson", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("d.ndjson#record~2:1:1  warning  warn here  repaired-quotes");
    expect((await readdir(path.join(dir, "out"))).sort()).toEqual(["1.md", "record~2.md"]);
  });
});

describe("4. usage errors once, up front (exit 2)", () => {
  test("--out-dir naming a file: one line, nothing converted", async () => {
    const dir = await tree({ "in/a.txt": box("a"), "in/b.txt": box("b"), "in/c.txt": box("c"), afile: "" });
    for (const outDir of ["afile", "afile/sub"]) {
      const r = await cli(["convert", "in", "-o", outDir], { cwd: dir });
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toBe(
        `shortcode-migrate: --out-dir ${outDir}: ${outDir === "afile" ? "it" : "afile"} is a file, not a folder; choose another --out-dir (a missing folder is created) (see 'shortcode-migrate convert --help')\n`,
      );
    }
    const archive = await cli(["convert", "d.ndjson", "-o", "afile"], { cwd: await tree({ "d.ndjson": '{"id":1,"body":"a"}\n', afile: "" }) });
    expect([archive.code, archive.stderr.split("\n").length]).toEqual([2, 2]);
  });

  test("--report in a missing folder: the folder is made; under a file: a usage error naming the report", async () => {
    const dir = await tree({ "a.txt": "Metin.\n", afile: "" });
    const made = await cli(["check", "a.txt", "--report", "raporlar/r.json"], { cwd: dir });
    expect(made.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "raporlar/r.json"), "utf8"))).toMatchObject({ summary: { command: "check", files: 1, upToDate: 1 } });
    const blocked = await cli(["check", "a.txt", "--report", "afile/r.json"], { cwd: dir });
    expect([blocked.code, blocked.stdout]).toEqual([2, ""]);
    expect(blocked.stderr).toBe(
      "shortcode-migrate: --report afile/r.json: afile is a file, not a folder; choose another place for the report (a missing folder is created) (see 'shortcode-migrate check --help')\n",
    );
  });

  test("a path that does not exist, a glob matching nothing, an empty folder: exit 2, said once, for convert, check and scan", async () => {
    const dir = await tree({ "a.txt": box("a"), "bos/.keep": "" });
    for (const command of ["convert", "check", "scan"]) {
      const missing = await cli([command, "a.txt", "nothere.txt", "zz/*.txt", ...(command === "convert" ? ["-o", "out"] : [])], { cwd: dir });
      expect([command, missing.code, missing.stdout]).toEqual([command, 2, ""]);
      expect(missing.stderr).toBe(
        `shortcode-migrate: nothere.txt does not exist; check the path (run from the folder it is relative to); zz/*.txt matched no files; check the pattern (quote it so the shell does not expand it) (see 'shortcode-migrate ${command} --help')\n`,
      );
      const empty = await cli([command, "bos", ...(command === "convert" ? ["-o", "out"] : [])], { cwd: dir });
      expect([command, empty.code, empty.stderr.split("\n").length]).toEqual([command, 2, 2]);
    }
    // nothing was written
    expect(await readdir(dir)).not.toContain("out");
  });
});

describe("6. every input has an output", () => {
  test("an empty input gets its empty output in --out-dir, a blank one its own text; check passes them", async () => {
    const dir = await tree({ "e/bos.txt": "", "e/bosluk.md": "  \n\n", "e/yorum.html": "<!-- -->", "e/dolu.txt": `${box("Dolu")}\n` });
    const r = await cli(["convert", "e", "-o", "o", "--verbose"], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([0, ""]);
    expect((await readdir(path.join(dir, "o"))).sort()).toEqual(["bos.md", "bosluk.md", "dolu.md", "yorum.md"]);
    expect(await readFile(path.join(dir, "o/bos.md"), "utf8")).toBe("");
    expect(await readFile(path.join(dir, "o/bosluk.md"), "utf8")).toBe("  \n\n");
    expect(r.stderr).toContain("e/bos.txt:1:1  info  is empty; its output is empty too  empty");
    expect(r.last).toMatch(/^✔ 4 files: 4 converted, 0 up to date, 0 skipped · 0 warnings · 0 errors/);
    const checked = await cli(["check", "e/bos.txt", "e/bosluk.md"], { cwd: dir });
    expect([checked.code, checked.stdout]).toEqual([0, ""]);
    expect(checked.last).toMatch(/^✔ 2 files: 0 would change, 2 up to date, 0 skipped/);
    const json = await cli(["convert", "e/bos.txt", "-o", "j", "--to", "json"], { cwd: dir, engine });
    expect(json.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "j/bos.json"), "utf8"))).toMatchObject({ version: 1 });
  });
});
