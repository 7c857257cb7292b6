#!/usr/bin/env node
/**
 * `npm run bench`: parse throughput of shortcode-migrate next to
 * @wordpress/shortcode and a port of WordPress core's regex, on the same
 * deterministic corpus, in the same process. See bench/README.md.
 *
 *   node bench/run.mjs [--suite all|parse|convert] [--articles N] [--runs R] [--seed N]
 *                      [--out bench/results.json] [--parser dist|stub]
 *                      [--convert-out bench/results-convert.json] [--big] [--big-mb MB]
 *                      [--real-mb MB] [--only id,id] [--work DIR] [--quick] [--wxr] [--wxr-mb MB]
 *
 * Suites: `parse` (in-process parse throughput next to the baselines, plus the in-process
 * `convert()`/`parseShortcodes()` rows on seed-shaped and WordPress-shaped bodies; default
 * 2,000 articles, 5 runs) and `convert` (whole-process CLI timings against the I/O floor, the
 * fastest plain copy of the same run: seed-shaped files and NDJSON, default 20,000 articles,
 * 3 runs; real WordPress bodies and generated WordPress-shaped bodies as NDJSON, default
 * 16 MB each). `--articles`/`--runs` given explicitly apply to both. `--quick`: a few hundred
 * articles, 1 MB of real content, one run, to check the benchmark works (numbers meaningless).
 * `--wxr`: also a generated WordPress export of Sözcü-shaped posts (default 1,000 MB, `--wxr-mb`)
 * converted with `--out-dir`: seconds and peak RSS (the target: 1 GB within 300 MB).
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CORPUS_TAGS, DEFAULT_SEED, GENERATOR_VERSION } from "./corpus.mjs";
import { prepareCorpus } from "./lib/corpus-cache.mjs";
import { describeStorage, formatTable, loadAverage, machineInfo, measureAll, storageInfo, summarize } from "./lib/harness.mjs";
import { prepareGeneratedArchive, prepareRealArchive } from "./lib/real-corpus.mjs";
import { inProcessCandidates } from "./suites/inprocess.mjs";
import { tmpdir } from "node:os";
import { countShortcodes, parseSuiteCandidates, REFERENCE_ID } from "./suites/parse.mjs";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

function readOptions() {
  const { values } = parseArgs({
    options: {
      suite: { type: "string", default: "all" },
      articles: { type: "string" },
      runs: { type: "string" },
      "convert-out": { type: "string" },
      big: { type: "boolean", default: false },
      "big-mb": { type: "string" },
      wxr: { type: "boolean", default: false },
      "wxr-mb": { type: "string" },
      "real-mb": { type: "string" },
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      out: { type: "string" },
      parser: { type: "string", default: "dist" },
      work: { type: "string" },
      "disk-work": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: node bench/run.mjs [--suite all|parse|convert] [--articles N] [--runs R] [--seed N] [--out bench/results.json]\n" +
        "                          [--parser dist|stub] [--convert-out bench/results-convert.json] [--big] [--big-mb MB]\n" +
        "                          [--real-mb MB] [--only id,id] [--work DIR] [--quick] [--wxr] [--wxr-mb MB]",
    );
    process.exit(0);
  }
  // --quick: small enough to check that every suite runs, in a minute or two; not for numbers.
  const quick = values.quick;
  const options = {
    quick,
    suite: values.suite,
    articles: Number(values.articles ?? (quick ? 300 : 2000)),
    runs: Number(values.runs ?? (quick ? 1 : 5)),
    convertArticles: Number(values.articles ?? (quick ? 300 : 20000)),
    convertRuns: Number(values.runs ?? (quick ? 1 : 3)),
    // Real-content NDJSON archives of the convert suite, each this many MB (0: leave them out).
    realMb: Number(values["real-mb"] ?? (quick ? 1 : 16)),
    // --big: the size of the real-content archive whose peak RSS is the target (1 GB).
    bigMb: Number(values["big-mb"] ?? (quick ? 5 : 1000)),
    // --wxr: the size of the generated WordPress export converted with --out-dir (1 GB).
    wxr: values.wxr,
    wxrMb: Number(values["wxr-mb"] ?? (quick ? 5 : 1000)),
    // --quick never overwrites the recorded results the README's tables are made from.
    convertOut: resolve(values["convert-out"] ?? (quick ? "bench/.corpus/quick-results-convert.json" : "bench/results-convert.json")),
    big: values.big,
    only: values.only ? values.only.split(",") : undefined,
    seed: Number(values.seed),
    out: resolve(values.out ?? (quick ? "bench/.corpus/quick-results.json" : "bench/results.json")),
    parser: values.parser,
    // --work DIR: the corpus mirror and every output go there (a RAM disk such as /dev/shm
    // leaves the disk out of the convert suite); default: bench/.corpus and the system tmpdir.
    work: values.work ? resolve(values.work) : undefined,
    // --disk-work DIR: also the seed-shaped files read and written on this (disk) folder in the
    // same run, for the disk target while --work puts everything else on a RAM disk.
    diskWork: values["disk-work"] ? resolve(values["disk-work"]) : undefined,
  };
  if (!(options.articles > 0) || !(options.runs > 0) || !Number.isInteger(options.seed)) {
    fail("--articles and --runs must be positive numbers, --seed an integer");
  }
  if (!(options.realMb >= 0) || !(options.bigMb > 0) || !(options.wxrMb > 0)) fail("--real-mb must be a number ≥ 0, --big-mb and --wxr-mb positive numbers");
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
  let inProcess;
  if (options.suite !== "convert") inProcess = await parseSuite(options);
  if (options.suite !== "parse") await convertSuite(options, inProcess);
  else printTargets(targets({ inProcess }));
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
  console.log(`corpus: ${corpus.length} articles, ${(bytes / 1e6).toFixed(2)} MB (seed ${options.seed}, ${cached ? "cached" : "written"} in ${dir})`);
  console.log(`machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.os}, Node ${machine.node}, load average ${loadBefore}`);
  if (loadBefore > machine.cpuCount / 2) {
    console.log(`note: the machine is busy (load average ${loadBefore} on ${machine.cpuCount} CPUs): expect noisy numbers`);
  }
  console.log(
    `parser: ${options.parser === "stub" ? "STUB (bench/stub/, not shortcode-migrate!)" : "dist/src/index.js"}; runs: ${options.runs} after 1 warm-up\n`,
  );

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

  // In-process: convert() and parseShortcodes() on seed-shaped and WordPress-shaped bodies.
  const inProcess = inProcessCandidates({ api, seedBodies: bodies, seed: options.seed, onNotice: (m) => console.log(`note: ${m}`) });
  const inSamples = measureAll(inProcess, null, { runs: options.runs, onProgress: progress });
  progress("");
  const inResults = inProcess.map((c) => ({
    id: c.id,
    label: c.label,
    shape: c.shape,
    articles: c.articles,
    bytes: c.bytes,
    ...summarize(inSamples[c.id], c.bytes),
  }));
  console.log("\nin-process, one thread, warm:");
  console.log(
    formatTable(
      ["candidate", "articles", "MB", "MB/s median (min–max)", "µs/article"],
      inResults.map((r) => [
        r.label,
        r.articles,
        (r.bytes / 1e6).toFixed(2),
        `${r.mbps.median.toFixed(1)} (${r.mbps.min.toFixed(1)}–${r.mbps.max.toFixed(1)})`,
        ((r.ms.median * 1000) / r.articles).toFixed(0),
      ]),
    ),
  );
  const loadAfter = loadAverage();

  const results = buildResults({ options, machine, load: { before: loadBefore, after: loadAfter }, corpus, bytes, sha256, candidates, check, summaries });
  results.suites.parse.inProcess = inResults;
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nwrote ${options.out}`);
  if (check.mismatches.length > 0) {
    console.log("exit code 1: count mismatch (see above)");
    process.exitCode = 1;
  }
  return { results: inResults, parseShortcodes: results.suites.parse.results.find((r) => r.id === "sm-parseShortcodes") };
}

function printConvertResults(suite) {
  const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
  for (const [corpus, info] of Object.entries(suite.corpora)) {
    const rows = suite.results
      .filter((r) => r.corpus === corpus)
      .map((r) => [
        r.label,
        `${fmt(r.ms.median / 1000, 2)} (${fmt(r.ms.min / 1000, 2)}–${fmt(r.ms.max / 1000, 2)})`,
        fmt(r.mbps.median),
        `${fmt(r.vsFloor, 2)}×`,
        fmt(r.peakRssMb, 0),
      ]);
    console.log(`\n${info.label} (${fmt(info.bytes / 1e6, 2)} MB of bodies; floor: ${info.floor?.id ?? "–"}):`);
    console.log(formatTable(["candidate", "s median (min–max)", "MB/s", "× floor", "peak RSS MB"], rows));
  }
}

/**
 * The targets, checked against the medians of this run (reported, never asserted): those of
 * issue 17 (with the figure the issue was filed with) and the earlier ones of issue 5.
 * `inProcess` comes from the parse suite of the same invocation (else "not measured").
 */
function targets({ suite, big, bigTargetMb = 1000, storage, diskStorage, inProcess }) {
  const get = (id) => suite?.results.find((r) => r.id === id);
  const j = suite?.cores;
  const inproc = (id) => inProcess?.results.find((r) => r.id === id);
  const ratio = (a, b) => (a && b ? a.ms.median / b.ms.median : undefined);
  const ram = storage?.ramDisk;
  const filesAll = get(`sm-markdown-j${j}-files`);
  // The disk figure: from --disk-work when given (and really a disk), else from the main run when it was on disk.
  const onDisk = diskStorage && !diskStorage.ramDisk ? get(`sm-markdown-j${j}-files-disk`) : ram === false ? filesAll : undefined;
  const t = (target, filed, value, ok, note) => ({ target, filed, value, ok: value === undefined ? undefined : ok(value), ...(note ? { note } : {}) });
  const out = [
    t(
      "real WordPress bodies, NDJSON, all cores, × NDJSON floor ≤ 3",
      "27.9×",
      get(`sm-markdown-j${j}-real`)?.vsFloor,
      (v) => v <= 3,
      suite && !suite.corpora.real ? "the shared real bodies were not there" : undefined,
    ),
    t(
      "generated WordPress-shaped bodies, NDJSON, all cores, × NDJSON floor ≤ 3 (the same target on the generator's bodies)",
      "–",
      get(`sm-markdown-j${j}-wpgen`)?.vsFloor,
      (v) => v <= 3,
    ),
    t(
      "seed-shaped files, all cores, × floor ≤ 2, RAM disk",
      "4.2×",
      ram ? filesAll?.vsFloor : undefined,
      (v) => v <= 2,
      suite && !ram ? "this run was not on a RAM disk (--work /dev/shm)" : undefined,
    ),
    t(
      "seed-shaped files, all cores, × floor ≤ 1.5, disk",
      "2.0×",
      onDisk?.vsFloor,
      (v) => v <= 1.5,
      suite && !onDisk ? "this run was on a RAM disk; add --disk-work DIR on a disk" : undefined,
    ),
    t("convert() to markdown in-process, seed-shaped, one thread ≥ 50 MB/s", "20 MB/s", inproc("inproc-convert-seed")?.mbps.median, (v) => v >= 50),
    t("parseShortcodes() in-process ≥ 200 MB/s", "120 MB/s", inproc("inproc-parseShortcodes-seed")?.mbps.median, (v) => v >= 200),
    t(
      "peak RSS, 1 GB NDJSON of real bodies < 300 MB",
      "not measured",
      big?.peakRssMb,
      (v) => v < 300,
      big && bigTargetMb !== 1000
        ? `measured at ${bigTargetMb} MB (--big-mb), not 1 GB`
        : big && big.source !== "real"
          ? "on the generated WordPress-shaped bodies (no shared real bodies)"
          : undefined,
    ),
    // Issue 5's targets, against the new floor.
    ...(suite?.corpora.files
      ? [
          ...["files", "ndjson"].flatMap((corpus) =>
            ["wp", "wp-cleared"].map((wp) =>
              t(
                `convert -j 1 faster than @wordpress/shortcode ${wp === "wp" ? "(as is)" : "(cleared)"}, ${corpus} (time ratio < 1)`,
                "–",
                ratio(get(`sm-markdown-j1-${corpus}`), get(`${wp}-${corpus}`)),
                (v) => v < 1,
              ),
            ),
          ),
          t("cached re-run ≤ 1.2× floor", "–", get("sm-cached-files")?.vsFloor, (v) => v <= 1.2),
        ]
      : []),
  ];
  return out.map((x) => ({ ...x, verdict: x.ok === undefined ? "not measured" : x.ok ? "met" : "MISSED" }));
}

function printTargets(list) {
  console.log("\ntargets:");
  console.log(
    formatTable(
      ["target", "at filing", "this run", "verdict"],
      list.map((x) => [x.target, x.filed, x.value === undefined ? "–" : x.value.toFixed(2), x.verdict + (x.note ? ` (${x.note})` : "")]),
    ),
  );
}

async function convertSuite(options, inProcess) {
  const { measureConvertSuite, measureBig, measureWxr } = await import("./suites/convert.mjs");
  progress("generating corpus…");
  const root = corpusRoot(options);
  const { corpus, bytes, sha256, dir, cached } = prepareCorpus({
    articles: options.convertArticles,
    seed: options.seed,
    cacheRoot: root,
  });
  const real = [];
  if (options.realMb > 0) {
    const targetBytes = Math.round(options.realMb * 1e6);
    const shared = prepareRealArchive({ cacheRoot: root, targetBytes });
    if (shared.skipped) console.log(`\nnote: real-content suite: ${shared.skipped}; skipped (the generated WordPress-shaped bodies still run)`);
    else
      real.push({
        corpus: "real",
        file: shared.file,
        bytes: shared.bytes,
        info: { records: shared.records, distinctRecords: shared.distinctRecords, fileBytes: shared.fileBytes, sources: shared.sources },
      });
    const generated = prepareGeneratedArchive({ cacheRoot: root, targetBytes, seed: options.seed });
    real.push({ corpus: "wpgen", file: generated.file, bytes: generated.bytes, info: { records: generated.records, fileBytes: generated.fileBytes } });
  }
  let disk;
  if (options.diskWork) {
    mkdirSync(options.diskWork, { recursive: true });
    const mirror = prepareCorpus({ articles: options.convertArticles, seed: options.seed, cacheRoot: join(options.diskWork, "smig-bench-corpus") });
    disk = { corpusDir: mirror.dir, work: options.diskWork, storage: storageInfo(options.diskWork) };
  }
  const machine = machineInfo();
  const storage = storageInfo(options.work ?? tmpdir());
  const loadBefore = loadAverage();
  progress("");
  console.log(`\n== convert suite ==\ncorpus: ${corpus.length} articles, ${(bytes / 1e6).toFixed(2)} MB (${cached ? "cached" : "written"} in ${dir})`);
  for (const r of real)
    console.log(
      `${r.corpus}: ${r.info.records} records, ${(r.bytes / 1e6).toFixed(2)} MB of bodies, ${(r.info.fileBytes / 1e6).toFixed(2)} MB of NDJSON (${r.file})`,
    );
  console.log(
    `machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.os}, Node ${machine.node}, load average ${loadBefore}; runs: ${options.convertRuns}`,
  );
  console.log(`outputs: ${describeStorage(storage)}; corpus in ${root}`);
  if (disk) console.log(`files on disk (--disk-work): ${describeStorage(disk.storage)}; corpus in ${disk.corpusDir}`);
  if (disk?.storage.ramDisk) console.log("note: --disk-work is a RAM disk too: the disk target is not measured by it");
  if (loadBefore > machine.cpuCount / 2)
    console.log(`note: the machine is busy (load average ${loadBefore} on ${machine.cpuCount} CPUs): expect noisy numbers`);
  const started = performance.now();
  const suite = await measureConvertSuite({
    corpusDir: dir,
    bytes,
    real,
    disk,
    runs: options.convertRuns,
    only: options.only,
    work: options.work,
    onProgress: progress,
  });
  progress("");
  printConvertResults(suite);
  let big;
  if (options.big) {
    const targetBytes = Math.round(options.bigMb * 1e6);
    progress(`writing ${options.bigMb} MB of real bodies as NDJSON…`);
    const shared = prepareRealArchive({ cacheRoot: root, targetBytes });
    const archive = shared.skipped ? prepareGeneratedArchive({ cacheRoot: root, targetBytes, seed: options.seed }) : shared;
    if (shared.skipped) console.log(`\nnote: --big: ${shared.skipped}; using the generated WordPress-shaped bodies`);
    big = await measureBig({
      file: archive.file,
      bytes: archive.bytes,
      fileBytes: archive.fileBytes,
      source: shared.skipped ? "wpgen" : "real",
      work: options.work,
      onProgress: progress,
    });
    progress("");
    console.log(
      `\n--big: ${(big.fileBytes / 1e6).toFixed(0)} MB NDJSON of ${big.source === "real" ? "real" : "generated WordPress-shaped"} bodies in ${(big.ms / 1000).toFixed(1)} s (${big.mbps.toFixed(1)} MB/s of bodies), peak RSS ${big.peakRssMb.toFixed(0)} MB, exit ${big.exitCode}`,
    );
  }
  let wxr;
  if (options.wxr) {
    progress(`writing a ${options.wxrMb} MB WordPress export…`);
    const { prepareWxrExport } = await import("./lib/wxr-export.mjs");
    const generated = prepareWxrExport({ cacheRoot: root, targetBytes: Math.round(options.wxrMb * 1e6), seed: options.seed });
    wxr = await measureWxr({
      file: generated.file,
      posts: generated.posts,
      bytes: generated.bytes,
      fileBytes: generated.fileBytes,
      work: options.work,
      onProgress: progress,
    });
    wxr = { ...wxr, attachments: generated.attachments, drafts: generated.drafts, targetPeakRssMb: 300 };
    progress("");
    console.log(
      `\n--wxr: ${(wxr.fileBytes / 1e6).toFixed(0)} MB WordPress export (${wxr.posts} posts, ${wxr.attachments} attachments) to --out-dir in ${(wxr.ms / 1000).toFixed(1)} s (${wxr.mbps.toFixed(1)} MB/s of export), peak RSS ${wxr.peakRssMb.toFixed(0)} MB (target: 300 MB for 1 GB), exit ${wxr.exitCode}`,
    );
  }
  const checked = targets({ suite, big, bigTargetMb: options.bigMb, storage, diskStorage: disk?.storage, inProcess });
  printTargets(checked);
  const loadAfter = loadAverage();
  const results = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverage1m: { before: loadBefore, after: loadAfter } },
    // Where the outputs were written (--work; the corpus mirror too): a RAM disk leaves the disk out.
    work: options.work ?? "default (bench/.corpus and the system tmpdir)",
    storage,
    ...(disk ? { diskWork: options.diskWork, diskStorage: disk.storage } : {}),
    quick: options.quick,
    corpus: { articles: corpus.length, seed: options.seed, generatorVersion: GENERATOR_VERSION, bytes, sha256 },
    suites: {
      convert: {
        ...suite,
        totalSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
        targets: checked,
        ...(big ? { big } : {}),
        ...(wxr ? { wxr } : {}),
      },
    },
  };
  mkdirSync(dirname(options.convertOut), { recursive: true });
  writeFileSync(options.convertOut, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nwrote ${options.convertOut} (${results.suites.convert.totalSeconds} s)`);
}

await main();
