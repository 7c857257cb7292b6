import { decodeHTMLStrict } from "entities";
import { applyBlockEdits, beforeInsertions, blockAttributeEdits, cleanBlocks, originalOffset, resolveReusableBlocks, type BlockFact } from "./blocks.js";
import { isoDate, parseOffset, type DateSource } from "./dates.js";
import { emptyWxrIndex, indexItem, indexWxr, type WxrIndex } from "./export-index.js";
import { readWxr } from "./reader.js";
import type { WxrAuthor, WxrChannel, WxrItem, WxrMeta, WxrPlace, WxrProblem, WxrSource } from "./types.js";

/** Post types that are never posts: they feed posts (attachments, reusable blocks) or are site structure. */
export const NOT_POSTS: ReadonlySet<string> = new Set([
  "attachment",
  "nav_menu_item",
  "revision",
  "wp_block",
  "customize_changeset",
  "custom_css",
  "oembed_cache",
  "user_request",
  "wp_global_styles",
  "wp_navigation",
  "wp_template",
  "wp_template_part",
  "wp_font_family",
  "wp_font_face",
]);

/** One post or page of an export, resolved and ready to be written. */
export interface WxrPost {
  /** `wp:post_id`. */
  id: number;
  title: string;
  /** The old permalink (`<link>`). */
  link: string;
  guid: string;
  /** ISO 8601 with offset (see {@link isoDate}), or `null` when the export has no date. */
  date: string | null;
  dateSource: DateSource;
  modified: string | null;
  /** `wp:post_name` as stored (`""` for drafts without one). */
  slug: string;
  type: string;
  status: string;
  /** The author's display name, else their login (`dc:creator`), else `""`. */
  author: string;
  /** `dc:creator`. */
  authorLogin: string;
  /** Names of the `category` terms. */
  categories: string[];
  /** Names of the `post_tag` terms. */
  tags: string[];
  /** Names of the terms of other taxonomies, by taxonomy (post formats excluded). */
  taxonomies: Record<string, string[]>;
  /** The post format (`gallery`, `aside` …) from its `post_format` term, or `null` (standard). */
  format: string | null;
  /** The excerpt: `excerpt:encoded`, else the part before `<!--more-->` as plain text (see {@link plainExcerpt}), else `""`. */
  excerpt: string;
  excerptSource: "excerpt" | "more" | "none";
  /** The body to convert: `content:encoded` with reusable blocks resolved and, unless kept, block delimiters removed. */
  content: string;
  /** `content:encoded` exactly as exported. */
  rawContent: string;
  /** Gutenberg facts of the body (see {@link cleanBlocks}); offsets index {@link content}. */
  blocks: BlockFact[];
  parent: number;
  menuOrder: number;
  sticky: boolean;
  /** `wp:post_password` (a protected post's password; `""` for none). */
  password: string;
  /** `_thumbnail_id`: the featured image's attachment id, or `null`. */
  featuredImageId: number | null;
  /** The featured image's URL, when its attachment is in the export. */
  featuredImage: string | null;
  /** All `wp:postmeta`, values as written (serialized PHP stays a string). */
  meta: WxrMeta[];
  /** Where the item starts in the export. */
  place: WxrPlace;
  /** Where {@link rawContent} starts in the export (see {@link WxrItem.contentPlace}). */
  contentPlace: WxrPlace | null;
  /** Block delimiters removed from {@link content}, to map its places back (`null` when reusable blocks were inserted). */
  contentMap: Array<[number, number]> | null;
  /**
   * What the block attributes added to {@link content} after the delimiters were removed (a
   * code block's language class, an embed's URL, an early gallery's shortcode), as
   * `[offset in content, length]`, to map places back past them (see `blockAttributeEdits`).
   */
  contentInserted?: Array<[number, number]>;
}

/**
 * Where a character of a post's {@link WxrPost.content} is in the export file, so a finding
 * in a body is reported as `export.xml#<id>:line:column` of the file. `null` when that cannot
 * be known: a body in several CDATA sections or entity-escaped text, or one a reusable block
 * was inserted into. Columns count characters, as the XML parser does.
 *
 * @param post a resolved post
 * @param offset a 0-based offset into `post.content`
 */
export function placeInExport(post: WxrPost, offset: number): WxrPlace | null {
  const start = post.contentPlace;
  if (!start || !post.contentMap) return null;
  const raw = originalOffset(post.contentMap, post.contentInserted?.length ? beforeInsertions(post.contentInserted, offset) : offset);
  if (raw > post.rawContent.length) return null;
  const before = post.rawContent.slice(0, raw);
  const nl = before.lastIndexOf("\n");
  const lineNo = nl === -1 ? 0 : before.split("\n").length - 1;
  const column = [...before.slice(nl + 1)].length + 1;
  return lineNo === 0 ? { line: start.line, column: start.column + column - 1 } : { line: start.line + lineNo, column };
}

/** What {@link readWxrPosts} yields. */
export type WxrPostEvent =
  | { kind: "channel"; channel: WxrChannel }
  | { kind: "post"; post: WxrPost }
  | { kind: "problem"; problem: WxrProblem }
  | { kind: "summary"; summary: WxrSummary };

/** The last event: what the export held and what was read of it. */
export interface WxrSummary {
  /** Items per post type (`""` for items without a type). */
  counts: Record<string, number>;
  /** Posts yielded. */
  posts: number;
  /** Items left out by the type and status filters, or for not being posts. */
  skipped: number;
  /** Whether the export was read to its end (no fatal error). */
  complete: boolean;
}

/** Options of {@link readWxrPosts}. */
export interface ReadWxrPostsOptions {
  /** Post types to yield (default: `["post", "page"]`); `attachment`, `nav_menu_item`, `revision` and `wp_block` are refused. */
  postTypes?: readonly string[];
  /** Statuses to yield (default: all, drafts included: a migration must not drop them silently). */
  statuses?: readonly string[];
  /** The site's offset from UTC for drafts without a GMT date, `+03:00` or minutes (default: the export's most frequent offset). */
  utcOffset?: string | number;
  /** Keep Gutenberg block delimiter comments in {@link WxrPost.content} (default: false). */
  keepBlockDelimiters?: boolean;
}

/** A problem with the options, found before any reading. */
export class WxrOptionError extends Error {
  override name = "WxrOptionError";
}

/** Options made whole. */
export interface WxrPostSettings {
  postTypes: ReadonlySet<string>;
  statuses: ReadonlySet<string> | null;
  utcOffset: number | null;
  keepBlockDelimiters: boolean;
}

/**
 * Check and complete {@link ReadWxrPostsOptions} once, before any reading.
 *
 * @throws WxrOptionError naming the offending value
 */
export function wxrPostSettings(options: ReadWxrPostsOptions = {}): WxrPostSettings {
  const types = (options.postTypes ?? ["post", "page"]).map((t) => t.trim()).filter(Boolean);
  if (types.length === 0) throw new WxrOptionError("no post type given: expected e.g. post,page");
  for (const t of types) {
    if (NOT_POSTS.has(t))
      throw new WxrOptionError(
        `post type ${JSON.stringify(t)} is not a post: ${t === "attachment" ? "attachments feed featured images and galleries" : t === "wp_block" ? "reusable blocks are resolved where posts use them" : "it is site structure"}; expected post, page or a custom post type`,
      );
  }
  let utcOffset: number | null = null;
  if (options.utcOffset !== undefined) {
    utcOffset = parseOffset(options.utcOffset);
    if (utcOffset === null) throw new WxrOptionError(`UTC offset ${JSON.stringify(options.utcOffset)} is not an offset: expected e.g. +03:00 or -05:30`);
  }
  const statuses = options.statuses?.map((s) => s.trim()).filter(Boolean);
  return {
    postTypes: new Set(types),
    statuses: statuses?.length ? new Set(statuses) : null,
    utcOffset,
    keepBlockDelimiters: options.keepBlockDelimiters ?? false,
  };
}

/** Elements whose end ends a line of text (so `<p>a</p><p>b</p>` reads as two lines, not `ab`). */
const LINE_ENDING = /<\/(?:p|div|h[1-6]|li|blockquote|pre|figure|figcaption|tr|ul|ol|table)\s*>|<br\s*\/?>/gi;

/**
 * The part of a body before `<!--more-->` as an excerpt: plain text, as WordPress shows an
 * automatic excerpt (tags stripped, entities decoded, white space collapsed within a line, a
 * paragraph a line); shortcodes stay as written (nothing is lost from the text).
 */
function plainExcerpt(html: string): string {
  const text = html
    .replace(/<!--[^]*?-->/g, "")
    .replace(/<(script|style)\b[^>]*>[^]*?<\/\1\s*>/gi, "")
    .replace(LINE_ENDING, "\n")
    .replace(/<\/?[a-zA-Z][^>]*>/g, "");
  return decodeHTMLStrict(text)
    .split(/\n/)
    .map((line) => line.replace(/[ \t\r\f\u00a0]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/** `<!--more-->` (optionally `<!--more Read on…-->`), as WordPress's `get_extended()` finds it. */
const MORE = /<!--more(.*?)?-->/;

/**
 * Read the posts and pages of an export, one at a time, with their metadata resolved.
 *
 * Two passes when `open` can be called twice (a file): the first collects attachments,
 * reusable blocks and the site's offset (see {@link indexWxr}), so a featured image or a
 * reusable block defined after the post that uses it is found. Pass `{ once: source }`
 * for a stream that can be read only once (stdin): then only what came before a post
 * resolves, and what did not is reported.
 *
 * Never throws on bad input: problems are events, and a malformed export ends with an `error`
 * problem after every post that was complete before the break, then the summary.
 *
 * @param open a function returning a fresh stream of the export, or `{ once }`
 * @param options see {@link ReadWxrPostsOptions}
 * @param index the first pass's index when the caller has already built it (see {@link indexWxr}); then `open` is read once more only
 * @throws WxrOptionError before reading, for bad options
 */
export function readWxrPosts(
  open: (() => WxrSource) | { once: WxrSource },
  options: ReadWxrPostsOptions = {},
  index?: WxrIndex,
): AsyncGenerator<WxrPostEvent, void, undefined> {
  const settings = wxrPostSettings(options);
  return postsOf(open, settings, index);
}

async function* postsOf(
  open: (() => WxrSource) | { once: WxrSource },
  settings: WxrPostSettings,
  given: WxrIndex | undefined,
): AsyncGenerator<WxrPostEvent, void, undefined> {
  const twoPass = typeof open === "function";
  const index = given ?? (twoPass ? await indexWxr(open()) : emptyWxrIndex());
  const siteOffset = settings.utcOffset ?? index.siteOffset;
  const authors = new Map<string, WxrAuthor>();
  const counts: Record<string, number> = {};
  let posts = 0;
  let skipped = 0;
  let complete = true;
  for await (const event of readWxr(twoPass ? open() : open.once)) {
    if (event.kind === "channel") yield event;
    else if (event.kind === "author") authors.set(event.author.login, event.author);
    else if (event.kind === "term") continue;
    else if (event.kind === "problem") {
      if (event.problem.severity === "error") complete = false;
      yield event;
    } else {
      const item = event.item;
      counts[item.type] = (counts[item.type] ?? 0) + 1;
      if (!twoPass) indexItem(index, item);
      if (!item.type) {
        skipped++;
        yield problem(
          item,
          "warning",
          `item${item.id !== null ? ` ${item.id}` : ""} “${item.title}” has no <wp:post_type>: not a post (WordPress's importer skips it too)`,
          "wxr-no-type",
        );
        continue;
      }
      if (!selected(item, settings)) {
        skipped++;
        continue;
      }
      if (item.id === null) {
        skipped++;
        yield problem(item, "warning", `${item.type} “${item.title}” has no numeric <wp:post_id>: skipped`, "wxr-no-id");
        continue;
      }
      const { post, problems } = resolvePost(item, item.id, index, authors, siteOffset, settings);
      for (const p of problems) yield { kind: "problem", problem: p };
      posts++;
      yield { kind: "post", post };
    }
  }
  yield { kind: "summary", summary: { counts, posts, skipped, complete } };
}

/**
 * Whether an item (that has a type) is one of the posts asked for: a post type asked for, a
 * status asked for. (An item without a numeric id is skipped after this, with a warning.)
 */
export function selected(item: Pick<WxrItem, "type" | "status">, settings: Pick<WxrPostSettings, "postTypes" | "statuses">): boolean {
  return !NOT_POSTS.has(item.type) && settings.postTypes.has(item.type) && (settings.statuses === null || settings.statuses.has(item.status));
}

function problem(item: WxrItem, severity: WxrProblem["severity"], reason: string, ruleId: string): { kind: "problem"; problem: WxrProblem } {
  const p: WxrProblem = { severity, reason, ruleId, place: item.place };
  if (item.id !== null) p.postId = item.id;
  return { kind: "problem", problem: p };
}

/**
 * Resolve one post item against the index: author, terms, dates, featured image, reusable
 * blocks, block facts and the `<!--more-->` excerpt.
 */
export function resolvePost(
  item: WxrItem,
  id: number,
  index: WxrIndex,
  authors: ReadonlyMap<string, WxrAuthor>,
  siteOffset: number | null,
  settings: Pick<WxrPostSettings, "keepBlockDelimiters">,
): { post: WxrPost; problems: WxrProblem[] } {
  const problems: WxrProblem[] = [];
  const warn = (reason: string, ruleId: string) => problems.push({ severity: "warning", reason, ruleId, place: item.place, postId: id });
  const categories: string[] = [];
  const tags: string[] = [];
  const taxonomies: Record<string, string[]> = {};
  let format: string | null = null;
  for (const term of item.terms) {
    if (term.domain === "category") categories.push(term.name);
    else if (term.domain === "post_tag") tags.push(term.name);
    else if (term.domain === "post_format") format = term.slug.replace(/^post-format-/, "") || term.name.toLowerCase();
    else (taxonomies[term.domain] ??= []).push(term.name);
  }
  const date = isoDate(item.postDate, item.postDateGmt, siteOffset);
  if (date.source === "local")
    warn(`${item.type} ${id} has no GMT date and the site's offset is unknown: its date ${date.value} is written without an offset`, "wxr-date-offset");
  const modified = isoDate(item.postModified, item.postModifiedGmt, siteOffset);

  let content = item.content;
  let inserted = false;
  if (content.includes("wp:")) {
    const reusable = resolveReusableBlocks(content, (ref) => index.reusableBlocks.get(ref)?.content);
    content = reusable.body;
    inserted = reusable.resolved.length > 0;
    for (const ref of new Set(reusable.missing))
      warn(`reusable block ${ref} (<!-- wp:block {"ref":${ref}} /-->) is not in the export: the comment is kept`, "wxr-reusable-missing");
  }
  const cleaned = cleanBlocks(content, { keepDelimiters: settings.keepBlockDelimiters });
  content = cleaned.body;
  // What the blocks' attributes say that their HTML does not, made explicit in the HTML.
  const edited = applyBlockEdits(content, blockAttributeEdits(content, cleaned.facts));
  content = edited.body;

  let excerpt = item.excerpt;
  let excerptSource: WxrPost["excerptSource"] = excerpt.trim() ? "excerpt" : "none";
  if (excerptSource === "none") {
    const more = MORE.exec(content);
    if (more) {
      const before = plainExcerpt(content.slice(0, more.index));
      if (before) {
        excerpt = before;
        excerptSource = "more";
      }
    }
  }
  if (excerptSource === "none") excerpt = "";

  const thumb = item.meta.find((m) => m.key === "_thumbnail_id");
  const featuredImageId = thumb && /^\s*\d+\s*$/.test(thumb.value) ? Number(thumb.value) : null;
  let featuredImage: string | null = null;
  if (featuredImageId !== null && featuredImageId !== 0) {
    const att = index.attachments.get(featuredImageId);
    if (att) featuredImage = att.url;
    else warn(`the featured image (attachment ${featuredImageId}) is not in the export: featured_image left out`, "wxr-featured-missing");
  }

  const login = item.creator;
  const a = authors.get(login);
  const post: WxrPost = {
    id,
    title: item.title,
    link: item.link,
    guid: item.guid,
    date: date.value,
    dateSource: date.source,
    modified: modified.value,
    slug: item.slug,
    type: item.type,
    status: item.status,
    author: a?.displayName || login,
    authorLogin: login,
    categories,
    tags,
    taxonomies,
    format,
    excerpt,
    excerptSource,
    content,
    rawContent: item.content,
    blocks: edited.inserted.length ? cleaned.facts.map((f) => shifted(f, edited.inserted)) : cleaned.facts,
    parent: item.parent,
    menuOrder: item.menuOrder,
    sticky: item.sticky,
    password: item.password,
    featuredImageId: featuredImageId || null,
    featuredImage,
    meta: item.meta,
    place: item.place,
    contentPlace: item.contentPlace,
    contentMap: inserted ? null : cleaned.removed,
    ...(edited.inserted.length ? { contentInserted: edited.inserted } : {}),
  };
  return { post, problems };
}

/** A block fact's offsets after insertions (`[offset after, length]`): what is inserted inside a block is part of it. */
function shifted(fact: BlockFact, inserted: ReadonlyArray<readonly [number, number]>): BlockFact {
  if (fact.start < 0) return fact;
  let start = fact.start;
  let end = fact.end;
  let before = 0;
  for (const [at, length] of inserted) {
    const original = at - before;
    if (original < fact.start) start += length;
    if (original <= fact.end) end += length;
    before += length;
  }
  return { ...fact, start, end };
}
