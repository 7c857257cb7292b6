/**
 * What the converters need of a node kind, as one handler object per kind (`kinds/<kind>.ts`),
 * dispatched by type through the map in `kinds/index.ts`: whether it stands as its own block,
 * whether it keeps its body position, its lowering to plain mdast and its JSON forms. The
 * shared pieces of the JSON article (blocks, inline content, marks, a shortcode's source) are
 * here too, so a kind file and `to-json.ts` build the same shapes.
 */
import type { Parent, PhrasingContent, RootContent } from "mdast";
import type { Position, Severity } from "../../ast/types.js";
import type { RelatedNewsStyle } from "../types.js";
import type { ShortcodeSource } from "../nodes.js";
import { isUnsafeUrl } from "../text.js";

/** What lowering needs to know. */
export interface LowerSettings {
  locale: string;
  style: RelatedNewsStyle;
  report(reason: string, ruleId: string, severity: Severity, position: Position | undefined): void;
}

/** What a kind's `lower` gets besides its node. */
export interface LowerContext {
  readonly settings: LowerSettings;
  /** Lowers the children of `parent` in place (content a kind holds: a caption, a rule's output). */
  lowerChildren(parent: Parent): void;
}

/** What the JSON converter needs besides the tree. */
export interface JsonSettings {
  positions: boolean;
  reportUnsafe(reason: string, position: Position | undefined): void;
}

/** What a kind's JSON forms get besides their node. */
export interface JsonContext extends JsonSettings {
  /** Inline content of phrasing nodes (a caption), under `marks`. */
  inlines(nodes: readonly PhrasingContent[], marks: Mark[]): Inline[];
}

/**
 * One node kind. Methods (not function properties) so a kind typed for its own node fits the
 * map of all kinds.
 */
export interface NodeKind<N extends { type: string }> {
  readonly type: N["type"];
  /** Stands as its own block: a paragraph (or heading) holding one is split around it. */
  blockOnly(node: N): boolean;
  /** Made from the body by a rule, so its position is the body's: the HTML converter keeps it. */
  keepsPosition(node: N): boolean;
  /**
   * Appends the plain mdast of `node` (= `siblings[index]`, a child of `parent`) to `out`.
   * @returns the index of the last sibling it took (`index`, or more for a kind that groups a run of its own)
   */
  lower(node: N, out: RootContent[], ctx: LowerContext, parent: Parent, siblings: readonly RootContent[], index: number): number;
  /** Its JSON block. */
  toJson(node: N, ctx: JsonContext): Block;
  /**
   * Its JSON form inside phrasing, for a kind that may stand there; a paragraph holding only
   * such a node is written as the node's block. Without it the kind is not phrasing.
   */
  toInline?(node: N, marks: Mark[], ctx: JsonContext): Inline;
}

export type Mark = { type: "bold" | "italic" | "code" | "strikethrough" } | { type: "link"; url: string; title?: string };

export type Inline =
  | { type: "text"; text: string; marks?: Mark[] }
  | { type: "break" }
  | { type: "image"; url: string; alt: string; title?: string; marks?: Mark[]; unrendered?: Record<string, string> }
  | { type: "html"; value: string }
  | ({ type: "shortcode" } & JsonSource)
  | { type: "custom"; tag: string; data: Record<string, unknown>; shortcode?: JsonSource };

/** A shortcode's source in JSON (a type, not an interface: it is a `Block` too). */
type JsonSource = {
  tag: string;
  attributes: Record<string, string>;
  positional: string[];
  content: string | null;
  raw: string;
  position?: Position;
};

export type Block = { type: string; position?: Position; [key: string]: unknown };

/** A shortcode's source in JSON (its position only with `positions`). */
export function source(value: ShortcodeSource | undefined, settings: JsonSettings): JsonSource | undefined {
  if (!value) return undefined;
  const out: JsonSource = {
    tag: value.tag,
    attributes: value.attributes,
    positional: value.positional,
    content: value.content,
    raw: value.raw,
  };
  if (settings.positions) out.position = value.position;
  return out;
}

/** The `shortcode` inline or block of a kept shortcode: its source, or only its text when the source is unknown. */
export function keptSource(value: ShortcodeSource | undefined, raw: string, settings: JsonSettings): { type: "shortcode" } & JsonSource {
  return { type: "shortcode", ...(source(value, settings) ?? { tag: "", attributes: {}, positional: [], content: null, raw }) };
}

/** A URL field, emptied (and reported) when it is unsafe. */
export function safe(url: string, field: string, position: Position | undefined, settings: JsonSettings): string {
  if (!isUnsafeUrl(url)) return url;
  settings.reportUnsafe(`Unsafe URL in ${field} "${url.slice(0, 80)}" left out`, position);
  return "";
}

/** `block` with the node's position when positions are asked for. */
export function withPosition(block: Block, node: { position?: unknown }, settings: JsonSettings): Block {
  if (settings.positions && node.position) block.position = node.position as Position;
  return block;
}

/** `value` with `marks` when there are any. */
export function marked<T extends object>(value: T, marks: Mark[]): T & { marks?: Mark[] } {
  return marks.length ? { ...value, marks } : value;
}
