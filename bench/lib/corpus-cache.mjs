/**
 * The benchmark corpus, generated in memory and mirrored on disk under
 * bench/.corpus/ (git-ignored) as files and as one NDJSON archive, the two
 * input shapes the CLI benchmarks (I/O floor, `convert`) read.
 *
 * The in-memory generation is the source of truth (it is deterministic and
 * takes well under a second per 10,000 articles); the disk copy is rewritten
 * only when its manifest does not match the corpus's hash.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCorpus, writeCorpus, GENERATOR_VERSION } from "../corpus.mjs";

function corpusHash(corpus) {
  const hash = createHash("sha256");
  for (const { id, body } of corpus) hash.update(id).update("\0").update(body).update("\0");
  return hash.digest("hex");
}

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/**
 * Generates the corpus and makes sure `cacheRoot/<articles>-<seed>-v<version>/`
 * holds it. Returns `{ corpus, bytes, sha256, dir, cached }`.
 */
export function prepareCorpus({ articles, seed, cacheRoot }) {
  const corpus = generateCorpus({ articles, seed });
  const sha256 = corpusHash(corpus);
  const dir = join(cacheRoot, `${articles}-${seed}-v${GENERATOR_VERSION}`);
  const manifestPath = join(dir, "manifest.json");
  const manifest = readManifest(manifestPath);

  let bytes;
  const cached = manifest?.sha256 === sha256;
  if (cached) {
    bytes = manifest.bytes;
  } else {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // stale: other generator version
    bytes = writeCorpus(corpus, dir);
    writeFileSync(manifestPath, JSON.stringify({ articles, seed, generatorVersion: GENERATOR_VERSION, bytes, sha256 }, null, 2) + "\n");
  }
  return { corpus, bytes, sha256, dir, cached };
}
