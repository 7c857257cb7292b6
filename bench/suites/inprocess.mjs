/**
 * The in-process suite: the library's own throughput, one thread, warm (after one untimed
 * pass), no files and no process start-up: `convert()` to markdown and `parseShortcodes()`
 * on the seed-shaped corpus, and the same on WordPress-shaped bodies (generated; and the
 * shared real bodies repeated, when they are there; up to 2 MB of each) with the `wordpress`
 * preset. Measured round-robin with the parse suite's harness; MB/s of body bytes.
 *
 * Every candidate owns its bodies (`bodies`, `bytes`), so one round-robin covers them all.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateWordPressBody } from "../lib/wordpress-corpus.mjs";
import { SHARED_BODIES } from "../lib/real-corpus.mjs";

/** Bodies of `generate(i)` until their UTF-8 size reaches `bytes`. */
function bodiesUpTo(bytes, generate) {
  const bodies = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const body = generate(i);
    if (body === undefined) break;
    bodies.push(body);
    size += Buffer.byteLength(body);
  }
  return { bodies, bytes: size };
}

/** The shared real bodies, or null when the folder is absent. */
function sharedBodies() {
  if (!existsSync(SHARED_BODIES)) return null;
  const bodies = [];
  for (const name of readdirSync(SHARED_BODIES)
    .filter((n) => n.endsWith(".ndjson"))
    .sort()) {
    for (const line of readFileSync(join(SHARED_BODIES, name), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const { body } = JSON.parse(line);
      if (typeof body === "string" && body) bodies.push(body);
    }
  }
  return bodies.length ? bodies : null;
}

/**
 * The candidates: `{ id, label, shape, bodies, bytes, run() }`; `run()` returns a count
 * (bodies converted, or shortcodes found) so the harness can tell it did the work.
 *
 * @param api the built package (`dist/src/index.js`)
 * @param seedBodies the seed-shaped corpus of the parse suite
 * @param seed the corpus seed (the generated WordPress bodies use it too)
 */
export function inProcessCandidates({ api, seedBodies, seed, onNotice = () => {} }) {
  const seedBytes = seedBodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
  const sets = [{ shape: "seed", label: "seed-shaped", bodies: seedBodies, bytes: seedBytes, options: {} }];
  // WordPress-shaped bodies convert many times slower than seed-shaped ones: 2 MB (at most) keeps
  // a pass over a second long on a fast machine without making the suite take minutes.
  const wpBytes = Math.min(seedBytes, 2e6);
  const generated = bodiesUpTo(wpBytes, (i) => generateWordPressBody(seed, i).body);
  sets.push({ shape: "wpgen", label: "generated WordPress-shaped", ...generated, options: { preset: "wordpress" } });
  const shared = sharedBodies();
  if (shared) {
    sets.push({
      shape: "real",
      label: "real WordPress bodies (repeated)",
      ...bodiesUpTo(wpBytes, (i) => shared[i % shared.length]),
      options: { preset: "wordpress" },
    });
  } else {
    onNotice(`in-process: real bodies skipped: no ${SHARED_BODIES}`);
  }
  const candidates = [];
  for (const set of sets) {
    const { bodies } = set;
    candidates.push({
      id: `inproc-convert-${set.shape}`,
      label: `convert() to markdown, ${set.label}${set.options.preset ? `, preset ${set.options.preset}` : ""}`,
      shape: set.shape,
      bytes: set.bytes,
      articles: bodies.length,
      run() {
        const options = { to: "markdown", ...set.options };
        for (let i = 0; i < bodies.length; i++) api.convert(bodies[i], options);
        return bodies.length;
      },
    });
    candidates.push({
      id: `inproc-parseShortcodes-${set.shape}`,
      label: `parseShortcodes(), default tags, ${set.label}`,
      shape: set.shape,
      bytes: set.bytes,
      articles: bodies.length,
      run() {
        let found = 0;
        for (let i = 0; i < bodies.length; i++) found += api.parseShortcodes(bodies[i]).length;
        return found;
      },
    });
  }
  return candidates;
}
