/**
 * The asset manifest (`assets.json` or `assets.csv`): every old-site asset, its new path
 * and the articles that use it. Built from the {@link AssetUse}s of each article; mergeable.
 */
import { defaultFileSystem, type FileSystem } from "../io/fs.js";
import { writeFileAtomic } from "../io/write.js";
import type { AssetUse } from "./rewrite-assets.js";

/** One asset in the manifest. */
export interface ManifestEntry {
  /** The URL fetched for it (the original's with `--originals`). */
  source: string;
  /** Every spelling found in the articles (`http`/`https`, resized copies with `--originals`), sorted. */
  urls: string[];
  /** Its new URL (`/images/2019/11/18/a.jpg`). */
  path: string;
  /** Its key under the asset base (`2019/11/18/a.jpg`): the file written by `--assets-from`/`--download-assets`. */
  key: string;
  /** Ids of the articles using it, sorted. */
  posts: string[];
}

/** Problems the manifest found: two different files wanting one new path. */
export interface ManifestConflict {
  key: string;
  sources: string[];
}

/** Collects asset uses into entries keyed by new path. */
export class AssetManifest {
  private readonly byKey = new Map<string, { source: string; urls: Set<string>; path: string; posts: Set<string>; sources: Set<string> }>();

  /**
   * Records the assets one article uses.
   * @param post the article's id
   * @param uses from {@link rewriteAssets}
   * @param href the asset's new URL (`(key) => assets.href(key, "")` for an absolute base)
   */
  add(post: string, uses: readonly AssetUse[], href: (key: string) => string): void {
    for (const use of uses) {
      let entry = this.byKey.get(use.key);
      if (entry === undefined) {
        entry = { source: use.source, urls: new Set(), path: href(use.key), posts: new Set(), sources: new Set() };
        this.byKey.set(use.key, entry);
      }
      entry.urls.add(use.url);
      entry.posts.add(post);
      entry.sources.add(sourceIdentity(use.source));
    }
  }

  /** Adds the entries of another manifest (a worker's, a previous run's). */
  merge(entries: readonly ManifestEntry[]): void {
    for (const other of entries) {
      let entry = this.byKey.get(other.key);
      if (entry === undefined) {
        entry = { source: other.source, urls: new Set(), path: other.path, posts: new Set(), sources: new Set() };
        this.byKey.set(other.key, entry);
      }
      for (const url of other.urls) entry.urls.add(url);
      for (const post of other.posts) entry.posts.add(post);
      entry.sources.add(sourceIdentity(other.source));
    }
  }

  /** Number of assets. */
  get size(): number {
    return this.byKey.size;
  }

  /** The entries, sorted by key (deterministic whatever order the articles came in). */
  entries(): ManifestEntry[] {
    return [...this.byKey]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, entry]) => ({ source: entry.source, urls: [...entry.urls].sort(), path: entry.path, key, posts: [...entry.posts].sort() }));
  }

  /**
   * Keys that two different files map to (`a.com/wp-content/uploads/x.jpg` and
   * `b.com/wp-content/uploads/x.jpg`): only the first is fetched, so these must be reported.
   */
  conflicts(): ManifestConflict[] {
    const out: ManifestConflict[] = [];
    for (const [key, entry] of this.byKey) if (entry.sources.size > 1) out.push({ key, sources: [...entry.sources].sort() });
    return out;
  }
}

/** `http`/`https` and `www.` spell one file. */
function sourceIdentity(source: string): string {
  return source.replace(/^(https?:)?\/\/(www\.)?/i, "//").toLowerCase();
}

/** Manifest formats, by file extension. */
export type ManifestFormat = "json" | "csv";

/**
 * The manifest format a file name asks for.
 * @throws TypeError quoting the name when it ends in neither `.json` nor `.csv`
 */
export function manifestFormat(file: string): ManifestFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".csv")) return "csv";
  throw new TypeError(`--asset-manifest "${file}": expected a .json or .csv file name`);
}

/** The manifest as text in `format` (JSON: `{ version, assets: [...] }`; CSV: a header and one row per asset, posts `;`-joined). */
export function serializeManifest(entries: readonly ManifestEntry[], format: ManifestFormat): string {
  if (format === "json") return `${JSON.stringify({ version: 1, assets: entries }, null, 2)}\n`;
  const rows = [["source", "path", "posts", "urls"], ...entries.map((entry) => [entry.source, entry.path, entry.posts.join(";"), entry.urls.join(" ")])];
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** RFC 4180: a field with a comma, quote or line end is quoted, quotes doubled; a leading `=+-@` is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Writes the manifest to `file` (absolute), the format chosen by its name, atomically.
 * @throws TypeError for a name that is neither `.json` nor `.csv` (before anything is written); the fs error when it cannot be written
 */
export async function writeManifest(file: string, entries: readonly ManifestEntry[], fs: FileSystem = defaultFileSystem): Promise<void> {
  await writeFileAtomic(file, serializeManifest(entries, manifestFormat(file)), fs);
}
