#!/usr/bin/env node
/**
 * A/B in one process: this working tree's build against the build of an older commit, the
 * library's `convert()` timed in alternating rounds over the same bodies. The figure to quote
 * for "not slower than <commit>": both sides see the same machine at nearly the same moment,
 * so a neighbour that slows the machine for a while slows both halves of a round alike.
 *
 *   node bench/compare.mjs --ref <commit> [--shape seed|wpgen|real] [--to markdown|json]
 *                          [--rounds 21] [--warmup 3] [--mb 1.4] [--seed S] [--json FILE]
 *                          [--clock time|instructions] [--passes 6] [--warm 4]
 *
 * The commit is extracted with `git archive` into a cache folder (default
 * `$TMPDIR/shortcode-migrate-compare/<sha>`, `--cache DIR`), given this tree's `node_modules`
 * by a symlink when its package-lock.json is the same (else its own `npm ci`), and built once
 * (`tsc -p tsconfig.build.json`); later runs reuse that build. This side is `dist/` of the
 * working tree: run `npm run build` first (a build older than a source file is refused).
 *
 * Bodies: `seed` is the seed-shaped corpus (`corpus.mjs`) with default options (`convert(body,
 * { to })`, the shape of the project's benchmark); `wpgen` the generated WordPress-shaped bodies
 * and `real` the shared real bodies repeated, both with `preset: "wordpress"`. Up to `--mb`
 * megabytes of each (default 1.4: about 400 seed-shaped articles).
 *
 * Each round times one pass of each side (the order alternating from round to round, a full GC
 * before each pass), as wall time and as CPU time of the process (`process.cpuUsage()`, user +
 * system: less sensitive to other processes taking the core than wall time is). Printed: each
 * side's median MB/s, the ratio of the medians (this tree's time / the commit's time: below 1
 * is faster), and the spread of the ratio over the paired rounds (min, quartiles, max).
 *
 * `--clock instructions [--passes 6]`: instead of timing, each side's instructions per pass
 * counted by valgrind (see {@link countInstructions}): the figure that a busy machine cannot move.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, generateArticle } from "./corpus.mjs";
import { collectGarbage, median } from "./lib/harness.mjs";
import { SHARED_BODIES } from "./lib/real-corpus.mjs";
import { generateWordPressBody } from "./lib/wordpress-corpus.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    ref: { type: "string" },
    shape: { type: "string", default: "seed" },
    to: { type: "string", default: "markdown" },
    rounds: { type: "string", default: "21" },
    warmup: { type: "string", default: "3" },
    mb: { type: "string", default: "1.4" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    cache: { type: "string", default: join(tmpdir(), "shortcode-migrate-compare") },
    json: { type: "string" },
    clock: { type: "string", default: "time" },
    passes: { type: "string", default: "6" },
    warm: { type: "string", default: "4" },
    child: { type: "string" },
  },
});
const fail = (message) => {
  console.error(`compare: ${message}`);
  process.exit(2);
};
if (!values.ref && !values.child) fail("--ref <commit> is required (e.g. --ref ca7ad70)");
if (!["seed", "wpgen", "real"].includes(values.shape)) fail(`--shape takes seed, wpgen or real, got ${JSON.stringify(values.shape)}`);
if (!["markdown", "json"].includes(values.to)) fail(`--to takes markdown or json, got ${JSON.stringify(values.to)}`);
if (!["time", "instructions"].includes(values.clock)) fail(`--clock takes time or instructions, got ${JSON.stringify(values.clock)}`);
const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
const targetBytes = Number(values.mb) * 1e6;
if (!(Number.isInteger(rounds) && rounds >= 3)) fail(`--rounds must be an integer ≥ 3, got ${JSON.stringify(values.rounds)}`);
if (!(Number.isInteger(warmup) && warmup >= 0)) fail(`--warmup must be an integer ≥ 0, got ${JSON.stringify(values.warmup)}`);
if (!(targetBytes > 0)) fail(`--mb must be a positive number, got ${JSON.stringify(values.mb)}`);

const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();

/** The commit's build folder, extracted and built on first use. */
function buildOf(ref) {
  let sha;
  try {
    sha = git("rev-parse", "--verify", `${ref}^{commit}`);
  } catch {
    fail(`${JSON.stringify(ref)} is not a commit of ${ROOT}`);
  }
  const dir = join(values.cache, sha);
  const entry = join(dir, "dist/src/index.js");
  if (existsSync(join(dir, ".built"))) return { sha, dir, entry };
  rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  console.error(`compare: extracting ${sha.slice(0, 10)} into ${dir}`);
  execFileSync("sh", ["-c", `git archive --format=tar "${sha}" | tar -x -C "${partial}"`], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  const ownLock = join(ROOT, "package-lock.json");
  const theirLock = join(partial, "package-lock.json");
  const sameDeps = existsSync(theirLock) && readFileSync(theirLock, "utf8") === readFileSync(ownLock, "utf8");
  if (sameDeps) {
    symlinkSync(join(ROOT, "node_modules"), join(partial, "node_modules"), "dir");
  } else {
    console.error("compare: its package-lock.json differs from this tree's: npm ci (no scripts)");
    execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: partial, stdio: ["ignore", "inherit", "inherit"] });
  }
  console.error("compare: building it (tsc -p tsconfig.build.json)");
  execFileSync(process.execPath, [join(partial, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: partial,
    stdio: ["ignore", "inherit", "inherit"],
  });
  writeFileSync(join(partial, ".built"), `${sha}\n`);
  renameSync(partial, dir);
  return { sha, dir, entry };
}

/** The newest modification time under `dir` of files ending in `ext`. */
function newest(dir, ext) {
  let time = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) time = Math.max(time, newest(path, ext));
    else if (name.name.endsWith(ext)) time = Math.max(time, statSync(path).mtimeMs);
  }
  return time;
}

/** This tree's build, refused when a source file is newer than it. */
function ownBuild() {
  const entry = join(ROOT, "dist/src/index.js");
  if (!existsSync(entry)) fail("no dist/src/index.js in this tree: run `npm run build` first");
  const built = newest(join(ROOT, "dist"), ".js");
  const source = Math.max(newest(join(ROOT, "src"), ".ts"), newest(join(ROOT, "grammar"), ".ts"));
  if (source > built) fail("a source file is newer than dist/: run `npm run build` first");
  let head = "working tree";
  try {
    head = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "src", "grammar") ? "+changes" : ""}`;
  } catch {
    // not a git checkout: keep the plain label
  }
  return { label: head, entry };
}

/** The bodies of the shape, up to the size asked. */
function bodies() {
  const seed = Number(values.seed);
  let next;
  if (values.shape === "seed") next = (i) => generateArticle(seed, i).body;
  else if (values.shape === "wpgen") next = (i) => generateWordPressBody(seed, i).body;
  else {
    if (!existsSync(SHARED_BODIES)) fail(`no real bodies at ${SHARED_BODIES}; use --shape seed or wpgen`);
    const all = readdirSync(SHARED_BODIES)
      .filter((n) => n.endsWith(".ndjson"))
      .sort()
      .flatMap((n) =>
        readFileSync(join(SHARED_BODIES, n), "utf8")
          .split("\n")
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l).body),
      )
      .filter((b) => typeof b === "string" && b);
    next = (i) => all[i % all.length];
  }
  const list = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const body = next(i);
    list.push(body);
    size += Buffer.byteLength(body);
  }
  return { list, bytes: size };
}

const options = values.shape === "seed" ? { to: values.to } : { to: values.to, preset: "wordpress" };
if (values.child) {
  // One side under valgrind (--clock instructions): --warm passes, then --passes passes, nothing else.
  const api = await import(pathToFileURL(values.child).href);
  const { list } = bodies();
  const passes = Number(values.passes);
  for (let i = 0; i < Number(values.warm) + passes; i++) for (const body of list) api.convert(body, options);
  process.exit(0);
}
const ref = buildOf(values.ref);
const own = ownBuild();
if (values.clock === "instructions") {
  await countInstructions();
  process.exit(0);
}
const A = await import(pathToFileURL(ref.entry).href);
const B = await import(pathToFileURL(own.entry).href);
const { list, bytes } = bodies();

/** One pass of `api` over the bodies: [wall seconds, CPU seconds]. */
function pass(api) {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < list.length; i++) api.convert(list[i], options);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1e6];
}

// Outputs compared once (informative: the commits may differ in behaviour on purpose).
let differing = 0;
for (const body of list) if (A.convert(body, options).output !== B.convert(body, options).output) differing++;

const load = [loadavg()[0]];
for (let i = 0; i < warmup; i++) {
  pass(A);
  pass(B);
}
const samples = { A: { wall: [], cpu: [] }, B: { wall: [], cpu: [] } };
for (let round = 0; round < rounds; round++) {
  // alternate who goes first, so neither side always runs on the other's leftovers
  for (const side of round % 2 ? ["B", "A"] : ["A", "B"]) {
    const [wall, cpu] = pass(side === "A" ? A : B);
    samples[side].wall.push(wall);
    samples[side].cpu.push(cpu);
  }
  process.stderr.write(`\rcompare: round ${round + 1}/${rounds}`);
}
process.stderr.write("\n");
load.push(loadavg()[0]);

const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
};
const summary = {};
for (const clock of ["cpu", "wall"]) {
  const a = samples.A[clock];
  const b = samples.B[clock];
  const paired = b.map((t, i) => t / a[i]);
  summary[clock] = {
    refMBs: bytes / 1e6 / median(a),
    ownMBs: bytes / 1e6 / median(b),
    ratio: median(b) / median(a),
    paired: { min: Math.min(...paired), q1: quantile(paired, 0.25), median: median(paired), q3: quantile(paired, 0.75), max: Math.max(...paired) },
  };
}

const f = (x, d = 3) => x.toFixed(d);
console.log(
  `convert() to ${values.to}, ${values.shape} bodies${options.preset ? ` (preset ${options.preset})` : " (default options)"}: ${list.length} bodies, ${f(bytes / 1e6, 2)} MB, ${rounds} rounds after ${warmup} warm-up, load ${f(load[0], 2)} → ${f(load[1], 2)}`,
);
console.log(`ref ${values.ref} = ${ref.sha.slice(0, 10)} (${ref.dir}); this tree = ${own.label}; outputs that differ: ${differing} of ${list.length}`);
for (const clock of ["cpu", "wall"]) {
  const s = summary[clock];
  const p = s.paired;
  console.log(
    `${clock.padEnd(4)}  ref ${f(s.refMBs, 1)} MB/s  this ${f(s.ownMBs, 1)} MB/s  time ratio this/ref ${f(s.ratio)} (${f(1 / s.ratio, 2)}× as fast)` +
      `  paired rounds: min ${f(p.min)}  q1 ${f(p.q1)}  median ${f(p.median)}  q3 ${f(p.q3)}  max ${f(p.max)}`,
  );
}
if (values.json) {
  writeFileSync(
    values.json,
    `${JSON.stringify({ date: new Date().toISOString(), ref: ref.sha, own: own.label, shape: values.shape, to: values.to, options, bodies: list.length, bytes, rounds, warmup, load, differing, samples, summary }, null, 2)}\n`,
  );
}

/**
 * `--clock instructions`: each side's instructions per pass, counted by valgrind (cachegrind,
 * no cache simulation) in a child process that warms up and then makes 0 or `--passes` passes:
 * the difference over the passes. Deterministic to a fraction of a percent whatever else the
 * machine runs (the JIT tiers up by call counts, not by time), so it is the figure to take on a
 * busy machine; it is not time (cache misses and the collector's threads count differently).
 * Valgrind counts every thread: with V8's background compiles and collector helpers the counts
 * of one build varied by 15% from run to run (198M and 233M), so the child runs with
 * `--single-threaded` (no background threads; the work is done on the main thread instead).
 * A body set too small to reach the JIT's steady state in the warm-up measures compiling, not
 * converting: keep `--mb` ≥ 0.5 and `--passes` ≥ 6 (on seed bodies, 0.05 MB and 1 pass gave
 * nonsense). About 20 times slower than a timed run (default `--mb` here 0.7: ~5 minutes).
 */
async function countInstructions() {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const run = promisify(execFile);
  const passes = Number(values.passes);
  if (!(Number.isInteger(passes) && passes >= 1)) fail(`--passes must be an integer ≥ 1, got ${JSON.stringify(values.passes)}`);
  const warm = Number(values.warm);
  if (!(Number.isInteger(warm) && warm >= 0)) fail(`--warm must be an integer ≥ 0, got ${JSON.stringify(values.warm)}`);
  const mb = process.argv.includes("--mb") ? values.mb : "0.7";
  const count = async (entry, n) => {
    const args = [
      "--tool=cachegrind",
      "--cache-sim=no",
      "--cachegrind-out-file=/dev/null",
      process.execPath,
      "--single-threaded",
      fileURLToPath(import.meta.url),
      "--child",
      entry,
      "--passes",
      String(n),
      "--warm",
      String(warm),
      "--shape",
      values.shape,
      "--to",
      values.to,
      "--mb",
      mb,
      "--seed",
      values.seed,
    ];
    let stderr;
    try {
      ({ stderr } = await run("valgrind", args, { maxBuffer: 1 << 26 }));
    } catch (error) {
      fail(
        error.code === "ENOENT"
          ? "--clock instructions needs valgrind (e.g. apt-get install valgrind)"
          : `valgrind failed: ${String(error.stderr ?? error.message).slice(-400)}`,
      );
    }
    const found = /I\s+refs:\s+([\d,]+)/.exec(stderr);
    if (!found) fail(`no instruction count in valgrind's output: ${stderr.slice(-400)}`);
    return Number(found[1].replaceAll(",", ""));
  };
  console.error(`compare: counting instructions under valgrind (4 runs, a few minutes each)`);
  const [a0, aN, b0, bN] = await Promise.all([count(ref.entry, 0), count(ref.entry, passes), count(own.entry, 0), count(own.entry, passes)]);
  const refPerPass = (aN - a0) / passes;
  const ownPerPass = (bN - b0) / passes;
  const f = (x) => `${(x / 1e6).toFixed(1)}M`;
  console.log(
    `convert() to ${values.to}, ${values.shape} bodies${options.preset ? ` (preset ${options.preset})` : " (default options)"}, ${mb} MB, instructions per pass (valgrind: a run of ${warm} warm-up + ${passes} passes minus a run of the ${warm} warm-up alone, over ${passes}):`,
  );
  console.log(
    `ref ${values.ref} = ${ref.sha.slice(0, 10)}: ${f(refPerPass)}   this tree = ${own.label}: ${f(ownPerPass)}   ratio this/ref ${(ownPerPass / refPerPass).toFixed(3)}`,
  );
  if (values.json)
    writeFileSync(
      values.json,
      `${JSON.stringify({ date: new Date().toISOString(), clock: "instructions", ref: ref.sha, own: own.label, shape: values.shape, to: values.to, mb: Number(mb), warm, passes, counts: { ref: [a0, aN], own: [b0, bN] }, refPerPass, ownPerPass }, null, 2)}\n`,
    );
}
