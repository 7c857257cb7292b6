/**
 * URL normalization for the link index: the many spellings of one old permalink
 * (`http`/`https`, `www.` or not, a trailing slash or not, percent-encoded or not, a
 * `#fragment`, tracking parameters) become one key. Pure; no I/O.
 */

/** A URL taken apart for the index. */
export interface NormalizedUrl {
  /**
   * The lookup key: `host/path` with the host lower-cased and without `www.`, no
   * trailing slash, percent-decoding normalized; `host/?p=ID` (or `?page_id=ID`,
   * `?attachment_id=ID`) for WordPress's id links.
   */
  key: string;
  /** The host, lower-cased, without `www.` (`""` for a root-relative URL such as `/2019/x/`). */
  host: string;
  /** The path, decoded (`/` at least), trailing slash removed except for the root. */
  path: string;
  /** The fragment with its `#` (`""` when none): kept aside and put back on the new location. */
  fragment: string;
}

/** Query parameters that name a WordPress post by its id (`/?p=123`, `/?page_id=2`). */
const ID_PARAMETERS = ["p", "page_id", "attachment_id"] as const;

/** A scheme (`mailto:`, `tel:`, `data:` …) that is no web link. */
const OTHER_SCHEME = /^(?!https?:)[a-z][a-z0-9+.-]*:/i;

/**
 * Normalizes an absolute `http(s)` URL, a protocol-relative `//host/path` or a root-relative
 * `/path` into a {@link NormalizedUrl}. Returns `null` for what is no such URL (a relative
 * path `foo.html`, a fragment alone, `mailto:`, an unparsable value): the index leaves
 * those alone.
 *
 * @param url the URL as written in the body
 */
export function normalizeUrl(url: string): NormalizedUrl | null {
  const trimmed = url.trim();
  if (trimmed === "" || trimmed.startsWith("#") || OTHER_SCHEME.test(trimmed)) return null;
  const rootRelative = trimmed.startsWith("/") && !trimmed.startsWith("//");
  if (!rootRelative && !/^(https?:)?\/\//i.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(rootRelative ? `http://root.invalid${trimmed}` : trimmed.startsWith("//") ? `http:${trimmed}` : trimmed);
  } catch {
    return null;
  }
  const host = rootRelative ? "" : stripWww(parsed.hostname.toLowerCase());
  const path = normalizePath(parsed.pathname);
  const fragment = parsed.hash;
  for (const name of ID_PARAMETERS) {
    const id = parsed.searchParams.get(name);
    if (id !== null && /^\d+$/.test(id)) return { key: `${host}/?${name}=${Number(id)}`, host, path, fragment };
  }
  return { key: `${host}${path === "/" ? "/" : path}`, host, path, fragment };
}

/** `www.example.com` → `example.com` (the two are one site for an old archive). */
export function stripWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host;
}

/** Decoded, NFC, `//` collapsed, no trailing slash (except the root `/`). */
function normalizePath(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // a lone `%` stays as written
  }
  path = path.normalize("NFC").replace(/\/{2,}/g, "/");
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "" ? "/" : path;
}

/**
 * The host of a URL as the index compares hosts (lower-case, no `www.`), or `null` when
 * the value is no absolute or protocol-relative web URL.
 */
export function hostOf(url: string): string | null {
  const normalized = normalizeUrl(url);
  return normalized === null || normalized.host === "" ? null : normalized.host;
}
