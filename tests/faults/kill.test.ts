/**
 * Kill -9 during a large run: every output is entirely old or entirely new, never
 * truncated; a re-run finishes the job, and a third run changes nothing (mtimes kept).
 * Spawns the built bin (`npm run build` first).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { isTempName } from "../../src/io/write.js";
import { article, prng } from "./corpus.js";

const bin = fileURLToPath(new URL("../../bin/shortcode-migrate.js", import.meta.url));
const built = existsSync(new URL("../../dist/src/cli/main.js", import.meta.url));

/**
 * 300 files: with --verbose's line per file and these seeds, the line-count kills land after
 * 34 and 170 lines (--out-dir) and 288 and 62 (--write), so each test has kills well inside the
 * writing phase (800 files cost CI over a minute per test for the same assertions). KILL_FILES
 * and KILL_RUNS make a longer run by hand. Each test starts the bin 7 times: 120 s each on a
 * loaded machine (60 s timed out with load ~20 on 2 cores).
 */
const FILES = Number(process.env.KILL_FILES ?? 300);
const KILLS = Number(process.env.KILL_RUNS ?? 4);
const SEED = 20240611;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** When to kill: after some milliseconds, or once stderr (with `--verbose`, a line per file) has that many lines. */
type KillAt = { ms: number } | { lines: number };

/** Run the bin in `cwd`; with `kill`, SIGKILL it at that moment. */
function run(cwd: string, args: string[], kill?: KillAt): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", CI: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let lines = 0;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const byte of chunk) if (byte === 0x0a) lines++;
      if (kill && "lines" in kill && lines >= kill.lines) child.kill("SIGKILL");
    });
    const timer = kill && "ms" in kill ? setTimeout(() => child.kill("SIGKILL"), kill.ms) : undefined;
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr, ms: Date.now() - started });
    });
  });
}

/** Alternately a random moment of the whole run (start-up included) and a random point of the writing phase. */
function killMoment(k: number, random: () => number, cleanMs: number): KillAt {
  return k % 2 === 0 ? { ms: Math.floor(cleanMs * (0.2 + 0.8 * random())) } : { lines: 1 + Math.floor((FILES - 2) * random()) };
}

/** Every file under `dir` (relative, `/`-separated) → content; temp files of ours listed apart. */
async function snapshot(dir: string): Promise<{ files: Map<string, string>; temps: string[] }> {
  const files = new Map<string, string>();
  const temps: string[] = [];
  if (!existsSync(dir)) return { files, temps };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (isTempName(entry.name)) temps.push(rel);
    else files.set(rel, await readFile(path.join(dir, rel), "utf8"));
  }
  return { files, temps };
}

async function mtimes(dir: string, rels: Iterable<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const rel of rels) out.set(rel, (await stat(path.join(dir, rel))).mtimeMs);
  return out;
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "smkill-"));
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(root, "src", `d${i % 12}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `a${i}.txt`), article(SEED, i));
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

(built || process.env.CI ? describe : describe.skip)(`SIGKILL at ${KILLS} seeded random moments (${FILES} files)`, () => {
  test("--out-dir: absent or entirely new, never truncated; re-run completes; third run touches nothing", async () => {
    const clean = await run(root, ["convert", "src", "--out-dir", "clean"]);
    expect(clean.code).toBe(0);
    const expected = (await snapshot(path.join(root, "clean"))).files;
    expect(expected.size).toBe(FILES);

    const random = prng(SEED);
    const out = path.join(root, "out");
    let partial = 0;
    for (let k = 0; k < KILLS; k++) {
      // Each kill starts from an empty out dir: otherwise an early kill that lands after the
      // last write leaves nothing for the later ones to interrupt (outputs are not rewritten).
      await rm(out, { recursive: true, force: true });
      // a moment inside the run, past start-up most of the time
      const killed = await run(root, ["convert", "src", "--out-dir", "out", "--verbose"], killMoment(k, random, clean.ms));
      const { files, temps } = await snapshot(out);
      if (killed.signal === "SIGKILL" && files.size > 0 && files.size < FILES) partial++;
      for (const [rel, content] of files) {
        if (content !== expected.get(rel))
          throw new Error(`after kill ${k + 1}, ${rel} is neither absent nor the complete output (${content.length} of ${expected.get(rel)?.length} chars)`);
      }
      // only writes in flight at the kill left a temporary file: a dot-file next to its target
      for (const temp of temps) {
        const target = path.posix.join(path.posix.dirname(temp), path.posix.basename(temp).slice(1, -".shortcode-migrate.tmp".length));
        expect(expected.has(target)).toBe(true);
      }
    }
    // the kills really landed in the middle of writing
    expect(partial).toBeGreaterThan(0);

    const resume = await run(root, ["convert", "src", "--out-dir", "out"]);
    expect(resume.code).toBe(0);
    const after = await snapshot(out);
    expect(after.temps).toEqual([]);
    expect(after.files).toEqual(expected);

    const before = await mtimes(out, after.files.keys());
    const third = await run(root, ["convert", "src", "--out-dir", "out"]);
    expect(third.code).toBe(0);
    expect(await mtimes(out, after.files.keys())).toEqual(before);
    expect((await snapshot(out)).files).toEqual(expected);
  }, 120_000);

  test("--write on .md copies: entirely old or entirely new, modes kept; re-run completes; third run touches nothing", async () => {
    // the markdown copies: the same articles, as .md files (some with mode 0640)
    const seedTree = path.join(root, "md-seed");
    for (let i = 0; i < FILES; i++) {
      const folder = path.join(seedTree, `d${i % 12}`);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, `a${i}.md`), article(SEED, i));
      if (i % 7 === 0) await chmod(path.join(folder, `a${i}.md`), 0o640);
    }
    const old = (await snapshot(seedTree)).files;
    const cleanDir = path.join(root, "md-clean");
    await cp(seedTree, cleanDir, { recursive: true });
    const clean = await run(root, ["convert", "md-clean", "--write"]);
    expect(clean.code).toBe(0);
    const expected = (await snapshot(cleanDir)).files;
    expect([...expected].filter(([rel, text]) => text !== old.get(rel)).length).toBeGreaterThan(FILES / 2);

    const work = path.join(root, "md-work");
    await cp(seedTree, work, { recursive: true });
    const random = prng(SEED + 1);
    let mixed = 0;
    for (let k = 0; k < KILLS; k++) {
      // Each kill starts from the old copies (see the --out-dir test); the last one is resumed below.
      await rm(work, { recursive: true, force: true });
      await cp(seedTree, work, { recursive: true });
      const killed = await run(root, ["convert", "md-work", "--write", "--verbose"], killMoment(k, random, clean.ms));
      const { files } = await snapshot(work);
      expect(files.size).toBe(FILES);
      let converted = 0;
      for (const [rel, content] of files) {
        if (content === expected.get(rel)) converted++;
        else if (content !== old.get(rel))
          throw new Error(`after kill ${k + 1}, ${rel} is neither the old text nor the complete new one (${content.length} chars)`);
      }
      if (killed.signal === "SIGKILL" && converted > 0 && converted < FILES) mixed++;
    }
    expect(mixed).toBeGreaterThan(0);

    const resume = await run(root, ["convert", "md-work", "--write"]);
    expect(resume.code).toBe(0);
    const after = await snapshot(work);
    expect(after.temps).toEqual([]);
    expect(after.files).toEqual(expected);
    for (let i = 0; i < FILES; i += 7) {
      expect((await stat(path.join(work, `d${i % 12}`, `a${i}.md`))).mode & 0o777).toBe(0o640);
    }

    const before = await mtimes(work, after.files.keys());
    const third = await run(root, ["convert", "md-work", "--write"]);
    expect(third.code).toBe(0);
    expect(await mtimes(work, after.files.keys())).toEqual(before);
  }, 120_000);
});
