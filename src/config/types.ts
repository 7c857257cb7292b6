import type { PresetName, RelatedNewsStyle, RULE_DISPLAYS, UnknownPolicy } from "./enums.js";

/**
 * One user rule, keyed by tag name in {@link UserConfig.rules}.
 *
 * Templates use `{{name}}` for an attribute (entity-decoded), `{{0}}`, `{{1}}` … for positional
 * values and `{{content}}` for the enclosed text of a closed shortcode.
 */
export interface UserRule {
  /**
   * Markdown template. It is parsed once as markdown; values are substituted into its text,
   * link and image nodes afterwards, so they are escaped and never inject markup.
   * (default: the shortcode's content as a paragraph)
   */
  markdown?: string;
  /** JSON block for `--to json`: an object whose string values are templates (default: a `shortcode` block). */
  json?: Record<string, unknown>;
  /** Attributes that must be present and non-empty; a missing one keeps the shortcode verbatim (default: none). */
  required?: string[];
  /** Whether the result stands as its own block or inside a paragraph (default: `"block"`). */
  display?: (typeof RULE_DISPLAYS)[number];
}

/** The contents of `shortcode-migrate.config.json` (or the object a `.js`/`.mjs` config exports). */
export interface UserConfig {
  /** Rule preset, or a list of presets combined in order, a later one winning for the same tag (default: `"sozcu"`). */
  preset?: PresetName | PresetName[];
  /** Locale of generated labels (default: the preset's). */
  locale?: string;
  /** Related-news style (default: `"block"`). */
  style?: RelatedNewsStyle;
  /** Policy for shortcodes no rule handles (default: `"keep"`). */
  unknown?: UnknownPolicy;
  /** HTML elements removed with their content, by tag name, each one reported (default: none). */
  stripTags?: string[];
  /** User rules by tag name; they win over the preset's. */
  rules?: Record<string, UserRule>;
}
