/**
 * Every closed set of values of the options, defined once. The types, commander's `choices`,
 * the config schema's `enum`s and the library's option checks are all derived from these lists.
 */

/** Built-in rule presets. */
export const PRESETS = ["sozcu", "wordpress", "syntaxhighlighter", "jetpack", "none"] as const;
export type PresetName = (typeof PRESETS)[number];

/** How a related-news box is written in markdown. */
export const STYLES = ["block", "list", "directive"] as const;
export type RelatedNewsStyle = (typeof STYLES)[number];

/** What happens to a shortcode no rule handles. */
export const UNKNOWN_POLICIES = ["keep", "strip", "comment", "error"] as const;
export type UnknownPolicy = (typeof UNKNOWN_POLICIES)[number];

/** What `convert` produces. */
export const OUTPUT_FORMATS = ["markdown", "json", "mdast"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The kind of text a body is written in. */
export const INPUT_FORMATS = ["text", "markdown", "html"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Parser compatibility: repair what WordPress would mangle, or parse exactly as WordPress does. */
export const COMPAT_MODES = ["repair", "wordpress"] as const;
export type CompatMode = (typeof COMPAT_MODES)[number];

/** How a user rule's result stands: as its own block, or inside a paragraph. */
export const RULE_DISPLAYS = ["block", "inline"] as const;

/** `--input-format` of `convert` and `check`: the body formats, `auto` (by extension), NDJSON archives and WordPress exports. */
export const CLI_INPUT_FORMATS = ["auto", ...INPUT_FORMATS, "ndjson", "wxr"] as const;

/** `--input-format` of `scan`: article text, or NDJSON archives. */
export const SCAN_INPUT_FORMATS = ["auto", "text", "ndjson", "wxr"] as const;

/** `check --format`. */
export const CHECK_FORMATS = ["stylish", "json", "github"] as const;

/** `scan --format`. */
export const SCAN_FORMATS = ["text", "json"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
