import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import * as nodeFs from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { nodeSyncFileSystem, type SyncFileSystem } from "../../src/io/sync-fs.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

const ARTICLE = `Giriş paragrafı.\n\n${box("Birinci haber")}\n\nSon paragraf.\n`;
const CONVERTED = `Giriş paragrafı.\n\n> **Birinci haber**\n\nSon paragraf.\n`;
afterEach(cleanupTrees);

describe("convert: the slice", () => {
  test("stdin → stdout, summary on stderr, exit 0", async () => {
    const r = await cli(["convert", "-"], { stdinText: ARTICLE });
    expect([r.code, r.stderr]).toEqual([0, r.last + "\n"]);
    expect(r.stdout).toBe(CONVERTED);
    expect(r.last).toMatch(/^✔ 1 file: 1 converted, 0 up to date, 0 skipped · 0 warnings · 0 errors · \d+ ms$/);
  });

  test("a single file goes to stdout", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    const r = await cli(["convert", "a.txt"], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([0, CONVERTED]);
  });

  test("a folder → --out-dir mirrors the tree, extension from --to, folder created", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/sub/b.md": ARTICLE, "in/skip.png": "x", "in/c.html": "<p>plain</p>\n" });
    const r = await cli(["convert", "in", "--out-dir", "out/deep"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(await readFile(path.join(dir, "out/deep/a.md"), "utf8")).toBe(CONVERTED);
    expect(await readFile(path.join(dir, "out/deep/sub/b.md"), "utf8")).toBe(CONVERTED);
    expect(await readFile(path.join(dir, "out/deep/c.md"), "utf8")).toBe("<p>plain</p>\n");
    expect(r.last).toMatch(/3 files: 3 converted, 0 up to date, 0 skipped/);
  });

  test("--to json writes .json files", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE });
    const r = await cli(["convert", "in", "-o", "out", "--to", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "out/a.json"), "utf8"))).toEqual({ version: 1, markdown: CONVERTED });
  });

  test("globs are expanded relative to cwd; the glob's static base is mirrored", async () => {
    const dir = await tree({ "arch/2019/a.txt": ARTICLE, "arch/2020/b.txt": ARTICLE, "arch/2020/c.md": ARTICLE });
    const r = await cli(["convert", "arch/**/*.txt", "--out-dir", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    expect((await readdir(path.join(dir, "out"), { recursive: true })).sort()).toEqual(["2019", "2019/a.md", "2020", "2020/b.md"]);
  });

  test("an unchanged output is never rewritten (mtime kept)", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE });
    await cli(["convert", "in", "--out-dir", "out"], { cwd: dir });
    const target = path.join(dir, "out/a.md");
    const old = new Date("2001-01-01T00:00:00Z");
    await nodeFs.utimes(target, old, old);
    const r = await cli(["convert", "in", "--out-dir", "out", "--verbose"], { cwd: dir });
    expect(r.code).toBe(0);
    expect((await stat(target)).mtime.getTime()).toBe(old.getTime());
    expect(r.stderr).toContain("in/a.txt → out/a.md: up to date, not rewritten");
  });

  test("the out-dir inside the input folder is not walked again", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    await cli(["convert", ".", "--out-dir", "out"], { cwd: dir });
    const r = await cli(["convert", ".", "--out-dir", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.last).toMatch(/✔ 1 file:/);
  });
});

describe("convert: output choices", () => {
  test("several inputs and no output choice: usage error saying what to add", async () => {
    const dir = await tree({ "a.txt": ARTICLE, "b.txt": ARTICLE });
    const r = await cli(["convert", "a.txt", "b.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.last).toBe(
      "shortcode-migrate: 2 inputs and no output choice: add --out-dir DIR to write converted copies, or --dry-run/--diff to preview (--write converts only markdown files in place) (see 'shortcode-migrate convert --help')",
    );
  });

  test("--write converts markdown in place and leaves unchanged files alone", async () => {
    const dir = await tree({ "docs/a.md": ARTICLE, "docs/plain.md": "Nothing here.\n" });
    const plain = path.join(dir, "docs/plain.md");
    const old = new Date("2001-01-01T00:00:00Z");
    await nodeFs.utimes(plain, old, old);
    const r = await cli(["convert", "docs", "--write"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(await readFile(path.join(dir, "docs/a.md"), "utf8")).toBe(CONVERTED);
    expect((await stat(plain)).mtime.getTime()).toBe(old.getTime());
    expect(r.last).toMatch(/2 files: 1 converted, 1 up to date/);
  });

  test("--write on non-markdown files: usage error pointing to --out-dir, nothing written", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    const r = await cli(["convert", "a.txt", "--write"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.last).toContain(
      "--write converts in place only markdown files converted to markdown, but 1 input is not markdown (first: a.txt); use --out-dir DIR",
    );
    expect(await readFile(path.join(dir, "a.txt"), "utf8")).toBe(ARTICLE);
  });

  test.each([
    [["--write", "--to", "json"], "--write keeps each file's kind, but --to json would turn markdown into JSON; use --out-dir DIR instead"],
    [["--write", "--out-dir", "o"], "cannot use --write and --out-dir together"],
    [["--report", "r.txt", "-o", "o"], 'unknown report format ".txt"'],
  ])("conflicting flags %j are rejected before any work", async (flags, message) => {
    const dir = await tree({ "a.md": ARTICLE });
    const r = await cli(["convert", "a.md", ...flags], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.last).toContain(message);
    expect(await readdir(dir)).toEqual(["a.md"]);
  });

  test("--report r.html writes the self-contained HTML report, with each changed file's diff", async () => {
    const dir = await tree({ "a.md": ARTICLE });
    const r = await cli(["convert", "a.md", "--dry-run", "--report", "r.html"], { cwd: dir });
    expect(r.code).toBe(0);
    const page = await readFile(path.join(dir, "r.html"), "utf8");
    expect(page.toLowerCase()).toContain("<!doctype html>");
    expect(page).toContain("d-add");
    expect(page).toContain("a.md");
    expect(page).not.toMatch(/(?:src|href)=["']?https?:/i);
    expect(await readFile(path.join(dir, "a.md"), "utf8")).toBe(ARTICLE);
  });

  test("stdin with --out-dir or mixed with paths is a usage error", async () => {
    expect((await cli(["convert", "-", "--out-dir", "x"])).last).toContain("cannot use --out-dir with - (stdin)");
    const r = await cli(["convert", "-", "a.txt"]);
    expect(r.code).toBe(2);
    expect(r.last).toContain("- (stdin) cannot be mixed with other paths");
  });

  test("two inputs mapping to one output, or an out-dir overwriting an input", async () => {
    const dir = await tree({ "x/a.txt": ARTICLE, "y/a.txt": ARTICLE, "z.md": ARTICLE });
    const r = await cli(["convert", "x/a.txt", "y/a.txt", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.last).toContain("x/a.txt and y/a.txt would both be written to out/a.md");
    const r2 = await cli(["convert", "z.md", "-o", "."], { cwd: dir });
    expect(r2.code).toBe(2);
    expect(r2.last).toContain("would overwrite the input z.md");
  });

  test("no input files in a folder: usage error", async () => {
    const dir = await tree({ "a.png": "x" });
    const r = await cli(["convert", ".", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.last).toContain('no input files found in "."');
  });
});

describe("convert: dry run, diff, report, ignore", () => {
  test("--dry-run writes nothing", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE });
    const r = await cli(["convert", "in", "--out-dir", "out", "--dry-run", "--verbose"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(await readdir(dir)).toEqual(["in"]);
    expect(r.stderr).toContain("in/a.txt: would write out/a.md");
    expect(r.last).toMatch(/1 file \(dry run: nothing written\): 1 would change/);
  });

  test("--diff prints a unified diff on stdout, no colour off a TTY", async () => {
    const dir = await tree({ "a.txt": ARTICLE, "b.txt": "Nothing.\n" });
    const r = await cli(["convert", "a.txt", "b.txt", "--diff"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "--- a/a.txt",
        "+++ b/a.txt",
        "@@ -1,5 +1,5 @@",
        " Giriş paragrafı.",
        " ",
        `-${box("Birinci haber")}`,
        "+> **Birinci haber**",
        " ",
        " Son paragraf.",
        "",
      ].join("\n"),
    );
    expect(r.stdout + r.stderr).not.toContain("\x1b");
    expect(await readFile(path.join(dir, "a.txt"), "utf8")).toBe(ARTICLE);
  });

  test("--diff is coloured on a TTY, and not with NO_COLOR, --no-color or CI", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    const tty = await cli(["convert", "a.txt", "--diff"], { cwd: dir, tty: true });
    expect(tty.stdout).toContain("\x1b[");
    for (const [extra, env] of [
      [[], { NO_COLOR: "1" }],
      [["--no-color"], {}],
      [[], { CI: "true" }],
    ] as const) {
      const r = await cli(["convert", "a.txt", "--diff", ...extra], { cwd: dir, tty: true, env });
      expect(r.stdout + r.stderr).not.toContain("\x1b");
    }
  });

  test("--report .json has per-file messages in the documented shape", async () => {
    const dir = await tree({ "in/a.txt": `WARN\n${ARTICLE}` });
    const r = await cli(["convert", "in", "-o", "out", "--report", "r/report.json"], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, "r/report.json"), "utf8"));
    expect(report.summary).toMatchObject({ command: "convert", files: 1, converted: 1, warnings: 1, errors: 0 });
    expect(report.shortcodes).toEqual({ old_news_related_template: 1 });
    expect(report.files[0]).toMatchObject({ file: "in/a.txt", status: "converted", output: "out/a.md", changed: true });
    expect(report.files[0].messages).toEqual([
      { file: "in/a.txt", line: 1, column: 1, endLine: 1, endColumn: 5, severity: "warning", ruleId: "repaired-quotes", reason: "warn here" },
    ]);
  });

  test("--report .md has counts, tags, messages and the diff", async () => {
    const dir = await tree({ "in/a.txt": `WARN\n${ARTICLE}` });
    const r = await cli(["convert", "in", "--dry-run", "--report", "review.md"], { cwd: dir });
    expect(r.code).toBe(0);
    const md = await readFile(path.join(dir, "review.md"), "utf8");
    expect(md).toContain("| 1 | 1 | 0 | 0 | 0 | 1 | 0 |");
    expect(md).toContain("| `old_news_related_template` | 1 | 1 |");
    expect(md).toContain("| `in/a.txt:1:1` | warning | warn here | `repaired-quotes` |");
    expect(md).toContain("```diff\n--- a/in/a.txt");
  });

  test("a report that cannot be written: exit 2, said before any work", async () => {
    const dir = await tree({ "a.txt": ARTICLE, blocker: "a file" });
    const r = await cli(["convert", "a.txt", "--dry-run", "--report", "blocker/r.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.last).toMatch(/^shortcode-migrate: --report blocker\/r.json: blocker is a file, not a folder; choose another place for the report/);
  });

  test("--ignore and .shortcode-migrate-ignore (gitignore syntax) leave files out", async () => {
    const dir = await tree({
      ".shortcode-migrate-ignore": "# drafts\ndrafts/\n*.bak.txt\n!keep.bak.txt\n",
      "a.txt": ARTICLE,
      "drafts/d.txt": ARTICLE,
      "x.bak.txt": ARTICLE,
      "keep.bak.txt": ARTICLE,
      "old/o.txt": ARTICLE,
    });
    const r = await cli(["convert", ".", "-o", "out", "--ignore", "old", "--verbose"], { cwd: dir });
    expect(r.code).toBe(0);
    expect((await readdir(path.join(dir, "out"))).sort()).toEqual(["a.md", "keep.bak.md"]);
    expect(r.stderr).toContain("ignored drafts/");
    expect(r.last).toMatch(/2 converted, 0 up to date, 0 skipped, 3 ignored/);
  });
});

describe("convert: bad input — one line per file, the batch goes on", () => {
  test("invalid UTF-8, binary, empty, missing: messages name the file; exit 1", async () => {
    const dir = await tree({
      "in/good.txt": ARTICLE,
      "in/latin5.txt": Buffer.from([0x47, 0xfc, 0x6e, 0x65, 0x79, 0x0a]),
      "in/bin.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      "in/empty.txt": "",
    });
    // a missing operand is a usage error before any work (issue 13); here: the files of a folder
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "in/latin5.txt:1:2  error  in/latin5.txt is not valid UTF-8 (byte 0xFC at byte 1); re-encode it, e.g. `iconv -f windows-1254 -t utf-8` for legacy Turkish text  invalid-utf8",
    );
    expect(r.stderr).toContain("in/bin.txt:1:5  error  in/bin.txt looks like a binary file (NUL byte at byte 4)");
    expect(await readFile(path.join(dir, "out/good.md"), "utf8")).toBe(CONVERTED);
    // an empty input has its (empty) output
    expect(await readFile(path.join(dir, "out/empty.md"), "utf8")).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines.at(-2)).toMatch(
      /^✖ 4 files: 2 converted, 0 up to date, 0 skipped, 2 failed \(binary: in\/bin.txt; invalid UTF-8: in\/latin5.txt\) · 0 warnings · 2 errors/,
    );
    expect(r.last).toBe("✖ exit 1: 2 files failed (binary: in/bin.txt; invalid UTF-8: in/latin5.txt)");
  });

  test("an unreadable file (EACCES) and a directory given as a file", async () => {
    const dir = await tree({ "a.txt": ARTICLE, "locked.txt": ARTICLE });
    const fs = {
      ...nodeFs,
      readFile: (async (file: unknown, ...rest: unknown[]) => {
        if (String(file).endsWith("locked.txt")) throw Object.assign(new Error("denied"), { code: "EACCES" });
        return (nodeFs.readFile as (...a: unknown[]) => unknown)(file, ...rest);
      }) as typeof nodeFs.readFile,
    };
    const r = await cli(["convert", "a.txt", "locked.txt", "--dry-run"], { cwd: dir, fs });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("locked.txt:1:1  error  locked.txt cannot be read (EACCES: permission denied); fix its permissions or leave it out  unreadable");
    const p = await cli(["parse", "."], { cwd: dir });
    expect(p.code).toBe(1);
    expect(p.stderr).toContain(".:1:1  error  . is a directory, not a file; pass a file inside it");
  });

  test("error-level diagnostics exit 1; warnings do not", async () => {
    const r = await cli(["convert", "-"], { stdinText: `BROKEN ${box("x")}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("<stdin>:1:1  error  broken here  unterminated-quote");
    expect(r.last).toBe("✖ exit 1: 1 error-level diagnostic");
    const w = await cli(["convert", "-"], { stdinText: "WARN\n" });
    expect(w.code).toBe(0);
    expect(w.stderr).toContain("<stdin>:1:1  warning  warn here  repaired-quotes");
  });

  test("BOM and CRLF survive the conversion", async () => {
    const dir = await tree({ "in/a.txt": "\uFEFF" + ARTICLE.replace(/\n/g, "\r\n") });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    const bytes = await readFile(path.join(dir, "out/a.md"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe("\uFEFF" + CONVERTED.replace(/\n/g, "\r\n"));
  });

  test("an output that cannot be written (ENOSPC): exit 2, batch goes on", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/b.txt": ARTICLE });
    const syncFs: SyncFileSystem = {
      ...nodeSyncFileSystem,
      writeAtomic(file, data, options) {
        if (file.endsWith("a.md")) throw Object.assign(new Error("full"), { code: "ENOSPC" });
        nodeSyncFileSystem.writeAtomic(file, data, options);
      },
    };
    // the same one write, whichever route the output takes (--cache hands it back to this thread first)
    for (const extra of [[], ["--cache-location", "c.json"]]) {
      const out = `out${extra.length}`;
      const r = await cli(["convert", "in", "-o", out, ...extra], { cwd: dir, syncFs });
      expect(r.code).toBe(2);
      expect(await readdir(path.join(dir, out))).toEqual(["b.md"]);
      expect(r.last).toBe(`✖ exit 2: cannot write ${out}/a.md: the disk is full (ENOSPC); free some space and run again`);
    }
  });

  test("a converter crash is exit 2 for that file; the others are converted", async () => {
    const dir = await tree({ "in/a.txt": "CRASH\n", "in/b.txt": ARTICLE });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(await readdir(path.join(dir, "out"))).toEqual(["b.md"]);
    expect(r.last).toContain("the converter crashed on in/a.txt: boom");
  });

  test("--quiet prints nothing on success, only the why-line on failure", async () => {
    const ok = await cli(["convert", "-", "--quiet"], { stdinText: ARTICLE });
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    const bad = await cli(["convert", "-", "-q"], { stdinText: "BROKEN\n" });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toEqual(["<stdin>:1:1  error  broken here  unterminated-quote", "✖ exit 1: 1 error-level diagnostic"]);
  });
});

describe("convert: progress bar", () => {
  test("drawn on a TTY outside CI, never otherwise", async () => {
    const dir = await tree({ "in/a.txt": ARTICLE, "in/b.txt": ARTICLE, "in/c.txt": ARTICLE });
    let t = 0;
    const now = () => (t += 150);
    const tty = await cli(["convert", "in", "-o", "out"], { cwd: dir, tty: true, now });
    expect(tty.stderr).toMatch(/3\/3 files · [\d.]+ MB\/s · ETA \d+s/);
    const ci = await cli(["convert", "in", "-o", "out2"], { cwd: dir, tty: true, now, env: { CI: "1" } });
    expect(ci.stderr).not.toContain("files ·");
    expect(ci.stderr).not.toContain("\x1b");
  });
});

test("write leaves no temp files behind", async () => {
  const dir = await tree({ "in/a.txt": ARTICLE });
  await cli(["convert", "in", "-o", "out"], { cwd: dir });
  await writeFile(path.join(dir, "in/a.txt"), ARTICLE + "Ek.\n");
  await cli(["convert", "in", "-o", "out"], { cwd: dir });
  expect(await readdir(path.join(dir, "out"))).toEqual(["a.md"]);
});
