/**
 * The downloader and the copier, against an HTTP server the test starts on 127.0.0.1
 * (never the network): 200, 301, 404, 500, retries, a silent server and a stalled body
 * (timeouts), a connection cut mid-body, resume, and a killed download process.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { copyAssets, describeFailures, downloadAssets, type AssetJob, type AssetSummary } from "../../src/assets/fetch.js";
import { defaultFileSystem, type FileSystem } from "../../src/io/fs.js";
import { isTempName, tempPathFor } from "../../src/io/write.js";
import { bytesOf, startServer, type TestServer } from "./http-server.js";

/** Contents compared by digest: jest's deep equality walks a Buffer byte by byte (seconds for 200 kB). */
function digest(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

let server: TestServer;
let work: string;

beforeAll(async () => {
  server = await startServer();
  work = await mkdtemp(path.join(os.tmpdir(), "sm-assets-"));
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

/** Every file under `dir`, relative, `/`-separated. */
async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      out.push(
        path
          .relative(dir, path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
          .split(path.sep)
          .join("/"),
      );
  }
  return out.sort();
}

function byKey(summary: AssetSummary): Record<string, { status: string; reason?: string; attempts: number }> {
  return Object.fromEntries(
    summary.outcomes.map((outcome) => [
      outcome.key,
      { status: outcome.status, attempts: outcome.attempts, ...(outcome.reason ? { reason: outcome.reason } : {}) },
    ]),
  );
}

/** A port nothing listens on (a server opened and closed again). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("downloadAssets", () => {
  test("200 and 301 are written whole; 404 and 500 fail with their reason; 5xx is retried", async () => {
    const outDir = path.join(work, "basic");
    const jobs: AssetJob[] = [
      { source: `${server.base}/ok/3000/a.jpg`, key: "2019/11/a.jpg" },
      { source: `${server.base}/moved/5000/b.jpg`, key: "2019/11/b.jpg" },
      { source: `${server.base}/missing/c.jpg`, key: "2019/11/c.jpg" },
      { source: `${server.base}/error/d.jpg`, key: "2019/11/d.jpg" },
      { source: `${server.base}/flaky/2/700/e.jpg`, key: "2020/e.jpg" },
      // a second job for a key already taken is skipped
      { source: `${server.base}/missing/again.jpg`, key: "2019/11/a.jpg" },
    ];
    const seen: string[] = [];
    const summary = await downloadAssets(jobs, { outDir, retries: 2, backoffMs: 1, concurrency: 3, onOutcome: (outcome) => seen.push(outcome.key) });
    expect(byKey(summary)).toEqual({
      "2019/11/a.jpg": { status: "downloaded", attempts: 1 },
      "2019/11/b.jpg": { status: "downloaded", attempts: 1 },
      "2019/11/c.jpg": { status: "failed", attempts: 1, reason: "HTTP 404 Not Found" },
      "2019/11/d.jpg": { status: "failed", attempts: 3, reason: "HTTP 500 Internal Server Error" },
      "2020/e.jpg": { status: "downloaded", attempts: 3 },
    });
    expect(seen.sort()).toEqual(Object.keys(byKey(summary)).sort());
    expect([summary.downloaded, summary.kept, summary.failed.length]).toEqual([3, 0, 2]);
    expect(digest(await readFile(path.join(outDir, "2019/11/a.jpg")))).toBe(digest(bytesOf("a.jpg", 3000)));
    expect(digest(await readFile(path.join(outDir, "2019/11/b.jpg")))).toBe(digest(bytesOf("b.jpg", 5000)));
    expect(digest(await readFile(path.join(outDir, "2020/e.jpg")))).toBe(digest(bytesOf("e.jpg", 700)));
    expect(await files(outDir)).toEqual(["2019/11/a.jpg", "2019/11/b.jpg", "2020/e.jpg"]);
    expect(server.hits.get("/missing/again.jpg")).toBeUndefined();
    expect(describeFailures(summary)).toEqual([
      `2019/11/c.jpg: HTTP 404 Not Found (${server.base}/missing/c.jpg)`,
      `2019/11/d.jpg: HTTP 500 Internal Server Error (${server.base}/error/d.jpg, 3 tries)`,
    ]);
  });

  test("a silent server and a stalled body time out; a cut connection is reported with its byte count; nothing is left", async () => {
    const outDir = path.join(work, "faults");
    const summary = await downloadAssets(
      [
        { source: `${server.base}/silent/a.jpg`, key: "a.jpg" },
        { source: `${server.base}/stall/4000/b.jpg`, key: "b.jpg" },
        { source: `${server.base}/cut/4000/c.jpg`, key: "c.jpg" },
        { source: `${server.base}/cut-chunked/4000/d.jpg`, key: "d.jpg" },
        { source: `${server.base}/cut-once/4000/e.jpg`, key: "e.jpg" },
        { source: `http://127.0.0.1:${await closedPort()}/refused.jpg`, key: "f.jpg" },
        { source: "not a url", key: "g.jpg" },
      ],
      // 1 s, not less: on a loaded machine a cut connection's close can come later than 300 ms
      // after its last data, and was then reported as a timeout (seen with jest on both cores)
      { outDir, retries: 1, backoffMs: 1, timeoutMs: 1000, concurrency: 7 },
    );
    const outcomes = byKey(summary);
    expect(outcomes["a.jpg"]).toEqual({ status: "failed", attempts: 2, reason: "timed out after 1 s without a response" });
    expect(outcomes["b.jpg"]).toEqual({ status: "failed", attempts: 2, reason: "timed out after 1 s without data" });
    // how many of the bytes sent reach the reader before the error is up to the stream
    expect(outcomes["c.jpg"]).toMatchObject({ status: "failed", attempts: 2 });
    expect(outcomes["c.jpg"]!.reason).toMatch(/^connection cut after (0|2000) of 4000 bytes$/);
    expect(outcomes["d.jpg"]).toMatchObject({ status: "failed", attempts: 2 });
    expect(outcomes["d.jpg"]!.reason).toMatch(/^connection cut after (0|2000) bytes$/);
    expect(outcomes["e.jpg"]).toEqual({ status: "downloaded", attempts: 2 });
    expect(outcomes["f.jpg"]).toMatchObject({ status: "failed", attempts: 2 });
    expect(outcomes["f.jpg"]!.reason).toMatch(/ECONNREFUSED/);
    expect(outcomes["g.jpg"]).toEqual({ status: "failed", attempts: 1, reason: '"not a url" is no absolute URL' });
    // only the whole file, no temporary, no partial file under a real name
    expect(await files(outDir)).toEqual(["e.jpg"]);
    expect(digest(await readFile(path.join(outDir, "e.jpg")))).toBe(digest(bytesOf("e.jpg", 4000)));
  });

  test("resume: a file of the right size is kept without reading its body; a wrong size is fetched again", async () => {
    const outDir = path.join(work, "resume");
    const jobs = [
      { source: `${server.base}/ok/1000/r1.jpg`, key: "r1.jpg" },
      { source: `${server.base}/ok/1000/r2.jpg`, key: "r2.jpg" },
    ];
    expect((await downloadAssets(jobs, { outDir })).downloaded).toBe(2);
    await writeFile(path.join(outDir, "r2.jpg"), "short");
    const again = await downloadAssets(jobs, { outDir });
    expect(byKey(again)).toEqual({ "r1.jpg": { status: "kept", attempts: 1 }, "r2.jpg": { status: "downloaded", attempts: 1 } });
    expect(digest(await readFile(path.join(outDir, "r2.jpg")))).toBe(digest(bytesOf("r2.jpg", 1000)));
  });

  test("a key that would leave the folder fails; a write error fails that asset only, its temporary removed", async () => {
    const outDir = path.join(work, "errors");
    const failingFs: FileSystem = {
      ...defaultFileSystem,
      rename: async (from, to) => {
        if (String(to).endsWith("full.jpg")) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        return defaultFileSystem.rename(from, to);
      },
    };
    const summary = await downloadAssets(
      [
        { source: `${server.base}/ok/10/x.jpg`, key: "../x.jpg" },
        { source: `${server.base}/ok/10/full.jpg`, key: "full.jpg" },
        { source: `${server.base}/ok/10/fine.jpg`, key: "fine.jpg" },
      ],
      { outDir, fs: failingFs, retries: 0 },
    );
    expect(byKey(summary)).toEqual({
      "../x.jpg": { status: "failed", attempts: 0, reason: `asset key "../x.jpg" leaves ${outDir}` },
      "fine.jpg": { status: "downloaded", attempts: 1 },
      "full.jpg": { status: "failed", attempts: 1, reason: "ENOSPC: no space left on device" },
    });
    expect(await files(outDir)).toEqual(["fine.jpg"]);
  });

  const built = existsSync(new URL("../../dist/src/assets/fetch.js", import.meta.url));
  if (!built) console.warn("skipped: the killed-download test runs dist/ (npm run build first)");
  (built ? test : test.skip)("killed mid-download: nothing half-written under a real name; the next run finishes and keeps what was done", async () => {
    const outDir = path.join(work, "kill");
    const names = ["k0.jpg", "k1.jpg", "k2.jpg", "k3.jpg", "k4.jpg"];
    const SIZE = 200_000;
    const jobs = names.map((name, index) => ({ source: `${server.base}/${index < 2 ? "ok" : "hold"}/${SIZE}/${name}`, key: `2021/${name}` }));
    const child = spawn(process.execPath, [fileURLToPath(new URL("./download-child.mjs", import.meta.url)), outDir, JSON.stringify(jobs)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // the third file is half sent: once the downloader has written some of it, kill it
    const temp = tempPathFor(path.join(outDir, "2021", "k2.jpg"));
    server.onHeld = () => {
      const poll = (): void =>
        void stat(temp).then(
          (info) => (info.size > 0 ? child.kill("SIGKILL") : setTimeout(poll, 5)),
          () => setTimeout(poll, 5),
        );
      poll();
    };
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, killed) => resolve(killed)));
    server.onHeld = () => undefined;
    expect(signal).toBe("SIGKILL");
    expect(stdout).toBe("");

    // the two done are whole; the third exists only as our temporary, half written
    const afterKill = await files(outDir);
    const real = afterKill.filter((file) => !isTempName(path.posix.basename(file)));
    expect(real).toEqual(["2021/k0.jpg", "2021/k1.jpg"]);
    for (const file of real) expect(digest(await readFile(path.join(outDir, file)))).toBe(digest(bytesOf(path.posix.basename(file), SIZE)));
    expect(afterKill.filter((name) => isTempName(path.posix.basename(name)))).toEqual([path.relative(outDir, temp).split(path.sep).join("/")]);
    const partial = (await stat(temp)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(SIZE);

    server.release();
    const resumed = await downloadAssets(jobs, { outDir, concurrency: 2 });
    expect([resumed.kept, resumed.downloaded, resumed.failed.length]).toEqual([2, 3, 0]);
    expect(await files(outDir)).toEqual(names.map((name) => `2021/${name}`));
    for (const name of names) expect(digest(await readFile(path.join(outDir, "2021", name)))).toBe(digest(bytesOf(name, SIZE)));
  });
});

describe("copyAssets", () => {
  test("copies from an uploads backup, keeps a file of the right size, reports what the backup lacks", async () => {
    const backup = path.join(work, "uploads");
    const outDir = path.join(work, "copied");
    await mkdir(path.join(backup, "2019/11"), { recursive: true });
    const big = bytesOf("big.jpg", 300_000);
    await writeFile(path.join(backup, "2019/11/big.jpg"), big);
    await writeFile(path.join(backup, "2019/11/küçük.png"), "png");
    await mkdir(path.join(backup, "2019/11/folder.jpg"));
    const jobs = [
      { source: "https://s.example/wp-content/uploads/2019/11/big.jpg", key: "2019/11/big.jpg" },
      { source: "https://s.example/wp-content/uploads/2019/11/k%C3%BC%C3%A7%C3%BCk.png", key: "2019/11/küçük.png" },
      { source: "https://s.example/wp-content/uploads/2019/11/gone.jpg", key: "2019/11/gone.jpg" },
      { source: "https://s.example/wp-content/uploads/2019/11/folder.jpg", key: "2019/11/folder.jpg" },
    ];
    const first = await copyAssets(jobs, backup, { outDir });
    expect([first.copied, first.kept, first.failed.length]).toEqual([2, 0, 2]);
    expect(byKey(first)["2019/11/gone.jpg"]!.reason).toBe(`not in the backup: ${path.join(backup, "2019/11/gone.jpg")} (ENOENT)`);
    expect(byKey(first)["2019/11/folder.jpg"]!.reason).toBe(`${path.join(backup, "2019/11/folder.jpg")} is no file`);
    expect(digest(await readFile(path.join(outDir, "2019/11/big.jpg")))).toBe(digest(big));
    expect(await readFile(path.join(outDir, "2019/11/küçük.png"), "utf8")).toBe("png");
    const second = await copyAssets(jobs, backup, { outDir });
    expect([second.copied, second.kept]).toEqual([0, 2]);
    expect(await files(outDir)).toEqual(["2019/11/big.jpg", "2019/11/küçük.png"]);
  });
});
