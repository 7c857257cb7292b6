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
  const fast = PLAIN_URL.exec(trimmed);
  if (fast !== null && (fast[1] !== undefined || (fast[2] !== undefined && !trimmed.startsWith("//"))) && !DOT_SEGMENT.test(fast[2] ?? ""))
    return fromParts(
      fast[1] === undefined ? "" : stripWww(fast[1].toLowerCase()),
      fast[2] || "/",
      fast[3],
      fast[4] === undefined || fast[4] === "#" ? "" : fast[4],
    );
  return parseSlow(trimmed);
}

function parseSlow(trimmed: string): NormalizedUrl | null {
  const rootRelative = trimmed.startsWith("/") && !trimmed.startsWith("//");
  if (!rootRelative && !/^(https?:)?\/\//i.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(rootRelative ? `http://root.invalid${trimmed}` : trimmed.startsWith("//") ? `http:${trimmed}` : trimmed);
  } catch {
    return null;
  }
  return fromParts(rootRelative ? "" : stripWww(parsed.hostname.toLowerCase()), parsed.pathname, parsed.search.slice(1), parsed.hash);
}

/**
 * The common spelling, taken apart without the URL parser (the index normalizes every link
 * of every article): an ASCII host name (its last label starting with a letter, so no IPv4
 * form) without port or credentials, a path without dot segments, backslashes or spaces.
 * Anything else goes through `new URL`.
 */
const PLAIN_URL = /^(?:(?:https?:)?\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*))?(\/[^\\\s?#]*)?(?:\?([^#\s]*))?(#\S*)?$/i;
/** UTF-8 that replaces what does not decode. */
const LENIENT_UTF8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** A `.` or `..` segment: left to the URL parser, which resolves it. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

function fromParts(host: string, pathname: string, query: string | undefined, fragment: string): NormalizedUrl {
  const path = normalizePath(pathname);
  if (query) {
    const parameters = new URLSearchParams(query);
    for (const name of ID_PARAMETERS) {
      const id = parameters.get(name);
      if (id !== null && /^\d+$/.test(id)) return { key: `${host}/?${name}=${BigInt(id)}`, host, path, fragment };
    }
  }
  return { key: `${host}${path}`, host, path, fragment };
}

/**
 * {@link normalizeUrl} through the URL parser only, never the fast path: the reference the
 * fast path is property-tested against.
 */
export function normalizeUrlWithParser(url: string): NormalizedUrl | null {
  const trimmed = url.trim();
  if (trimmed === "" || trimmed.startsWith("#") || OTHER_SCHEME.test(trimmed)) return null;
  return parseSlow(trimmed);
}

/** `www.example.com` → `example.com` (the two are one site for an old archive). */
export function stripWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host;
}

/** Decoded, NFC, `//` collapsed, no trailing slash (except the root `/`). */
function normalizePath(pathname: string): string {
  let path = pathname;
  if (path.includes("%")) {
    try {
      path = decodeURIComponent(pathname);
    } catch {
      // a broken UTF-8 sequence becomes U+FFFD (the key only has to be the same for both spellings); a lone `%` stays
      path = pathname.replace(/(?:%[0-9a-f]{2})+/gi, (run) => LENIENT_UTF8.decode(Uint8Array.from(run.slice(1).split("%"), (hex) => parseInt(hex, 16))));
    }
  }
  if (/[^\x00-\x7f]/.test(path)) path = path.normalize("NFC");
  if (path.includes("//")) path = path.replace(/\/{2,}/g, "/");
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "" ? "/" : path;
}
