/**
 * The convert suite: whole-process timings of `shortcode-migrate convert` next to the I/O
 * floors and two baselines, on the seed-shaped corpus as files and as one NDJSON archive, and
 * on real-content NDJSON archives (the shared real WordPress bodies repeated, and generated
 * WordPress-shaped bodies) with `--preset wordpress`. The floor of each corpus is the fastest
 * plain Node copy measured in the same run (a synchronous loop, usually; the async copy is a row).
 *
 * Every candidate is a spawned process (`node …`), timed from spawn to exit and measured
 * round-robin like the parse suite (run 1 of every candidate, then run 2 …); peak RSS comes
 * from `/usr/bin/time -f %M` (whole process, every thread), else from a preloaded module
 * that prints `process.resourceUsage().maxRSS` at exit.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../lib/harness.mjs";

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = resolve(BENCH_DIR, "../bin/shortcode-migrate.js");
const BASELINE = resolve(BENCH_DIR, "lib/baseline.mjs");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** The corpora of the suite, in table order; `files`/`ndjson` are the seed-shaped corpus. */
export const CORPUS_LABELS = {
  files: "seed-shaped, as files",
  ndjson: "seed-shaped, as one NDJSON archive",
  real: "real WordPress bodies (shared corpus, repeated), NDJSON, --preset wordpress",
  wpgen: "generated WordPress-shaped bodies, NDJSON, --preset wordpress",
  "files-disk": "seed-shaped, as files, on disk (--disk-work)",
};

/**
 * The two floors of one input: the synchronous loop and the async copy (64 files in flight,
 * or readline + a write stream). Both are rows; the faster median of the run is the floor.
 */
function floors(list, corpus, input, out, fresh) {
  const flag = corpus.startsWith("files") ? "--files" : "--ndjson";
  for (const [mode, id, label] of [
    ["floor-sync", `floor-sync-${corpus}`, "I/O floor, synchronous: readFileSync/writeFileSync loop"],
    ["floor", `floor-async-${corpus}`, "I/O floor, async: fs/promises, 64 in flight"],
  ]) {
    const ndjsonLabel =
      mode === "floor-sync" ? "I/O floor, synchronous: 1 MiB readSync chunks cut at line ends, writeSync" : "I/O floor, async: readline + write stream";
    list.push({
      id,
      corpus,
      floor: true,
      label: flag === "--files" ? label : ndjsonLabel,
      args: [BASELINE, mode, flag, input, "--out", out(id)],
      before: fresh(id),
    });
  }
}

/**
 * The candidates of the seed-shaped corpus (files and NDJSON), in table order. The floor of
 * each corpus is the fastest of its `floor: true` rows. `setup` runs once before the timed
 * runs, `before` before each (neither is timed).
 */
export function convertCandidates({ corpusDir, work, cores }) {
  const files = join(corpusDir, "files");
  const ndjson = join(corpusDir, "archive.ndjson");
  const out = (id) => join(work, id);
  const fresh = (id) => () => rmSync(out(id), { recursive: true, force: true });
  const list = [];
  floors(list, "files", files, out, fresh);
  floors(list, "ndjson", ndjson, out, fresh);
  const baseline = (mode, label) => {
    list.push({
      id: `${mode}-files`,
      corpus: "files",
      label: `${label}`,
      args: [BASELINE, mode, "--files", files, "--out", out(`${mode}-files`)],
      before: fresh(`${mode}-files`),
    });
    list.push({
      id: `${mode}-ndjson`,
      corpus: "ndjson",
      label: `${label}`,
      args: [BASELINE, mode, "--ndjson", ndjson, "--out", out(`${mode}-ndjson`)],
      before: fresh(`${mode}-ndjson`),
    });
  };
  // Informative, files only: the async floor with shortcode-migrate's way of writing (temporary
  // name, rename, one flush at the end), so a reader sees what the safety costs apart from converting.
  list.push({
    id: "floor-atomic-files",
    corpus: "files",
    label: "I/O floor, async, atomic writes (temp + rename + one flush)",
    args: [BASELINE, "floor-atomic", "--files", files, "--out", out("floor-atomic-files")],
    before: fresh("floor-atomic-files"),
  });
  baseline("regex", "core get_shortcode_regex() port, replace()");
  baseline("wp", "@wordpress/shortcode replace() (as is)");
  baseline("wp-cleared", "@wordpress/shortcode replace() (attrs cleared)");
  for (const to of ["markdown", "json"]) {
    for (const j of [1, cores]) {
      const id = `sm-${to}-j${j}`;
      list.push({
        id: `${id}-files`,
        corpus: "files",
        label: `shortcode-migrate convert --to ${to} -j ${j}`,
        args: [BIN, "convert", files, "--out-dir", out(`${id}-files`), "--to", to, "--concurrency", String(j), "--quiet"],
        before: fresh(`${id}-files`),
      });
      list.push({
        id: `${id}-ndjson`,
        corpus: "ndjson",
        label: `shortcode-migrate convert --to ${to} -j ${j}`,
        args: [BIN, "convert", ndjson, "--input-format", "ndjson", "--to", to, "--concurrency", String(j), "--quiet"],
        stdout: out(`${id}-ndjson.ndjson`),
      });
    }
  }
  const cacheFile = join(work, "cache.json");
  list.push({
    id: "sm-cached-files",
    corpus: "files",
    label: `shortcode-migrate convert --cache, nothing changed -j ${cores}`,
    args: [BIN, "convert", files, "--out-dir", out("sm-cached-files"), "--cache-location", cacheFile, "--quiet"],
    setup: async () => {
      rmSync(out("sm-cached-files"), { recursive: true, force: true });
      rmSync(cacheFile, { force: true });
      const first = await runOnce({ args: [BIN, "convert", files, "--out-dir", out("sm-cached-files"), "--cache-location", cacheFile, "--quiet"] }, work);
      if (first.code !== 0) throw new Error(`the cache's first run exited ${first.code}: ${first.stderrTail}`);
    },
  });
  return list;
}

/**
 * `--disk-work`: the seed-shaped files read from and written to a disk folder, in the same run
 * as the rest (which `--work` may put on a RAM disk): both floors and `convert --to markdown`
 * at all cores, so the disk target has its own floor of the same run.
 */
export function diskCandidates({ corpusDir, work, cores }) {
  const files = join(corpusDir, "files");
  const out = (id) => join(work, id);
  const fresh = (id) => () => rmSync(out(id), { recursive: true, force: true });
  const list = [];
  floors(list, "files-disk", files, out, fresh);
  const id = `sm-markdown-j${cores}-files-disk`;
  list.push({
    id,
    corpus: "files-disk",
    label: `shortcode-migrate convert --to markdown -j ${cores}`,
    args: [BIN, "convert", files, "--out-dir", out(id), "--to", "markdown", "--concurrency", String(cores), "--quiet"],
    before: fresh(id),
  });
  return list;
}

/**
 * The candidates of one real-content NDJSON archive (`corpus`: `real` or `wpgen`): both
 * floors, and `convert --to markdown --preset wordpress` at one and at all cores, to stdout.
 * A record the converter refuses still comes out (passed through), so the exit code is 0 or 1.
 */
export function realCandidates({ corpus, file, work, cores }) {
  const out = (id) => join(work, id);
  const fresh = (id) => () => rmSync(out(id), { recursive: true, force: true });
  const list = [];
  floors(list, corpus, file, out, fresh);
  for (const j of [1, cores]) {
    const id = `sm-markdown-j${j}-${corpus}`;
    list.push({
      id,
      corpus,
      label: `shortcode-migrate convert --to markdown --preset wordpress -j ${j}`,
      okCodes: [0, 1],
      args: [BIN, "convert", file, "--input-format", "ndjson", "--preset", "wordpress", "--to", "markdown", "--concurrency", String(j), "--quiet"],
      stdout: out(`${id}.ndjson`),
    });
  }
  return list;
}

/**
 * Before each timed run (untimed): flush what earlier runs wrote and deleted, so no candidate
 * pays on its clock for the disk work of the one before it. Measured on the shared benchmark
 * machine, without it the floor's own time swung 2.3–9.8 s depending on what ran before it.
 */
function settle() {
  try {
    execFileSync("sync", { stdio: "ignore" });
  } catch {
    // no `sync` (Windows): nothing to settle with
  }
}

/** Spawn one candidate; returns { ms, peakKb, code, stderrTail }. */
export async function runOnce(candidate, work) {
  const rssFile = join(work, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const [command, args] = TIME
    ? [TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...candidate.args]]
    : [process.execPath, ["--import", writePreload(work), ...candidate.args]];
  const stdoutFd = candidate.stdout ? openSync(candidate.stdout, "w") : "ignore";
  const stderrFile = join(work, "stderr.txt");
  const stderrFd = openSync(stderrFile, "w");
  const started = process.hrtime.bigint();
  const code = await new Promise((resolveExit, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", stdoutFd, stderrFd], env: { ...process.env, NO_COLOR: "1" } });
    child.on("error", reject);
    child.on("close", (exitCode) => resolveExit(exitCode ?? -1));
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (typeof stdoutFd === "number") closeSync(stdoutFd);
  closeSync(stderrFd);
  const stderr = readFileSync(stderrFile, "utf8");
  let peakKb = NaN;
  if (TIME) peakKb = Number(readFileSync(rssFile, "utf8").trim().split("\n").at(-1));
  else peakKb = Number(/maxrss:(\d+)/.exec(stderr)?.[1]);
  return { ms, peakKb, code, stderrTail: stderr.trim().split("\n").slice(-2).join(" | ") };
}

function writePreload(work) {
  const file = join(work, "maxrss.mjs");
  if (!existsSync(file)) writeFileSync(file, 'process.on("exit", () => process.stderr.write(`\\nmaxrss:${process.resourceUsage().maxRSS}\\n`));\n');
  return file;
}

/**
 * Measure every candidate `runs` times, round-robin, after their setups and one untimed
 * pass of the floors (so the inputs are in the page cache for everyone). `real` lists the
 * real-content archives (`{ corpus, file, bytes }`); `bytes` is the body size of the
 * seed-shaped corpus. Each corpus's floor is its fastest floor row (median) of this run.
 */
export async function measureConvertSuite({ corpusDir, bytes, real = [], disk, runs, only, work: workRoot = tmpdir(), onProgress = () => {} }) {
  const cores = availableParallelism();
  const work = mkdtempSync(join(workRoot, "smig-bench-"));
  const diskWork = disk ? mkdtempSync(join(disk.work, "smig-bench-disk-")) : undefined;
  try {
    let candidates = [
      ...(corpusDir ? convertCandidates({ corpusDir, work, cores }) : []),
      ...(disk ? diskCandidates({ corpusDir: disk.corpusDir, work: diskWork, cores }) : []),
      ...real.flatMap((r) => realCandidates({ corpus: r.corpus, file: r.file, work, cores })),
    ];
    // --only keeps the floors of the corpora it touches: every ratio needs its floor.
    if (only) {
      const picked = candidates.filter((c) => only.some((o) => c.id.includes(o)));
      const corpora = new Set(picked.map((c) => c.corpus));
      candidates = candidates.filter((c) => picked.includes(c) || (c.floor && corpora.has(c.corpus)));
    }
    const bytesOf = { files: bytes, ndjson: bytes, "files-disk": bytes, ...Object.fromEntries(real.map((r) => [r.corpus, r.bytes])) };
    for (const c of candidates)
      if (c.setup) {
        onProgress(`setup ${c.id}`);
        await c.setup();
      }
    for (const c of candidates.filter((c) => c.floor)) {
      c.before?.();
      settle();
      await runOnce(c, work);
    }
    const samples = Object.fromEntries(candidates.map((c) => [c.id, []]));
    const peaks = Object.fromEntries(candidates.map((c) => [c.id, []]));
    for (let r = 1; r <= runs; r++) {
      for (const c of candidates) {
        onProgress(`run ${r}/${runs} ${c.id}`);
        c.before?.();
        settle();
        const result = await runOnce(c, work);
        if (!(c.okCodes ?? [0]).includes(result.code)) throw new Error(`${c.id} exited ${result.code}: ${result.stderrTail}`);
        samples[c.id].push(result.ms);
        peaks[c.id].push(result.peakKb);
      }
    }
    // The floor of each corpus: the fastest of its floor rows, by median, in this run.
    const floorOf = {};
    for (const c of candidates.filter((c) => c.floor)) {
      const med = median(samples[c.id]);
      if (!floorOf[c.corpus] || med < floorOf[c.corpus].ms) floorOf[c.corpus] = { id: c.id, label: c.label, ms: med };
    }
    const results = candidates.map((c) => {
      const ms = samples[c.id];
      const med = median(ms);
      const size = bytesOf[c.corpus];
      return {
        id: c.id,
        corpus: c.corpus,
        label: c.label,
        samplesMs: ms.map((x) => Number(x.toFixed(1))),
        ms: { median: med, min: Math.min(...ms), max: Math.max(...ms) },
        mbps: { median: size / 1e3 / med, min: size / 1e3 / Math.max(...ms), max: size / 1e3 / Math.min(...ms) },
        vsFloor: med / (floorOf[c.corpus]?.ms ?? NaN),
        peakRssMb: Math.max(...peaks[c.id]) / 1024,
      };
    });
    return {
      cores,
      runs,
      rssSource: TIME ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS",
      corpora: Object.fromEntries(
        [...new Set(candidates.map((c) => c.corpus))].map((corpus) => [
          corpus,
          { label: CORPUS_LABELS[corpus], bytes: bytesOf[corpus], floor: floorOf[corpus], ...(real.find((r) => r.corpus === corpus)?.info ?? {}) },
        ]),
      ),
      results,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (diskWork) rmSync(diskWork, { recursive: true, force: true });
  }
}

/**
 * `--big`: stream an NDJSON archive of real bodies (`file`, about `bytes` large: the shared
 * bodies repeated, or the generated WordPress-shaped ones without them) through
 * `convert --input-format ndjson --preset wordpress` at all cores, output to /dev/null;
 * records the time and the peak RSS of the whole process.
 */
export async function measureBig({ file, bytes, fileBytes, source, work: workRoot = tmpdir(), onProgress = () => {} }) {
  const work = mkdtempSync(join(workRoot, "smig-big-"));
  try {
    onProgress(`converting ${(fileBytes / 1e6).toFixed(0)} MB of NDJSON…`);
    const result = await runOnce({ args: [BIN, "convert", file, "--input-format", "ndjson", "--preset", "wordpress", "--quiet"], stdout: "/dev/null" }, work);
    return {
      file,
      source,
      bytes,
      fileBytes,
      ms: result.ms,
      mbps: bytes / 1e3 / result.ms,
      peakRssMb: result.peakKb / 1024,
      exitCode: result.code,
      cores: availableParallelism(),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `--wxr`: a generated WordPress export (`file`, Sözcü-shaped posts, see
 * `bench/lib/wxr-export.mjs`) converted with `--out-dir` (a markdown file with front matter
 * per post, galleries rendered from its attachments) at all cores; records the time and the
 * peak RSS of the whole process. The output folder is removed afterwards.
 */
export async function measureWxr({ file, posts, bytes, fileBytes, work: workRoot = tmpdir(), onProgress = () => {} }) {
  const work = mkdtempSync(join(workRoot, "smig-wxr-"));
  try {
    onProgress(`converting a ${(fileBytes / 1e6).toFixed(0)} MB WordPress export…`);
    const outDir = join(work, "out");
    const result = await runOnce({ args: [BIN, "convert", file, "--out-dir", outDir, "--quiet"] }, work);
    return {
      file,
      posts,
      bytes,
      fileBytes,
      ms: result.ms,
      mbps: fileBytes / 1e3 / result.ms,
      peakRssMb: result.peakKb / 1024,
      exitCode: result.code,
      cores: availableParallelism(),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
