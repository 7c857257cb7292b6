// Prints the README's benchmark tables from bench/results.json and bench/results-convert.json,
// so the numbers in the README are always a copy of a recorded run: node bench/readme-tables.mjs
import { readFileSync } from "node:fs";

const load = (name) => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8"));
const f = (n, d = 1) => Number(n).toFixed(d);
const range = (m, d = 1) => `${f(m.median, d)} (${f(m.min, d)}–${f(m.max, d)})`;

function machine(r) {
  const m = r.machine;
  return `${r.date.slice(0, 10)}, ${m.cpuModel} × ${m.cpuCount}, Node ${m.node}, load ${m.loadAverage1m?.before ?? "?"}`;
}

const parse = load("./results.json");
const p = parse.suites.parse;
console.log(`**Parsing** (${parse.corpus.articles.toLocaleString("en")} articles, ${f(parse.corpus.bytes / 1e6, 2)} MB; ${p.runs} runs; ${machine(parse)}). All candidates find the same ${Object.values(p.counts)[0].total.toLocaleString("en")} shortcodes.\n`);
console.log("| candidate | MB/s, median (min–max) | time vs `@wordpress/shortcode` as is |");
console.log("| --- | --- | --- |");
const ref = p.results.find((r) => r.id === p.reference);
for (const r of p.results) console.log(`| ${r.label} | ${range(r.mbps)} | ${f(r.ms.median / ref.ms.median, 2)}× |`);

const conv = load("./results-convert.json");
const c = conv.suites.convert;
console.log(`\n**Converting** (${conv.corpus.articles.toLocaleString("en")} articles, ${f(conv.corpus.bytes / 1e6, 1)} MB, as files and as one NDJSON file; whole processes, ${c.runs} runs; ${machine(conv)}${conv.work?.startsWith("/dev/shm") ? `; corpus and outputs on a RAM disk (\`--work ${conv.work}\`)` : ""}).\n`);
for (const corpus of ["files", "ndjson"]) {
  console.log(`| ${corpus === "files" ? "as files" : "as one NDJSON archive"} | seconds, median (min–max) | MB/s | time vs I/O floor | peak RSS MB |`);
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of c.results.filter((x) => x.corpus === corpus)) {
    console.log(`| ${r.label} | ${range({ median: r.ms.median / 1000, min: r.ms.min / 1000, max: r.ms.max / 1000 }, 2)} | ${f(r.mbps.median)} | ${f(r.vsFloor, 2)}× | ${f(r.peakRssMb, 0)} |`);
  }
  console.log("");
}
if (c.big) {
  const when = typeof c.bigMeasuredSeparately === "string" ? ` — measured separately: ${c.bigMeasuredSeparately}` : "";
  console.log(`**1 GB NDJSON** (\`--big\`): ${f(c.big.bytes / 1e9, 2)} GB in ${f(c.big.ms / 1000, 0)} s (${f(c.big.mbps)} MB/s), peak RSS ${f(c.big.peakRssMb, 0)} MB, exit ${c.big.exitCode}${when}.\n`);
}
console.log("| target | measured | verdict |");
console.log("| --- | --- | --- |");
for (const t of c.targets) console.log(`| ${t.target} | ${typeof t.value === "number" ? f(t.value, 2) : t.value} | ${t.verdict} |`);
