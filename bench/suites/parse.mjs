/**
 * The parse suite (issue 2, item 7): how fast each candidate finds the
 * shortcodes of the corpus and parses their attributes, in one process.
 *
 * Every candidate exposes:
 *   id, label
 *   find(body)        → its native result for one article (timed)
 *   describe(result)  → [{ tag, escaped }] (untimed, for the count check)
 *   beforeRun()       → optional reset before each timed pass
 *   run(bodies)       → number of shortcodes found in the whole corpus (timed)
 */
import * as wordpress from "@wordpress/shortcode";
import { createCoreFinder } from "../lib/wp-core-regex.mjs";

/** The candidate every ratio is computed against. */
export const REFERENCE_ID = "wp-shortcode";

/** Wraps a per-article `find` into the timed whole-corpus loop. */
function candidate({ id, label, find, describe, beforeRun, afterArticle }) {
  return {
    id,
    label,
    find,
    describe,
    beforeRun,
    run(bodies) {
      let found = 0;
      for (let i = 0; i < bodies.length; i++) {
        found += find(bodies[i]).length;
        afterArticle?.();
      }
      return found;
    },
  };
}

// --- shortcode-migrate -----------------------------------------------------

/** Top-level shortcodes of a `parse()` tree, including those found inside HTML tags. */
function topLevelShortcodes(tree) {
  const found = [];
  for (const node of tree.children) {
    if (node.type === "shortcode") found.push(node);
    else if (node.type === "html" && node.children) {
      for (const child of node.children) if (child.type === "shortcode") found.push(child);
    }
  }
  return found;
}

function shortcodeMigrateCandidates(api, tags) {
  return [
    candidate({
      id: "sm-parseShortcodes",
      label: "shortcode-migrate parseShortcodes()",
      find: (body) => api.parseShortcodes(body, { tags }),
      describe: (list) => list.map((s) => ({ tag: s.tag, escaped: s.escaped })),
    }),
    candidate({
      id: "sm-parseShortcodes-wordpress",
      label: "shortcode-migrate parseShortcodes() compat:wordpress",
      find: (body) => api.parseShortcodes(body, { tags, compat: "wordpress" }),
      describe: (list) => list.map((s) => ({ tag: s.tag, escaped: s.escaped })),
    }),
    candidate({
      id: "sm-parse",
      label: "shortcode-migrate parse() (full AST)",
      find: (body) => topLevelShortcodes(api.parse(body, { tags }).tree),
      describe: (list) => list.map((s) => ({ tag: s.name, escaped: s.escaped })),
    }),
  ];
}

// --- @wordpress/shortcode ------------------------------------------------------

/**
 * All shortcodes of `body` with `next()`: its regexp handles one tag, so each
 * tag gets its own scan. `next()` builds a Shortcode, whose constructor parses
 * the attributes through the memoized `attrs()`; escaped tags are skipped.
 */
function wordpressFind(tags, body) {
  const found = [];
  for (const tag of tags) {
    let index = 0;
    let result;
    while ((result = wordpress.next(tag, body, index)) !== undefined) {
      found.push(result.shortcode);
      index = result.index + result.content.length;
    }
  }
  return found;
}

function wordpressCandidates(tags) {
  // `attrs` is memize()d without a size limit: every distinct attribute string
  // stays in a linked list that each call scans linearly, so the cost per call
  // grows with the number of articles seen. memize exposes `.clear()`.
  const clearCache = wordpress.attrs.clear;
  if (typeof clearCache !== "function") throw new Error("@wordpress/shortcode: attrs.clear() not found");
  const describe = (list) => list.map((s) => ({ tag: s.tag, escaped: false }));
  return [
    candidate({
      id: REFERENCE_ID,
      label: "@wordpress/shortcode next() (as is)",
      find: (body) => wordpressFind(tags, body),
      describe,
      // Each pass starts with an empty cache, as a fresh process would; it then grows over the corpus.
      beforeRun: clearCache,
    }),
    candidate({
      id: "wp-shortcode-cleared",
      label: "@wordpress/shortcode next() (attrs cache cleared per article)",
      find: (body) => wordpressFind(tags, body),
      describe,
      beforeRun: clearCache,
      afterArticle: clearCache,
    }),
  ];
}

// --- WordPress core, ported ----------------------------------------------------

function coreRegexCandidate(tags) {
  const findShortcodes = createCoreFinder(tags);
  return candidate({
    id: "core-regex",
    label: "core get_shortcode_regex + shortcode_parse_atts (JS port)",
    find: findShortcodes,
    describe: (list) => list.map((m) => ({ tag: m.tag, escaped: m.escaped })),
  });
}

/** All candidates of the suite, the shortcode-migrate ones first. */
export function parseSuiteCandidates({ api, tags }) {
  return [...shortcodeMigrateCandidates(api, tags), ...wordpressCandidates(tags), coreRegexCandidate(tags)];
}

// --- The count check -------------------------------------------------------------

/**
 * Runs every candidate once over the corpus (untimed) and tallies what it
 * found per tag, skipping escaped tags (core never runs them and
 * @wordpress/shortcode's next() does not return them).
 */
export function countShortcodes(candidates, corpus) {
  const counts = {};
  const perArticle = {};
  for (const c of candidates) {
    if (c.beforeRun) c.beforeRun();
    const byTag = {};
    let total = 0;
    const totals = new Array(corpus.length);
    for (let i = 0; i < corpus.length; i++) {
      const found = c.describe(c.find(corpus[i].body)).filter((s) => !s.escaped);
      for (const s of found) byTag[s.tag] = (byTag[s.tag] ?? 0) + 1;
      total += found.length;
      totals[i] = found.length;
    }
    counts[c.id] = { total, byTag };
    perArticle[c.id] = totals;
  }
  return { counts, mismatches: findMismatches(candidates, corpus, counts, perArticle) };
}

/** Every candidate whose per-tag counts differ from the reference, with the first article that differs. */
function findMismatches(candidates, corpus, counts, perArticle) {
  const ref = counts[REFERENCE_ID];
  const mismatches = [];
  for (const c of candidates) {
    const mine = counts[c.id];
    const tagsSeen = new Set([...Object.keys(ref.byTag), ...Object.keys(mine.byTag)]);
    const differentTags = [...tagsSeen].filter((t) => (ref.byTag[t] ?? 0) !== (mine.byTag[t] ?? 0));
    // Per-article totals too: equal sums can hide differences that cancel out.
    const firstIndex = perArticle[c.id].findIndex((n, i) => n !== perArticle[REFERENCE_ID][i]);
    if (differentTags.length === 0 && firstIndex < 0) continue;
    mismatches.push({
      candidate: c.id,
      reference: REFERENCE_ID,
      tags: Object.fromEntries(differentTags.map((t) => [t, { candidate: mine.byTag[t] ?? 0, reference: ref.byTag[t] ?? 0 }])),
      firstArticle: firstIndex >= 0 ? corpus[firstIndex].id : null,
    });
  }
  return mismatches;
}
