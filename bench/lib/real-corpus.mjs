/**
 * The real-content corpora of the convert suite, each one NDJSON archive of WordPress bodies:
 *
 *   real   the shared real bodies (`../shared/realworld/bodies/*.ndjson` relative to the
 *          project root: posts and pages of real WordPress exports), repeated to the size
 *          asked, every repeat with its own id (`<id>~<n>`), every other field as it was.
 *          Absent in a clone of the project alone: then it is skipped with a notice.
 *   wpgen  bodies from the deterministic generator of WordPress shapes
 *          (`wordpress-corpus.mjs`), so the suite runs from a clone alone.
 *
 * Both are written once under the corpus cache (git-ignored) and rewritten only when their
 * manifest (source hash, size, generator version) does not match.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateWordPressBody, WORDPRESS_GENERATOR_VERSION } from "./wordpress-corpus.mjs";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the shared real bodies are, relative to the project root. */
export const SHARED_BODIES = resolve(PROJECT_ROOT, "../shared/realworld/bodies");

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/**
 * Write `targetBytes` of NDJSON (whole records; the last one may pass the target) from
 * `nextRecord(i)` → object with a string `body`. Returns `{ records, bytes, fileBytes }`
 * (`bytes`: UTF-8 size of the bodies, what MB/s are computed on).
 */
function writeArchive(file, targetBytes, nextRecord) {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  let fileBytes = 0;
  let bytes = 0;
  let records = 0;
  let chunk = "";
  try {
    while (fileBytes < targetBytes) {
      const record = nextRecord(records++);
      const line = JSON.stringify(record) + "\n";
      chunk += line;
      fileBytes += Buffer.byteLength(line);
      bytes += Buffer.byteLength(record.body);
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { records, bytes, fileBytes };
}

function cached(file, manifestFile, key, make) {
  const manifest = readManifest(manifestFile);
  if (existsSync(file) && manifest && manifest.key === key) return { ...manifest, file, cached: true };
  const written = make();
  const result = { key, ...written };
  writeFileSync(manifestFile, JSON.stringify(result, null, 2) + "\n");
  return { ...result, file, cached: false };
}

/**
 * The shared real bodies repeated to `targetBytes` of NDJSON, or `null` (with `reason`) when
 * the folder is absent. Returns `{ file, records, bytes, fileBytes, sources, cached }`.
 */
export function prepareRealArchive({ cacheRoot, targetBytes, bodiesDir = SHARED_BODIES }) {
  if (!existsSync(bodiesDir)) return { skipped: `no real bodies at ${bodiesDir} (the shared realworld corpus is not part of the project)` };
  const sources = readdirSync(bodiesDir)
    .filter((name) => name.endsWith(".ndjson"))
    .sort();
  const records = [];
  const hash = createHash("sha256");
  for (const name of sources) {
    const text = readFileSync(join(bodiesDir, name), "utf8");
    hash.update(name).update("\0").update(text);
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const record = JSON.parse(line);
      if (typeof record.body === "string" && record.body.length > 0) records.push(record);
    }
  }
  if (records.length === 0) return { skipped: `no records with a body in ${bodiesDir}` };
  const key = `${hash.digest("hex")}-${targetBytes}`;
  const file = join(cacheRoot, `real-${targetBytes}.ndjson`);
  const result = cached(file, `${file}.manifest.json`, key, () =>
    writeArchive(file, targetBytes, (i) => {
      const record = records[i % records.length];
      const repeat = Math.floor(i / records.length);
      return { ...record, id: `${record.id ?? `line-${i % records.length}`}~${repeat}` };
    }),
  );
  return { ...result, sources: sources.map((name) => join(bodiesDir, name)), distinctRecords: records.length };
}

/** Generated WordPress-shaped bodies, `targetBytes` of NDJSON. Returns `{ file, records, bytes, fileBytes, cached }`. */
export function prepareGeneratedArchive({ cacheRoot, targetBytes, seed }) {
  const key = `v${WORDPRESS_GENERATOR_VERSION}-${seed}-${targetBytes}`;
  const file = join(cacheRoot, `wpgen-${targetBytes}-${seed}-v${WORDPRESS_GENERATOR_VERSION}.ndjson`);
  return cached(file, `${file}.manifest.json`, key, () =>
    writeArchive(file, targetBytes, (i) => {
      const { id, body } = generateWordPressBody(seed, i);
      return { id, title: `Post ${i}`, type: "post", body };
    }),
  );
}
