/**
 * fast-check arbitraries for hostile, seed-shaped inputs: a weighted alphabet rich in the
 * characters the grammar cares about, plus shortcode-shaped fragments so that real shortcodes
 * (closed, escaped, inside HTML tags, with broken quotes) come up often.
 */
import fc from "fast-check";

const pick = (weight: number, ...values: string[]) => ({ arbitrary: fc.constantFrom(...values), weight });

/** Tag names: the default tag, conformance names, and near misses. */
export const tagName = fc.constantFrom(
  "old_news_related_template",
  "old_news_related_template",
  "gallery",
  "caption",
  "foo",
  "foo-bar",
  "old_news",
  "Gallery",
  "x",
);

/** Any single UTF-16 code unit, lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** One piece of the weighted alphabet. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  pick(30, "[", "]", "/", "=", '"', "'", "<", ">", "&", "\\", " "),
  pick(12, "a", "b", "x", "t", "-", "_", ":", ".", "1", "0", "A", "%", ";", "#"),
  pick(10, "old_news_related_template", "gallery", "caption", "foo", "title", "desc", "link", "image"),
  pick(10, "[/", "]]", "[[", "/]", '="', "='", "<!--", "-->", "<![CDATA[", "]]>", '<a href="', "<div ", "</p>", "<p>"),
  pick(8, "&#8221;", "”", "“", "″", "&quot;", "&#8217;", "&#8243;", "&#038;", "&#91;", "&#93;", "’", "‘", "’’"),
  pick(8, "\u00a0", "\u200b", "\r\n", "\n\n", "\r", "\n", "\t", "\u2009", "\ufeff"),
  pick(5, "😀", "\uD83C\uDF89", "\uD800", "\uDC00", "\uDBFF", "\uDFFF"),
  pick(5, "ğ", "ü", "ş", "ı", "ö", "ç", "İ", "Ğ", "Ş"),
  { arbitrary: anyCodeUnit, weight: 2 },
);

const attrText = fc.array(piece, { maxLength: 3 }).map((p) => p.join(""));

/** One attribute as seed articles write it, well-formed or broken. */
export const attribute: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("title", "desc", "image", "link", "a", "0"),
      fc.constantFrom('"', "'", "”", "“", "&#8221;", "&quot;", ""),
      attrText,
      fc.constantFrom('"', "'", "”", "″", "&#8221;", "&#8243;", "&quot;", ""),
    )
    .map(([name, open, value, close]) => `${name}=${open}${value}${close}`),
  attrText,
);

/** A shortcode-shaped fragment: opener (maybe escaped / self-closing / unclosed), maybe content and closer. */
export const shortcodeish: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("[", "[", "[[", "[["),
    tagName,
    fc.constantFrom(" ", " ", "\u00a0", "\n", ""),
    fc.array(attribute, { maxLength: 4 }).map((a) => a.join(" ")),
    fc.constantFrom("]", "]", "/]", " /]", "]]", ""),
    fc.array(piece, { maxLength: 6 }).map((p) => p.join("")),
    fc.constantFrom("closer", "none", "escapedCloser"),
  )
  .map(([open, name, sep, attrs, end, content, closer]) => {
    const close = closer === "closer" ? `[/${name}]` : closer === "escapedCloser" ? `[/${name}]]` : "";
    return `${open}${name}${sep}${attrs}${end}${content}${close}`;
  });

/** A document: pieces, shortcodes, stray closers and paragraph breaks. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: piece, weight: 8 },
      { arbitrary: shortcodeish, weight: 4 },
      // Shortcodes inside HTML tags (core's do_shortcodes_in_html_tags), well-formed or not.
      {
        arbitrary: fc
          .tuple(fc.constantFrom('<a href="', "<a title='", '<div noise="', "<div ", "<!--", "<"), shortcodeish, fc.constantFrom('">', "'>", ">", "-->", ""))
          .map((p) => p.join("")),
        weight: 1,
      },
      { arbitrary: tagName.map((n) => `[/${n}]`), weight: 1 },
      { arbitrary: fc.constantFrom("\n\n", "Ankara’da “yangın” çıktı. "), weight: 1 },
    ),
    { maxLength: 60, size: "medium" },
  )
  .map((parts) => parts.join(""));
