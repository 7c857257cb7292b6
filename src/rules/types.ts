import type { BlockContent, PhrasingContent, RootContent } from "mdast";
import type { Position, Severity, ShortcodeNode } from "../ast/types.js";
import type { MediaLibrary, RelatedNewsStyle } from "../convert/types.js";
import type { ShortcodeSource } from "../convert/nodes.js";

/** What a rule's handler can use besides the shortcode itself. */
export interface RuleContext {
  /** Locale of generated labels (`"tr"`, `"en"` …). */
  locale: string;
  style: RelatedNewsStyle;
  /** The media library items the body may refer to (a WordPress export's attachments), when the caller gave them. */
  media: MediaLibrary | undefined;
  /** The shortcode's source data (tag, decoded attributes, raw text, position), for custom nodes' `data`. */
  source: ShortcodeSource;
  /** Reports a problem at `position` (default: the shortcode's). */
  report(reason: string, ruleId: string, severity?: Severity, position?: Position): void;
  /**
   * Reports every attribute whose name is not in `rendered` (and every positional value
   * unless `options.positional`) as `unrendered-attribute`, so nothing vanishes silently;
   * names in `options.presentational` (layout-only, like `width`) are reported as info.
   * Overridden duplicates are reported too.
   */
  reportUnrendered(rendered: readonly string[], options?: UnrenderedOptions): void;
  /** The content of a closed shortcode converted as phrasing (nested shortcodes included). */
  phrasing(): PhrasingContent[];
  /** The content of a closed shortcode converted as blocks. */
  blocks(): BlockContent[];
}

/** Options of {@link RuleContext.reportUnrendered}. */
export interface UnrenderedOptions {
  /** Positional values are rendered (default: `false`). */
  positional?: boolean;
  /** Layout-only attribute names, reported with severity info (default: none). */
  presentational?: readonly string[];
}

/** A handler's result: mdast (standard or the node kinds of `convert/kinds/`). */
export interface RuleResult {
  nodes: RootContent[];
  /** `false`: the rule declined (for example a required attribute is missing); the shortcode is kept. */
  handled?: boolean;
}

/** One shortcode rule. A new shortcode is one file exporting one of these. */
export interface Rule {
  /** Tag name, as written (WordPress matches case-sensitively). */
  name: string;
  /** Whether the output stands as its own block or flows inside a paragraph. */
  display: "block" | "inline";
  /**
   * What the rule does with enclosed content (default: `"optional"`).
   * `"never"`: it renders none (a related-news box): in repair mode a `[/name]` then closes the
   * nearest opener, not the first one (which would swallow everything between), and content found
   * anyway is kept after the rule's block. `"required"`: without content the tag is not this rule's
   * (`[php]` alone is prose, kept as text).
   */
  content?: "never" | "required" | "optional";
  /**
   * The rule never renders: it reports and keeps the shortcode as written (`[gallery]`, whose
   * images are not in the body). A second pass over the output then changes nothing there either,
   * so its name does not make the stabilizing re-parse run (default: `false`).
   */
  keepsVerbatim?: boolean;
  /** Turns the shortcode into mdast; must not throw. */
  render(node: ShortcodeNode, context: RuleContext): RuleResult;
}
