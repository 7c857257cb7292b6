/**
 * Getting the assets of the manifest into the output: `--assets-from DIR` copies them from
 * a local uploads backup, `--download-assets` fetches them (Node's built-in `fetch`).
 * Both write atomically (a temporary file next to the target, flushed, then renamed), so a
 * kill never leaves a half-written asset under its real name, and both resume: a file that
 * is already there with the right size is kept. A failure is an outcome with its reason,
 * never an exception; the batch goes on.
 */
import path from "node:path";
import { defaultFileSystem, type FileSystem } from "../io/fs.js";
import { tempPathFor } from "../io/write.js";

/** One asset to get: the URL (or backup path) it comes from and its key under the asset folder. */
export interface AssetJob {
  /** The URL to download (`ManifestEntry.source`). */
  source: string;
  /** `/`-separated path under the asset folder (`2019/11/18/a.jpg`). */
  key: string;
}

/** What happened to one asset. */
interface AssetOutcome extends AssetJob {
  status: "downloaded" | "copied" | "kept" | "failed";
  /** Bytes written (or of the kept file). */
  bytes: number;
  /** Requests made (downloads). */
  attempts: number;
  /** Why it failed: `HTTP 404 Not Found`, `timed out after 30 s without data`, `connection cut after 512 of 2048 bytes` … */
  reason?: string;
}

/** Counts and failures of a fetch or copy run. */
export interface AssetSummary {
  downloaded: number;
  copied: number;
  kept: number;
  failed: AssetOutcome[];
  outcomes: AssetOutcome[];
}

/** Options shared by {@link downloadAssets} and {@link copyAssets}. */
export interface AssetWriteOptions {
  /** Absolute folder the assets are written under (the keys' root). */
  outDir: string;
  /** Assets handled at once (default: 4 for downloads, 8 for copies). */
  concurrency?: number;
  /** File system (default: `node:fs/promises`). */
  fs?: FileSystem;
  /** Called once per asset as it finishes (progress). */
  onOutcome?: (outcome: AssetOutcome) => void;
  /** Flush each file to disk before the rename (default: `true`). */
  fsync?: boolean;
}

/** Options of {@link downloadAssets}. */
export interface DownloadOptions extends AssetWriteOptions {
  /** Tries after the first for a network error, a timeout, HTTP 5xx, 408 or 429 (default: 3). */
  retries?: number;
  /** First wait before a retry, doubled each time (default: 500 ms). */
  backoffMs?: number;
  /** Longest wait for the response headers, and then between two chunks of the body (default: 30 000 ms). */
  timeoutMs?: number;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** User-Agent header (default: `shortcode-migrate`). */
  userAgent?: string;
}

/** A failure worth another try (network, timeout, 5xx) or not (4xx, a bad URL). */
class FetchFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Downloads every asset not already there. Redirects (301, 302 …) are followed; an
 * existing file is kept when the server's `Content-Length` equals its size (its body is
 * then not read).
 *
 * @param jobs the assets (one per key; later jobs with a key already taken are skipped)
 * @param options see {@link DownloadOptions}
 * @returns counts and every failure with its reason
 */
export async function downloadAssets(jobs: Iterable<AssetJob>, options: DownloadOptions): Promise<AssetSummary> {
  const settings = {
    retries: options.retries ?? 3,
    backoffMs: options.backoffMs ?? 500,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
    userAgent: options.userAgent ?? "shortcode-migrate",
  };
  const fs = options.fs ?? defaultFileSystem;
  return runAll(jobs, options.concurrency ?? 4, options, async (job) => {
    const target = targetFile(options.outDir, job.key);
    const existing = await sizeOf(fs, target);
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        const result = await downloadOnce(job.source, target, existing, settings, fs, options.fsync ?? true);
        return { ...job, status: result.kept ? "kept" : "downloaded", bytes: result.bytes, attempts };
      } catch (error) {
        const failure = error instanceof FetchFailure ? error : new FetchFailure(describeError(error), true);
        if (!failure.retryable || attempts > settings.retries) return { ...job, status: "failed", bytes: 0, attempts, reason: failure.message };
        await sleep(settings.backoffMs * 2 ** (attempts - 1));
      }
    }
  });
}

/**
 * Copies every asset from a local uploads backup (`DIR/<key>`, the folder that was
 * `wp-content/uploads`); an existing target of the source's size is kept.
 *
 * @param jobs the assets
 * @param fromDir absolute path of the backup
 * @param options see {@link AssetWriteOptions}
 */
export async function copyAssets(jobs: Iterable<AssetJob>, fromDir: string, options: AssetWriteOptions): Promise<AssetSummary> {
  const fs = options.fs ?? defaultFileSystem;
  return runAll(jobs, options.concurrency ?? 8, options, async (job) => {
    const from = targetFile(fromDir, job.key);
    const target = targetFile(options.outDir, job.key);
    let size: number;
    try {
      const stat = await fs.stat(from);
      if (!stat.isFile()) return { ...job, status: "failed", bytes: 0, attempts: 0, reason: `${from} is no file` };
      size = stat.size;
    } catch (error) {
      return {
        ...job,
        status: "failed",
        bytes: 0,
        attempts: 0,
        reason: `not in the backup: ${from} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      };
    }
    if ((await sizeOf(fs, target)) === size) return { ...job, status: "kept", bytes: size, attempts: 0 };
    try {
      const handle = await fs.open(from, "r");
      try {
        const bytes = await writeAtomic(
          target,
          readChunks(handle),
          fs,
          options.fsync ?? true,
          size,
          (written) => `${from} changed while it was copied (${written} of ${size} bytes)`,
        );
        return { ...job, status: "copied", bytes, attempts: 0 };
      } finally {
        await handle.close();
      }
    } catch (error) {
      return { ...job, status: "failed", bytes: 0, attempts: 0, reason: describeError(error) };
    }
  });
}

/** One line per failure, `key: reason (source)`, for a report. */
export function describeFailures(summary: AssetSummary): string[] {
  return summary.failed.map(
    (outcome) => `${outcome.key}: ${outcome.reason ?? "failed"} (${outcome.source}${outcome.attempts > 1 ? `, ${outcome.attempts} tries` : ""})`,
  );
}

async function runAll(
  jobs: Iterable<AssetJob>,
  concurrency: number,
  options: AssetWriteOptions,
  one: (job: AssetJob) => Promise<AssetOutcome>,
): Promise<AssetSummary> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const seen = new Set<string>();
  const iterator = jobs[Symbol.iterator]();
  const outcomes: AssetOutcome[] = [];
  // N workers pull from one iterator: at most N assets in flight, no queue held in memory
  const next = (): AssetJob | undefined => {
    for (;;) {
      const step = iterator.next();
      if (step.done) return undefined;
      if (!seen.has(step.value.key)) {
        seen.add(step.value.key);
        return step.value;
      }
    }
  };
  const worker = async (): Promise<void> => {
    for (let job = next(); job !== undefined; job = next()) {
      let outcome: AssetOutcome;
      try {
        outcome = await one(job);
      } catch (error) {
        outcome = { ...job, status: "failed", bytes: 0, attempts: 0, reason: describeError(error) };
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  outcomes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const count = (status: AssetOutcome["status"]): number => outcomes.filter((outcome) => outcome.status === status).length;
  return {
    downloaded: count("downloaded"),
    copied: count("copied"),
    kept: count("kept"),
    failed: outcomes.filter((outcome) => outcome.status === "failed"),
    outcomes,
  };
}

interface DownloadSettings {
  timeoutMs: number;
  fetch: typeof fetch;
  userAgent: string;
}

async function downloadOnce(
  source: string,
  target: string,
  existing: number | null,
  settings: DownloadSettings,
  fs: FileSystem,
  fsync: boolean,
): Promise<{ kept: boolean; bytes: number }> {
  let url: URL;
  try {
    url = new URL(source.startsWith("//") ? `https:${source}` : source);
  } catch {
    throw new FetchFailure(`"${source}" is no absolute URL`, false);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchFailure(`"${source}" is no http(s) URL`, false);
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  // one idle timer: armed for the headers, re-armed at every chunk of the body
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
  };
  arm();
  let received = 0;
  let expected: number | null = null;
  try {
    const response = await settings.fetch(url, { redirect: "follow", signal: controller.signal, headers: { "user-agent": settings.userAgent } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new FetchFailure(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`, retryable);
    }
    const length = response.headers.get("content-length");
    expected = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    if (existing !== null && expected !== null && existing === expected) {
      await response.body?.cancel().catch(() => undefined);
      return { kept: true, bytes: existing };
    }
    if (response.body === null) throw new FetchFailure("the response has no body", true);
    const body = response.body as unknown as AsyncIterable<Uint8Array>;
    async function* counted(): AsyncGenerator<Uint8Array> {
      const chunks = body[Symbol.asyncIterator]();
      for (;;) {
        let step: IteratorResult<Uint8Array>;
        try {
          step = await chunks.next();
        } catch {
          // the body broke off (a write error, by contrast, comes out of writeAtomic as it is)
          if (timedOut) throw new FetchFailure(`timed out after ${formatMs(settings.timeoutMs)} without data`, true);
          throw new FetchFailure(`connection cut after ${received}${expected === null ? "" : ` of ${expected}`} bytes`, true);
        }
        if (step.done) return;
        arm();
        received += step.value.byteLength;
        yield step.value;
      }
    }
    const bytes = await writeAtomic(target, counted(), fs, fsync, expected, (written, total) => `connection cut after ${written} of ${total} bytes`);
    return { kept: false, bytes };
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (timedOut) throw new FetchFailure(`timed out after ${formatMs(settings.timeoutMs)} without a response`, true);
    // a file-system error (ENOSPC, EACCES …) will not go away by asking the server again
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === "string" && (error as { cause?: unknown }).cause === undefined) throw new FetchFailure(describeError(error), false);
    throw new FetchFailure(describeError(error), true);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Streams `chunks` into `target` through its temporary file; renames only when all bytes
 * (and exactly `expected` of them, when known) were written. The temporary file is
 * removed when anything fails. Returns the byte count.
 */
async function writeAtomic(
  target: string,
  chunks: AsyncIterable<Uint8Array>,
  fs: FileSystem,
  fsync: boolean,
  expected: number | null,
  incomplete: (written: number, expected: number) => string,
): Promise<number> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  // a stale temporary of a killed run is ours; `wx` then refuses a planted symlink
  await fs.rm(temp, { force: true });
  let written = 0;
  try {
    const handle = await fs.open(temp, "wx");
    try {
      for await (const chunk of chunks) {
        for (let at = 0; at < chunk.byteLength;) {
          const { bytesWritten } = await handle.write(chunk, at, chunk.byteLength - at);
          at += bytesWritten;
        }
        written += chunk.byteLength;
      }
      if (fsync) await handle.datasync();
    } finally {
      await handle.close();
    }
    if (expected !== null && written !== expected) throw new FetchFailure(incomplete(written, expected), true);
    await fs.rename(temp, target);
    return written;
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The file's bytes, 64 KiB at a time (one buffer, reused: each chunk is written before the next is read). */
async function* readChunks(handle: Awaited<ReturnType<FileSystem["open"]>>): AsyncGenerator<Uint8Array> {
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** `outDir/key`, refusing a key that would leave `outDir`. */
function targetFile(outDir: string, key: string): string {
  const file = path.resolve(outDir, ...key.split("/"));
  const root = path.resolve(outDir);
  if (file !== root && !file.startsWith(root + path.sep)) throw new FetchFailure(`asset key "${key}" leaves ${outDir}`, false);
  return file;
}

async function sizeOf(fs: FileSystem, file: string): Promise<number | null> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

function describeError(error: unknown): string {
  if (error instanceof FetchFailure) return error.message;
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as NodeJS.ErrnoException | undefined)?.code;
  const message = cause?.message ?? (error as Error | undefined)?.message ?? String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
