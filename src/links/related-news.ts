/**
 * The related-news boxes' links of one body, straight from the parser: what `scan`'s link
 * census needs without converting anything.
 */
import { parseShortcodes, type ParseOptions } from "../parse.js";
import type { LinkOutcome, LinkResolver } from "./rewrite-links.js";
import { attributePosition } from "./url-slots.js";

/** Options of {@link relatedNewsLinks}. */
export interface RelatedNewsLinksOptions {
  /** The box's tag (default: `old_news_related_template`). */
  tag?: string;
  /** The attribute holding the link (default: `link`). */
  attribute?: string;
  /** Parser compatibility (default: the parser's, `repair`). */
  compat?: ParseOptions["compat"];
}

/**
 * Resolves the `link=` of every related-news box of `text` (escaped `[[…]]` boxes are no
 * boxes). Links to other sites are left out, as in {@link rewriteLinks}; a box without a
 * link counts for nothing.
 *
 * @param text the body
 * @param resolver the link index bound to this article's output path
 * @returns one outcome per box linking to the old site, `where: "related-news link"`, positioned at the value
 */
export function relatedNewsLinks(text: string, resolver: LinkResolver, options: RelatedNewsLinksOptions = {}): LinkOutcome[] {
  const tag = options.tag ?? "old_news_related_template";
  const attribute = options.attribute ?? "link";
  const outcomes: LinkOutcome[] = [];
  for (const box of parseShortcodes(text, { tags: [tag], ...(options.compat ? { compat: options.compat } : {}) })) {
    if (box.escaped || box.tag !== tag) continue;
    const url = box.attrs.named[attribute];
    if (!url) continue;
    const resolution = resolver(url);
    if (resolution.kind === "external") continue;
    outcomes.push({ url, where: "related-news link", resolution, position: attributePosition(box.raw, box.position, attribute) ?? box.position });
  }
  return outcomes;
}
