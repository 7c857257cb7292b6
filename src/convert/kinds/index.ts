/**
 * The node kinds rules produce before a style is applied, by type. `lower.ts`, `to-json.ts`
 * and the HTML converter dispatch through this map; a new kind is one file here, its entry
 * below, its block in `schema/article.schema.json` and a fixture.
 */
import type { NodeKind } from "./kind.js";
import { embed } from "./embed.js";
import { figure } from "./figure.js";
import { keptShortcode } from "./kept-shortcode.js";
import { relatedNews } from "./related-news.js";
import { ruleOutput } from "./rule-output.js";

type AnyKind = NodeKind<{ type: string }>;

/** Every node kind, by type. */
export const KINDS: ReadonlyMap<string, AnyKind> = new Map<string, AnyKind>(
  ([relatedNews, figure, embed, keptShortcode, ruleOutput] as AnyKind[]).map((kind) => [kind.type, kind]),
);

/** Whether `node` must stand as its own block (a paragraph holding one is split around it). */
export function isBlockOnly(node: { type: string }): boolean {
  const kind = KINDS.get(node.type);
  return kind !== undefined && kind.blockOnly(node);
}

/** Whether `node` was made from the body by a rule, so its position is the body's. */
export function keepsPosition(node: { type: string }): boolean {
  const kind = KINDS.get(node.type);
  return kind !== undefined && kind.keepsPosition(node);
}
