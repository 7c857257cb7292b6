// Prints the README's benchmark tables from bench/results.json and bench/results-convert.json,
// so the numbers in the README are always a copy of a recorded run:
//
//   node bench/readme-tables.mjs [RESULTS.json RESULTS-CONVERT.json]
//
// (default: the recorded results beside this script; `--quick` runs write theirs under bench/.corpus/).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describeStorage } from "./lib/harness.mjs";

const [parseFile, convertFile] = process.argv.slice(2);
const load = (file, fallback) => JSON.parse(readFileSync(file ? resolve(file) : new URL(fallback, import.meta.url), "utf8"));
const f = (n, d = 1) => (Number.isFinite(Number(n)) ? Number(n).toFixed(d) : "–");
const range = (m, d = 1) => `${f(m.median, d)} (${f(m.min, d)}–${f(m.max, d)})`;

function machine(r) {
  const m = r.machine;
  return `${r.date.slice(0, 10)}, ${m.cpuModel} × ${m.cpuCount}, Node ${m.node}, load ${m.loadAverage1m?.before ?? "?"}`;
}

const parse = load(parseFile, "./results.json");
const p = parse.suites.parse;
if (parse.quick || p.runs === 1) console.log("<!-- a --quick or single-run result: check that the benchmark runs, do not quote these numbers -->\n");
console.log(
  `**Parsing** (${parse.corpus.articles.toLocaleString("en")} articles, ${f(parse.corpus.bytes / 1e6, 2)} MB; ${p.runs} runs; ${machine(parse)}). All candidates find the same ${Object.values(p.counts)[0].total.toLocaleString("en")} shortcodes.\n`,
);
console.log("| candidate | MB/s, median (min–max) | time vs `@wordpress/shortcode` as is |");
console.log("| --- | --- | --- |");
const ref = p.results.find((r) => r.id === p.reference);
for (const r of p.results) console.log(`| ${r.label} | ${range(r.mbps)} | ${f(r.ms.median / ref.ms.median, 2)}× |`);

if (p.inProcess) {
  console.log(`\n**In-process, one thread, warm** (the library alone: no files, no process start-up; same run).\n`);
  console.log("| candidate | articles | MB | MB/s, median (min–max) | µs an article |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of p.inProcess)
    console.log(`| ${r.label} | ${r.articles.toLocaleString("en")} | ${f(r.bytes / 1e6, 2)} | ${range(r.mbps)} | ${f((r.ms.median * 1000) / r.articles, 0)} |`);
}

const conv = load(convertFile, "./results-convert.json");
const c = conv.suites.convert;
const where = conv.storage ? describeStorage(conv.storage) : conv.work?.startsWith("/dev/shm") ? `RAM disk (\`--work ${conv.work}\`)` : "disk";
console.log(
  `\n**Converting** (whole processes, ${c.runs} runs; ${machine(conv)}; outputs on ${where}${conv.storage?.ramDisk ? ` (\`--work ${conv.work}\`)` : ""}). ` +
    `${conv.diskStorage ? `The files on disk: ${describeStorage(conv.diskStorage)} (\`--disk-work\`). ` : ""}` +
    "Each corpus's floor is the fastest plain Node copy of the same bytes in the same run (marked **floor**).\n",
);
// Results recorded before the real-content suite have only the two seed-shaped corpora.
const corpora = c.corpora ?? {
  files: { label: "seed-shaped, as files", bytes: conv.corpus.bytes },
  ndjson: { label: "seed-shaped, as one NDJSON archive", bytes: conv.corpus.bytes },
};
for (const [corpus, info] of Object.entries(corpora)) {
  const size =
    corpus.startsWith("files") || corpus === "ndjson"
      ? `${conv.corpus.articles.toLocaleString("en")} articles, ${f(info.bytes / 1e6, 1)} MB`
      : `${info.records?.toLocaleString("en") ?? "?"} records, ${f(info.bytes / 1e6, 1)} MB of bodies${info.distinctRecords ? ` (${info.distinctRecords} distinct, repeated)` : ""}`;
  console.log(`| ${info.label}: ${size} | seconds, median (min–max) | MB/s | time vs floor | peak RSS MB |`);
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of c.results.filter((x) => x.corpus === corpus)) {
    const label = info.floor?.id === r.id ? `${r.label} — **floor**` : r.label;
    console.log(
      `| ${label} | ${range({ median: r.ms.median / 1000, min: r.ms.min / 1000, max: r.ms.max / 1000 }, 2)} | ${f(r.mbps.median)} | ${f(r.vsFloor, 2)}× | ${f(r.peakRssMb, 0)} |`,
    );
  }
  console.log("");
}
if (c.big) {
  const when = typeof c.bigMeasuredSeparately === "string" ? ` — measured separately: ${c.bigMeasuredSeparately}` : "";
  const what = c.big.source === "real" ? "of real WordPress bodies" : c.big.source === "wpgen" ? "of generated WordPress-shaped bodies" : "";
  const size = c.big.fileBytes ?? c.big.bytes;
  console.log(
    `**${size >= 1e9 ? `${f(size / 1e9, 2)} GB` : `${f(size / 1e6, 0)} MB`} NDJSON ${what}** (\`--big\`): ${f(c.big.ms / 1000, 0)} s (${f(c.big.mbps)} MB/s), peak RSS ${f(c.big.peakRssMb, 0)} MB, exit ${c.big.exitCode}${when}.\n`,
  );
}
const hasFiled = c.targets.some((t) => t.filed !== undefined);
console.log(hasFiled ? "| target | when filed | measured | verdict |" : "| target | measured | verdict |");
console.log(hasFiled ? "| --- | --- | --- | --- |" : "| --- | --- | --- |");
for (const t of c.targets) {
  const value = typeof t.value === "number" ? f(t.value, 2) : (t.value ?? "–");
  const verdict = t.verdict + (t.note ? ` (${t.note})` : "");
  console.log(hasFiled ? `| ${t.target} | ${t.filed ?? "–"} | ${value} | ${verdict} |` : `| ${t.target} | ${value} | ${verdict} |`);
}
