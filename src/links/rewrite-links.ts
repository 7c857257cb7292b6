/**
 * Internal links of one converted article → the new locations of their articles.
 */
import type { Message, Position } from "../ast/types.js";
import type { Resolution } from "./link-index.js";
import { placeInSource } from "./source-place.js";
import { forEachUrl } from "./url-slots.js";

/** Where a link of one article goes: `index.resolve(url, outputPath)` bound to that article. */
export type LinkResolver = (url: string) => Resolution;

/** What happened to one link. */
export interface LinkOutcome {
  url: string;
  /** `related-news link`, `link`, `html href`, `figure link` … */
  where: string;
  resolution: Resolution;
  position: Position | undefined;
}

/** Options of {@link rewriteLinks}. */
export interface RewriteLinksOptions {
  /**
   * URLs that are files of the old site (images, PDFs), left to the asset rewriter and
   * never reported as dead links (default: none — every old-site URL is an article link).
   */
  isAsset?: (url: string) => boolean;
  /** Position for messages when no node on the way carries one (default: line 1, column 1). */
  fallbackPosition?: Position;
  /**
   * The body the tree was built from: a dead link is then reported at its own first character
   * there, not at the span of the HTML it came from (default: none: the node's position).
   */
  source?: string;
}

/** The result of {@link rewriteLinks}. */
export interface RewriteLinksResult {
  /** One `dead-internal-link` warning per link to the old site that names no article. */
  messages: Message[];
  /** Every link to the old site (rewritten and dead), in document order: the census counts these. */
  outcomes: LinkOutcome[];
  /** How many links were rewritten. */
  rewritten: number;
}

const START: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * Rewrites, in place, every link of `tree` that names an article of the archive to that
 * article's new location; a link to the old site that names no article is kept as it was
 * and reported (`dead-internal-link`, warning, with the most precise position the tree
 * carries). Links to other sites are untouched and not listed.
 *
 * Works on the converter's final mdast (links, definitions, directive attributes, raw HTML
 * `href`s) and on its intermediate tree (related-news `url`, figure `link`, embed `url`),
 * where the messages point at the box's `link=` value.
 *
 * @param tree the article's mdast
 * @param resolver the link index bound to this article's output path
 * @param options see {@link RewriteLinksOptions}
 */
export function rewriteLinks(tree: unknown, resolver: LinkResolver, options: RewriteLinksOptions = {}): RewriteLinksResult {
  const messages: Message[] = [];
  const outcomes: LinkOutcome[] = [];
  let rewritten = 0;
  forEachUrl(tree, (slot) => {
    if (slot.role !== "link" || options.isAsset?.(slot.url)) return;
    const resolution = resolver(slot.url);
    if (resolution.kind === "external") return;
    outcomes.push({ url: slot.url, where: slot.where, resolution, position: slot.position });
    if (resolution.kind === "article") {
      if (resolution.href !== slot.url) {
        slot.set(resolution.href);
        rewritten++;
      }
      return;
    }
    const position = options.source === undefined ? slot.position : placeInSource(options.source, slot.url, slot.position);
    messages.push({
      reason: `Dead internal link: ${slot.where} "${slot.url}" points at the old site but at no article of the archive; kept as it was`,
      ruleId: "dead-internal-link",
      severity: "warning",
      position: position ?? options.fallbackPosition ?? START,
      source: "links",
    });
  });
  return { messages, outcomes, rewritten };
}
