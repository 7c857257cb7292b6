/**
 * Regex baseline: WordPress core's shortcode recognition ported to JavaScript.
 *
 * What real migrators do today, and what our parser must beat: core's
 * `do_shortcode()` pre-filter, `get_shortcode_regex()` (one global regexp over
 * all registered tags) and `shortcode_parse_atts()`, from
 * wordpress-develop `src/wp-includes/shortcodes.php` (6.5+; see
 * ../shared/conformance/SEMANTICS.md §1, §2, §4).
 *
 * Deliberately NOT ported: `do_shortcodes_in_html_tags()` (the HTML pass,
 * §5) and the callback machinery. The baseline finds the shortcodes and
 * parses their attributes, which is what the other two candidates do too.
 *
 * PCRE possessive quantifiers (`*+`, `++`) have no JavaScript syntax; they are
 * written as plain greedy ones, which give the same matches here because the
 * alternatives they guard are mutually exclusive (as @wordpress/shortcode does).
 */

/** `preg_quote()` for a tag name: names may contain regexp metacharacters (`good!`, `a.b`). */
function quoteTagName(name) {
  return name.replace(/[.\\+*?[^\]$(){}=!<>|:#/-]/g, "\\$&");
}

/**
 * `get_shortcode_regex($tagnames)` as a global JS regexp.
 * Groups: 1 escape `[`, 2 name, 3 attribute text, 4 self-closing `/`,
 * 5 content, 6 escape `]` (same numbering as core).
 */
export function shortcodeRegex(tagNames) {
  const names = tagNames.map(quoteTagName).join("|");
  return new RegExp(
    "\\[(\\[?)(" +
      names +
      ")(?![\\w-])" +
      "([^\\]\\/]*(?:\\/(?!\\])[^\\]\\/]*)*?)" +
      "(?:(\\/)\\]|\\](?:([^\\[]*(?:\\[(?!\\/\\2\\])[^\\[]*)*)\\[\\/\\2\\])?)" +
      "(\\]?)",
    "g",
  );
}

// `shortcode_parse_atts()`'s pattern. PCRE without /u: `\s` and `\w` are
// ASCII only, so `\s` is spelled out (JavaScript's `\s` is Unicode-aware and
// would split on U+2009, U+3000 … where core does not).
const WS = "[ \\t\\n\\v\\f\\r]";
const NWS = "[^ \\t\\n\\v\\f\\r]";
const END = `(?:${WS}|$)`;
const ATTS_PATTERN = new RegExp(
  [
    `([\\w-]+)${WS}*=${WS}*"([^"]*)"${END}`,
    `([\\w-]+)${WS}*=${WS}*'([^']*)'${END}`,
    `([\\w-]+)${WS}*=${WS}*([^ \\t\\n\\v\\f\\r'"]+)${END}`,
    `"([^"]*)"${END}`,
    `'([^']*)'${END}`,
    `(${NWS}+)${END}`,
  ].join("|"),
  "g",
);
const NBSP_ZWSP_RUN = /[\u00a0\u200b]+/g;
const BALANCED_HTML = /^[^<]*(?:<[^>]*>[^<]*)*$/;

const C_ESCAPES = { n: "\n", t: "\t", r: "\r", a: "\x07", v: "\v", b: "\b", f: "\f" };

/** PHP's `stripcslashes()`: C-style escapes decoded, any other `\x` → `x`. */
export function stripcslashes(value) {
  if (!value.includes("\\")) return value; // the common case, kept cheap
  return value.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[\s\S]?)/g, (_, esc) => {
    if (esc === "") return "\\"; // a trailing backslash is kept (php_stripcslashes)
    if (esc[0] === "x" && esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    return C_ESCAPES[esc] ?? esc;
  });
}

/** Core's "reject unclosed HTML": a value with an unbalanced `<` becomes `''`. */
function rejectUnclosedHtml(value) {
  return value.includes("<") && !BALANCED_HTML.test(value) ? "" : value;
}

/** `shortcode_parse_atts($text)` (6.5+), as `{ named, positional }` (SEMANTICS.md §8). */
export function parseAtts(text) {
  const named = {};
  const positional = [];
  text = text.replace(NBSP_ZWSP_RUN, " ");
  ATTS_PATTERN.lastIndex = 0;
  let m;
  while ((m = ATTS_PATTERN.exec(text)) !== null) {
    if (m[1] !== undefined) named[m[1].toLowerCase()] = rejectUnclosedHtml(stripcslashes(m[2]));
    else if (m[3] !== undefined) named[m[3].toLowerCase()] = rejectUnclosedHtml(stripcslashes(m[4]));
    else if (m[5] !== undefined) named[m[5].toLowerCase()] = rejectUnclosedHtml(stripcslashes(m[6]));
    else if (m[7] !== undefined && m[7] !== "") positional.push(rejectUnclosedHtml(stripcslashes(m[7])));
    else if (m[8] !== undefined && m[8] !== "") positional.push(rejectUnclosedHtml(stripcslashes(m[8])));
    else if (m[9] !== undefined) positional.push(rejectUnclosedHtml(stripcslashes(m[9])));
  }
  return { named, positional };
}

// do_shortcode()'s candidate pre-filter (core ≥ 4.4): the maximal name-like run after each `[`.
const CANDIDATE = /\[([^<>&/[\]\x00-\x20=]+)/g;

/**
 * Creates a finder bound to a list of registered tags. Like core, each text
 * first goes through the pre-filter, and the regexp is built for the tags
 * that actually occur (cached per tag subset, as PCRE caches compiled patterns).
 */
export function createCoreFinder(registeredTags) {
  const regexCache = new Map();

  function regexFor(present) {
    const key = present.join("\u0000");
    let re = regexCache.get(key);
    if (re === undefined) regexCache.set(key, (re = shortcodeRegex(present)));
    return re;
  }

  function presentTags(text) {
    const seen = new Set();
    for (const m of text.matchAll(CANDIDATE)) seen.add(m[1]);
    return registeredTags.filter((t) => seen.has(t)); // registration order, like array_intersect
  }

  /** Every top-level match in source order, with core's attributes for non-escaped ones. */
  return function findShortcodes(text) {
    if (!text.includes("[")) return [];
    const present = presentTags(text);
    if (present.length === 0) return [];
    const re = regexFor(present);
    re.lastIndex = 0;
    const found = [];
    let m;
    while ((m = re.exec(text)) !== null) {
      const escaped = m[1] === "[" && m[6] === "]";
      found.push({
        tag: m[2],
        escaped,
        attrs: escaped ? null : parseAtts(m[3]), // core never parses an escaped tag's attributes
        kind: m[4] ? "self-closing" : m[5] !== undefined ? "closed" : "single",
        content: m[5] ?? null,
        index: m.index,
        match: m[0], // includes a lone stray `[` / `]` (groups 1 and 6), as core's match does
        strayOpen: !escaped && m[1] === "[",
        strayClose: !escaped && m[6] === "]",
      });
    }
    return found;
  };
}
