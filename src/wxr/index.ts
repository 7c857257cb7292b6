/**
 * WordPress exports (WXR) in: a streamed reader, the posts with their metadata resolved,
 * Gutenberg block facts, front matter and output paths.
 *
 * - {@link readWxr}: every channel, author, term and item event of an export, one at a time.
 * - {@link readWxrPosts}: the posts and pages, resolved (two passes over a file).
 * - {@link cleanBlocks} / {@link resolveReusableBlocks}: Gutenberg delimiters out, facts kept.
 * - {@link frontMatterOf} / {@link renderFrontMatter}: YAML front matter.
 * - {@link WxrPathNamer}: unique, deterministic output paths.
 */
export type * from "./types.js";
export { readWxr, type ReadWxrOptions } from "./reader.js";
export { indexWxr, emptyWxrIndex, type WxrIndex, type WxrAttachment } from "./export-index.js";
export {
  readWxrPosts,
  placeInExport,
  resolvePost,
  wxrPostSettings,
  WxrOptionError,
  NOT_POSTS,
  type WxrPost,
  type WxrPostEvent,
  type WxrSummary,
  type ReadWxrPostsOptions,
  type WxrPostSettings,
} from "./posts.js";
export {
  cleanBlocks,
  originalOffset,
  resolveReusableBlocks,
  type BlockFact,
  type BlockFacts,
  type CleanBlocksOptions,
  type ResolvedReusable,
} from "./blocks.js";
export { isoDate, parseOffset, formatOffset, offsetOf, type DateSource } from "./dates.js";
export { frontMatterOf, renderFrontMatter, type FrontMatterOptions } from "./front-matter.js";
export { WxrPathNamer, slugify, DEFAULT_PATH_TEMPLATE, PATH_PLACEHOLDERS, type WxrPostPath } from "./paths.js";
export { looksLikeWxr, WXR_SNIFF_LENGTH } from "./detect.js";
export { galleryAttachments, attachmentsForPost, childAttachmentsOf, mediaIndex, type GalleryQuery, type GalleryResult } from "./gallery.js";
export { wxrUnits, type WxrUnit, type WxrUnitEvent, type WxrUnitOptions } from "./units.js";
export { WxrArticleCollector } from "./articles.js";
export { markdownWithFrontMatter, jsonWithMeta, ndjsonRecord } from "./outputs.js";
