/**
 * Tags `parse()` registers when no tags are given: the archive's own related-news box (the
 * default preset, `sozcu`, also converts WordPress core's tags; `convert` parses with every name).
 */
export const DEFAULT_TAGS: readonly string[] = ["old_news_related_template"];

/** Of those, the tags whose rule never takes content (see `ParseOptions.contentless`). */
export const DEFAULT_CONTENTLESS: readonly string[] = ["old_news_related_template"];
