/**
 * The paragraph split looks for blank lines from each line end (`blankLineScanner`) instead of
 * running the global pattern, whose leading `[ \t]*` tries at every space; it must find exactly
 * the pattern's matches. And a body without NBSP-like characters skips normalizing its slices:
 * conversion must not change for bodies with them.
 */
import { expect, test } from "@jest/globals";
import fc from "fast-check";
import { BLANK_LINES, blankLineScanner } from "../../src/convert/build.js";
import { convert } from "../../src/convert/index.js";

function regexMatches(value: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = new RegExp(BLANK_LINES.source, "g");
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

test("blankLineScanner finds exactly BLANK_LINES's matches", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join("")), (value) => {
      expect(scannerMatches(value)).toEqual(regexMatches(value));
    }),
    { numRuns: 5000 },
  );
  // and on any string at all
  fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (value) => expect(scannerMatches(value)).toEqual(regexMatches(value))), { numRuns: 2000 });
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
