/**
 * Encoding faults are reported per file with a suggestion, never silently "fixed":
 * UTF-16 with a BOM, invalid UTF-8, NUL bytes, mixed CRLF/LF, mojibake.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { loadEngine } from "../../src/run/engine.js";
import { decodeUtf8, lineEndings, restoreByteFacts, textNotes } from "../../src/io/decode.js";
import { box, cleanupTrees, cli, tree } from "../cli/helpers.js";

afterEach(cleanupTrees);

describe("decodeUtf8", () => {
  test("UTF-16 with a BOM (LE and BE) is named, with the iconv command, and not guessed at", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Güneş", "utf16le")]);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("Güneş", "utf16le").swap16()]));
    expect(decodeUtf8(le)).toMatchObject({ kind: "utf16", line: 1, column: 1, reason: expect.stringContaining("UTF-16 (LE) file") });
    expect(decodeUtf8(be)).toMatchObject({ kind: "utf16", reason: expect.stringContaining("UTF-16 (BE) file") });
    expect((decodeUtf8(le) as { reason: string }).reason).toContain("convert it to UTF-8 with `iconv -f UTF-16 -t UTF-8`");
  });

  test("invalid UTF-8: Windows-1254 suggested only when the high bytes look Turkish", () => {
    const turkish = Buffer.from([0x47, 0xfc, 0x6e, 0x65, 0xfe, 0x0a]); // "Güneş" in Windows-1254
    expect(decodeUtf8(turkish)).toMatchObject({ kind: "invalid-utf8", reason: expect.stringContaining("iconv -f windows-1254 -t utf-8") });
    const other = Buffer.from([0x41, 0x80, 0x81, 0x82]);
    expect(decodeUtf8(other)).toMatchObject({ kind: "invalid-utf8", reason: expect.stringContaining("iconv -f <its encoding> -t utf-8") });
  });

  test("a NUL byte after text: binary, with the position of the NUL", () => {
    expect(decodeUtf8(Buffer.from("ab\ncd\u0000e"))).toMatchObject({
      kind: "binary",
      line: 2,
      column: 3,
      reason: expect.stringContaining("NUL byte at byte 5"),
    });
  });

  test("line endings: none, LF, CRLF, mixed", () => {
    expect(["abc", "a\nb", "a\r\nb\r\n", "a\r\nb\nc"].map(lineEndings)).toEqual(["none", "lf", "crlf", "mixed"]);
  });
});

describe("textNotes", () => {
  test.each([
    ["Ã¼", "ü"],
    ["ÅŸ", "ş"],
    ["Ä±", "ı"],
    ["â€™", "’"],
  ])("mojibake %s (for %s): a warning at the first occurrence, with the count", (found, meant) => {
    const text = `Başlık\nGüzel ${found}r ve ${found}.`;
    const [note] = textNotes(text);
    expect(note).toMatchObject({ ruleId: "mojibake", severity: "warning", position: { start: { line: 2, column: 7 } } });
    expect(note!.reason).toContain(`"${found}" where "${meant}" was probably meant (2 places)`);
  });

  test("clean Turkish text has no notes", () => {
    expect(textNotes("Dağlık Karabağ’da ılık bir gün; İstanbul, Şişli, Çağlayan, Ürgüp.\n")).toEqual([]);
  });

  test("mixed line endings: a warning at the first ending that differs", () => {
    const [note] = textNotes("a\r\nb\r\nc\nd\r\n");
    expect(note).toMatchObject({ ruleId: "mixed-line-endings", severity: "warning", position: { start: { line: 3, column: 2 } } });
    expect(note!.reason).toContain("mixed line endings (3 CRLF, 1 LF)");
  });
});

test("restoreByteFacts keeps a mixed-ending file exactly when only endings would change", () => {
  const text = "a\r\nb\nc\r\n";
  expect(restoreByteFacts("a\nb\nc\n", { bom: false, crlf: false, eol: "mixed", text })).toBe(text);
});

describe("through the CLI (real converter)", () => {
  test("mojibake and mixed endings: warnings per file, text converted as it is, each line's ending kept", async () => {
    const engine = await loadEngine();
    const mixed = `İlk satır\r\nikinci\nüçüncü\r\n\r\n${box("Bağlantı")}\n\nson\r\n`;
    const dir = await tree({
      "in/mixed.md": mixed,
      "in/moji.txt": "GÃ¼neÅŸ doÄŸdu.\n",
      "in/u16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("x", "utf16le")]),
    });
    const r = await cli(["convert", "in", "-o", "out"], { cwd: dir, engine });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("in/u16.txt:1:1  error  in/u16.txt is a UTF-16 (LE) file");
    expect(r.stderr).toMatch(/in\/moji\.txt:1:2 {2}warning {2}looks like mojibake: "Ã¼" where "ü" was probably meant \(3 places\).* {2}mojibake/);
    expect(r.stderr).toMatch(/in\/mixed\.md:2:7 {2}warning {2}mixed line endings \(4 CRLF, 3 LF\)/);
    expect(r.last).toBe("✖ exit 1: 1 file failed (UTF-16: in/u16.txt)");
    // never "fixed": the mojibake is converted as written
    expect(await readFile(path.join(dir, "out/moji.md"), "utf8")).toContain("GÃ¼neÅŸ");
    // untouched lines keep their own endings; only the converted box is new
    const out = await readFile(path.join(dir, "out/mixed.md"), "utf8");
    expect(out.startsWith("İlk satır\r\nikinci\nüçüncü\r\n\r\n")).toBe(true);
    expect(out.endsWith("\n\nson\r\n")).toBe(true);
    expect(out).toContain("> **İlgili Haber**");
  });

  test("a mixed-ending markdown file with nothing to convert is not rewritten by --write", async () => {
    const engine = await loadEngine();
    const text = "bir\r\niki\nüç\r\n";
    const dir = await tree({ "a.md": text });
    const r = await cli(["convert", "a.md", "--write"], { cwd: dir, engine });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("mixed-line-endings");
    expect(await readFile(path.join(dir, "a.md"), "utf8")).toBe(text);
  });
});
