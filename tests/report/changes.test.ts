/**
 * check's "would change" lines: both sides come from the same hunk of the diff, the removed
 * line paired with the added line most like it; blank lines are counted, never shown as "".
 */
import { describe, expect, test } from "@jest/globals";
import { changedRegions, describeHunk } from "../../src/report/changes.js";

describe("changedRegions", () => {
  test("a heading that became `##` is paired with its new text, not with the blank line added before it", () => {
    const before = "Giriş.\n<h2>Two Columns</h2>\nMetin.\n";
    const after = "Giriş.\n\n## Two Columns\n\nMetin.\n";
    const regions = changedRegions(before, after);
    expect(regions.map((r) => r.description)).toEqual(['"<h2>Two Columns</h2>" → "## Two Columns"']);
    expect(regions[0]).toMatchObject({ start: 2, end: 2 });
  });

  test("the removed line is paired with the added line most like it, not the first of the hunk", () => {
    expect(describeHunk(["-1. Lig standings after the match:", "+The winning goal came late.", "+1\\. Lig standings after the match:"])).toBe(
      '"1. Lig standings after the match:" → "1\\. Lig standings after the match:"',
    );
    // a wrapper line that disappears does not steal the pairing from the paragraph it wrapped
    expect(changedRegions("Başlık\n<p>\nBir paragraf</p>\n", "Başlık\nBir paragraf\n")[0]!.description).toBe('"Bir paragraf</p>" → "Bir paragraf"');
  });

  test("a paragraph and its new form in different hunks are still paired; a line that only moved is no change", () => {
    // the line diff anchors on the blank lines and splits each paragraph from its new form
    const before = "<p>Birinci paragraf burada.</p>\n\n<p>İkinci paragraf da burada.</p>\n\nSabit satır.\n";
    const after = "Yeni başlık\n\nBirinci paragraf burada.\n\nİkinci paragraf da burada.\n\nSabit satır.\n";
    const descriptions = changedRegions(before, after).map((r) => r.description);
    expect(descriptions).toContain('"<p>Birinci paragraf burada.</p>" → "Birinci paragraf burada."');
    expect(descriptions).toContain('"<p>İkinci paragraf da burada.</p>" → "İkinci paragraf da burada."');
    for (const d of descriptions) expect(d).not.toMatch(/"Sabit satır\." →/);
    // nothing alike anywhere near: said as a replacement, not as one line becoming another
    expect(describeHunk(["-These tests are a big deal.", "+- Startup"])).toBe('"These tests are a big deal." would be replaced by "- Startup"');
  });

  test("blank lines are counted, whitespace-only lines shown with their white space", () => {
    expect(changedRegions("a\n\n\n\nb\n", "a\n\nb\n")[0]!.description).toBe("2 blank lines would be removed");
    expect(changedRegions("a\nb\n", "a\n\nb\n")[0]!.description).toBe("a blank line would be added");
    expect(changedRegions("a\n  \nb\n", "a\n\nb\n")[0]!.description).toBe('"  " → "" (white space only)');
  });

  test("lines only removed or only added say so", () => {
    expect(changedRegions("a\n<div>\nb\n", "a\nb\n")[0]!.description).toBe('"<div>" would be removed');
    expect(changedRegions("a\nb\n", "a\nYeni\nb\n")[0]!.description).toBe('"Yeni" would be added');
    expect(changedRegions("a\n<div>\n<span>\nb\n", "a\nb\n")[0]!.description).toBe('"<div>" would be removed (and 1 more line)');
  });

  test("never the same text on both sides: a final newline alone is named", () => {
    expect(changedRegions("Temiz bir metin.", "Temiz bir metin.\n").map((r) => r.description)).toEqual(["a final newline would be added"]);
    expect(changedRegions("Temiz bir metin.\n", "Temiz bir metin.").map((r) => r.description)).toEqual(["the final newline would be removed"]);
    for (const [before, after] of [
      ["x\ny\n", "y\nx\n"],
      ["a\nb\nc", "a\nB\nc\n"],
      ["‘X’\n\n<b>y</b>\n", "## X\n\n**y**\n"],
    ] as const) {
      for (const { description } of changedRegions(before, after)) {
        const sides = description.match(/^(".*") → (".*")$/);
        if (sides) expect(sides[1]).not.toBe(sides[2]);
      }
    }
  });

  test("the shown part is cut around the first difference of a long line", () => {
    const long = "Ankara’da yapılan toplantıda bakanlar uzun uzun konuştu ve sonunda bir karar aldı: <b>yarın</b> açıklanacak.";
    const [region] = changedRegions(`${long}\n`, `${long.replace("<b>yarın</b>", "**yarın**")}\n`);
    expect(region!.description).toBe('"…nda bir karar aldı: <b>yarın</b> açıklanacak." → "…nda bir karar aldı: **yarın** açıklanacak."');
  });
});
