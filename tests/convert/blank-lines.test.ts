/**
 * The paragraph split looks for blank lines from each line end (`blankLineScanner`) instead of
 * running the global pattern, whose leading `[ \t]*` tries at every space; it must find exactly
 * the pattern's matches. And a body without NBSP-like characters skips normalizing its slices:
 * conversion must not change for bodies with them.
 */
import { expect, test } from "@jest/globals";
import fc from "fast-check";
import { blankLineScanner } from "../../src/convert/build.js";

/** The paragraph separator as a global pattern: what the scanner replaced, the reference. */
const BLANK_LINES = /[ \t]*(?:\r\n|\r(?!\n)|\n)(?:[ \t\u00a0]*(?:\r\n|\r(?!\n)|\n))+/g;
import { convert } from "../../src/convert/index.js";

function regexMatches(value: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = new RegExp(BLANK_LINES);
  for (let m = re.exec(value); m; m = re.exec(value)) out.push([m.index, m.index + m[0].length]);
  return out;
}

function scannerMatches(value: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const next = blankLineScanner(value);
  for (let gap = next(0); gap; gap = next(gap.end)) out.push([gap.start, gap.end]);
  return out;
}

const piece = fc.constantFrom("a", "Haber", " ", "  ", "\t", "\u00a0", "\n", "\r", "\r\n", "\n\n", " \n \n", "\u2003", "ş");

test("blankLineScanner finds exactly the global pattern's matches", () => {
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 40 }).map((parts) => parts.join("")),
      (value) => {
        expect(scannerMatches(value)).toEqual(regexMatches(value));
      },
    ),
    { numRuns: 5000 },
  );
  // and on any string at all
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (value) => expect(scannerMatches(value)).toEqual(regexMatches(value))),
    { numRuns: 2000 },
  );
});

test("special spaces are normalized whether or not the body has any elsewhere", () => {
  const box = '[old_news_related_template title="Başlık" desc="" image="x.jpg" link="https://haber.example/x"]';
  for (const space of ["\u00a0", "\u202f", "\u200b", "\ufeff"]) {
    const body = `Birinci${space}paragraf ve devamı.\n\nİkinci paragraf.\n\n${box}`;
    const plain = convert(`Birinci paragraf ve devamı.\n\nİkinci paragraf.\n\n${box}`, { to: "markdown" }).output;
    // NBSP and its narrow form become spaces; zero-width spaces and BOMs go
    const expected = space === "\u00a0" || space === "\u202f" ? plain : plain.replace("Birinci paragraf", "Birinciparagraf");
    expect(convert(body, { to: "markdown" }).output).toBe(expected);
  }
  // an entity that decodes to NBSP in a body that has none is normalized too
  expect(convert("Bir&nbsp;iki.", { to: "markdown" }).output).toBe(convert("Bir iki.", { to: "markdown" }).output);
});

test("aloneOnLine: only spaces and tabs between the span and its line's ends, as the slicing version said", async () => {
  const { aloneOnLine } = await import("../../src/convert/markdown-input.js");
  // the version that looked back with lastIndexOf (quadratic over many shortcodes), as the reference
  const reference = (text: string, start: number, end: number): boolean => {
    const lineStart = Math.max(text.lastIndexOf("\n", start - 1), text.lastIndexOf("\r", start - 1)) + 1;
    let lineEnd = text.slice(end).search(/[\r\n]/);
    lineEnd = lineEnd < 0 ? text.length : end + lineEnd;
    return /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*$/.test(text.slice(end, lineEnd));
  };
  const text = fc.array(fc.constantFrom("a", " ", "\t", "\n", "\r", "\r\n", "[x]", "\u00a0"), { maxLength: 30 }).map((parts) => parts.join(""));
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
      const start = a % (t.length + 1);
      const end = start + (b % (t.length - start + 1));
      expect(aloneOnLine(t, start, end)).toBe(reference(t, start, end));
    }),
    { numRuns: 5000 },
  );
});
