/**
 * Links, images and redirects in a run of `convert` (issue 16): the flags read once (a bad
 * value is a usage error before any work), the first pass that builds the link index from
 * the sources' {@link ArticleRecord}s, and {@link LinkRun}, which gathers what each unit
 * found (the link census, the asset manifest) in input order for the sinks that run after
 * the conversion (`sinks/links.ts`).
 *
 * A source feeds the index with {@link buildLinkRun}: any (async) iterable of
 * `ArticleRecord`s, one per article, whose `outputPath` is where that article's output goes
 * (`/`-separated, relative to the output folder). NDJSON archives: {@link archiveArticles}.
 */
import path from "node:path";
import type { AssetOptions } from "../assets/asset-map.js";
import { AssetMap } from "../assets/asset-map.js";
import { AssetManifest, manifestFormat } from "../assets/manifest.js";
import { LinkCensus } from "../links/census.js";
import { LinkIndex, SOZCU_ID_PATTERN, type ArticleRecord, type LinkIndexOptions } from "../links/link-index.js";
import { redirectFormat, type RedirectStatus } from "../redirects/formats.js";
import { cachedLinkIndex, hashContent } from "./cache.js";
import type { RunEnv } from "./env.js";
import { UsageError } from "./errors.js";
import { readRecord } from "./record.js";
import type { ConvertOptions, OutputFormat } from "../convert/types.js";
import { OUTPUT_EXTENSIONS, RecordNames } from "./sinks/out-dir.js";
import { findArchives, isArchiveProblem, openArchive } from "./sources/ndjson.js";
import type { LinkData, UnitLinkFindings } from "./unit-links.js";

/** The links and assets flags of `convert`, as commander parses them. */
export interface LinkFlags {
  urlField?: string[];
  dateField?: string;
  slugField?: string;
  siteHost?: string[];
  linkIdPattern?: string;
  permalink?: string;
  assetBase?: string;
  assetHost?: string[];
  originals?: boolean;
  assetManifest?: string;
  assetsFrom?: string;
  downloadAssets?: boolean;
  assetDir?: string;
  downloadConcurrency?: number;
  downloadTimeout?: number;
  downloadRetries?: number;
  redirects?: string;
  redirectStatus?: number;
}

/** Every flag of {@link LinkFlags}: giving any of them turns link and asset rewriting on. */
const LINK_FLAGS: readonly (keyof LinkFlags)[] = [
  "urlField",
  "dateField",
  "slugField",
  "siteHost",
  "linkIdPattern",
  "permalink",
  "assetBase",
  "assetHost",
  "originals",
  "assetManifest",
  "assetsFrom",
  "downloadAssets",
  "assetDir",
  "downloadConcurrency",
  "downloadTimeout",
  "downloadRetries",
  "redirects",
  "redirectStatus",
];

/** The links and assets of a run, resolved once. */
export interface LinkSettings {
  index: LinkIndexOptions;
  assets: AssetOptions;
  /** NDJSON: the fields naming each record's old URLs, date and slug. */
  fields: { url: readonly string[]; date: string; slug: string };
  /** `--asset-manifest`, absolute. */
  manifest: string | undefined;
  /** `--assets-from DIR`, absolute. */
  copyFrom: string | undefined;
  /** `--download-assets` and its limits. */
  download: { concurrency: number; timeoutMs: number; retries: number } | undefined;
  /** Where copied or downloaded assets go, absolute (with `--assets-from` or `--download-assets`). */
  assetDir: string | undefined;
  /** `--redirects FILE`, absolute, and `--redirect-status`. */
  redirects: { file: string; display: string; status: RedirectStatus } | undefined;
}

const STATUSES: readonly RedirectStatus[] = [301, 302, 307, 308];

/** `https://www.a.com/` or `www.a.com` → `www.a.com`; a usage error for what is no host name. */
function hostName(flag: string, value: string): string {
  const trimmed = value.trim();
  let host = trimmed;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      host = new URL(trimmed).hostname;
    } catch {
      host = "";
    }
  }
  host = host.replace(/\/.*$/, "").toLowerCase();
  if (!/^[a-z0-9*]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) throw new UsageError(`${flag} "${value}": expected a host name such as www.sozcu.com.tr`);
  return host;
}

/** Whether the preset list in force has the Sözcü conventions (its links carry a trailing numeric id). */
function usesSozcu(preset: ConvertOptions["preset"] | undefined): boolean {
  const list = preset ?? "sozcu";
  return (typeof list === "string" ? list.split(",") : [...list]).some((name) => name.trim() === "sozcu");
}

/**
 * The links and assets of a run from its flags, or `undefined` when none is given (nothing is
 * rewritten then). Every bad value is a usage error here, before any work.
 *
 * @param settings the run's other settings (the output folder, the preset, stdin)
 */
export function linkSettings(
  env: Pick<RunEnv, "cwd">,
  flags: LinkFlags,
  settings: { outDir: string | undefined; options: ConvertOptions; stdin: boolean; archives: boolean; wxr?: boolean; write: boolean },
): LinkSettings | undefined {
  if (!LINK_FLAGS.some((flag) => flags[flag] !== undefined && flags[flag] !== false)) return undefined;
  const wrap = <T>(make: () => T): T => {
    try {
      return make();
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/^link id pattern/, "--link-id-pattern").replace(/^permalink pattern/i, "--permalink"));
    }
  };
  if (settings.stdin && settings.archives) {
    throw new UsageError(
      "links need two passes over the archive (the index, then the conversion) and stdin can be read only once: save it to a .ndjson file and convert that",
    );
  }
  if (settings.stdin && settings.wxr) {
    throw new UsageError(
      "links need the whole export before the first post (the index, then the conversion) and stdin can be read only once: save it to an .xml file and convert that",
    );
  }
  const index: LinkIndexOptions = {
    siteHosts: (flags.siteHost ?? []).map((host) => hostName("--site-host", host)),
    idPattern: flags.linkIdPattern ?? (usesSozcu(settings.options.preset ?? settings.options.config?.preset) ? SOZCU_ID_PATTERN : null),
    permalink: flags.permalink ?? null,
  };
  wrap(() => new LinkIndex(index));
  const assets: AssetOptions = {
    assetBase: flags.assetBase ?? "/images/",
    assetHosts: (flags.assetHost ?? []).map((host) => hostName("--asset-host", host)),
    originals: Boolean(flags.originals),
  };
  wrap(() => new AssetMap(assets));
  if (flags.assetManifest !== undefined) wrap(() => manifestFormat(flags.assetManifest!));
  if (flags.redirects !== undefined) wrap(() => redirectFormat(flags.redirects!));
  const status = flags.redirectStatus ?? 301;
  if (!STATUSES.includes(status as RedirectStatus)) throw new UsageError(`--redirect-status ${status}: expected one of ${STATUSES.join(", ")}`);
  if (flags.downloadAssets && flags.assetsFrom !== undefined) {
    throw new UsageError("--download-assets and --assets-from both fill the asset folder: choose one (--assets-from copies from a local uploads backup)");
  }
  for (const [flag, value] of [
    ["--url-field", flags.urlField],
    ["--date-field", flags.dateField],
    ["--slug-field", flags.slugField],
  ] as const) {
    for (const name of Array.isArray(value) ? value : value === undefined ? [] : [value])
      if (name.trim() === "") throw new UsageError(`${flag} "": expected a field name`);
  }
  const fetching = flags.downloadAssets || flags.assetsFrom !== undefined;
  let assetDir: string | undefined;
  if (flags.assetDir !== undefined) {
    if (flags.assetDir.trim() === "") throw new UsageError('--asset-dir "": expected a folder name');
    assetDir = path.resolve(env.cwd, flags.assetDir);
  } else if (fetching) {
    const base = assets.assetBase!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(base)) throw new UsageError(`--asset-base ${base} is a URL: add --asset-dir DIR to say where the files go`);
    if (settings.outDir === undefined)
      throw new UsageError(
        `${flags.downloadAssets ? "--download-assets" : "--assets-from"} needs a folder for the files: add --out-dir DIR (they go under DIR${base}) or --asset-dir DIR`,
      );
    assetDir = path.join(settings.outDir, base.replace(/^\/+/, ""));
  }
  const manifest = flags.assetManifest === undefined ? undefined : path.resolve(env.cwd, flags.assetManifest);
  return {
    index,
    assets,
    fields: { url: flags.urlField ?? ["url"], date: flags.dateField ?? "date", slug: flags.slugField ?? "slug" },
    manifest,
    copyFrom: flags.assetsFrom === undefined ? undefined : path.resolve(env.cwd, flags.assetsFrom),
    download: flags.downloadAssets
      ? { concurrency: flags.downloadConcurrency ?? 4, timeoutMs: (flags.downloadTimeout ?? 30) * 1000, retries: flags.downloadRetries ?? 3 }
      : undefined,
    assetDir,
    redirects:
      flags.redirects === undefined ? undefined : { file: path.resolve(env.cwd, flags.redirects), display: flags.redirects, status: status as RedirectStatus },
  };
}

/** The index options of `scan` (`--site-host`, `--link-id-pattern`, the preset's default pattern); a bad value is a usage error. */
export function scanIndexOptions(flags: Pick<LinkFlags, "siteHost" | "linkIdPattern">, preset: ConvertOptions["preset"]): LinkIndexOptions {
  const options: LinkIndexOptions = {
    siteHosts: (flags.siteHost ?? []).map((host) => hostName("--site-host", host)),
    idPattern: flags.linkIdPattern ?? (usesSozcu(preset) ? SOZCU_ID_PATTERN : null),
  };
  try {
    new LinkIndex(options);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^link id pattern/, "--link-id-pattern"));
  }
  return options;
}

/**
 * `scan`'s link index (its census of related-news links), over NDJSON archives: from
 * `--url-field`, `--site-host` and `--link-id-pattern` as `convert` reads them; `undefined`
 * when no record names an old URL and no site host is given (no link is to the old site then).
 */
export async function scanLinkIndex(
  env: Pick<RunEnv, "cwd" | "fs" | "stdin">,
  scan: {
    archives: boolean;
    operands: readonly string[];
    ignore: readonly string[] | undefined;
    field: string;
    idField: string;
    preset: ConvertOptions["preset"];
  },
  flags: Pick<LinkFlags, "urlField" | "siteHost" | "linkIdPattern">,
): Promise<LinkIndex | undefined> {
  const options = scanIndexOptions(flags, scan.preset);
  // article files name no old URL: only the site hosts given say which links are the old site's
  const records = scan.archives
    ? archiveArticles({ ...scan, outDir: undefined, to: "markdown" }, env, { fields: { url: flags.urlField ?? ["url"], date: "date", slug: "slug" } })
    : [];
  const index = await LinkIndex.fromAsync(records, options);
  return index.toJSON().hosts.length > 0 ? index : undefined;
}

/** A run's link index and asset map, and what its units found, gathered in input order. */
export class LinkRun {
  readonly census = new LinkCensus();
  readonly manifest = new AssetManifest();
  readonly assets: AssetMap;
  /** What each converting thread rebuilds the index and asset map from. */
  readonly data: LinkData;
  /** Changes whenever the index or the asset options do: part of the cache key. */
  readonly fingerprint: string;

  constructor(
    readonly settings: LinkSettings,
    readonly index: LinkIndex,
  ) {
    this.assets = new AssetMap(settings.assets);
    this.data = { index: index.toJSON(), assets: settings.assets };
    this.fingerprint = hashContent(JSON.stringify(this.data));
  }

  /**
   * Adds what one unit found.
   * @param name the unit's name in messages (`dump.ndjson#123`, `a/b.txt`): dead links are listed under it
   * @param post the article's id in the manifest (an NDJSON record's id, a file's name)
   */
  add(name: string, post: string, findings: UnitLinkFindings | undefined): void {
    if (!findings) return;
    this.census.add(name, findings.outcomes);
    this.manifest.add(post, findings.assets, (key) => this.assets.href(key, ""));
  }
}

/**
 * The first pass: the link index from a source's records (streamed), and the run's
 * {@link LinkRun}. A WXR or any other source calls this with its own records.
 *
 * @param records one per article: its old URLs and where its output goes
 */
export async function buildLinkRun(settings: LinkSettings, records: AsyncIterable<ArticleRecord> | Iterable<ArticleRecord>): Promise<LinkRun> {
  return new LinkRun(settings, await LinkIndex.fromAsync(records, settings.index));
}

/**
 * The first pass over NDJSON archives, its index kept with `--cache` (beside the cache file;
 * valid while the archives' size and modification time and the link settings are the same).
 *
 * @param tell receives the note that the index came from the cache (or could not be written there)
 */
export async function archiveLinkRun(
  settings: Parameters<typeof archiveArticles>[0] & { cache: { location: string | undefined } | undefined },
  env: RunEnv,
  links: LinkSettings,
  tell: (event: { kind: "info" | "warn"; text: string }) => void,
): Promise<LinkRun> {
  const build = async () => (await LinkIndex.fromAsync(archiveArticles(settings, env, links), links.index)).toJSON();
  if (settings.cache === undefined) return new LinkRun(links, LinkIndex.fromJSON(await build()));
  const { outDir } = settings;
  const found = await findArchives(env, settings.operands, settings.ignore, outDir ? [outDir] : []);
  const stamps = [];
  for (const archive of found.archives) {
    try {
      const { size, mtimeMs } = await env.fs.stat(archive.path);
      stamps.push([archive.path, archive.display, size, mtimeMs]);
    } catch {
      stamps.push([archive.path, archive.display, null, null]);
    }
  }
  const key = {
    source: "ndjson",
    stamps,
    to: settings.to,
    field: settings.field,
    idField: settings.idField,
    fields: links.fields,
    index: links.index,
    outDir: outDir !== undefined,
  };
  const { data, cached, note } = await cachedLinkIndex(env, settings.cache.location, key, build);
  if (note) tell({ kind: "warn", text: note });
  const index = LinkIndex.fromJSON(data);
  if (cached)
    tell({
      kind: "info",
      text: `links: the link index of ${index.size} article${index.size === 1 ? "" : "s"} taken from the cache (the archives did not change)`,
    });
  return new LinkRun(links, index);
}

/** An output file's path relative to the output folder, `/`-separated: an {@link ArticleRecord}'s `outputPath`. */
export function outputPathUnder(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/** The folder records are named under, for their links, when there is no `--out-dir` (the names `--out-dir` would give). */
export const VIRTUAL_ROOT = path.resolve("/");

/**
 * The NDJSON archives' articles, one {@link ArticleRecord} per record with a string body,
 * named as the conversion will name them: old URLs from `--url-field` (a string or an array
 * of strings), `--date-field`, `--slug-field`. Broken lines and archives are left to the
 * conversion, which reports them.
 */
export async function* archiveArticles(
  settings: {
    operands: readonly string[];
    outDir: string | undefined;
    ignore: readonly string[] | undefined;
    to: OutputFormat;
    field: string;
    idField: string;
  },
  env: Pick<RunEnv, "cwd" | "fs" | "stdin">,
  links: Pick<LinkSettings, "fields">,
): AsyncGenerator<ArticleRecord> {
  const { outDir } = settings;
  const found = await findArchives(env, settings.operands, settings.ignore, outDir ? [outDir] : []);
  const root = outDir ?? VIRTUAL_ROOT;
  const names = new RecordNames(root, OUTPUT_EXTENSIONS[settings.to]);
  const record = { field: settings.field, idField: settings.idField };
  for (const archive of found.archives) {
    const opened = await openArchive(env, archive, archive.display);
    if (isArchiveProblem(opened)) continue;
    try {
      for await (const unit of opened.units()) {
        const { line, bytes } = unit.record!;
        const read = readRecord({ line, bytes }, record);
        if (read.kind !== "record" || typeof read.body !== "string") continue;
        const { object } = read;
        const oldUrls: string[] = [];
        for (const field of links.fields.url) {
          const value = object[field];
          if (typeof value === "string") oldUrls.push(value);
          else if (Array.isArray(value)) for (const item of value) if (typeof item === "string") oldUrls.push(item);
        }
        const date = object[links.fields.date];
        const slug = object[links.fields.slug];
        yield {
          id: read.key,
          oldUrls,
          outputPath: outputPathUnder(root, names.next(read.id, line)),
          ...(typeof date === "string" ? { date } : {}),
          ...(typeof slug === "string" && slug !== "" ? { slug } : {}),
        };
      }
    } finally {
      await opened.close();
    }
  }
}
