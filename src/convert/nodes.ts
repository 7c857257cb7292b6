/**
 * What every node kind rules produce carries: the shortcode it came from. The kinds
 * themselves (type, declared into mdast as unified's own extensions do, lowering, JSON) are
 * one file each in `kinds/`.
 */
import type { Data } from "mdast";
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
