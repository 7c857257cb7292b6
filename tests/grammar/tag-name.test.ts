/**
 * Tag names WordPress's add_shortcode() refuses (`@[<>&/\[\]\x00-\x20=]@`, or empty) are
 * rejected by the library's options with a clear TypeError, never silently matched.
 */
import { describe, expect, test } from "@jest/globals";
import { assertTagNames, tagNameProblem } from "../../grammar/tag-name.js";
import { convert, parse, parseShortcodes } from "../../src/index.js";

describe("tag names WordPress refuses", () => {
  test("parseShortcodes throws on each, naming the name and the character", () => {
    const text = "[bad space] [bad/] [&amp;]";
    expect(() => parseShortcodes(text, { tags: ["bad space", "bad/", "&amp;"] })).toThrow(
      new TypeError(
        `Invalid shortcode name "bad space" in tags: a space at position 4; WordPress's add_shortcode() refuses names with spaces, control characters or & / < > [ ] =`,
      ),
    );
    expect(() => parse(text, { tags: ["ok", "bad/"] })).toThrow(/Invalid shortcode name "bad\/" in tags: "\/" at position 4/);
    expect(() => parse(text, { tags: ["&amp;"] })).toThrow(/"&amp;" in tags: "&" at position 1/);
  });

  test("every character add_shortcode() refuses, and only those", () => {
    const refused = ["<", ">", "&", "/", "[", "]", "=", " ", "\t", "\n", "\u0000", "\u001f"];
    for (const c of refused) {
      expect(tagNameProblem(`a${c}b`)).toBeDefined();
      expect(() => parse("x", { tags: [`a${c}b`] })).toThrow(TypeError);
    }
    expect(tagNameProblem("")).toBe("an empty name");
    expect(tagNameProblem("a\u0001")).toBe("control character U+0001 at position 2");
    // WordPress accepts these (its check is byte-wise \x00-\x20: a no-break space or "ş" is allowed)
    for (const ok of ["old_news_related_template", "vc-row", "İlgili", "a.b", "x:y", "a\u00a0b", "DEL\u007f"]) {
      expect(tagNameProblem(ok)).toBeUndefined();
    }
    expect(parseShortcodes("[vc-row a=1] [İlgili]", { tags: ["vc-row", "İlgili"] }).map((s) => s.tag)).toEqual(["vc-row", "İlgili"]);
    expect(() => assertTagNames("gallery" as unknown as string[])).toThrow(/must be "all" or an array/);
  });

  test("convert rejects a config rule under such a name instead of never matching it", () => {
    expect(() => convert("Metin [bad space] son.", { config: { rules: { "bad space": { markdown: "X" } } } })).toThrow(
      /Invalid shortcode name "bad space" in config.rules: a space at position 4/,
    );
    expect(convert("Metin [iyi] son.", { config: { rules: { iyi: { markdown: "**X**", display: "inline" } } } }).output).toBe("Metin **X** son.\n");
  });
});
