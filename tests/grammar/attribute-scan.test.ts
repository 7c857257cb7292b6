/**
 * `doubleQuotedAt` reads core's first attribute alternative (`name="value"`) without the regex;
 * it must find exactly what the regex's first alternative finds, and nothing when the regex
 * takes another alternative or none.
 */
import { expect, test } from "@jest/globals";
import fc from "fast-check";
import { CORE_RE, doubleQuotedAt } from "../../grammar/attributes.js";

/** What CORE_RE's first alternative matches at `k`: `[whole, name, value]`, or null. */
function regexFirstAlternative(text: string, k: number): string[] | null {
  CORE_RE.lastIndex = k;
  const m = CORE_RE.exec(text);
  return m && m[1] !== undefined ? [m[0], m[1], m[2]!] : null;
}

/** Mostly attribute-shaped text: a name, white space, `=`, a quoted value, whatever follows. */
const shaped = fc
  .tuple(
    fc.constantFrom("title", "data-id", "a_b-2", "X", "", "-"),
    fc.constantFrom("", " ", "\u00a0", "\t\n", "\u2003"),
    fc.constantFrom("=", "", "=="),
    fc.constantFrom("", " ", "\u200b"),
    fc.constantFrom('"', "'", ""),
    fc.constantFrom("", "değer", "a b", "'x'", "’’"),
    fc.constantFrom('"', "'", ""),
    fc.constantFrom("", " ", "x", "]", "\u00a0", '"'),
  )
  .map((parts) => parts.join(""));

const piece = fc.constantFrom("title", "desc", "a-b_1", "X", "=", '"', "'", " ", "\t", "\n", "\u00a0", "\u200b", "\u2003", "ğ", "]", "/", "değer", "’’", "");

test("equals the regex's first alternative on generated attribute texts, at every offset", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(piece, shaped), { maxLength: 8 }).map((p) => p.join("")),
      (text) => {
        for (let k = 0; k < text.length; k++) expect(doubleQuotedAt(text, k)).toEqual(regexFirstAlternative(text, k));
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
});

test("the corpus forms", () => {
  const text = ` title="'kira artışları' tartışması" desc="" image = "https://x/y.jpg" data-id="7" link="a"b" Q="v"`;
  for (let k = 0; k < text.length; k++) expect(doubleQuotedAt(text, k)).toEqual(regexFirstAlternative(text, k));
  expect(doubleQuotedAt(text, 1)).toEqual([`title="'kira artışları' tartışması"`, "title", "'kira artışları' tartışması"]);
});
