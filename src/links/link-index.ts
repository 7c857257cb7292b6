/**
 * The link index: every article's old URLs → where its output goes. Built in a first pass
 * over the inputs (one {@link ArticleRecord} at a time, so a source can stream), then used
 * by the second pass to rewrite links ({@link LinkIndex.resolve}) and by the redirect
 * writers ({@link LinkIndex.redirects}). Pure and serializable ({@link LinkIndex.toJSON},
 * {@link LinkIndex.fromJSON}) so that it can be cached and sent to worker threads.
 */
import path from "node:path";
import { normalizeUrl, stripWww, type NormalizedUrl } from "./normalize.js";
import { expandPermalink, validatePermalink } from "./permalink.js";

/** What the first pass records for one article. */
export interface ArticleRecord {
  /** The unit's id (file path, NDJSON record id, WXR post id): used in messages and the census. */
  id: string;
  /**
   * Every URL the old site answered for this article: the permalink, the guid, `?p=ID`,
   * `?page_id=ID`, an NDJSON `--url-field` value. Absolute, protocol- or root-relative.
   */
  oldUrls: readonly string[];
  /** Where the article's output goes, `/`-separated, relative to the output folder (`posts/x.md`). */
  outputPath: string;
  /** ISO 8601 date, for `{yyyy}`/`{mm}`/`{dd}` of a permalink pattern. */
  date?: string;
  /** The article's slug, for `{slug}` (default: the output file's base name). */
  slug?: string;
  /**
   * The new location as links must write it, instead of the permalink or the relative path:
   * for what is no article, such as a WXR attachment whose page (`…/post/photo/`,
   * `?attachment_id=ID`) now leads to its file under the asset base (`/images/2019/11/photo.jpg`).
   */
  newUrl?: string;
}

/** Options of the index; serialized with it. */
export interface LinkIndexOptions {
  /**
   * Hosts of the old site besides the hosts of the records' own URLs (compared without
   * `www.`, case-insensitively). A link to one of these hosts that names no article is dead.
   * (default: none)
   */
  siteHosts?: readonly string[];
  /**
   * A regular expression (source text) run on an old-site URL's path (decoded, no trailing
   * slash) whose first capture group is the article's numeric id, so that a link whose slug
   * changed still finds its article; {@link SOZCU_ID_PATTERN} for the Sözcü archive
   * (default: none — URLs must match exactly after normalization).
   */
  idPattern?: string | null;
  /**
   * The new public URL of an article, `/haber/{yyyy}/{slug}/` (see `permalink.ts`);
   * without it links become paths relative to the output file (default: none).
   */
  permalink?: string | null;
  /**
   * Whether a root-relative link (`/2019/gundem/x/`) in a body is a link to the old site
   * (default: `true`: bodies were written for that site).
   */
  rootRelativeIsSite?: boolean;
}

/** The trailing numeric id of a Sözcü URL: `…/moskova-ile-…-5458424/` → `5458424`. */
export const SOZCU_ID_PATTERN = String.raw`-(\d{4,})$`;

/** Where a link goes once the archive has moved. */
export type Resolution =
  /** An article of the archive: `href` is its new location (with the link's fragment). */
  | { kind: "article"; id: string; href: string; via: "url" | "id" }
  /** The old site, but no article of the archive. */
  | { kind: "dead"; host: string; path: string }
  /** Another site, or no web URL at all (`mailto:`, `#top`, `foo.html`): left alone. */
  | { kind: "external" };

/** Something the index noticed while it was built (reported, never fatal). */
export interface IndexProblem {
  kind: "duplicate-article" | "duplicate-url" | "duplicate-id" | "bad-url" | "permalink";
  /** The article whose URL or field is concerned. */
  id: string;
  reason: string;
}

/** One old URL → the new location, for a redirect map. */
export interface Redirect {
  /** As the old site was asked: `/2019/gundem/x-5458424/`, `/?p=123`. */
  from: string;
  /** The old URL as recorded. */
  url: string;
  /** The new public URL (permalink, or `/` + output path without extension + `/`). */
  to: string;
  id: string;
}

/** The serialized index (JSON-safe): its tables as they are, so that rebuilding normalizes nothing again. */
export interface SerializedLinkIndex {
  version: 1;
  options: LinkIndexOptions;
  /** `[id, outputPath, oldUrls, date, slug, permalink]` per article, in insertion order. */
  articles: [string, string, string[], string | null, string | null, string | null][];
  /** Normalized URL key → article id. */
  keys: [string, string][];
  /** Numeric id (of `idPattern`) → article id. */
  numeric: [string, string][];
  /** The old site's hosts. */
  hosts: string[];
  problems: IndexProblem[];
}

interface Entry {
  record: ArticleRecord;
  permalink: string | null;
}

/** Builds, queries and serializes the link index. */
export class LinkIndex {
  readonly options: Readonly<Required<LinkIndexOptions>>;
  /** Problems found while adding records (duplicates, bad URLs, permalink fields missing). */
  readonly problems: IndexProblem[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, string>();
  private readonly byNumericId = new Map<string, string>();
  private readonly hosts = new Set<string>();
  private readonly idRegex: RegExp | null;

  /**
   * @param options see {@link LinkIndexOptions}
   * @throws TypeError for an invalid `idPattern` (not a regular expression, or no capture group) or `permalink`
   */
  constructor(options: LinkIndexOptions = {}) {
    this.options = {
      siteHosts: [...(options.siteHosts ?? [])],
      idPattern: options.idPattern ?? null,
      permalink: options.permalink ?? null,
      rootRelativeIsSite: options.rootRelativeIsSite ?? true,
    };
    for (const host of this.options.siteHosts) this.hosts.add(stripWww(host.toLowerCase()));
    this.idRegex = compileIdPattern(this.options.idPattern);
    if (this.options.permalink !== null) validatePermalink(this.options.permalink);
  }

  /** Builds an index from records (any iterable; see {@link LinkIndex.fromAsync} for streams). */
  static from(records: Iterable<ArticleRecord>, options: LinkIndexOptions = {}): LinkIndex {
    const index = new LinkIndex(options);
    for (const record of records) index.add(record);
    return index;
  }

  /** Builds an index from a stream of records (a source's first pass). */
  static async fromAsync(records: AsyncIterable<ArticleRecord> | Iterable<ArticleRecord>, options: LinkIndexOptions = {}): Promise<LinkIndex> {
    const index = new LinkIndex(options);
    for await (const record of records) index.add(record);
    return index;
  }

  /** Rebuilds an index serialized by {@link LinkIndex.toJSON} (a cache file, a worker's data). */
  static fromJSON(data: SerializedLinkIndex): LinkIndex {
    if (data?.version !== 1 || !Array.isArray(data.articles) || !Array.isArray(data.keys)) throw new TypeError("not a serialized link index (version 1)");
    const index = new LinkIndex(data.options);
    for (const [id, outputPath, oldUrls, date, slug, permalink] of data.articles) {
      index.entries.set(id, { record: { id, outputPath, oldUrls, ...(date === null ? {} : { date }), ...(slug === null ? {} : { slug }) }, permalink });
    }
    for (const [key, id] of data.keys) index.byKey.set(key, id);
    for (const [numeric, id] of data.numeric) index.byNumericId.set(numeric, id);
    for (const host of data.hosts) index.hosts.add(host);
    for (const problem of data.problems) index.problems.push(problem);
    return index;
  }

  /** Number of articles. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Adds one article. A URL another article already claimed stays with the first one
   * (a `duplicate-url` problem); so does a numeric id.
   */
  add(record: ArticleRecord): void {
    if (this.entries.has(record.id)) {
      this.problems.push({ kind: "duplicate-article", id: record.id, reason: `article id "${record.id}" was added twice; the first is kept` });
      return;
    }
    let permalink: string | null = record.newUrl ?? null;
    if (permalink === null && this.options.permalink !== null) {
      try {
        permalink = expandPermalink(this.options.permalink, record);
      } catch (error) {
        this.problems.push({ kind: "permalink", id: record.id, reason: `${(error as Error).message}; links to it use its output path` });
      }
    }
    this.entries.set(record.id, { record, permalink });
    for (const url of record.oldUrls) {
      const normalized = normalizeUrl(url);
      if (normalized === null) {
        this.problems.push({ kind: "bad-url", id: record.id, reason: `old URL "${url}" is no http(s) or root-relative URL; ignored` });
        continue;
      }
      if (normalized.host !== "") this.hosts.add(normalized.host);
      const owner = this.byKey.get(normalized.key);
      if (owner === undefined) this.byKey.set(normalized.key, record.id);
      else if (owner !== record.id)
        this.problems.push({ kind: "duplicate-url", id: record.id, reason: `old URL "${url}" is also article ${owner}'s; links to it go to ${owner}` });
      // root-relative keys match any site host: index the host-less form too
      if (normalized.host !== "" && !this.byKey.has(hostless(normalized.key))) this.byKey.set(hostless(normalized.key), record.id);
      const numeric = this.numericId(normalized.path);
      if (numeric !== null) {
        const idOwner = this.byNumericId.get(numeric);
        if (idOwner === undefined) this.byNumericId.set(numeric, record.id);
        else if (idOwner !== record.id)
          this.problems.push({
            kind: "duplicate-id",
            id: record.id,
            reason: `numeric id ${numeric} of "${url}" is also article ${idOwner}'s; links by id go to ${idOwner}`,
          });
      }
    }
  }

  /** Whether `host` (any case, with or without `www.`) is one of the old site's. */
  isSiteHost(host: string): boolean {
    return this.hosts.has(stripWww(host.toLowerCase()));
  }

  /**
   * The article an old URL names, or `null` (another site, or the old site but no article).
   * Exact match after normalization first, then the numeric id of `idPattern`.
   */
  locate(url: string): { id: string; via: "url" | "id" } | null {
    const normalized = normalizeUrl(url);
    return normalized === null ? null : this.locateNormalized(normalized);
  }

  private locateNormalized(normalized: NormalizedUrl): { id: string; via: "url" | "id" } | null {
    if (!this.onSite(normalized.host)) return null;
    const exact = this.byKey.get(normalized.key) ?? (normalized.host === "" ? undefined : this.byKey.get(hostless(normalized.key)));
    if (exact !== undefined) return { id: exact, via: "url" };
    const numeric = this.numericId(normalized.path);
    const byId = numeric === null ? undefined : this.byNumericId.get(numeric);
    return byId === undefined ? null : { id: byId, via: "id" };
  }

  /**
   * Where a link found in the article written to `fromOutputPath` goes now.
   * @param url the link as written
   * @param fromOutputPath the output path of the article holding the link (`/`-separated, relative to the output folder)
   * @returns an article (with the new `href`: the permalink, else a path relative to `fromOutputPath`; the fragment kept), `dead`, or `external`
   */
  resolve(url: string, fromOutputPath: string): Resolution {
    const normalized = normalizeUrl(url);
    if (normalized === null || !this.onSite(normalized.host)) return { kind: "external" };
    const found = this.locateNormalized(normalized);
    if (found === null) return { kind: "dead", host: normalized.host, path: normalized.path };
    const entry = this.entries.get(found.id)!;
    const href = entry.permalink ?? relativeHref(fromOutputPath, entry.record.outputPath);
    return { kind: "article", id: found.id, href: href + normalized.fragment, via: found.via };
  }

  /** The new public URL of an article: its permalink, else `/` + output path without extension + `/`. */
  publicUrl(id: string): string | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    return entry.permalink ?? `/${stripExtension(entry.record.outputPath)}/`;
  }

  /** The article recorded under `id`. */
  article(id: string): ArticleRecord | undefined {
    return this.entries.get(id)?.record;
  }

  /**
   * Old URL → new public URL for every old URL of every article, in insertion order; a
   * URL claimed by an earlier article is left out. `from` is the request as the old site
   * got it (path and the id query), which is what a redirect map matches.
   */
  *redirects(): Generator<Redirect> {
    const seen = new Set<string>();
    for (const [id, entry] of this.entries) {
      const to = this.publicUrl(id)!;
      for (const url of entry.record.oldUrls) {
        const normalized = normalizeUrl(url);
        if (normalized === null || this.byKey.get(normalized.key) !== id) continue;
        const from = requestPath(url);
        if (from === null || seen.has(from) || from === to) continue;
        seen.add(from);
        yield { from, url, to, id };
      }
    }
  }

  /** JSON-safe form; {@link LinkIndex.fromJSON} rebuilds an equal index. */
  toJSON(): SerializedLinkIndex {
    const articles: SerializedLinkIndex["articles"] = [];
    for (const { record, permalink } of this.entries.values()) {
      articles.push([record.id, record.outputPath, [...record.oldUrls], record.date ?? null, record.slug ?? null, permalink]);
    }
    return {
      version: 1,
      options: { ...this.options, siteHosts: [...this.options.siteHosts] },
      articles,
      keys: [...this.byKey],
      numeric: [...this.byNumericId],
      hosts: [...this.hosts],
      problems: [...this.problems],
    };
  }

  private onSite(host: string): boolean {
    return host === "" ? this.options.rootRelativeIsSite : this.hosts.has(host);
  }

  private numericId(urlPath: string): string | null {
    if (this.idRegex === null) return null;
    const match = this.idRegex.exec(urlPath);
    return match?.[1] === undefined ? null : String(BigInt(match[1]));
  }
}

function compileIdPattern(source: string | null): RegExp | null {
  if (source === null || source === "") return null;
  let regex: RegExp;
  try {
    regex = new RegExp(source, "u");
  } catch (error) {
    throw new TypeError(`link id pattern "${source}" is no regular expression: ${(error as Error).message}`);
  }
  if (new RegExp(`${source}|`, "u").exec("")!.length < 2) {
    throw new TypeError(`link id pattern "${source}" needs a capture group around the digits, e.g. ${SOZCU_ID_PATTERN}`);
  }
  return regex;
}

function hostless(key: string): string {
  return key.slice(key.indexOf("/"));
}

/** `posts/2019/a.md` → `../2020/b.md` from the folder of `from`; the file itself → its base name. */
function relativeHref(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative.replace(/ /g, "%20");
}

function stripExtension(outputPath: string): string {
  const slash = outputPath.lastIndexOf("/");
  const dot = outputPath.lastIndexOf(".");
  return dot > slash + 1 ? outputPath.slice(0, dot) : outputPath;
}

/** The request line's target of an old URL: its path (as written) and an id query; `null` for no web URL. */
function requestPath(url: string): string | null {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(
      trimmed.startsWith("/") && !trimmed.startsWith("//") ? `http://root.invalid${trimmed}` : trimmed.startsWith("//") ? `http:${trimmed}` : trimmed,
    );
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  for (const name of ["p", "page_id", "attachment_id"]) {
    const id = parsed.searchParams.get(name);
    if (id !== null && /^\d+$/.test(id)) return `${parsed.pathname}?${name}=${id}`;
  }
  return parsed.pathname;
}
