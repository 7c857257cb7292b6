/**
 * The convert suite (issue 5): whole-process timings of `shortcode-migrate convert` next to
 * the I/O floor and two baselines, on the corpus as files and as one NDJSON archive.
 *
 * Every candidate is a spawned process (`node …`), timed from spawn to exit and measured
 * round-robin like the parse suite (run 1 of every candidate, then run 2 …); peak RSS comes
 * from `/usr/bin/time -f %M` (whole process, every thread), else from a preloaded module
 * that prints `process.resourceUsage().maxRSS` at exit.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../lib/harness.mjs";

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = resolve(BENCH_DIR, "../bin/shortcode-migrate.js");
const BASELINE = resolve(BENCH_DIR, "lib/baseline.mjs");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * The candidates, in table order. `floor` of each corpus is the reference of its ratios.
 * `setup` runs once before the timed runs, `before` before each (neither is timed).
 */
export function convertCandidates({ corpusDir, work, cores }) {
  const files = join(corpusDir, "files");
  const ndjson = join(corpusDir, "archive.ndjson");
  const out = (id) => join(work, id);
  const fresh = (id) => () => rmSync(out(id), { recursive: true, force: true });
  const list = [];
  const baseline = (mode, label) => {
    list.push({ id: `${mode}-files`, corpus: "files", label: `${label}`, args: [BASELINE, mode, "--files", files, "--out", out(`${mode}-files`)], before: fresh(`${mode}-files`) });
    list.push({ id: `${mode}-ndjson`, corpus: "ndjson", label: `${label}`, args: [BASELINE, mode, "--ndjson", ndjson, "--out", out(`${mode}-ndjson`)], before: fresh(`${mode}-ndjson`) });
  };
  baseline("floor", "I/O floor: read + write unchanged");
  // Informative, files only: the floor with shortcode-migrate's way of writing (temporary name,
  // rename, one flush at the end), so a reader sees what the safety costs apart from converting.
  list.push({
    id: "floor-atomic-files", corpus: "files", label: "I/O floor, atomic writes (temp + rename + one flush)",
    args: [BASELINE, "floor-atomic", "--files", files, "--out", out("floor-atomic-files")], before: fresh("floor-atomic-files"),
  });
  baseline("regex", "core get_shortcode_regex() port, replace()");
  baseline("wp", "@wordpress/shortcode replace() (as is)");
  baseline("wp-cleared", "@wordpress/shortcode replace() (attrs cleared)");
  for (const to of ["markdown", "json"]) {
    for (const j of [1, cores]) {
      const id = `sm-${to}-j${j}`;
      list.push({
        id: `${id}-files`, corpus: "files", label: `shortcode-migrate convert --to ${to} -j ${j}`,
        args: [BIN, "convert", files, "--out-dir", out(`${id}-files`), "--to", to, "--concurrency", String(j), "--quiet"],
        before: fresh(`${id}-files`),
      });
      list.push({
        id: `${id}-ndjson`, corpus: "ndjson", label: `shortcode-migrate convert --to ${to} -j ${j}`,
        args: [BIN, "convert", ndjson, "--input-format", "ndjson", "--to", to, "--concurrency", String(j), "--quiet"],
        stdout: out(`${id}-ndjson.ndjson`),
      });
    }
  }
  const cacheFile = join(work, "cache.json");
  list.push({
    id: "sm-cached-files", corpus: "files", label: `shortcode-migrate convert --cache, nothing changed -j ${cores}`,
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
 * pass of the floors (so the corpus is in the page cache for everyone).
 */
export async function measureConvertSuite({ corpusDir, bytes, runs, only, work: workRoot = tmpdir(), onProgress = () => {} }) {
  const cores = availableParallelism();
  const work = mkdtempSync(join(workRoot, "smig-bench-"));
  try {
    let candidates = convertCandidates({ corpusDir, work, cores });
    if (only) candidates = candidates.filter((c) => only.some((o) => c.id.includes(o)));
    for (const c of candidates) if (c.setup) { onProgress(`setup ${c.id}`); await c.setup(); }
    for (const c of candidates.filter((c) => c.id.startsWith("floor-"))) { c.before?.(); settle(); await runOnce(c, work); }
    const samples = Object.fromEntries(candidates.map((c) => [c.id, []]));
    const peaks = Object.fromEntries(candidates.map((c) => [c.id, []]));
    for (let r = 1; r <= runs; r++) {
      for (const c of candidates) {
        onProgress(`run ${r}/${runs} ${c.id}`);
        c.before?.();
        settle();
        const result = await runOnce(c, work);
        if (result.code !== 0) throw new Error(`${c.id} exited ${result.code}: ${result.stderrTail}`);
        samples[c.id].push(result.ms);
        peaks[c.id].push(result.peakKb);
      }
    }
    const floors = { files: median(samples["floor-files"] ?? [NaN]), ndjson: median(samples["floor-ndjson"] ?? [NaN]) };
    const results = candidates.map((c) => {
      const ms = samples[c.id];
      const med = median(ms);
      return {
        id: c.id,
        corpus: c.corpus,
        label: c.label,
        samplesMs: ms.map((x) => Number(x.toFixed(1))),
        ms: { median: med, min: Math.min(...ms), max: Math.max(...ms) },
        mbps: { median: bytes / 1e3 / med, min: bytes / 1e3 / Math.max(...ms), max: bytes / 1e3 / Math.min(...ms) },
        vsFloor: med / floors[c.corpus],
        peakRssMb: Math.max(...peaks[c.id]) / 1024,
      };
    });
    return { cores, runs, rssSource: TIME ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS", results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `--big`: stream a ~1 GB NDJSON archive (generated once under bench/.corpus/, from the same
 * generator) through `convert --input-format ndjson` at all cores, output to /dev/null;
 * records the time and the peak RSS.
 */
export async function measureBig({ generateArticle, seed, cacheRoot, work: workRoot = tmpdir(), targetBytes = 1e9, onProgress = () => {} }) {
  const file = join(cacheRoot, `big-${targetBytes}-${seed}.ndjson`);
  let size = existsSync(file) ? statSync(file).size : 0;
  let records = 0;
  if (size < targetBytes) {
    onProgress("generating the 1 GB archive…");
    const fd = openSync(file, "w");
    size = 0;
    const { writeSync } = await import("node:fs");
    let chunk = "";
    while (size < targetBytes) {
      const { id, body } = generateArticle(seed, records++);
      const line = JSON.stringify({ id, body }) + "\n";
      chunk += line;
      size += Buffer.byteLength(line);
      if (chunk.length > 1 << 20) { writeSync(fd, chunk); chunk = ""; }
    }
    writeSync(fd, chunk);
    closeSync(fd);
  }
  const work = mkdtempSync(join(workRoot, "smig-big-"));
  try {
    onProgress("converting the 1 GB archive…");
    const result = await runOnce({ args: [BIN, "convert", file, "--input-format", "ndjson", "--quiet"], stdout: "/dev/null" }, work);
    return { file, bytes: size, ms: result.ms, mbps: size / 1e3 / result.ms, peakRssMb: result.peakKb / 1024, exitCode: result.code, cores: availableParallelism() };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
