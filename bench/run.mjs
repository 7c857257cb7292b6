#!/usr/bin/env node
/**
 * `npm run bench`: parse throughput of shortcode-migrate next to
 * @wordpress/shortcode and a port of WordPress core's regex, on the same
 * deterministic corpus, in the same process. See bench/README.md.
 *
 *   node bench/run.mjs [--suite all|parse|convert] [--articles N] [--runs R] [--seed N]
 *                      [--out bench/results.json] [--parser dist|stub]
 *                      [--convert-out bench/results-convert.json] [--big] [--only id,id] [--work DIR]
 *
 * Suites: `parse` (in-process parse throughput; default 2,000 articles, 5 runs) and
 * `convert` (whole-process CLI timings against the I/O floor; default 20,000 articles,
 * 3 runs). `--articles`/`--runs` given explicitly apply to both.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CORPUS_TAGS, DEFAULT_SEED, GENERATOR_VERSION } from "./corpus.mjs";
import { prepareCorpus } from "./lib/corpus-cache.mjs";
import { formatTable, loadAverage, machineInfo, measureAll, summarize } from "./lib/harness.mjs";
import { countShortcodes, parseSuiteCandidates, REFERENCE_ID } from "./suites/parse.mjs";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

function readOptions() {
  const { values } = parseArgs({
    options: {
      suite: { type: "string", default: "all" },
      articles: { type: "string" },
      runs: { type: "string" },
      "convert-out": { type: "string", default: "bench/results-convert.json" },
      big: { type: "boolean", default: false },
      only: { type: "string" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      out: { type: "string", default: "bench/results.json" },
      parser: { type: "string", default: "dist" },
      work: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: node bench/run.mjs [--suite all|parse|convert] [--articles N] [--runs R] [--seed N] [--out bench/results.json]\n" +
        "                          [--parser dist|stub] [--convert-out bench/results-convert.json] [--big] [--only id,id] [--work DIR]",
    );
    process.exit(0);
  }
  const options = {
    suite: values.suite,
    articles: Number(values.articles ?? 2000),
    runs: Number(values.runs ?? 5),
    convertArticles: Number(values.articles ?? 20000),
    convertRuns: Number(values.runs ?? 3),
    convertOut: resolve(values["convert-out"]),
    big: values.big,
    only: values.only ? values.only.split(",") : undefined,
    seed: Number(values.seed),
    out: resolve(values.out),
    parser: values.parser,
    // --work DIR: the corpus mirror and every output go there (a RAM disk such as /dev/shm
    // leaves the disk out of the convert suite); default: bench/.corpus and the system tmpdir.
    work: values.work ? resolve(values.work) : undefined,
  };
  if (!(options.articles > 0) || !(options.runs > 0) || !Number.isInteger(options.seed)) {
    fail("--articles and --runs must be positive numbers, --seed an integer");
  }
  if (!["dist", "stub"].includes(options.parser)) fail("--parser must be dist or stub");
  if (!["all", "parse", "convert"].includes(options.suite)) fail("--suite must be all, parse or convert");
  return options;
}

/** Where the corpus is mirrored: bench/.corpus, or DIR/smig-bench-corpus with --work DIR. */
function corpusRoot(options) {
  return options.work ? join(options.work, "smig-bench-corpus") : resolve(BENCH_DIR, ".corpus");
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const progress = (message) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
};

/**
 * The shortcode-migrate API under test: the built package by default. The
 * stub (bench/stub/) only exists to develop the harness without a build, and
 * is labelled as such everywhere it appears.
 */
async function loadParser(kind) {
  if (kind === "stub") return import("./stub/shortcode-migrate.mjs");
  const entry = resolve(BENCH_DIR, "../dist/src/index.js");
  let api;
  try {
    api = await import(entry);
  } catch (error) {
    fail(`cannot load ${entry} (${error.message}).\nRun \`npm run build\` first (or use --parser stub to try the harness).`);
  }
  if (typeof api.parseShortcodes !== "function" || typeof api.parse !== "function") {
    fail(`${entry} does not export parse() and parseShortcodes()`);
  }
  // A smoke test, so a half-built parser fails here and not as a confusing count mismatch.
  const probe = api.parseShortcodes('x [old_news_related_template title="a" desc="" link="b"] y', { tags: CORPUS_TAGS });
  if (probe.length !== 1 || probe[0].attrs?.named?.title !== "a") {
    fail(`${entry}: parseShortcodes() does not find a plain related-news box yet`);
  }
  return api;
}

function printCounts(candidates, { counts, mismatches }) {
  const rows = candidates.map((c) => [c.label, counts[c.id].total, ...CORPUS_TAGS.map((t) => counts[c.id].byTag[t] ?? 0)]);
  console.log(formatTable(["shortcodes found", "total", ...CORPUS_TAGS], rows));
  if (mismatches.length === 0) {
    console.log("counts: all candidates agree\n");
    return;
  }
  const bar = "!".repeat(78);
  console.log(`\n${bar}\n!!! COUNT MISMATCH: the candidates do not find the same shortcodes\n${bar}`);
  for (const m of mismatches) {
    console.log(`!!! ${m.candidate} vs ${m.reference}: ${JSON.stringify(m.tags)}; first differing article: ${m.firstArticle}`);
  }
  console.log(`${bar}\n`);
}

function printResults(candidates, summaries) {
  const ref = summaries[REFERENCE_ID].mbps.median;
  const fmt = (x) => x.toFixed(1);
  const rows = candidates.map((c) => {
    const { mbps, ms } = summaries[c.id];
    return [c.label, `${fmt(mbps.median)} (${fmt(mbps.min)}–${fmt(mbps.max)})`, fmt(ms.median), `${(mbps.median / ref).toFixed(2)}×`];
  });
  console.log(formatTable(["candidate", "MB/s median (min–max)", "ms median", "vs @wordpress/shortcode"], rows));
}

/** Everything results.json holds; one entry per suite so later suites slot in beside `parse`. */
function buildResults({ options, machine, load, corpus, bytes, sha256, candidates, check, summaries }) {
  const ref = summaries[REFERENCE_ID].mbps.median;
  return {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverage1m: load },
    corpus: { articles: corpus.length, seed: options.seed, generatorVersion: GENERATOR_VERSION, bytes, sha256 },
    suites: {
      parse: {
        parser: options.parser,
        tags: CORPUS_TAGS,
        runs: options.runs,
        warmupRuns: 1,
        reference: REFERENCE_ID,
        counts: check.counts,
        countsAgree: check.mismatches.length === 0,
        mismatches: check.mismatches,
        results: candidates.map((c) => ({
          id: c.id,
          label: c.label,
          ...summaries[c.id],
          ratioVsReference: summaries[c.id].mbps.median / ref,
        })),
      },
    },
  };
}

async function main() {
  const options = readOptions();
  if (options.suite !== "convert") await parseSuite(options);
  if (options.suite !== "parse") await convertSuite(options);
}

async function parseSuite(options) {
  const api = await loadParser(options.parser);

  progress("generating corpus…");
  const { corpus, bytes, sha256, dir, cached } = prepareCorpus({
    articles: options.articles,
    seed: options.seed,
    cacheRoot: corpusRoot(options),
  });
  const bodies = corpus.map((a) => a.body);
  const machine = machineInfo();
  const loadBefore = loadAverage();
  progress("");
  console.log(
    `corpus: ${corpus.length} articles, ${(bytes / 1e6).toFixed(2)} MB (seed ${options.seed}, ${cached ? "cached" : "written"} in ${dir})`,
  );
  console.log(`machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.os}, Node ${machine.node}, load average ${loadBefore}`);
  if (loadBefore > machine.cpuCount / 2) {
    console.log(`note: the machine is busy (load average ${loadBefore} on ${machine.cpuCount} CPUs): expect noisy numbers`);
  }
  console.log(`parser: ${options.parser === "stub" ? "STUB (bench/stub/, not shortcode-migrate!)" : "dist/src/index.js"}; runs: ${options.runs} after 1 warm-up\n`);

  const candidates = parseSuiteCandidates({ api, tags: CORPUS_TAGS });
  if (options.parser === "stub") {
    for (const c of candidates) if (c.id.startsWith("sm-")) c.label += " [STUB]";
  }

  const check = countShortcodes(candidates, corpus);
  printCounts(candidates, check);

  const samples = measureAll(candidates, bodies, { runs: options.runs, onProgress: progress });
  progress("");
  const summaries = Object.fromEntries(candidates.map((c) => [c.id, summarize(samples[c.id], bytes)]));
  printResults(candidates, summaries);
  const loadAfter = loadAverage();

  const results = buildResults({ options, machine, load: { before: loadBefore, after: loadAfter }, corpus, bytes, sha256, candidates, check, summaries });
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nwrote ${options.out}`);
  if (check.mismatches.length > 0) {
    console.log("exit code 1: count mismatch (see above)");
    process.exitCode = 1;
  }
}

function printConvertResults(suite) {
  const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
  for (const corpus of ["files", "ndjson"]) {
    const rows = suite.results
      .filter((r) => r.corpus === corpus)
      .map((r) => [
        r.label,
        `${fmt(r.ms.median / 1000, 2)} (${fmt(r.ms.min / 1000, 2)}–${fmt(r.ms.max / 1000, 2)})`,
        fmt(r.mbps.median),
        `${fmt(r.vsFloor, 2)}×`,
        fmt(r.peakRssMb, 0),
      ]);
    console.log(`\n${corpus === "files" ? "as files" : "as one NDJSON archive"}:`);
    console.log(formatTable(["candidate", "s median (min–max)", "MB/s", "× floor", "peak RSS MB"], rows));
  }
}

/** The targets of issue 5, checked against the medians (reported, never asserted). */
function targets(suite, big) {
  const get = (id) => suite.results.find((r) => r.id === id);
  const j = suite.cores;
  const verdict = (ok) => (ok === undefined ? "not measured" : ok ? "met" : "MISSED");
  const ratio = (a, b) => (a && b ? a.ms.median / b.ms.median : undefined);
  const mdFiles = get(`sm-markdown-j${j}-files`);
  const out = [
    { target: "convert --to markdown, files, all cores ≤ 1.5× floor", value: mdFiles?.vsFloor, ok: mdFiles ? mdFiles.vsFloor <= 1.5 : undefined },
    ...["files", "ndjson"].flatMap((corpus) =>
      ["wp", "wp-cleared"].map((wp) => {
        const r = ratio(get(`sm-markdown-j1-${corpus}`), get(`${wp}-${corpus}`));
        return { target: `convert -j 1 faster than ${wp === "wp" ? "@wordpress/shortcode (as is)" : "@wordpress/shortcode (cleared)"}, ${corpus} (time ratio < 1)`, value: r, ok: r === undefined ? undefined : r < 1 };
      }),
    ),
    { target: "cached re-run ≤ 1.2× floor", value: get("sm-cached-files")?.vsFloor, ok: get("sm-cached-files") ? get("sm-cached-files").vsFloor <= 1.2 : undefined },
    { target: "1 GB NDJSON peak RSS < 300 MB", value: big?.peakRssMb, ok: big ? big.peakRssMb < 300 : undefined },
  ];
  console.log("\ntargets:");
  console.log(formatTable(["target", "value", "verdict"], out.map((t) => [t.target, t.value === undefined ? "–" : t.value.toFixed(2), verdict(t.ok)])));
  return out.map((t) => ({ ...t, verdict: verdict(t.ok) }));
}

async function convertSuite(options) {
  const { measureConvertSuite, measureBig } = await import("./suites/convert.mjs");
  progress("generating corpus…");
  const { corpus, bytes, sha256, dir, cached } = prepareCorpus({
    articles: options.convertArticles,
    seed: options.seed,
    cacheRoot: corpusRoot(options),
  });
  const machine = machineInfo();
  const loadBefore = loadAverage();
  progress("");
  console.log(`\n== convert suite ==\ncorpus: ${corpus.length} articles, ${(bytes / 1e6).toFixed(2)} MB (${cached ? "cached" : "written"} in ${dir})`);
  console.log(`machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.os}, Node ${machine.node}, load average ${loadBefore}; runs: ${options.convertRuns}; work: ${options.work ?? "bench/.corpus and the system tmpdir"}`);
  if (loadBefore > machine.cpuCount / 2) console.log(`note: the machine is busy (load average ${loadBefore} on ${machine.cpuCount} CPUs): expect noisy numbers`);
  const started = performance.now();
  const suite = await measureConvertSuite({ corpusDir: dir, bytes, runs: options.convertRuns, only: options.only, work: options.work, onProgress: progress });
  progress("");
  printConvertResults(suite);
  let big;
  if (options.big) {
    const { generateArticle } = await import("./corpus.mjs");
    big = await measureBig({ generateArticle, seed: options.seed, cacheRoot: corpusRoot(options), onProgress: progress });
    progress("");
    console.log(`\n--big: ${(big.bytes / 1e9).toFixed(2)} GB NDJSON in ${(big.ms / 1000).toFixed(1)} s (${big.mbps.toFixed(1)} MB/s), peak RSS ${big.peakRssMb.toFixed(0)} MB, exit ${big.exitCode}`);
  }
  const checked = targets(suite, big);
  const loadAfter = loadAverage();
  const results = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverage1m: { before: loadBefore, after: loadAfter } },
    // Where the corpus and the outputs were (--work): a RAM disk leaves the disk out.
    work: options.work ?? "default (bench/.corpus and the system tmpdir, on disk)",
    corpus: { articles: corpus.length, seed: options.seed, generatorVersion: GENERATOR_VERSION, bytes, sha256 },
    suites: { convert: { ...suite, totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)), targets: checked, ...(big ? { big } : {}) } },
  };
  mkdirSync(dirname(options.convertOut), { recursive: true });
  writeFileSync(options.convertOut, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nwrote ${options.convertOut} (${results.suites.convert.totalSeconds} s)`);
}

await main();
