/**
 * compat "repair" (the default) versus "wordpress": what real archives contain and core misreads
 * is recovered and reported; what core reads correctly is left exactly as core reads it.
 * Tags: the default (`old_news_related_template`).
 */
import { describe, expect, test } from "@jest/globals";
import { parse, parseShortcodes, type ParseOptions, type ShortcodeInfo } from "../../src/parse.js";
import { print } from "../../src/ast/print.js";
import type { Message } from "../../src/ast/types.js";
import { cases } from "./support/cases.js";
import { treeProblems } from "./support/tree.js";

const TAG = "old_news_related_template";
const WORDPRESS: ParseOptions = { compat: "wordpress" };
const BEFORE = "Ankara’da düzenlenen törende “önemli” açıklamalar yapıldı.\n\n";
const AFTER = "\n\nHaberin devamında Bakan'ın sözlerine yer verildi.";

/** A seed-shaped article with one related box written as `box`. */
const article = (box: string): string => BEFORE + box + AFTER;

/** The single shortcode of `input` (fails with the whole list otherwise). */
function single(input: string, opts?: ParseOptions): ShortcodeInfo {
  const found = parseShortcodes(input, opts);
  expect(found.map((s) => s.raw)).toHaveLength(1);
  return found[0]!;
}

/** Messages with `ruleId`, checked to lie inside [from, to). */
function messagesIn(messages: readonly Message[], ruleId: string, from: number, to: number): Message[] {
  const found = messages.filter((m) => m.ruleId === ruleId);
  for (const m of found) {
    expect({
      ruleId,
      start: m.position.start.offset,
      end: m.position.end.offset,
      inside: m.position.start.offset >= from && m.position.end.offset <= to,
    }).toMatchObject({ inside: true });
  }
  return found;
}

/** Parses `input` in repair mode and checks the invariants every repair must keep. */
function repaired(input: string) {
  const result = parse(input);
  expect(print(result.tree)).toBe(input);
  expect(treeProblems(input, result.tree, result.messages)).toEqual([]);
  return result;
}

describe("texturized and escaped quotes used as value delimiters", () => {
  const table: Array<{ attrs: string; value: string; name: string; core: { named: Record<string, string>; positional: string[] } }> = [
    { attrs: "title=”Foo”", name: "title", value: "Foo", core: { named: { title: "”Foo”" }, positional: [] } },
    { attrs: "title=“Foo”", name: "title", value: "Foo", core: { named: { title: "“Foo”" }, positional: [] } },
    {
      attrs: "title=&#8221;Ankara&#8217;da &#038; İzmir&#8221;",
      name: "title",
      value: "Ankara’da & İzmir",
      core: { named: { title: "&#8221;Ankara&#8217;da" }, positional: ["&#038;", "İzmir&#8221;"] },
    },
    { attrs: "title=&quot;x&quot;", name: "title", value: "x", core: { named: { title: "&quot;x&quot;" }, positional: [] } },
    { attrs: "size=&#8221;2023&#8243;", name: "size", value: "2023", core: { named: { size: "&#8221;2023&#8243;" }, positional: [] } },
    { attrs: "size=”2023″", name: "size", value: "2023", core: { named: { size: "”2023″" }, positional: [] } },
  ];

  test.each(table)("repair: $attrs → $value (repaired-quotes)", ({ attrs, name, value }) => {
    const box = `[${TAG} ${attrs} link="https://x/z/"]`;
    const input = article(box);
    const { messages } = repaired(input);
    const s = single(input);
    expect(s.raw).toBe(box);
    expect(s.attrs.named[name]).toBe(value);
    expect(s.attrs.named.link).toBe("https://x/z/");
    expect(s.attrs.positional).toEqual([]);
    expect(messagesIn(messages, "repaired-quotes", BEFORE.length, BEFORE.length + box.length).length).toBeGreaterThanOrEqual(1);
  });

  test.each(table)("wordpress: $attrs is read as core reads it", ({ attrs, core }) => {
    const box = `[${TAG} ${attrs}]`;
    const s = single(article(box), WORDPRESS);
    expect(s.raw).toBe(box);
    expect(s.attrs).toEqual(core);
  });
});

describe("']' inside a properly quoted value", () => {
  const box = `[${TAG} title="[VİDEO] Ankara'da yangın" desc="" image="https://x/y.jpg" link="https://x/z/"]`;
  const input = article(box);

  test("repair: one shortcode, title and link intact (repaired-bracket-in-quotes)", () => {
    const { messages } = repaired(input);
    const s = single(input);
    expect(s.raw).toBe(box);
    expect(s.kind).toBe("single");
    expect(s.attrs).toEqual({
      named: { title: "[VİDEO] Ankara'da yangın", desc: "", image: "https://x/y.jpg", link: "https://x/z/" },
      positional: [],
    });
    expect(messagesIn(messages, "repaired-bracket-in-quotes", BEFORE.length, BEFORE.length + box.length)).toHaveLength(1);
  });

  test("wordpress: the opener ends at the first ']' (SEMANTICS §2, §4)", () => {
    // Attribute text ` title="[VİDEO`: no closing quote, so alternatives 1-3 fail and
    // alternative 6 (\S+) takes the whole token as a positional value.
    const s = single(input, WORDPRESS);
    expect(s.raw).toBe(`[${TAG} title="[VİDEO]`);
    expect(s.kind).toBe("single");
    expect(s.attrs).toEqual({ named: {}, positional: ['title="[VİDEO'] });
    expect(s.position.start.offset).toBe(BEFORE.length);
  });

  test("repair: quotes that do not balance before the paragraph ends keep core's reading (unterminated-quote)", () => {
    const broken = `[${TAG} title="[VİDEO] Ankara'da yangın desc="" image="https://x/y.jpg" link="https://x/z/"]`;
    const text = article(broken);
    const { messages } = repaired(text);
    expect(parseShortcodes(text)).toEqual(parseShortcodes(text, WORDPRESS));
    expect(single(text).raw).toBe(`[${TAG} title="[VİDEO]`);
    expect(messagesIn(messages, "unterminated-quote", BEFORE.length, BEFORE.length + broken.length).length).toBeGreaterThanOrEqual(1);
    expect(messages.filter((m) => m.ruleId === "repaired-bracket-in-quotes")).toEqual([]);
  });
});

describe("no-break space right after the tag name", () => {
  const box = `[${TAG}\u00a0title="x"]`;
  const input = article(box);

  test("repair: recognised (repaired-nbsp-after-name)", () => {
    const { messages } = repaired(input);
    const s = single(input);
    expect(s.raw).toBe(box);
    expect(s.tag).toBe(TAG);
    expect(s.attrs).toEqual({ named: { title: "x" }, positional: [] });
    expect(messagesIn(messages, "repaired-nbsp-after-name", BEFORE.length, BEFORE.length + box.length)).toHaveLength(1);
  });

  test("wordpress: not recognised when no plain opener occurs in the text (candidate pre-filter, §1.2)", () => {
    expect(parseShortcodes(input, WORDPRESS)).toEqual([]);
  });

  test("wordpress: recognised when a plain opener occurs elsewhere in the same text (non-local effect)", () => {
    const text = `[${TAG} title="a"]\n\n` + box;
    const found = parseShortcodes(text, WORDPRESS);
    expect(found.map((s) => [s.tag, s.raw, s.attrs])).toEqual([
      [TAG, `[${TAG} title="a"]`, { named: { title: "a" }, positional: [] }],
      [TAG, box, { named: { title: "x" }, positional: [] }],
    ]);
    // Core reads it correctly here, so repair must not differ.
    expect(parseShortcodes(text)).toEqual(found);
  });
});

describe("bare '<' inside a quoted value", () => {
  const box = `[${TAG} title="Enflasyon <%50 hedefi" desc="" image="https://x/y.jpg" link="https://x/z/"]`;
  const input = article(box);

  test("repair: recognised, value kept intact (repaired-bare-lt)", () => {
    const { messages } = repaired(input);
    const s = single(input);
    expect(s.raw).toBe(box);
    expect(s.attrs).toEqual({
      named: { title: "Enflasyon <%50 hedefi", desc: "", image: "https://x/y.jpg", link: "https://x/z/" },
      positional: [],
    });
    expect(s.inHtmlTag === true).toBe(false);
    expect(messagesIn(messages, "repaired-bare-lt", BEFORE.length, BEFORE.length + box.length)).toHaveLength(1);
  });

  test("wordpress: not recognised at all (core's HTML split hides it, §5)", () => {
    expect(parseShortcodes(input, WORDPRESS)).toEqual([]);
    const { tree } = parse(input, WORDPRESS);
    expect(print(tree)).toBe(input);
  });
});

describe("a box opened without a closer, then a closed box", () => {
  const first = `[${TAG} title="Bir" desc="" image="https://x/1.jpg" link="https://x/1/"]`;
  const second = `[${TAG} title="İki" desc="" image="https://x/2.jpg" link="https://x/2/"]`;
  const closer = `[/${TAG}]`;
  const input = article(`${first}\n\nAra paragraf.\n\n${second}İçerik metni${closer}`);

  test("repair: the closer closes the nearest opener; the first stands alone (repaired-unclosed-opener)", () => {
    const { messages } = repaired(input);
    const found = parseShortcodes(input);
    expect(found.map((s) => [s.kind, s.raw, s.content])).toEqual([
      ["single", first, null],
      ["closed", `${second}İçerik metni${closer}`, "İçerik metni"],
    ]);
    expect(messagesIn(messages, "repaired-unclosed-opener", BEFORE.length, BEFORE.length + first.length)).toHaveLength(1);
  });

  test("wordpress: the first opener takes the closer and everything between (SEMANTICS: first [/name] after the opener)", () => {
    const found = parseShortcodes(input, WORDPRESS);
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe("closed");
    expect(found[0]!.content).toBe(`\n\nAra paragraf.\n\n${second}İçerik metni`);
  });

  test("repair with no contentless tags reads it as core does; a tag that takes content is never re-paired", () => {
    expect(parseShortcodes(input, { contentless: [] })).toEqual(parseShortcodes(input, WORDPRESS));
    const quotes = "[quote]a [quote]b[/quote] c";
    expect(parseShortcodes(quotes)).toEqual(parseShortcodes(quotes, WORDPRESS));
  });

  test("repair: three openers and one closer; a second closer is stray", () => {
    const text = `${first} ${first} ${second}x${closer} y ${closer}`;
    const { messages } = repaired(text);
    expect(parseShortcodes(text).map((s) => s.kind)).toEqual(["single", "single", "closed"]);
    expect(messages.filter((m) => m.ruleId === "repaired-unclosed-opener")).toHaveLength(2);
    expect(messages.filter((m) => m.ruleId === "stray-closer")).toHaveLength(1);
  });
});

describe("a typographic-quoted value holding quotes of its own", () => {
  const box = `[${TAG} title="Görür" desc=”Prof. Dr. Naci Görür, “Hazırlık şart” dedi.” image=”https://x/y.jpg” link=”https://x/z/”]`;
  const input = article(box);

  test("repair: the value closes at the quote followed by another attribute or the end", () => {
    repaired(input);
    const s = single(input);
    expect(s.raw).toBe(box);
    expect(s.attrs).toEqual({
      named: { title: "Görür", desc: "Prof. Dr. Naci Görür, “Hazırlık şart” dedi.", image: "https://x/y.jpg", link: "https://x/z/" },
      positional: [],
    });
  });

  test("repair: a closing quote followed by a positional word still closes the value", () => {
    const text = article(`[${TAG} title=”Başlık” yedek]`);
    expect(single(text).attrs).toEqual({ named: { title: "Başlık" }, positional: ["yedek"] });
  });

  test("wordpress: read as core reads it (typographic quotes are no delimiters)", () => {
    const s = single(input, WORDPRESS);
    expect(s.attrs.named["desc"]).toBe("”Prof.");
  });
});

describe("repair never changes what core parses correctly", () => {
  const seedBox =
    `[${TAG} title="Dugin: 'Türkiye ve Rusya stratejik ortak olmalı'" desc=" Rusya Devlet Başkanı Vladimir Putin'in özel temsilcisi ` +
    `Alexander Dugin, Türkiye ve Rusya’nın stratejik ortak olması gerektiğini belirterek “Uçak krizi sonrası Türkiye yiğitçe ve mertçe ` +
    `bir adım attı’’ dedi." image="https://sozcuo01.sozcucdn.com/wp-content/uploads/2016/07/dugin.jpg" ` +
    `link="https://www.sozcu.com.tr/2016/gundem/dugin-turkiye-ve-rusya-stratejik-ortak-olmali-1315884/"]`;

  test("a seed box (ASCII ' inside double quotes, ’’ as a closing quote) is read as core reads it, without warnings", () => {
    const input = article(seedBox) + "\n\n" + `[${TAG} title="Suriye krizinde Rusya ile yol ayrımı!..." desc="" image="https://x/y.jpg" link="https://x/z/"]`;
    const { messages } = repaired(input);
    const found = parseShortcodes(input);
    expect(found).toEqual(parseShortcodes(input, WORDPRESS));
    expect(found).toHaveLength(2);
    expect(found[0]!.attrs.named.title).toBe("Dugin: 'Türkiye ve Rusya stratejik ortak olmalı'");
    expect(messages.filter((m) => m.severity !== "info")).toEqual([]);
  });

  // Exceptions (none): no case contains texturized quotes, a ']' inside quotes, an NBSP right
  // after a tag name or a bare '<' inside a shortcode's quoted value; the HTML cases put
  // shortcodes inside HTML tags, which is core's reading and not a repair target.
  test.each(cases.map((c) => [c.id, c] as const))("conformance case %s", (_id, c) => {
    const repair = parseShortcodes(c.input, { tags: c.registered, compat: "repair" });
    const wordpress = parseShortcodes(c.input, { tags: c.registered, compat: "wordpress" });
    expect(repair).toEqual(wordpress);
  });
});
