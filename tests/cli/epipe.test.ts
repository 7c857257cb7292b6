/**
 * A reader that stops early (`shortcode-migrate convert big.ndjson | head -1`) closes the pipe
 * under the bin: it stops quietly, as other command-line tools do — exit 0, no stack trace on
 * stderr. Spawns the built bin (`npm run build` first) piped into a child that reads one line
 * and exits.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";

const bin = fileURLToPath(new URL("../../bin/shortcode-migrate.js", import.meta.url));
const built = existsSync(new URL("../../dist/src/cli/main.js", import.meta.url));
const TAG = "old_news_related_template";

/** A reader like `head -1`: prints the first line it gets, then exits (closing its end of the pipe). */
const HEAD_1 = `let b = ""; process.stdin.on("data", (c) => { b += c; const i = b.indexOf("\\n"); if (i !== -1) { process.stdout.write(b.slice(0, i + 1)); process.exit(0); } });`;

interface Piped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** What the reader printed. */
  head: string;
}

/** A reader that reads nothing at all (`| true`): the bin's very first write finds the pipe closed. */
const NOTHING = `process.exit(0)`;

/** `node bin args… | node -e reader`: the bin's exit code and stderr, the reader's output. */
function pipedTo(reader: string, args: string[], cwd: string): Promise<Piped> {
  return new Promise((resolve, reject) => {
    const head = spawn(process.execPath, ["-e", reader], { stdio: ["pipe", "pipe", "inherit"] });
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", CI: "true" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(head.stdin);
    // the reader gone, the pipe into it breaks; what the bin does then is the point of the test
    head.stdin.on("error", () => undefined);
    let stderr = "";
    let printed = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    head.stdout.setEncoding("utf8").on("data", (chunk: string) => (printed += chunk));
    child.on("error", reject);
    let headDone = false;
    let result: Omit<Piped, "head"> | undefined;
    const finish = () => {
      if (headDone && result) resolve({ ...result, head: printed });
    };
    head.on("close", () => {
      headDone = true;
      // the reader closed its stdin: nothing more flows from the bin's stdout (as a closed pipe)
      child.stdout.unpipe(head.stdin);
      child.stdout.destroy();
      finish();
    });
    child.on("close", (code, signal) => {
      result = { code, signal, stderr };
      finish();
    });
  });
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "smig-epipe-"));
  // far more than a pipe buffer (64 kB) of output, so the writes go on after the reader left
  const records = Array.from({ length: 4000 }, (_, i) =>
    JSON.stringify({
      id: `h${i}`,
      body: `Haber ${i}: Bakan ’’yeni dönem’’ dedi.\n\n[${TAG} title="Başlık ${i}" desc="" image="https://haber.example/${i}.jpg" link="https://haber.example/haber-${i}"]`,
    }),
  );
  await writeFile(path.join(dir, "big.ndjson"), records.join("\n") + "\n");
  await writeFile(path.join(dir, "big.txt"), Array.from({ length: 3000 }, (_, i) => `Paragraf ${i}: ’’alıntı’’ ve metin.\n`).join("\n"));
  for (let i = 0; i < 40; i++)
    await writeFile(
      path.join(dir, `haber-${String(i).padStart(2, "0")}.txt`),
      `Haber ${i}.\n\n[${TAG} title="B${i}" desc="" link="https://haber.example/${i}"]\n`,
    );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

if (!built) console.warn("EPIPE test skipped: dist/ is missing — run `npm run build` first");

(built || process.env.CI ? describe : describe.skip)("a reader that stops early (| head -1)", () => {
  test.each([
    ["convert big.ndjson (NDJSON on stdout) | head -1", HEAD_1, ["convert", "big.ndjson"], /^\{"id":"h0","body":"Haber 0: /],
    ["convert big.ndjson on two workers | head -1", HEAD_1, ["convert", "big.ndjson", "--concurrency", "2"], /^\{"id":"h0","body":"Haber 0: /],
    ["convert big.txt (one large output) | head -1", HEAD_1, ["convert", "big.txt"], /^Paragraf 0: /],
    ["convert big.txt into a reader that reads nothing", NOTHING, ["convert", "big.txt"], /^$/],
    ["scan . into a reader that reads nothing", NOTHING, ["scan", "."], /^$/],
    ["scan . --format json into a reader that reads nothing", NOTHING, ["scan", ".", "--format", "json"], /^$/],
  ])(
    "%s: exits 0 quietly, no stack trace",
    async (_name, reader, args, first) => {
      const r = await pipedTo(reader as string, args as string[], dir);
      expect(r.head).toMatch(first as RegExp);
      expect(r.signal).toBeNull();
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|    at /);
      expect(r.code).toBe(0);
    },
    60_000,
  );
});
