/** Tags the default preset (`sozcu`) handles; `parse()` registers them when no tags are given. */
export const DEFAULT_TAGS: readonly string[] = ["old_news_related_template"];

/** Of those, the tags whose rule never takes content (see `ParseOptions.contentless`). */
export const DEFAULT_CONTENTLESS: readonly string[] = ["old_news_related_template"];
