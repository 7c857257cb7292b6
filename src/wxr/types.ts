/**
 * Plain-data model of a WordPress eXtended RSS (WXR) export, as read by {@link readWxr}.
 *
 * Every value is the export's own text: nothing is decoded twice, serialized PHP values stay
 * strings, bodies are `content:encoded` exactly as the XML parser hands them over (CDATA
 * sections joined, so a body split as `]]]]><![CDATA[>` comes back whole). Line endings are
 * the XML ones: a `\r\n` in the file is a `\n` in a value, as XML 1.0 §2.11 requires (and as
 * WordPress's own importer reads it).
 */

/** A place in the export: 1-based line and column (columns count Unicode characters). */
export interface WxrPlace {
  line: number;
  column: number;
}

/** Something about the export that a user should know, at a place of the file. */
export interface WxrProblem {
  severity: "error" | "warning";
  /** One line, quoting the offending value and saying what was expected. */
  reason: string;
  /** Stable identifier, e.g. `wxr-malformed`, `wxr-missing-version`. */
  ruleId: string;
  place: WxrPlace;
  /** The `wp:post_id` of the item the problem belongs to, when there is one. */
  postId?: number;
}

/** What the `<channel>` says about the site. */
export interface WxrChannel {
  title: string;
  /** `<link>`: the site's address. */
  link: string;
  description: string;
  language: string;
  /** `wp:wxr_version` (`"1.0"`, `"1.1"`, `"1.2"`), or `null` when the tag is absent. */
  wxrVersion: string | null;
  /** `wp:base_site_url` (`""` when absent). */
  baseSiteUrl: string;
  /** `wp:base_blog_url` (`""` when absent). */
  baseBlogUrl: string;
  /** The `generator` element (`https://wordpress.org/?v=6.4`), `""` when absent. */
  generator: string;
}

/** One `wp:author` of the channel. */
export interface WxrAuthor {
  /** `wp:author_id`, or `null` (WXR 1.0 has none). */
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** A key/value pair of `wp:postmeta`, `wp:termmeta` (values are kept as written: serialized PHP stays a string). */
export interface WxrMeta {
  key: string;
  value: string;
}

/** One term of the channel (`wp:category`, `wp:tag` or `wp:term`). */
export interface WxrTerm {
  id: number | null;
  /** `category`, `post_tag`, or the custom taxonomy's name. */
  taxonomy: string;
  slug: string;
  name: string;
  /** The parent's slug (`""` for none). */
  parent: string;
  description: string;
  meta: WxrMeta[];
}

/** A term an item is filed under: `<category domain="…" nicename="…">Name</category>`. */
export interface WxrItemTerm {
  /** The taxonomy (`category`, `post_tag`, `post_format`, `nav_menu`, …); WXR 1.0's `tag` is read as `post_tag`. */
  domain: string;
  /** The term's slug (`nicename`). */
  slug: string;
  /** The term's name as displayed. */
  name: string;
}

/** One `<item>`, whatever its post type, with the export's values unresolved. */
export interface WxrItem {
  /** `wp:post_id` (`null` when absent or not a number). */
  id: number | null;
  title: string;
  link: string;
  guid: string;
  pubDate: string;
  /** `dc:creator`: the author's login. */
  creator: string;
  description: string;
  /** `content:encoded`, byte for byte as XML reads it. */
  content: string;
  /** `excerpt:encoded`. */
  excerpt: string;
  /** `wp:post_date`: the site's local time, `YYYY-MM-DD hh:mm:ss` (`""` when absent). */
  postDate: string;
  /** `wp:post_date_gmt` (`0000-00-00 00:00:00` for drafts that never had one). */
  postDateGmt: string;
  postModified: string;
  postModifiedGmt: string;
  /** `wp:post_name`: the slug, as stored (percent-encoded for non-Latin scripts); `""` for many drafts. */
  slug: string;
  /** `wp:status`: `publish`, `draft`, `pending`, `private`, `future`, `inherit`, `trash`, `auto-draft` … */
  status: string;
  /** `wp:post_type`: `post`, `page`, `attachment`, `nav_menu_item`, `revision`, `wp_block`, or a custom type. */
  type: string;
  /** `wp:post_parent` (0 for none). */
  parent: number;
  menuOrder: number;
  password: string;
  sticky: boolean;
  commentStatus: string;
  pingStatus: string;
  /** `wp:attachment_url` (attachments only; `""` otherwise). */
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  /** How many `wp:comment` the item carries (comments are not read further). */
  commentCount: number;
  /** Where `<item>` starts in the export. */
  place: WxrPlace;
  /**
   * Where the first character of `content` is in the export, when the body is one CDATA
   * section (the usual case), so a place in the body maps to a place in the file; `null` otherwise.
   */
  contentPlace: WxrPlace | null;
}

/** What {@link readWxr} yields, in document order. */
export type WxrEvent =
  | { kind: "channel"; channel: WxrChannel }
  | { kind: "author"; author: WxrAuthor }
  | { kind: "term"; term: WxrTerm }
  | { kind: "item"; item: WxrItem }
  | { kind: "problem"; problem: WxrProblem };

/** Where {@link readWxr} reads from: a byte or text stream (a `Readable` is an `AsyncIterable`). */
export type WxrSource = AsyncIterable<Buffer | Uint8Array | string>;
