/**
 * Helpers of `src/convert/text.ts` that stand in for a regular expression: the same answer as
 * the pattern they replace, for every UTF-16 code unit where the answer depends on one.
 */
import { describe, expect, test } from "@jest/globals";
import { endsWithWhiteSpace } from "../../src/convert/text.js";

describe("endsWithWhiteSpace", () => {
  test("answers /\\s$/.test for every code unit at the end, after any text, and for the empty string", () => {
    const reference = /\s$/;
    expect(endsWithWhiteSpace("")).toBe(false);
    let spaces = 0;
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const last = String.fromCharCode(code);
      for (const value of [last, `Bakü’de ${last}`, `a\n${last}`]) if (endsWithWhiteSpace(value) !== reference.test(value)) differ.push(JSON.stringify(value));
      if (reference.test(last)) spaces++;
    }
    expect(differ).toEqual([]);
    // the loop reached both answers: JavaScript's \s is 25 code units
    expect(spaces).toBe(25);
    expect(endsWithWhiteSpace("metin \n")).toBe(true);
    expect(endsWithWhiteSpace("metin \nx")).toBe(false);
  });
});
