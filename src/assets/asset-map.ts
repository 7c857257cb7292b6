/**
 * Which URLs are files of the old site (images, media, documents) and where they go:
 * `https://…/wp-content/uploads/2019/11/18/a.jpg` → `/images/2019/11/18/a.jpg`. Pure.
 */
import path from "node:path";
import { stripWww } from "../links/normalize.js";

/** Options of {@link AssetMap}. */
export interface AssetOptions {
  /**
   * Where assets go, `--asset-base`: an absolute path (`/images/`) or URL (`https://cdn.example/`)
   * used as written, or a folder relative to the output folder (`images/`), written relative to
   * each article's output file (default: `/images/`).
   */
  assetBase?: string;
  /**
   * Hosts whose every URL is an asset, `--asset-host` (compared without `www.`,
   * case-insensitively); a `wp-content/uploads/` in their paths is still cut off (default: none).
   */
  assetHosts?: readonly string[];
  /**
   * Map WordPress's resized copies (`photo-300x200.jpg`) to their original (`photo.jpg`),
   * `--originals` (default: `false`). A file whose own name ends in `-WxH` would be mapped too.
   */
  originals?: boolean;
  /**
   * Restrict `wp-content/uploads/` and `*.files.wordpress.com` to these hosts (compared
   * without `www.`; a `*.` prefix matches subdomains); empty: any host (default: none).
   */
  uploadHosts?: readonly string[];
}

/** An old-site asset and its new place. */
export interface AssetTarget {
  /** The URL to fetch: the URL as found without its fragment (the original's URL with `--originals`). */
  source: string;
  /** `/`-separated path under the asset base: the uploads path (`2019/11/18/a.jpg`). */
  key: string;
}

const UPLOADS = "/wp-content/uploads/";
const RESIZED = /-(\d{1,5})x(\d{1,5})(\.[a-z0-9]{2,5})$/i;

/** Decides whether a URL is an old-site asset and maps it under the asset base. */
export class AssetMap {
  readonly options: Readonly<Required<AssetOptions>>;
  private readonly assetHosts: Set<string>;

  /** @throws TypeError for an empty `assetBase` */
  constructor(options: AssetOptions = {}) {
    const assetBase = options.assetBase ?? "/images/";
    if (assetBase.trim() === "") throw new TypeError(`--asset-base "${assetBase}" is empty; expected a path such as /images/`);
    this.options = {
      assetBase: assetBase.endsWith("/") ? assetBase : `${assetBase}/`,
      assetHosts: [...(options.assetHosts ?? [])],
      originals: options.originals ?? false,
      uploadHosts: [...(options.uploadHosts ?? [])],
    };
    this.assetHosts = new Set(this.options.assetHosts.map((host) => stripWww(host.toLowerCase())));
  }

  /**
   * The asset a URL names, or `null` when it is none: `wp-content/uploads/…` (any host, or
   * the `uploadHosts`), `<site>.files.wordpress.com/…`, any URL of an `assetHosts` host.
   */
  target(url: string): AssetTarget | null {
    // most URLs of a body are no asset: tell them apart before the URL parser does any work
    if (!this.mayBeAsset(url)) return null;
    const trimmed = url.trim();
    if (!/^(https?:)?\/\//i.test(trimmed) && !trimmed.startsWith("/")) return null;
    let parsed: URL;
    try {
      parsed = new URL(trimmed.startsWith("//") ? `http:${trimmed}` : trimmed, "http://root.invalid");
    } catch {
      return null;
    }
    const host = stripWww(parsed.hostname.toLowerCase());
    const rootRelative = parsed.hostname === "root.invalid";
    let pathname = parsed.pathname;
    try {
      pathname = decodeURIComponent(pathname);
    } catch {
      // kept as written
    }
    const uploads = pathname.indexOf(UPLOADS);
    let key: string | null = null;
    if (uploads !== -1 && (rootRelative || this.isUploadHost(host))) key = pathname.slice(uploads + UPLOADS.length);
    else if (host.endsWith(".files.wordpress.com") && this.isUploadHost(host)) key = pathname.slice(1);
    else if (!rootRelative && this.assetHosts.has(host)) key = uploads === -1 ? pathname.slice(1) : pathname.slice(uploads + UPLOADS.length);
    if (key === null || key === "" || key.endsWith("/")) return null;
    key = cleanKey(key);
    if (key === "") return null;
    parsed.hash = "";
    let source = trimmed.startsWith("//") ? parsed.href.replace(/^http:/, "") : rootRelative ? trimmed.replace(/#.*$/, "") : parsed.href;
    if (this.options.originals) {
      const resized = RESIZED.exec(key);
      if (resized) {
        key = key.slice(0, resized.index) + resized[3];
        parsed.search = "";
        parsed.pathname = parsed.pathname.replace(RESIZED, "$3");
        source = rootRelative ? parsed.pathname : parsed.href;
      }
    }
    return { source, key };
  }

  /**
   * The new URL of an asset as written in an article: the base + key, or, for a relative
   * base, a path from the article's output file.
   * @param key the asset's key ({@link AssetTarget.key})
   * @param fromOutputPath the article's output path (`/`-separated, relative to the output folder)
   */
  href(key: string, fromOutputPath: string): string {
    const base = this.options.assetBase;
    const encoded = key.split("/").map(encodeSegment).join("/");
    if (base.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(base)) return base + encoded;
    return path.posix.relative(path.posix.dirname(fromOutputPath), path.posix.join(base, key)).split("/").map(encodeSegment).join("/");
  }

  /** A cheap test with no false negative: the uploads folder, `files.wordpress.com` or an asset host occurs in the URL. */
  private mayBeAsset(url: string): boolean {
    if (url.includes("/wp-content/uploads/") || url.includes("%")) return true;
    const lower = url.toLowerCase();
    if (lower.includes(".files.wordpress.com")) return true;
    for (const host of this.assetHosts) if (lower.includes(host)) return true;
    return false;
  }

  private isUploadHost(host: string): boolean {
    const hosts = this.options.uploadHosts;
    if (hosts.length === 0) return true;
    return hosts.some((pattern) => {
      const wanted = stripWww(pattern.toLowerCase());
      return wanted.startsWith("*.") ? host.endsWith(wanted.slice(1)) || host === wanted.slice(2) : host === wanted;
    });
  }
}

/** No empty, `.` or `..` segment: an asset never lands outside its folder. */
function cleanKey(key: string): string {
  return key
    .split("/")
    .filter((segment) => segment !== "" && segment !== "." && segment !== "..")
    .join("/");
}

function encodeSegment(segment: string): string {
  return segment.replace(/[\s?#%"<>\\^`{|}()]/gu, (character) => encodeURIComponent(character));
}
