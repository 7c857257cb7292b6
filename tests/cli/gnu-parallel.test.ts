import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "@jest/globals";
import { article, prng } from "../faults/corpus.js";

/**
 * GNU parallel as the README shows it: the archive cut into 1 MB blocks at line ends, one
 * `convert -` per block, outputs in input order. Run for real; skipped (with a notice) where
 * `parallel` or the build is missing (`apt-get install parallel`; `npm run build`).
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = path.join(root, "bin/shortcode-migrate.js");
const built = existsSync(path.join(root, "dist/src/cli/main.js"));
const hasParallel = (() => {
  try {
    return execFileSync("parallel", ["--version"], { encoding: "utf8" }).startsWith("GNU parallel");
  } catch {
    return false;
  }
})();
if (!hasParallel) console.warn("GNU parallel test skipped: `parallel` is not installed (Debian: apt-get install parallel)");
else if (!built) console.warn("GNU parallel test skipped: dist/ is missing — run `npm run build` first");

/** Records in the shape of a WordPress archive: seed-like prose and boxes, Gutenberg blocks, code, lists. */
function record(i: number): string {
  const rnd = prng(9000 + i);
  let body = article(17, i);
  if (rnd() < 0.1) body = `<!-- wp:paragraph -->\n<p>Giriş ${i}: <strong>önemli</strong> ‘‘not’’.</p>\n<!-- /wp:paragraph -->\n\n${body}`;
  if (rnd() < 0.04) body += `\n<pre class="wp-block-code"><code>const x = ${i};\nif (x &lt; 3) { return "[b]"; }</code></pre>\n`;
  if (rnd() < 0.04) body += `\n<ul>\n<li>Bir ${i}</li>\n<li>İki <em>vurgu</em></li>\n</ul>\n`;
  if (rnd() < 0.04) body += `\nhttps://www.youtube.com/watch?v=${(i * 7919).toString(36)}\n`;
  return JSON.stringify({ id: `post-${i}`, title: `Haber ${i}`, body });
}

/** Run a command with stdin from a file; resolves its stdout bytes, rejects on a non-zero exit. */
function run(command: string, args: string[], stdinFile: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const input = openSync(stdinFile, "r");
    const child = spawn(command, args, { cwd: root, stdio: [input, "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    const out: Buffer[] = [];
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      closeSync(input);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} exited ${code}: ${err.slice(-500)}`));
    });
  });
}

(hasParallel && built ? describe : describe.skip)("GNU parallel --pipe over an NDJSON archive", () => {
  test("parallel --pipe --keep-order --block 1M (-j 2, and --sshlogin 2/:) gives the same bytes as one run", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "smig-parallel-"));
    try {
      const archive = path.join(dir, "archive.ndjson");
      const lines: string[] = [];
      let size = 0;
      for (let i = 0; size < 2.3e6; i++) {
        const line = record(i);
        lines.push(line);
        size += Buffer.byteLength(line) + 1;
      }
      writeFileSync(archive, lines.join("\n") + "\n");
      const node = process.execPath;
      const one = await run(node, [bin, "convert", "-", "--input-format", "ndjson"], archive);
      const piped = await run(
        "parallel",
        ["--will-cite", "--pipe", "--keep-order", "--block", "1M", "-j", "2", `${node} ${bin} convert - --input-format ndjson`],
        archive,
      );
      // Every record came out once, converted (not passed through), and it was cut into blocks.
      expect(one.toString().split("\n").filter(Boolean)).toHaveLength(lines.length);
      expect(one.toString()).not.toContain("[old_news_related_template");
      // parallel did cut it: into blocks of whole lines, each its own `convert` process.
      const blocks = (await run("parallel", ["--will-cite", "--pipe", "--keep-order", "--block", "1M", "wc", "-l"], archive))
        .toString()
        .trim()
        .split("\n")
        .map(Number);
      expect(blocks.length).toBeGreaterThanOrEqual(3);
      expect(blocks.reduce((a, b) => a + b)).toBe(lines.length);
      expect(piped.equals(one)).toBe(true);
      // The README's --sshlogin recipe, with ":" (GNU parallel's name for this machine) as the
      // only login: the same command line, two job slots on the "server".
      const overLogin = await run(
        "parallel",
        ["--will-cite", "--pipe", "--keep-order", "--block", "1M", "--sshlogin", "2/:", `${node} ${bin} convert - --input-format ndjson`],
        archive,
      );
      expect(overLogin.equals(one)).toBe(true);
      expect(readFileSync(archive).length).toBe(size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
