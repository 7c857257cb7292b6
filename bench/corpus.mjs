#!/usr/bin/env node
/**
 * Deterministic generator of seed-shaped articles for the benchmark.
 *
 * The real input (../shared/seed/000_a2021eba4b753be5.txt) is Turkish news
 * prose with typographic quotes, `’’` used as a closing quote, apostrophe
 * suffixes, `'ALL CAPS'` subheadings, and `[old_news_related_template …]`
 * boxes. This module produces any number of such articles from a seed:
 * article i depends only on (seed, i), so a 2,000-article corpus is the
 * prefix of the 20,000-article one and numbers stay comparable across sizes.
 *
 * The corpus is "core-clean" on purpose: every shortcode in it is read the
 * same way by WordPress core, by @wordpress/shortcode and by our parser (no
 * `"` or `]` inside values, no nesting, no escapes), so the benchmark can
 * check that all candidates find the same shortcodes. Malformed input belongs
 * in fixtures and tests, not in a throughput comparison.
 *
 * Library:  generateCorpus({ articles, seed }) → [{ id, body }]
 * CLI:      node bench/corpus.mjs --articles N --out DIR [--seed S]
 *           writes DIR/files/<id>.txt and DIR/archive.ndjson
 */
import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createRandom, mixSeed } from "./lib/prng.mjs";
import * as V from "./lib/vocabulary.mjs";

export const DEFAULT_SEED = 20201010;
/** Bump when the generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;
/** The tags the corpus contains, in the order a site would register them. */
export const CORPUS_TAGS = ["old_news_related_template", "caption", "gallery", "embed"];

// ---------------------------------------------------------------------------
// Words and sentences

/** An apostrophe as legacy archives spell it: ASCII, typographic, or as an entity. */
function apostrophe(rnd) {
  const r = rnd.next();
  return r < 0.4 ? "'" : r < 0.92 ? "’" : "&#8217;";
}

/** Fills `{X}` placeholders of a vocabulary template. */
function fill(rnd, template, { plainApostrophes = false } = {}) {
  return template.replace(/\{([A-Z])(\d?)\}/g, (_, kind, variant) => {
    const apos = plainApostrophes ? (rnd.chance(0.5) ? "'" : "’") : apostrophe(rnd);
    switch (kind) {
      case "P": {
        const place = rnd.pick(V.PLACES);
        if (variant === "3") return place.name;
        return place.name + apos + (variant === "2" ? place.gen : place.loc);
      }
      case "T":
        return rnd.pick(V.TOPICS);
      case "I":
        return rnd.pick(V.INSTITUTIONS);
      case "M":
        return rnd.pick(V.MONTHS);
      case "N":
        return String(rnd.range(2, 480));
      case "D":
        return `${rnd.range(0, 89)},${String(rnd.range(0, 99)).padStart(2, "0")}`;
      case "Y":
        return String(rnd.range(2008, 2021));
      case "Q":
        return rnd.pick(V.SHORT_NAMES);
      default:
        return "";
    }
  });
}

/**
 * A direct quote with one of the quote styles seen in the archive. Inside
 * attribute values ASCII `"` is never used: core would end the value there.
 */
function quoted(rnd, text, { inAttribute = false } = {}) {
  const r = rnd.next();
  if (r < 0.5) return `“${text}”`;
  if (r < 0.7) return `“${text}’’`; // ’’ as a closing quote, as in the seed
  if (inAttribute) return `“${text}”`;
  if (r < 0.85) return `"${text}”`; // ASCII opener, typographic closer (seed)
  return `"${text}"`;
}

function quoteSentence(rnd, opts) {
  const body = quoted(rnd, fill(rnd, rnd.pick(V.QUOTES), opts), opts);
  const verb = rnd.pick(V.SPEECH_VERBS);
  if (rnd.chance(0.5)) {
    const opener = fill(rnd, rnd.pick(V.OPENERS), opts);
    return `${opener} ${rnd.pick(V.PEOPLE)}, ${body} ${verb}.`;
  }
  return `${rnd.pick(V.PEOPLE)}, ${body} ${verb}.`;
}

function sentence(rnd, opts) {
  return rnd.chance(0.35) ? quoteSentence(rnd, opts) : fill(rnd, rnd.pick(V.STATEMENTS), opts);
}

/** Occasional inline HTML, as WYSIWYG editors left it in the archive. */
function withInlineHtml(rnd, text) {
  const r = rnd.next();
  if (r < 0.08) return `<strong>${text}</strong>`;
  if (r < 0.14) {
    const slug = slugify(rnd.pick(V.TOPICS));
    return `${text} <a href="https://www.haber.example/${rnd.range(2015, 2021)}/gundem/${slug}-${rnd.range(1000000, 6999999)}/">Detaylar için tıklayın</a>`;
  }
  if (r < 0.18) return `${text}<br />`;
  return text;
}

function paragraph(rnd) {
  const count = rnd.range(2, 4);
  const sentences = [];
  for (let i = 0; i < count; i++) sentences.push(withInlineHtml(rnd, sentence(rnd)));
  return sentences.join(" ");
}

// ---------------------------------------------------------------------------
// Shortcodes

const ASCII_FOLD = { ç: "c", ğ: "g", ı: "i", i̇: "i", ö: "o", ş: "s", ü: "u", â: "a", î: "i", û: "u" };

/** A URL slug the way the CMS made them: Turkish letters folded to ASCII. */
function slugify(text) {
  return text
    .toLocaleLowerCase("tr")
    .replace(/[çğıöşüâîû]/g, (c) => ASCII_FOLD[c])
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Turkish-aware capital first letter (i → İ). */
function capitalize(text) {
  return text.charAt(0).toLocaleUpperCase("tr") + text.slice(1);
}

function relatedBox(rnd) {
  const opts = { inAttribute: true, plainApostrophes: true };
  const title = capitalize(fill(rnd, rnd.pick(V.HEADLINES), opts));
  let desc = "";
  if (rnd.chance(0.75)) {
    desc = sentence(rnd, opts);
    if (rnd.chance(0.4)) desc += " " + sentence(rnd, opts);
    if (rnd.chance(0.15)) desc = " " + desc; // a leading space, as in the seed
  }
  const year = rnd.range(2014, 2021);
  const month = String(rnd.range(1, 12)).padStart(2, "0");
  const day = String(rnd.range(1, 28)).padStart(2, "0");
  const slug = slugify(title);
  const image = `https://cdn.haber.example/wp-content/uploads/${year}/${month}/${day}/iecrop/${slug.slice(0, 24)}_16_9_${rnd.range(1400000000, 1609999999)}.jpg`;
  const link = `https://www.haber.example/${year}/${rnd.pick(V.SECTIONS)}/${slug}-${rnd.range(1000000, 6999999)}/`;
  return `[old_news_related_template title="${title}" desc="${desc}" image="${image}" link="${link}"]`;
}

function captionShortcode(rnd) {
  const id = rnd.range(1000, 999999);
  const align = rnd.pick(["alignnone", "aligncenter", "alignleft"]);
  const width = rnd.pick(["640", "800", "1024"]);
  const text = rnd.pick(V.CAPTIONS);
  const src = `https://cdn.haber.example/wp-content/uploads/${rnd.range(2014, 2021)}/${String(rnd.range(1, 12)).padStart(2, "0")}/foto-${id}.jpg`;
  return `[caption id="attachment_${id}" align="${align}" width="${width}"]<img class="size-full wp-image-${id}" src="${src}" alt="${text}" width="${width}" height="360" /> ${text}[/caption]`;
}

function galleryShortcode(rnd) {
  const ids = [];
  for (let i = rnd.range(2, 8); i > 0; i--) ids.push(rnd.range(100, 99999));
  return rnd.chance(0.5) ? `[gallery ids="${ids.join(",")}"]` : `[gallery columns="${rnd.range(2, 4)}" link="file" ids="${ids.join(",")}"]`;
}

function embedShortcode(rnd) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let video = "";
  for (let i = 0; i < 11; i++) video += alphabet[rnd.int(alphabet.length)];
  return `[embed]https://www.youtube.com/watch?v=${video}[/embed]`;
}

// ---------------------------------------------------------------------------
// Articles

/** 0–5 related-news boxes, weighted towards 2–3 like the archive. */
const BOX_COUNT_WEIGHTS = [0.1, 0.15, 0.25, 0.25, 0.15, 0.1];

function boxCount(rnd) {
  let r = rnd.next();
  for (let n = 0; n < BOX_COUNT_WEIGHTS.length; n++) {
    if ((r -= BOX_COUNT_WEIGHTS[n]) < 0) return n;
  }
  return BOX_COUNT_WEIGHTS.length - 1;
}

/** Inserts a block at a random paragraph boundary after the first paragraph. */
function insertSomewhere(rnd, blocks, block) {
  blocks.splice(1 + rnd.int(blocks.length), 0, block);
}

/** Article `index` of the corpus for `seed`: `{ id, body }`. */
export function generateArticle(seed, index) {
  const rnd = createRandom(mixSeed(seed, index));
  const id = `${String(index).padStart(6, "0")}_${rnd.hex(16)}`;

  const blocks = [];
  for (let i = rnd.range(4, 9); i > 0; i--) blocks.push(paragraph(rnd));
  if (rnd.chance(0.3)) insertSomewhere(rnd, blocks, `'${rnd.pick(V.SUBHEADINGS)}'`);
  if (rnd.chance(0.15)) insertSomewhere(rnd, blocks, captionShortcode(rnd));
  if (rnd.chance(0.08)) insertSomewhere(rnd, blocks, galleryShortcode(rnd));
  if (rnd.chance(0.08)) insertSomewhere(rnd, blocks, embedShortcode(rnd));

  // Most articles end with their boxes (like the seed); some have them between paragraphs.
  const boxesAtEnd = rnd.chance(0.7);
  for (let i = boxCount(rnd); i > 0; i--) {
    const box = relatedBox(rnd);
    if (boxesAtEnd) blocks.push(box);
    else insertSomewhere(rnd, blocks, box);
  }
  return { id, body: blocks.join("\n\n") };
}

/** The whole corpus: `articles` seed-shaped articles, `[{ id, body }]`. */
export function generateCorpus({ articles, seed = DEFAULT_SEED }) {
  const corpus = new Array(articles);
  for (let i = 0; i < articles; i++) corpus[i] = generateArticle(seed, i);
  return corpus;
}

/** Writes `dir/files/<id>.txt` and `dir/archive.ndjson`; returns the total UTF-8 size. */
export function writeCorpus(corpus, dir) {
  const filesDir = join(dir, "files");
  mkdirSync(filesDir, { recursive: true });
  const ndjson = openSync(join(dir, "archive.ndjson"), "w");
  let bytes = 0;
  try {
    for (const { id, body } of corpus) {
      writeFileSync(join(filesDir, `${id}.txt`), body);
      writeSync(ndjson, JSON.stringify({ id, body }) + "\n");
      bytes += Buffer.byteLength(body);
    }
  } finally {
    closeSync(ndjson);
  }
  return bytes;
}

function main() {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "20000" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      out: { type: "string" },
    },
  });
  if (!values.out) {
    console.error("usage: node bench/corpus.mjs --articles N --out DIR [--seed S]");
    process.exit(2);
  }
  const started = performance.now();
  const corpus = generateCorpus({ articles: Number(values.articles), seed: Number(values.seed) });
  const generatedMs = performance.now() - started;
  const bytes = writeCorpus(corpus, resolve(values.out));
  console.log(
    `${corpus.length} articles, ${(bytes / 1e6).toFixed(1)} MB ` +
      `(generated in ${(generatedMs / 1000).toFixed(2)} s, written in ${((performance.now() - started - generatedMs) / 1000).toFixed(2)} s) → ${values.out}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
