/**
 * How tightly the process's heaps grow while it reads WordPress exports.
 *
 * After each full collection V8 lets a heap grow to a multiple of what is still live before
 * the next one, a multiple it picks from how cheap collecting has been: up to 4×. Reading an
 * export, the main thread parses the XML and keeps the posts in flight to the workers for a
 * while, so much of what it allocates lives long enough to reach the old generation and dies
 * there; with 4× its heap held 130 MB for 23 MB live on a 200 MB export (peak RSS 296 MB), and
 * a 1 GB export reached 457 MB. Growing by 1.5× keeps it at 54 MB (RSS 209 MB; 1 GB: see the
 * README) for a few more full collections of a small heap. The setting is V8's
 * `--heap-growing-percent`, read at every collection, so it can be set once the process runs;
 * it is the process's (the workers' heaps grow the same way).
 */
import { setFlagsFromString } from "node:v8";

/** V8's `--heap-growing-percent` for runs that read exports: a heap grows to 1.5× what is live. */
const EXPORT_HEAP_GROWING_PERCENT = 50;

/**
 * The V8 flag to set for a run that reads exports, or `undefined` when the user chose the
 * heap's growth already (`node --heap-growing-percent=… shortcode-migrate …`; Node does not
 * take it in `NODE_OPTIONS`).
 */
export function exportHeapFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent(?:=|$)/.test(arg))) return undefined;
  return `--heap-growing-percent=${EXPORT_HEAP_GROWING_PERCENT}`;
}

/** Set {@link exportHeapFlag} on this process (the bin passes this to `main`; in-process callers leave it out). */
export function tightenHeapForExports(): void {
  const flag = exportHeapFlag(process.execArgv);
  if (flag) setFlagsFromString(flag);
}
