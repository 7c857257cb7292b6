#!/usr/bin/env node
/**
 * Where `convert()` spends its time, in-process, one thread: a CPU profile (V8's sampling
 * profiler through `node:inspector`) of converting a set of bodies after a warm-up pass,
 * summed by function (self time) and by module (a package under node_modules, a file of
 * dist/src, node's internals, GC). The figure to put next to a target that is not met.
 *
 *   node bench/profile.mjs [--shape seed|wpgen|real] [--mb 2] [--top 25] [--seed S] [--out FILE.cpuprofile]
 *
 * `seed`: the seed-shaped corpus (default preset); `wpgen`: generated WordPress-shaped bodies;
 * `real`: the shared real bodies repeated (both with `preset: "wordpress"`). `--out` keeps the
 * raw profile for Chrome DevTools or speedscope. Needs the build (`npm run build`).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, generateArticle } from "./corpus.mjs";
import { formatTable } from "./lib/harness.mjs";
import { generateWordPressBody } from "./lib/wordpress-corpus.mjs";
import { SHARED_BODIES } from "./lib/real-corpus.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    shape: { type: "string", default: "wpgen" },
    mb: { type: "string", default: "2" },
    top: { type: "string", default: "25" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    out: { type: "string" },
  },
});
const fail = (message) => {
  console.error(`profile: ${message}`);
  process.exit(2);
};
if (!["seed", "wpgen", "real"].includes(values.shape)) fail(`--shape takes seed, wpgen or real, got ${JSON.stringify(values.shape)}`);
const targetBytes = Number(values.mb) * 1e6;
if (!(targetBytes > 0)) fail("--mb must be a positive number");

let api;
try {
  api = await import(pathToFileURL(resolve(ROOT, "dist/src/index.js")).href);
} catch (error) {
  fail(`cannot load dist/src/index.js (${error.message}); run \`npm run build\` first`);
}

/** The bodies of the shape, up to the size asked. */
async function bodies() {
  const seed = Number(values.seed);
  let next;
  if (values.shape === "seed") next = (i) => generateArticle(seed, i).body;
  else if (values.shape === "wpgen") next = (i) => generateWordPressBody(seed, i).body;
  else {
    const { existsSync, readdirSync, readFileSync } = await import("node:fs");
    if (!existsSync(SHARED_BODIES)) fail(`no real bodies at ${SHARED_BODIES}; use --shape wpgen`);
    const all = readdirSync(SHARED_BODIES)
      .filter((n) => n.endsWith(".ndjson"))
      .flatMap((n) =>
        readFileSync(resolve(SHARED_BODIES, n), "utf8")
          .split("\n")
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l).body),
      )
      .filter((b) => typeof b === "string" && b);
    next = (i) => all[i % all.length];
  }
  const list = [];
  for (let size = 0, i = 0; size < targetBytes; i++) {
    const body = next(i);
    list.push(body);
    size += Buffer.byteLength(body);
  }
  return list;
}

const list = await bodies();
const bytes = list.reduce((n, b) => n + Buffer.byteLength(b), 0);
const options = values.shape === "seed" ? { to: "markdown" } : { to: "markdown", preset: "wordpress" };
const pass = () => {
  for (const body of list) api.convert(body, options);
};
pass(); // warm-up: JIT, lazy imports, caches

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
const started = performance.now();
pass();
const ms = performance.now() - started;
const { profile } = await session.post("Profiler.stop");
session.disconnect();
if (values.out) writeFileSync(values.out, JSON.stringify(profile));

// Self time per node: the time deltas of the samples that landed on it. Samples inside the
// inspector's own calls (starting and stopping the profiler: the first sample's delta alone is
// tens of milliseconds) are not the conversion's and are left out.
const inspectorNodes = new Set();
const markInspector = (node, inside) => {
  const here = inside || node.callFrame.url === "node:inspector" || node.callFrame.url === "node:inspector/promises";
  if (here) inspectorNodes.add(node.id);
  for (const child of node.children ?? []) markInspector(nodesById.get(child), here);
};
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
markInspector(profile.nodes[0], false);
const selfUs = new Map();
profile.samples.forEach((id, i) => {
  if (!inspectorNodes.has(id)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** Which module a frame belongs to: a package, a file of ours, node itself, or V8's own. */
function moduleOf(url, functionName) {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "(node internals)";
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg) return pkg;
  return relative(ROOT, path);
}

/** A frame's file: inside its package (`mdast-util-to-markdown/lib/util/safe.js`), or relative to the project. */
function where(url) {
  if (url.startsWith("node:")) return url;
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  const inPackage = /.*node_modules\/(.+)$/.exec(path)?.[1];
  return inPackage ?? relative(ROOT, path);
}

const byFunction = new Map();
const byModule = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id);
  if (!us) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const module = moduleOf(url, functionName);
  const key = `${functionName || "(anonymous)"}  ${url ? `${where(url)}:${lineNumber + 1}` : module}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byModule.set(module, (byModule.get(module) ?? 0) + us);
}
const top = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => [name, (us / 1000).toFixed(0), `${((100 * us) / total).toFixed(1)}%`]);

console.log(
  `convert() to markdown, ${values.shape} bodies: ${list.length} bodies, ${(bytes / 1e6).toFixed(2)} MB in ${(ms / 1000).toFixed(2)} s (${(bytes / 1e3 / ms).toFixed(1)} MB/s, ${((ms * 1000) / list.length).toFixed(0)} µs a body; profiled, so slower than unprofiled)`,
);
console.log("\nby module (self time):");
console.log(formatTable(["module", "ms", "share"], top(byModule, 15)));
console.log(`\nby function (self time, top ${values.top}):`);
console.log(formatTable(["function  module:line", "ms", "share"], top(byFunction, Number(values.top))));
if (values.out) console.log(`\nwrote ${values.out} (open in Chrome DevTools → Performance, or speedscope)`);
