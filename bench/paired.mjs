#!/usr/bin/env node
/**
 * Paired runs: the I/O floor and `convert --to markdown` on the same folder of articles, one
 * after the other, N times (floor, convert, floor, convert, …), each into a fresh output folder
 * after a `sync`. The ratio is taken pair by pair, so a machine (or disk) that changes speed
 * for minutes at a time moves both halves of a pair alike; its median is the figure to quote.
 * The convert suite's medians of separate candidates are not robust to that (see the README).
 *
 *   node bench/paired.mjs [--dir FOLDER] [--pairs 6] [--concurrency N] [--work DIR] [--floor sync|async]
 *
 * --floor: the synchronous readFileSync/writeFileSync loop (default; the fastest plain copy,
 * the convert suite's floor) or the async copy with 64 files in flight.
 *
 * --dir defaults to the convert suite's corpus (bench/.corpus/20000-20201010-v1/files; run
 * `npm run bench` or `node bench/corpus.mjs` first). Put it and --work on a RAM disk
 * (e.g. /dev/shm) to leave the disk out.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    dir: { type: "string", default: join(ROOT, "bench/.corpus/20000-20201010-v1/files") },
    pairs: { type: "string", default: "6" },
    concurrency: { type: "string", default: String(availableParallelism()) },
    work: { type: "string", default: tmpdir() },
    floor: { type: "string", default: "sync" },
  },
});
if (!["sync", "async"].includes(values.floor)) {
  console.error(`--floor takes sync or async, got ${JSON.stringify(values.floor)}`);
  process.exit(2);
}
if (!existsSync(values.dir)) {
  console.error(`no corpus at ${values.dir}: run \`node bench/corpus.mjs --articles 20000 --out DIR\` and pass --dir DIR/files`);
  process.exit(2);
}
const work = mkdtempSync(join(values.work, "smig-paired-"));
const out = join(work, "out");
const commands = {
  floor: [join(ROOT, "bench/lib/baseline.mjs"), values.floor === "sync" ? "floor-sync" : "floor", "--files", values.dir, "--out", out],
  convert: [
    join(ROOT, "bin/shortcode-migrate.js"),
    "convert",
    values.dir,
    "--out-dir",
    out,
    "--to",
    "markdown",
    "--concurrency",
    values.concurrency,
    "--quiet",
  ],
};

/** Seconds of one whole process, from a fresh output folder and a flushed disk. */
function run(args) {
  rmSync(out, { recursive: true, force: true });
  execFileSync("sync");
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`${args.slice(0, 2).join(" ")} exited ${child.status}: ${String(child.stderr).slice(-400)}`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  run(commands.floor); // warm-up: the inputs into the page cache
  run(commands.convert);
  const floor = [];
  const convert = [];
  for (let i = 0; i < Number(values.pairs); i++) {
    floor.push(run(commands.floor));
    convert.push(run(commands.convert));
  }
  const ratios = convert.map((c, i) => c / floor[i]);
  const show = (xs, d = 2) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
  console.log(`corpus ${values.dir}, work ${values.work}, ${values.pairs} pairs, convert at --concurrency ${values.concurrency}, ${values.floor} floor`);
  console.log(`floor    s ${show(floor)}`);
  console.log(`convert  s ${show(convert)}`);
  console.log(`ratio pair by pair: ${show(ratios)}   (targets against the sync floor: ≤ 2 on a RAM disk, ≤ 1.5 on disk)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
