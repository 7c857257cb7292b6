/**
 * `--cache`: remember, per input, what a run produced, so that a re-run converts only
 * what changed. An entry is valid when the input's content hash, the settings hash
 * (rules, config, options) and the tool version all match; for outputs written to
 * disk, the output file must also still be there with the size we wrote.
 *
 * Stored as one JSON file (default `node_modules/.cache/shortcode-migrate/cache.json`,
 * like eslint's and prettier's caches); written atomically at the end of a run. A
 * cache file that cannot be read or parsed is ignored (with a note), never fatal.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { defaultFileSystem, type FileSystem } from "../io/fs.js";
import type { ReportMessage } from "../report/types.js";
import type { RunEvent, UnitResult } from "./outcome.js";

/** The calls the cache makes. */
type CacheFs = Pick<FileSystem, "readFile" | "writeFile" | "mkdir" | "rename">;

/** What is remembered of one input. */
export interface CacheEntry {
  /** sha1 of the input bytes. */
  input: string;
  /** Whether the conversion changed the text. */
  changed: boolean;
  /** Message counts, for the summary of a run that skips the file. */
  errors: number;
  warnings: number;
  /** Size of the output written for it, when one was written. */
  outputSize?: number;
  /** The output's mtime (`mtimeMs`) after it was written; with the size, what tells an edited output. */
  outputMtime?: number;
  /** Its diagnostics (and findings), printed again when a run skips it. */
  messages?: Array<Omit<ReportMessage, "file">>;
  /** Shortcodes found, by tag, for reports. */
  shortcodes?: Record<string, number>;
  /**
   * Where the unit's text started in its file when its messages were placed (a post of a
   * WordPress export): a hit whose post has moved (posts above it edited) moves its messages too.
   */
  origin?: { line: number; column: number };
}

/** A cached unit's messages moved from where its text started then ({@link CacheEntry.origin}) to where it starts now. */
export function movedMessages<M extends { line: number; column: number; endLine: number; endColumn: number }>(
  messages: readonly M[],
  from: { line: number; column: number },
  to: { line: number; column: number },
): M[] {
  if (from.line === to.line && from.column === to.column) return [...messages];
  const move = (line: number, column: number) =>
    line === from.line ? { line: to.line, column: column - from.column + to.column } : { line: line - from.line + to.line, column };
  return messages.map((m) => {
    const start = move(m.line, m.column);
    const end = move(m.endLine, m.endColumn);
    return { ...m, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  });
}

interface CacheFile {
  tool: string;
  settings: string;
  entries: Record<string, CacheEntry>;
}

/**
 * The default cache location under a working directory. Each command has its own file
 * (`convert.json`, `check.json`), so a CI job running both does not invalidate one with the other.
 *
 * @param name the file's stem (default: `cache`)
 */
function defaultCacheLocation(cwd: string, name = "cache"): string {
  return path.join(cwd, "node_modules", ".cache", "shortcode-migrate", `${name}.json`);
}

/** What the cache remembers of a written output: its size and mtime. */
export interface OutputStamp {
  outputSize: number;
  outputMtime: number;
}

/** The {@link OutputStamp} of `file` now, or `undefined` when it is not there (or cannot be stat'ed). */
export async function outputStamp(fs: { stat(file: string): Promise<{ size: number; mtimeMs: number }> }, file: string): Promise<OutputStamp | undefined> {
  try {
    const { size, mtimeMs } = await fs.stat(file);
    return { outputSize: size, outputMtime: mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * Whether the output is still as this entry's run wrote it: same size and same mtime, as make
 * and eslint's cache judge a file (an edit that keeps the size is seen too). An entry without
 * a stamp never matches.
 */
function sameOutput(entry: CacheEntry, stamp: OutputStamp | undefined): boolean {
  return stamp !== undefined && entry.outputMtime !== undefined && stamp.outputSize === entry.outputSize && stamp.outputMtime === entry.outputMtime;
}

/** Hash of anything JSON-serialisable (settings, config). */
export function hashSettings(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value)).digest("hex");
}

/** Hash of an input's bytes. */
export function hashContent(bytes: Uint8Array | string): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/** A loaded cache: look up, record, save. */
export class ConversionCache {
  private readonly entries: Record<string, CacheEntry>;
  /** Why the old cache was dropped, if it was. */
  readonly invalidated: string | null;
  private dirty = false;

  private constructor(
    readonly file: string,
    readonly tool: string,
    readonly settings: string,
    previous: CacheFile | null,
    invalidated: string | null,
    private readonly fs: CacheFs,
  ) {
    this.invalidated = invalidated;
    this.entries = previous && !invalidated ? previous.entries : {};
  }

  /**
   * Load the cache at `file` for this tool version and settings hash.
   * A missing or unreadable file gives an empty cache.
   *
   * @param fs file system (default: `node:fs/promises`)
   */
  static async load(file: string, tool: string, settings: string, fs: CacheFs = defaultFileSystem): Promise<ConversionCache> {
    let previous: CacheFile | null = null;
    let invalidated: string | null = null;
    try {
      previous = JSON.parse(await fs.readFile(file, "utf8")) as CacheFile;
      if (typeof previous !== "object" || previous === null || typeof previous.entries !== "object") {
        invalidated = "the cache file is not in the expected format";
      } else if (previous.tool !== tool) {
        invalidated = `it was written by ${previous.tool}`;
      } else if (previous.settings !== settings) {
        invalidated = "rules, configuration or options changed";
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") invalidated = `the cache file could not be read (${code ?? (error as Error).message})`;
    }
    return new ConversionCache(file, tool, settings, previous, invalidated, fs);
  }

  /** The entry for `key` whatever its input hash (to tell "new" from "changed"). */
  peek(key: string): CacheEntry | undefined {
    return this.entries[key];
  }

  /** The entry for `key` if it is still valid for `inputHash`. */
  lookup(key: string, inputHash: string): CacheEntry | undefined {
    const entry = this.entries[key];
    return entry && entry.input === inputHash ? entry : undefined;
  }

  record(key: string, entry: CacheEntry): void {
    this.entries[key] = entry;
    this.dirty = true;
  }

  /** Write the cache atomically (temp file + rename) if anything changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    await this.fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const body: CacheFile = { tool: this.tool, settings: this.settings, entries: this.entries };
    await this.fs.writeFile(temp, JSON.stringify(body));
    await this.fs.rename(temp, this.file);
    this.dirty = false;
  }
}

/** Why inputs were converted again instead of skipped from the cache (summary of a run). */
export class CacheStats {
  hits = 0;
  fresh = 0;
  changed = 0;
  outputGone = 0;

  /** `cache: 1998 unchanged since the last run (skipped); converted: 1 new, 1 changed` */
  describe(): string {
    const again = [
      this.fresh && `${this.fresh} new`,
      this.changed && `${this.changed} changed since the last run`,
      this.outputGone && `${this.outputGone} whose output was deleted or modified`,
    ].filter(Boolean);
    return `cache: ${this.hits} unchanged since the last run (skipped)${again.length ? `; converted: ${again.join(", ")}` : ""}`;
  }
}

/** Why a unit was not taken from the cache (see {@link validEntry}). */
type CacheMiss = "fresh" | "changed" | "output";

/**
 * The valid entry of `key` for an input hashed `input`, or `undefined`, the reason counted in
 * `stats` (and told to `miss`). With `output` (an output file the run writes), that file must
 * still have the size and mtime it was written with, else the unit is converted again.
 */
export async function validEntry(
  cache: ConversionCache,
  stats: CacheStats,
  fs: Parameters<typeof outputStamp>[0],
  key: string,
  input: string,
  output: string | undefined,
  miss?: (why: CacheMiss) => void,
): Promise<CacheEntry | undefined> {
  const entry = cache.peek(key);
  const why: CacheMiss | undefined = !entry
    ? "fresh"
    : entry.input !== input
      ? "changed"
      : output !== undefined && !sameOutput(entry, await outputStamp(fs, output))
        ? "output"
        : undefined;
  if (why === undefined) {
    stats.hits++;
    return entry;
  }
  if (why === "fresh") stats.fresh++;
  else if (why === "changed") stats.changed++;
  else stats.outputGone++;
  miss?.(why);
  return undefined;
}

/** The cache entry of a converted unit: its counts and messages (without the file name, which a later run gives again). */
export function cacheEntry(
  input: string,
  changed: boolean,
  messages: readonly ReportMessage[],
  extra: { stamp?: OutputStamp | undefined; shortcodes?: Record<string, number>; origin?: { line: number; column: number } | undefined } = {},
): CacheEntry {
  return {
    input,
    changed,
    errors: messages.filter((m) => m.severity === "error").length,
    warnings: messages.filter((m) => m.severity === "warning").length,
    ...extra.stamp,
    ...(messages.length ? { messages: messages.map(({ file: _file, ...m }) => m) } : {}),
    ...(extra.shortcodes && Object.keys(extra.shortcodes).length ? { shortcodes: extra.shortcodes } : {}),
    ...(extra.origin ? { origin: { line: extra.origin.line, column: extra.origin.column } } : {}),
  };
}

/**
 * Load the cache of `--cache`/`--cache-location` for one command and its settings (its
 * `invalidated` says why an old one was dropped: new version, other settings, unreadable).
 *
 * @param location `--cache-location`, relative to `cwd` (default: {@link defaultCacheLocation} of `command`)
 * @param settings everything that changes what a conversion produces (hashed)
 */
export async function openCache(
  env: { cwd: string; fs: CacheFs; tool: { name: string; version: string } },
  command: string,
  location: string | undefined,
  settings: unknown,
): Promise<ConversionCache> {
  const file = location === undefined ? defaultCacheLocation(env.cwd, command) : path.resolve(env.cwd, location);
  return ConversionCache.load(file, `${env.tool.name}@${env.tool.version}`, hashSettings(settings), env.fs);
}

/**
 * {@link openCache} for a run with `--cache` (`undefined` without), telling when an old cache
 * was dropped.
 */
export async function openRunCache(
  env: Parameters<typeof openCache>[0],
  command: string,
  cache: { location: string | undefined } | undefined,
  settings: unknown,
  tell: (event: RunEvent) => void,
): Promise<ConversionCache | undefined> {
  if (!cache) return undefined;
  const opened = await openCache(env, command, cache.location, settings);
  if (opened.invalidated) tell({ kind: "info", text: `cache: starting afresh: ${opened.invalidated}` });
  return opened;
}

/**
 * Whether the cache may skip a unit whose input has not changed: not when every output is
 * shown (on stdout, as a diff), nor with links and assets (a skipped unit's links and files
 * would be missing from the census and the manifest; the link index itself is cached). With
 * `noun` (archives: "record", exports: "post"), a cache that cannot skip is told once.
 */
export function cacheCanSkip(
  cache: ConversionCache | undefined,
  run: { stdout: boolean; diffs: boolean; links: boolean },
  noun?: string,
  tell?: (event: RunEvent) => void,
): boolean {
  if (!cache) return false;
  const skips = !run.stdout && !run.diffs && !run.links;
  if (!skips && noun && tell)
    tell({
      kind: "info",
      text: run.links
        ? `cache: ${noun}s not skipped with links and assets (every ${noun}'s links are counted and its files listed); the link index is cached`
        : `cache: not used here: every ${noun}'s output is written to stdout or shown as a diff`,
    });
  return skips;
}

/**
 * A record's or post's result from its valid cache entry: counted as cached and up to date
 * (converted when nothing is written and it would change: `--dry-run`), its messages told
 * again (named `name`; `move` places them anew), its report entry.
 *
 * @param output the output's name in the report (`null`: nothing is written)
 */
export function resultFromCache(
  result: UnitResult,
  entry: CacheEntry,
  name: string,
  output: string | null,
  move: (messages: ReportMessage[]) => ReportMessage[] = (messages) => messages,
): UnitResult {
  result.tally.cached++;
  if (output === null && entry.changed) result.tally.converted++;
  else result.tally.upToDate++;
  const messages = move((entry.messages ?? []).map((m) => ({ ...m, file: name })));
  for (const m of messages) result.tally.count(m);
  result.events.push({ kind: "messages", messages });
  result.report = {
    file: name,
    status: entry.changed ? "converted" : "unchanged",
    output,
    changed: entry.changed,
    messages,
    shortcodes: entry.shortcodes ?? {},
  };
  return result;
}

/**
 * The link index of a run, remembered beside the conversion cache (`convert.json` →
 * `convert.links.json`): valid while the inputs (path, size, modification time), the settings
 * that shape the index and the tool version are the same.
 *
 * @param location `--cache-location`, relative to `cwd`
 * @param key everything the index is made from (hashed): the inputs' stamps, the link and naming settings
 * @param build the first pass, run when the cache has no valid index
 * @returns the index's data and whether it came from the cache; `note` says why a cache could not be used or written
 */
export async function cachedLinkIndex<T>(
  env: { cwd: string; fs: CacheFs; tool: { name: string; version: string } },
  location: string | undefined,
  key: unknown,
  build: () => Promise<T>,
): Promise<{ data: T; cached: boolean; note?: string }> {
  const file = (location === undefined ? defaultCacheLocation(env.cwd, "convert") : path.resolve(env.cwd, location)).replace(/(\.json)?$/i, ".links.json");
  const hash = hashSettings({ tool: `${env.tool.name}@${env.tool.version}`, key });
  try {
    const stored = JSON.parse(await env.fs.readFile(file, "utf8")) as { key?: unknown; index?: T };
    if (stored?.key === hash && stored.index !== undefined) return { data: stored.index, cached: true };
  } catch {
    // no cache yet, or one that cannot be read: built again below, and written anew
  }
  const data = await build();
  try {
    await env.fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await env.fs.writeFile(temp, JSON.stringify({ key: hash, index: data }));
    await env.fs.rename(temp, file);
    return { data, cached: false };
  } catch (error) {
    return {
      data,
      cached: false,
      note: `cache: the link index could not be written to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next run builds it again`,
    };
  }
}

/**
 * Save the cache at the end of a run: one that cannot be written is a warning, never a failure
 * of the run; with `skipped` (the cache skipped units), what it skipped and why the others ran.
 */
export async function saveCache(cache: ConversionCache | undefined, skipped: CacheStats | undefined, tell: (event: RunEvent) => void): Promise<void> {
  if (!cache) return;
  try {
    await cache.save();
  } catch (error) {
    tell({
      kind: "warn",
      text: `cache: could not be written to ${cache.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next run converts everything again`,
    });
  }
  if (skipped) tell({ kind: "info", text: skipped.describe() });
}
