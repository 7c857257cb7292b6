/**
 * Node kinds that rules produce before a style is applied. They are declared into mdast
 * (as unified's own extensions do) so the whole intermediate tree type-checks; `lower.ts`
 * turns them into plain CommonMark mdast, `to-json.ts` into JSON blocks.
 */
import type { Data, Parent, PhrasingContent } from "mdast";
import type { Position } from "../ast/types.js";

/** Where a rule's output came from: kept so JSON can carry every shortcode's source. */
export interface ShortcodeSource {
  tag: string;
  /** Named attributes, entity-decoded. */
  attributes: Record<string, string>;
  positional: string[];
  /** Enclosed text of a closed shortcode, else `null`. */
  content: string | null;
  /** Exact source text. */
  raw: string;
  position: Position;
}

/** Data every custom node carries. */
export interface SourceData extends Data {
  shortcode?: ShortcodeSource;
}

/** A related-news box (`old_news_related_template`). */
export interface RelatedNews {
  type: "relatedNews";
  title: string;
  description: string;
  image: string;
  url: string;
  data?: SourceData;
  position?: Position;
}

/** An image with an optional caption (`[caption]`). */
export interface Figure {
  type: "figure";
  url: string;
  alt: string;
  title: string | null;
  /** Link around the image, if any. */
  link: string | null;
  caption: PhrasingContent[];
  data?: SourceData;
  position?: Position;
}

/** Embedded media (`[embed]`, `[video]`, `[audio]`, `<iframe>`, a URL alone on its line). */
export interface Embed {
  type: "embed";
  kind: "embed" | "video" | "audio" | "iframe";
  url: string;
  title: string | null;
  /** The oEmbed provider (`youtube`, `vimeo` …) of a URL alone on its line, for the common ones. */
  provider?: string;
  data?: SourceData;
  position?: Position;
}

/** A shortcode kept as it was written (no rule, policy `keep`). */
export interface KeptShortcode {
  type: "keptShortcode";
  /** Exact source text, written verbatim to markdown. */
  value: string;
  data?: SourceData;
  position?: Position;
}

/**
 * A rule's result with an explicit JSON form (user rules): markdown uses `children`,
 * JSON uses `json`.
 */
interface RuleOutput extends Parent {
  type: "ruleOutput";
  display: "block" | "inline";
  json: Record<string, unknown>;
  data?: SourceData;
}

declare module "mdast" {
  interface RootContentMap {
    relatedNews: RelatedNews;
    figure: Figure;
    embed: Embed;
    keptShortcode: KeptShortcode;
    ruleOutput: RuleOutput;
  }
  interface BlockContentMap {
    relatedNews: RelatedNews;
    figure: Figure;
    embed: Embed;
    keptShortcode: KeptShortcode;
    ruleOutput: RuleOutput;
  }
  interface PhrasingContentMap {
    keptShortcode: KeptShortcode;
    ruleOutput: RuleOutput;
  }
}

/** Types that must stand as their own block (a paragraph holding one is split around it). */
export const BLOCK_ONLY = new Set(["relatedNews", "figure", "embed"]);
