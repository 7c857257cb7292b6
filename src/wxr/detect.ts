/** How many leading characters {@link looksLikeWxr} needs at most (the comment header WordPress writes is ~1.2 kB). */
export const WXR_SNIFF_LENGTH = 8192;

/**
 * Whether the start of a file is a WordPress export: an `<rss>` root element that binds a
 * WXR namespace (`http://wordpress.org/export/1.x/`), after the XML declaration and comments.
 * Reads nothing else, so `convert export.xml` can pick the WXR reader from the first bytes.
 *
 * @param head the file's first characters (at least up to the end of the `<rss …>` tag; {@link WXR_SNIFF_LENGTH} is plenty)
 */
export function looksLikeWxr(head: string): boolean {
  const s = head.replace(/^\uFEFF/, "");
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[^]*?-->|<\?[^]*?\?>)\s*)*<rss\b([^>]*)>/.exec(s);
  return !!m && /xmlns:[\w.-]+\s*=\s*["']https?:\/\/wordpress\.org\/export\/\d+\.\d+\/["']/.test(m[1]!);
}
