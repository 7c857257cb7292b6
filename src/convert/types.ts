import type { Root } from "mdast";
import type { Message } from "../ast/types.js";
import type { UserConfig } from "../config/types.js";

import type { CompatMode, InputFormat, OutputFormat, PresetName, RelatedNewsStyle, UnknownPolicy } from "../config/enums.js";

// The option value types, defined once with their lists in config/enums.ts; part of the public API.
export type { CompatMode, InputFormat, OutputFormat, PresetName, RelatedNewsStyle, UnknownPolicy };

/** Public options of {@link convert}; every field optional, defaults given. */
export interface ConvertOptions {
  /** Output format (default: `"markdown"`). */
  to?: OutputFormat;
  /** How the input is written (default: `"text"`). */
  inputFormat?: InputFormat;
  /**
   * Rule preset, or a list of presets whose rules combine, a later preset's rule winning for the
   * same tag; a comma-separated string (`"sozcu,syntaxhighlighter"`) is read as a list (default: `"sozcu"`).
   */
  preset?: PresetName | string | readonly PresetName[];
  /** Parser compatibility (default: `"repair"`). */
  compat?: CompatMode;
  /** Locale of generated labels (default: the preset's, `"tr"` for `sozcu`, else `"en"`). */
  locale?: string;
  /** Related-news rendering style (default: `"block"`). */
  style?: RelatedNewsStyle;
  /** Include source positions in JSON and mdast output (default: `false`). */
  positions?: boolean;
  /**
   * Policy for shortcodes no rule handles (default: the config's `unknown`, else `"keep"`):
   * `keep` verbatim, `strip` them, turn them into an HTML `comment`, or report an `error` (and keep).
   */
  unknown?: UnknownPolicy;
  /**
   * Users' declarative rules, already loaded and validated (see `loadConfig`).
   * Its rules are added to the preset's and win over them (default: none).
   */
  config?: UserConfig;
  /**
   * Called once with the converter's intermediate tree (after the shortcodes are built, before
   * JSON or markdown is made from it): may change the tree in place (links, image URLs); the
   * messages it returns are added to the result's. Not serializable: a worker adds its own
   * (default: none).
   */
  transform?: (tree: Root) => readonly Message[] | void;
  /**
   * The markdown → markdown route, which rewrites shortcode spans in the text and builds no
   * tree: called with the output text instead of {@link transform}; returns the new text and
   * messages (positions in the output) (default: none).
   */
  transformMarkdown?: (markdown: string) => { output: string; messages?: readonly Message[] };
  /**
   * The media library items the body may refer to (a WordPress export's attachments), so that
   * `[gallery]`, `[playlist]`, `[audio]` and `[video]` without a URL can be rendered. Plain data:
   * it crosses to worker threads with its unit (default: none; those shortcodes are then kept
   * as written and reported).
   */
  media?: MediaLibrary;
}

/** What {@link ConvertOptions.media} holds: the post's own id and the attachments it may show. */
export interface MediaLibrary {
  /** The post the body belongs to: `[gallery]` without `ids` shows this post's child attachments. */
  postId: number;
  attachments: readonly MediaAttachment[];
}

/** One media library item (a WordPress `attachment`). */
export interface MediaAttachment {
  id: number;
  /** The file's URL. */
  url: string;
  /** The post it was uploaded to (0 for none). */
  parent: number;
  menuOrder: number;
  title: string;
  caption: string;
  alt: string;
}

/** Counts that reports and the CLI summary use. */
export interface ConvertStats {
  /** Shortcodes found (not escaped ones), by tag name. */
  shortcodes: Record<string, number>;
  /** Shortcodes a rule rendered. */
  converted: number;
  /** Shortcodes kept verbatim (no rule, or policy `keep`/`error`). */
  kept: number;
  /** Shortcodes removed by policy `strip` or turned into comments by `comment`. */
  dropped: number;
  /** Escaped shortcodes (`[[x]]`) written as literal text. */
  escaped: number;
}

/** The result of converting one body. */
export interface ConvertResult {
  /** Markdown text, or JSON text for `json`/`mdast`. */
  output: string;
  messages: Message[];
  /** `output !== input`. */
  changed: boolean;
  stats: ConvertStats;
}
