import { renderFrontMatter } from "./front-matter.js";

/**
 * The three shapes a converted post is written in, so every sink writes a post alike.
 * `meta` is always the post's front matter object (see `frontMatterOf`).
 */

/**
 * A markdown file: YAML front matter, a blank line, the converted body (ending in one newline).
 *
 * @param meta the front matter
 * @param markdown the converted body
 */
export function markdownWithFrontMatter(meta: Record<string, unknown>, markdown: string): string {
  const body = markdown.endsWith("\n") || markdown === "" ? markdown : `${markdown}\n`;
  return `${renderFrontMatter(meta)}\n${body}`;
}

/**
 * `--to json`: the converter's document (`{ version, blocks }`) with the post's metadata as
 * `meta`, between the two.
 *
 * @param meta the front matter
 * @param document the converter's JSON document
 */
export function jsonWithMeta(
  meta: Record<string, unknown>,
  document: { version: unknown; blocks: unknown } & Record<string, unknown>,
): Record<string, unknown> {
  const { version, blocks, ...rest } = document;
  return { version, meta, blocks, ...rest };
}

/**
 * One NDJSON record of a post (no `--out-dir`): its metadata at the top level and the converted
 * body as `body`, so that `--input-format ndjson` (whose defaults are `--field body --id-field id`)
 * reads it back: the record's `id` is the WordPress post id.
 *
 * @param meta the front matter
 * @param body the converted body (markdown text, or the JSON document)
 */
export function ndjsonRecord(meta: Record<string, unknown>, body: unknown): string {
  return `${JSON.stringify({ ...meta, body })}\n`;
}
