/**
 * A stray closer is `[/name]` and nothing else. The lexer's `StrayCloser` matcher used to test
 * only for the `/` after the offset it was called at, so a word right after an HTML element (or
 * after a shortcode, or a lone `[`) followed by `/name]` was read as one: `<br>x/caption]` was
 * reported as a `[/caption]` closing nothing.
 */
import { describe, expect, test } from "@jest/globals";
import { parse } from "../../src/parse.js";
import { print } from "../../src/ast/print.js";

const strays = (text: string, tags: readonly string[] | "all") =>
  parse(text, { tags })
    .messages.filter((m) => m.ruleId === "stray-closer")
    .map((m) => text.slice(m.position.start.offset, m.position.end.offset));

describe("stray closers", () => {
  test.each([
    ["<br>x/old_news_related_template] Haberin devamı", ["old_news_related_template"]],
    ["<em>Karabağ</em>a/caption] ve", ["caption"]],
    ['[gallery ids="1,2"]a/gallery] sonra', ["gallery"]],
    ["[]/caption] metin", ["caption"]],
    ["<i>a/b] [x]y/z]", "all"],
  ] as const)("%j has no stray closer", (text, tags) => {
    expect(strays(text, tags)).toEqual([]);
    expect(print(parse(text, { tags }).tree)).toBe(text);
  });

  test.each([
    ["<br>[/old_news_related_template] Haberin devamı", ["old_news_related_template"], ["[/old_news_related_template]"]],
    ["<i>a</i>[/b] ve [/c]", "all", ["[/b]", "[/c]"]],
  ] as const)("%j reports its closers", (text, tags, found) => {
    expect(strays(text, tags)).toEqual(found);
  });
});
