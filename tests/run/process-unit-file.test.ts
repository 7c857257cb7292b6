/**
 * Pins what the converting thread does with one file unit (`processUnit` with a `file` input
 * and a target, `src/run/process-unit.ts`, on the real file system) and
 * the synchronous atomic write under it (`writeFileAtomicSync`, `src/io/write.ts`), on real
 * temporary folders: the output is the converter's, written whole under folders it makes;
 * an up-to-date output or an unchanged `--write` file is left alone (mtime too); permission
 * bits are kept; the predictable temporary name is safe against stale files and planted
 * symlinks and never left behind; read problems, converter errors and write errors come back
 * as outcomes (never a throw); BOM and CRLF survive; the `absent`, `size` and `knownDirs`
 * hints are shortcuts that stay correct when the file system moved under them.
 */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { convert } from "../../src/convert/index.js";
import type { ConvertOptions } from "../../src/convert/types.js";
import { isTempName, tempPathFor, writeFileAtomicSync } from "../../src/io/write.js";
import type { ConvertResult } from "../../src/convert/types.js";
import { nodeSyncFileSystem } from "../../src/io/sync-fs.js";
import { processUnit, type UnitOutcome } from "../../src/run/process-unit.js";

/** One file to convert, as the CLI's `--out-dir`/`--write` route hands it over. */
interface FileTask {
  path: string;
  target: string;
  mode: "out-dir" | "write";
  markdown: boolean;
  size?: number;
  absent?: boolean;
}

type FileOutcome = UnitOutcome;

/** {@link processUnit} on a file unit with a target. */
function convertFile(
  t: FileTask,
  options: ConvertOptions,
  convertFn: (text: string, options: ConvertOptions) => ConvertResult,
  knownDirs: Set<string>,
  fsync: boolean,
): FileOutcome {
  return processUnit(
    {
      input: { kind: "file", path: t.path, ...(t.size === undefined ? {} : { size: t.size }) },
      target: { path: t.target, mode: t.mode, ...(t.absent ? { absent: true } : {}) },
    },
    { markdown: t.markdown, fsync },
    options,
    { convert: convertFn, fs: nodeSyncFileSystem, knownDirs },
  );
}

const TEXT_OPTIONS: ConvertOptions = { to: "markdown", inputFormat: "text" };
const MARKDOWN_OPTIONS: ConvertOptions = { to: "markdown", inputFormat: "markdown" };

/** A short seed-shaped article: Turkish prose, typographic quotes, one related-news box. */
const ARTICLE =
  [
    "Dağlık Karabağ konusunda son yaşanan gelişmeleri değerlendiren Rusya Dışişleri Bakanı Sergey Lavrov, açıklamalarda bulundu.",
    "Lavrov, “Moskova, Türkiye'nin Karabağ'daki pozisyonuyla hemfikir değil’’ dedi.",
    "'MÜZAKERELER BENZERSİZDİ'",
    '[old_news_related_template title="Suriye krizinde Rusya ile yol ayrımı!..." desc="" image="https://cdn.haber.example/wp-content/uploads/2020/05/12/iecrop/yol_16_9_1589323123.jpg" link="https://www.haber.example/2020/yazarlar/suriye-krizinde-rusya-ile-yol-ayrimi-5810704/"]',
  ].join("\n\n") + "\n";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "smfile-"));
});

afterEach(() => {
  // a test may leave a folder read-only
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) chmodSync(path.join(entry.parentPath, entry.name), 0o755);
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Write an input file under the temp folder; returns its absolute path. */
function input(rel: string, content: string | Buffer): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** An `--out-dir` task from `file` to `target` (markdown output). */
function task(file: string, target: string, extra: Partial<FileTask> = {}): FileTask {
  return { path: file, target, mode: "out-dir", markdown: true, ...extra };
}

/** Run {@link convertFile} with the real converter and no flush (the flush changes nothing observable here). */
function run(t: FileTask, options: ConvertOptions = TEXT_OPTIONS, knownDirs = new Set<string>()): FileOutcome {
  return convertFile(t, options, convert, knownDirs, false);
}

function done(outcome: FileOutcome): Extract<FileOutcome, { kind: "done" }> {
  if (outcome.kind !== "done") throw new Error(`expected a done outcome, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Every temporary file of ours anywhere under `root` (relative paths). */
function temps(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => isTempName(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const OLD = new Date("2020-10-10T10:10:10Z");

describe("convertFile: writing", () => {
  test("an article with a related-news box is written under a new folder, as the converter made it", () => {
    const file = input("in/haber.txt", ARTICLE);
    const target = path.join(dir, "out", "2020", "ekim", "haber.md");
    const knownDirs = new Set<string>();
    const outcome = done(run(task(file, target), TEXT_OPTIONS, knownDirs));
    const expected = convert(ARTICLE, TEXT_OPTIONS).output;
    expect(expected).toContain("yol ayrımı");
    expect(outcome.write).toBe("written");
    expect(outcome.changed).toBe(true);
    expect(outcome.shortcodes).toEqual({ old_news_related_template: 1 });
    expect(outcome.outputSize).toBe(Buffer.byteLength(expected));
    expect(outcome.writeError).toBeUndefined();
    expect(readFileSync(target, "utf8")).toBe(expected);
    expect(knownDirs.has(path.dirname(target))).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  test("the messages are the decoder's notes, then the converter's", () => {
    const mixed = 'Birinci satır.\r\nİkinci satır.\nÜçüncü satır [bilinmeyen_kod a="1"].\n';
    const file = input("mixed.txt", mixed);
    const outcome = done(run(task(file, path.join(dir, "out", "mixed.md"))));
    const expected = convert(mixed, TEXT_OPTIONS).messages;
    expect(outcome.messages[0]!.ruleId).toBe("mixed-line-endings");
    expect(outcome.messages.slice(1)).toEqual(expected);
  });

  test("an up-to-date output is not rewritten: mtime kept", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    expect(done(run(task(file, target))).write).toBe("written");
    utimesSync(target, OLD, OLD);
    const before = statSync(target);
    const outcome = done(run(task(file, target)));
    expect(outcome.write).toBe("up-to-date");
    expect(outcome.outputSize).toBe(before.size);
    expect(statSync(target).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(target).ino).toBe(before.ino);
  });

  test("an output that differs (same size or not) is rewritten", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    const expected = convert(ARTICLE, TEXT_OPTIONS).output;
    for (const stale of ["eski", expected.replace("yol", "YOL")]) {
      input("out/haber.md", stale);
      utimesSync(target, OLD, OLD);
      expect(done(run(task(file, target))).write).toBe("written");
      expect(readFileSync(target, "utf8")).toBe(expected);
      expect(statSync(target).mtimeMs).not.toBe(OLD.getTime());
    }
  });

  test('mode "write" on an already-converted markdown file: "unchanged", not touched', () => {
    const md = convert(ARTICLE, TEXT_OPTIONS).output;
    const file = input("haber.md", md);
    utimesSync(file, OLD, OLD);
    const before = statSync(file);
    const outcome = done(run({ path: file, target: file, mode: "write", markdown: true }, MARKDOWN_OPTIONS));
    expect(outcome.write).toBe("unchanged");
    expect(outcome.changed).toBe(false);
    expect(outcome.outputSize).toBe(0);
    const after = statSync(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    expect(readFileSync(file, "utf8")).toBe(md);
    expect(temps(dir)).toEqual([]);
  });

  test('mode "write" on a markdown file that changes: rewritten in place', () => {
    const file = input("haber.md", ARTICLE);
    const outcome = done(run({ path: file, target: file, mode: "write", markdown: true }, MARKDOWN_OPTIONS));
    expect(outcome.write).toBe("written");
    expect(outcome.changed).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(convert(ARTICLE, MARKDOWN_OPTIONS).output);
  });

  test.each([0o640, 0o600, 0o666, 0o604].map((bits) => [bits.toString(8).padStart(4, "0"), bits] as const))(
    "an existing target keeps its permission bits (%s), umask or not",
    (_octal, bits) => {
      const file = input("haber.txt", ARTICLE);
      const target = input("out/haber.md", "eski içerik\n");
      chmodSync(target, bits);
      expect(done(run(task(file, target))).write).toBe("written");
      expect(statSync(target).mode & 0o7777).toBe(bits);
      expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
    },
  );

  test("a --write file keeps its permission bits", () => {
    const file = input("haber.md", ARTICLE);
    chmodSync(file, 0o640);
    expect(done(run({ path: file, target: file, mode: "write", markdown: true }, MARKDOWN_OPTIONS)).write).toBe("written");
    expect(statSync(file).mode & 0o7777).toBe(0o640);
  });

  test("BOM + CRLF input: the output keeps the BOM and CRLF line endings", () => {
    const file = input("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE.replace(/\n/g, "\r\n"), "utf8")]));
    const target = path.join(dir, "out", "bom.md");
    expect(done(run(task(file, target))).write).toBe("written");
    const bytes = readFileSync(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("\r\n");
    expect(/(?<!\r)\n/.test(text)).toBe(false);
    // the same conversion as the LF text, only the byte facts restored
    expect(text.slice(1).replace(/\r\n/g, "\n")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
  });

  test("JSON output (markdown: false): no byte facts restored, always changed", () => {
    const file = input("bom.txt", "\uFEFF" + ARTICLE.replace(/\n/g, "\r\n"));
    const target = path.join(dir, "out", "bom.json");
    const options: ConvertOptions = { to: "json", inputFormat: "text" };
    const outcome = done(run(task(file, target, { markdown: false }), options));
    expect(outcome.changed).toBe(true);
    expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE.replace(/\n/g, "\r\n"), options).output);
  });
});

describe("convertFile: hints", () => {
  test("absent (the target really is absent) still writes, and makes the folder", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "yeni", "haber.md");
    const outcome = done(run(task(file, target, { absent: true })));
    expect(outcome.write).toBe("written");
    expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
  });

  test("a size hint smaller than the file (it grew since the listing): the whole file is read", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    for (const size of [0, 1, 10, Buffer.byteLength(ARTICLE) - 1]) {
      rmSync(target, { force: true });
      expect(done(run(task(file, target, { size }))).write).toBe("written");
      expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
    }
  });

  test("a size hint that is exact, or larger than the file (it shrank), reads what is there", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    for (const size of [Buffer.byteLength(ARTICLE), Buffer.byteLength(ARTICLE) + 1, 1 << 20]) {
      rmSync(target, { force: true });
      expect(done(run(task(file, target, { size }))).write).toBe("written");
      expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
    }
  });

  test("a size hint on a large file that grew past it (more than one read)", () => {
    const big = Array.from({ length: 400 }, (_, i) => `${i}. ${ARTICLE}`).join("\n");
    const file = input("buyuk.txt", big);
    const target = path.join(dir, "out", "buyuk.md");
    expect(done(run(task(file, target, { size: 100_000 }))).write).toBe("written");
    expect(readFileSync(target, "utf8")).toBe(convert(big, TEXT_OPTIONS).output);
  });

  test("a knownDirs folder deleted meanwhile is made again, and the file written", () => {
    const file = input("haber.txt", ARTICLE);
    const outDir = path.join(dir, "out", "alt");
    mkdirSync(outDir, { recursive: true });
    const knownDirs = new Set([outDir]);
    rmSync(path.join(dir, "out"), { recursive: true });
    const target = path.join(outDir, "haber.md");
    const outcome = done(run(task(file, target, { absent: true }), TEXT_OPTIONS, knownDirs));
    expect(outcome.write).toBe("written");
    expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
    expect(temps(dir)).toEqual([]);
  });
});

describe("convertFile: the temporary file", () => {
  test("a stale temporary at the temp name (a killed run) is replaced, and gone afterwards", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    const temp = input(path.relative(dir, tempPathFor(target)), "yarım kalmış yazı");
    expect(path.basename(temp)).toBe(".haber.md.shortcode-migrate.tmp");
    const outcome = done(run(task(file, target), TEXT_OPTIONS, new Set([path.dirname(target)])));
    expect(outcome.write).toBe("written");
    expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
    expect(existsSync(temp)).toBe(false);
    expect(temps(dir)).toEqual([]);
  });

  test("a symlink planted at the temp name is not followed: its target is unchanged", () => {
    const file = input("haber.txt", ARTICLE);
    const victim = input("baska/onemli.txt", "dokunulmamalı\n");
    chmodSync(victim, 0o644);
    const target = path.join(dir, "out", "haber.md");
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = tempPathFor(target);
    symlinkSync(victim, temp);
    const outcome = done(run(task(file, target)));
    expect(outcome.write).toBe("written");
    expect(readFileSync(victim, "utf8")).toBe("dokunulmamalı\n");
    expect(statSync(victim).mode & 0o7777).toBe(0o644);
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, "utf8")).toBe(convert(ARTICLE, TEXT_OPTIONS).output);
    expect(existsSync(temp) || lstatExists(temp)).toBe(false);
  });

  test("a dangling symlink planted at the temp name does not create the file it points to", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    mkdirSync(path.dirname(target), { recursive: true });
    const pointee = path.join(dir, "olmamali.txt");
    symlinkSync(pointee, tempPathFor(target));
    expect(done(run(task(file, target))).write).toBe("written");
    expect(lstatExists(pointee)).toBe(false);
    expect(lstatExists(tempPathFor(target))).toBe(false);
  });
});

function lstatExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

describe("convertFile: failures are outcomes, never throws", () => {
  test.each([
    ["binary (NUL byte)", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]), "binary", "error"],
    ["invalid UTF-8", Buffer.from("G\xfczel haber, \xfeehir\n", "latin1"), "invalid-utf8", "error"],
    ["UTF-16", Buffer.from([0xff, 0xfe, 0x41, 0x00]), "utf16", "error"],
  ] as const)("%s: a problem, and nothing written", (_name, bytes, kind, severity) => {
    const file = input("girdi.txt", bytes);
    const target = path.join(dir, "out", "girdi.md");
    for (const size of [undefined, bytes.length]) {
      const outcome = run(task(file, target, size === undefined ? {} : { size }));
      expect(outcome.kind).toBe("problem");
      if (outcome.kind !== "problem") continue;
      expect(outcome.problem.kind).toBe(kind);
      expect(outcome.problem.severity).toBe(severity);
      expect(outcome.problem.reason).not.toBe("");
    }
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test.each([
    ["empty", Buffer.alloc(0), "is empty; its output is empty too"],
    ["only whitespace", Buffer.from(" \n\t\n"), "has only whitespace; its output is the same"],
  ] as const)("%s: converted all the same, its output is the text itself (every input has an output)", (_name, bytes, note) => {
    const file = input("girdi.txt", bytes);
    const target = path.join(dir, "out", "girdi.md");
    const outcome = run(task(file, target));
    expect(outcome).toMatchObject({ kind: "done", changed: false, write: "written" });
    if (outcome.kind === "done") expect(outcome.messages.map((m) => [m.severity, m.reason])).toEqual([["info", note]]);
    expect(readFileSync(target)).toEqual(bytes);
  });

  test("a missing file: not-found (with or without a size hint)", () => {
    for (const size of [undefined, 0, 120]) {
      const outcome = run(task(path.join(dir, "yok.txt"), path.join(dir, "out", "yok.md"), size === undefined ? {} : { size }));
      expect(outcome).toMatchObject({ kind: "problem", problem: { kind: "not-found", severity: "error" } });
    }
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("a folder given as the input: is-directory (with or without a size hint)", () => {
    mkdirSync(path.join(dir, "klasor.txt"));
    for (const size of [undefined, 4096]) {
      const outcome = run(task(path.join(dir, "klasor.txt"), path.join(dir, "out", "klasor.md"), size === undefined ? {} : { size }));
      expect(outcome).toMatchObject({ kind: "problem", problem: { kind: "is-directory" } });
    }
  });

  // root reads anything: only an ordinary user can meet an unreadable file
  (process.getuid?.() === 0 ? test.skip : test)("an unreadable file (mode 000): unreadable", () => {
    const file = input("gizli.txt", ARTICLE);
    chmodSync(file, 0o000);
    for (const size of [undefined, Buffer.byteLength(ARTICLE)]) {
      const outcome = run(task(file, path.join(dir, "out", "gizli.md"), size === undefined ? {} : { size }));
      expect(outcome).toMatchObject({ kind: "problem", problem: { kind: "unreadable", severity: "error" } });
    }
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("a converter that throws: a crash outcome with its message, nothing written", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    const throwing = (): never => {
      throw new Error("ayrıştırıcı çöktü");
    };
    expect(convertFile(task(file, target), TEXT_OPTIONS, throwing, new Set(), false)).toEqual({ kind: "crash", error: "ayrıştırıcı çöktü" });
    const throwsString = (): never => {
      throw "düz metin";
    };
    expect(convertFile(task(file, target), TEXT_OPTIONS, throwsString, new Set(), false)).toEqual({ kind: "crash", error: "düz metin" });
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("a folder that cannot be written: write failed with a code, no temporary left", () => {
    const file = input("haber.txt", ARTICLE);
    let target: string;
    let codes: string[];
    if (process.getuid?.() === 0) {
      // root writes into a read-only folder anyway: a regular file where the folder should be
      input("out/engel", "bir dosya\n");
      target = path.join(dir, "out", "engel", "haber.md");
      codes = ["ENOTDIR", "EEXIST"];
    } else {
      mkdirSync(path.join(dir, "out"));
      chmodSync(path.join(dir, "out"), 0o555);
      target = path.join(dir, "out", "haber.md");
      codes = ["EACCES", "EPERM"];
    }
    for (const knownDirs of [new Set<string>(), new Set([path.dirname(target)])]) {
      const outcome = done(run(task(file, target), TEXT_OPTIONS, knownDirs));
      expect(outcome.write).toBe("failed");
      expect(outcome.outputSize).toBe(0);
      expect(codes).toContain(outcome.writeError?.code);
      expect(outcome.writeError?.message).toBeTruthy();
      // the conversion itself is reported all the same
      expect(outcome.changed).toBe(true);
      expect(outcome.shortcodes).toEqual({ old_news_related_template: 1 });
    }
    expect(existsSync(target)).toBe(false);
    expect(temps(dir)).toEqual([]);
  });

  test("a rename that fails after the temporary was written (a folder at the target): failed, temporary removed", () => {
    const file = input("haber.txt", ARTICLE);
    const target = path.join(dir, "out", "haber.md");
    input("out/haber.md/icinde.txt", "bir klasör\n");
    const outcome = done(run(task(file, target)));
    expect(outcome.write).toBe("failed");
    expect(["EISDIR", "ENOTEMPTY", "EEXIST"]).toContain(outcome.writeError?.code);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });
});

describe("writeFileAtomicSync", () => {
  test("writes the bytes, makes the folder, records it in knownDirs; no temporary left", () => {
    const target = path.join(dir, "a", "b", "c.md");
    const knownDirs = new Set<string>();
    const data = Buffer.from("# Başlık\n\nİçerik “alıntı”.\n");
    writeFileAtomicSync(target, data, { knownDirs, fsync: true });
    expect(readFileSync(target)).toEqual(data);
    expect([...knownDirs]).toEqual([path.dirname(target)]);
    expect(temps(dir)).toEqual([]);
  });

  test("an empty file and a large one are written whole", () => {
    const empty = path.join(dir, "bos.md");
    writeFileAtomicSync(empty, new Uint8Array(0), { fsync: false });
    expect(readFileSync(empty).length).toBe(0);
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, "ş");
    const large = path.join(dir, "buyuk.md");
    writeFileAtomicSync(large, big, { fsync: false });
    expect(readFileSync(large).equals(big)).toBe(true);
  });

  test("mode is applied exactly (not masked by the umask); without it the default applies", () => {
    const target = path.join(dir, "izin.md");
    writeFileAtomicSync(target, Buffer.from("x"), { mode: 0o666, fsync: false });
    expect(statSync(target).mode & 0o7777).toBe(0o666);
    writeFileAtomicSync(target, Buffer.from("y"), { mode: 0o600, fsync: false });
    expect(statSync(target).mode & 0o7777).toBe(0o600);
    const fresh = path.join(dir, "yeni.md");
    writeFileAtomicSync(fresh, Buffer.from("z"), { fsync: false });
    const umask = process.umask();
    expect(statSync(fresh).mode & 0o777).toBe(0o666 & ~umask);
  });

  test("a stale temporary is replaced; a planted symlink is removed, not followed", () => {
    const target = path.join(dir, "hedef.md");
    writeFileSync(tempPathFor(target), "eski yarım yazı");
    writeFileAtomicSync(target, Buffer.from("yeni"), { fsync: false });
    expect(readFileSync(target, "utf8")).toBe("yeni");
    expect(lstatExists(tempPathFor(target))).toBe(false);

    const victim = input("kurban.txt", "aynen kalmalı");
    symlinkSync(victim, tempPathFor(target));
    writeFileAtomicSync(target, Buffer.from("daha yeni"), { fsync: false, mode: 0o600 });
    expect(readFileSync(victim, "utf8")).toBe("aynen kalmalı");
    expect(readFileSync(target, "utf8")).toBe("daha yeni");
    expect(lstatExists(tempPathFor(target))).toBe(false);
  });

  test("a knownDirs folder removed meanwhile is made again", () => {
    const folder = path.join(dir, "gitti", "alt");
    const knownDirs = new Set([folder]);
    const target = path.join(folder, "dosya.md");
    writeFileAtomicSync(target, Buffer.from("var"), { knownDirs, fsync: false });
    expect(readFileSync(target, "utf8")).toBe("var");
  });

  test("failures throw the fs error with its code, leave the target untouched and no temporary", () => {
    // a regular file where the folder should be
    input("dosya", "engel");
    expect(() => writeFileAtomicSync(path.join(dir, "dosya", "x.md"), Buffer.from("x"), { fsync: false })).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) }) as unknown as Error,
    );
    // the same with the folder (wrongly) known: the open fails, no mkdir retry for ENOTDIR
    expect(() =>
      writeFileAtomicSync(path.join(dir, "dosya", "x.md"), Buffer.from("x"), { fsync: false, knownDirs: new Set([path.join(dir, "dosya")]) }),
    ).toThrow(expect.objectContaining({ code: "ENOTDIR" }) as unknown as Error);
    // the rename fails: the target is a non-empty folder
    input("klasor.md/ic.txt", "iç");
    expect(() => writeFileAtomicSync(path.join(dir, "klasor.md"), Buffer.from("x"), { fsync: false })).toThrow(
      expect.objectContaining({ code: expect.any(String) }) as unknown as Error,
    );
    expect(readFileSync(path.join(dir, "dosya"), "utf8")).toBe("engel");
    expect(readFileSync(path.join(dir, "klasor.md", "ic.txt"), "utf8")).toBe("iç");
    expect(temps(dir)).toEqual([]);
  });
});
