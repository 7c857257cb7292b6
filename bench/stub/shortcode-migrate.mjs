/**
 * Stand-in for `../../dist/src/index.js` with the same `parse()` /
 * `parseShortcodes()` shapes, used with `node bench/run.mjs --parser stub`
 * when the real parser is not built (it was written alongside the benchmark).
 * It is the regex baseline in the public API's clothes, so its numbers say
 * nothing about shortcode-migrate: results.json marks them `"parser": "stub"`.
 */
import { createCoreFinder } from "../lib/wp-core-regex.mjs";

/** 1-based line/column and 0-based offset of every index, via the line starts. */
function createLocator(text) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1, offset };
  };
}

const finders = new Map();
function finderFor(tags) {
  const key = tags.join("\u0000");
  if (!finders.has(key)) finders.set(key, createCoreFinder(tags));
  return finders.get(key);
}

/** @returns {import("../../src/parse.js").ShortcodeInfo[]} */
export function parseShortcodes(text, options = {}) {
  const tags = options.tags ?? ["old_news_related_template"];
  const locate = createLocator(text);
  return finderFor(tags)(text).map((m) => {
    // Core's match includes a stray single escape bracket; `raw` does not (it stays text).
    const start = m.index + (m.strayOpen ? 1 : 0);
    const raw = m.match.slice(m.strayOpen ? 1 : 0, m.match.length - (m.strayClose ? 1 : 0));
    return {
      tag: m.tag,
      attrs: m.attrs ?? { named: {}, positional: [] },
      content: m.content,
      kind: m.kind,
      escaped: m.escaped,
      raw,
      position: { start: locate(start), end: locate(start + raw.length) },
    };
  });
}

/** Text and shortcode nodes at the top level (content is not parsed into children here). */
export function parse(text, options = {}) {
  const locate = createLocator(text);
  const children = [];
  let last = 0;
  const pushText = (from, to) => {
    if (to > from) {
      children.push({ type: "text", value: text.slice(from, to), position: { start: locate(from), end: locate(to) } });
    }
  };
  for (const sc of parseShortcodes(text, options)) {
    pushText(last, sc.position.start.offset);
    children.push({
      type: "shortcode",
      name: sc.tag,
      kind: sc.kind,
      escaped: sc.escaped,
      attrs: sc.attrs,
      content: sc.content,
      children: [],
      position: sc.position,
    });
    last = sc.position.end.offset;
  }
  pushText(last, text.length);
  return { tree: { type: "root", children, position: { start: locate(0), end: locate(text.length) } }, messages: [] };
}
