import type { MediaAttachment, MediaLibrary } from "../convert/types.js";
import type { WxrAttachment, WxrIndex } from "./export-index.js";

/** What choosing a gallery's attachments needs of an index: the attachments and who they belong to. */
export type AttachmentIndex = Pick<WxrIndex, "attachments" | "childAttachments">;

/** The attachments of a post, as `[gallery]` without `ids` shows them: by menu order, then id. */
export function childAttachmentsOf(index: AttachmentIndex, postId: number): WxrAttachment[] {
  const ids = index.childAttachments.get(postId) ?? [];
  return ids
    .map((id) => index.attachments.get(id))
    .filter((a): a is WxrAttachment => a !== undefined)
    .sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id);
}

const indexes = new WeakMap<MediaLibrary, AttachmentIndex>();

/**
 * A unit's {@link MediaLibrary} (the attachments it carries) as an index to choose from, made
 * once per library (a post may hold several galleries).
 */
export function mediaIndex(library: MediaLibrary): AttachmentIndex {
  let index = indexes.get(library);
  if (index) return index;
  index = { attachments: new Map(), childAttachments: new Map() };
  for (const a of library.attachments as readonly MediaAttachment[]) {
    index.attachments.set(a.id, a);
    if (a.parent) {
      const list = index.childAttachments.get(a.parent);
      if (list) list.push(a.id);
      else index.childAttachments.set(a.parent, [a.id]);
    }
  }
  indexes.set(library, index);
  return index;
}

/** The attributes of `[gallery]` (and `[playlist]`) that choose and order attachments. */
export interface GalleryQuery {
  ids?: string;
  include?: string;
  exclude?: string;
  /** Another post whose attachments to show (default: the post itself). */
  id?: string;
  orderby?: string;
  order?: string;
}

/** What {@link galleryAttachments} found. */
export interface GalleryResult {
  attachments: WxrAttachment[];
  /** Ids asked for (`ids`, `include`) that the export has no attachment for. */
  missing: number[];
  /** What could not be reproduced (`orderby="rand"`, an order by a field the export does not keep), for the report. */
  notes: string[];
}

const idList = (text: string | undefined): number[] =>
  (text ?? "")
    .split(/[\s,]+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number);

/**
 * The attachments a `[gallery]` (or `[playlist]`) shows, chosen and ordered the way
 * WordPress's `gallery_shortcode()` does: `ids` in their own order (unless `orderby` says
 * otherwise); else `include`; else the post's child attachments (or post `id`'s) without
 * `exclude`, by `menu_order`, then ID. `order="DESC"` reverses.
 *
 * @param index the export's index (first pass)
 * @param postId the post the shortcode is in
 * @param query the shortcode's attributes
 */
export function galleryAttachments(index: AttachmentIndex, postId: number, query: GalleryQuery): GalleryResult {
  const notes: string[] = [];
  const missing: number[] = [];
  let orderby = (query.orderby ?? "").trim();
  let include = idList(query.include);
  if (query.ids !== undefined && idList(query.ids).length) {
    include = idList(query.ids);
    if (!orderby) orderby = "post__in";
  }
  if (!orderby) orderby = "menu_order ID";
  let list: WxrAttachment[];
  if (include.length) {
    list = [];
    for (const id of include) {
      const a = index.attachments.get(id);
      if (a) list.push(a);
      else missing.push(id);
    }
  } else {
    const parent = /^\d+$/.test((query.id ?? "").trim()) ? Number(query.id) : postId;
    const exclude = new Set(idList(query.exclude));
    list = childAttachmentsOf(index, parent).filter((a) => !exclude.has(a.id));
  }
  const keys = orderby.toLowerCase().split(/\s+/);
  if (keys[0] !== "post__in") {
    if (keys.includes("rand")) notes.push(`orderby="rand": shown in menu order (a random order is not reproduced)`);
    const known = keys.filter((k) => k === "menu_order" || k === "id" || k === "title");
    for (const k of keys)
      if (!["menu_order", "id", "title", "rand", "post__in"].includes(k)) notes.push(`orderby="${k}" is not kept in the export: shown by menu order, then ID`);
    const by = known.length ? known : ["menu_order", "id"];
    list = [...list].sort((a, b) => {
      for (const k of by) {
        const d = k === "menu_order" ? a.menuOrder - b.menuOrder : k === "id" ? a.id - b.id : a.title.localeCompare(b.title);
        if (d) return d;
      }
      return a.id - b.id;
    });
  }
  if ((query.order ?? "").trim().toUpperCase() === "DESC") list = [...list].reverse();
  return { attachments: list, missing, notes };
}

/**
 * The attachments a post may need while it is converted, so a unit of work can carry them
 * (to a worker) instead of the whole index: its featured image, its child attachments, and
 * every id named by `[gallery ids|include=…]`, `[playlist ids=…]`, `[caption id="attachment_N"]`,
 * `wp-image-N` classes and Gutenberg `wp:image`/`wp:gallery` ids in the body.
 *
 * @param index the export's index
 * @param post the post's id, bodies (as exported, and as resolved) and featured image id
 */
export function attachmentsForPost(
  index: WxrIndex,
  post: { id: number; content: string; rawContent: string; featuredImageId: number | null },
): WxrAttachment[] {
  const ids = new Set<number>();
  if (post.featuredImageId) ids.add(post.featuredImageId);
  for (const id of index.childAttachments.get(post.id) ?? []) ids.add(id);
  // The raw body still has the block comments; the resolved one has the reusable blocks.
  const body = post.content === post.rawContent ? post.content : `${post.rawContent}\n${post.content}`;
  for (const m of body.matchAll(/\[(?:gallery|playlist)\b[^\]]*?\b(?:ids|include)\s*=\s*["']?([\d,\s]+)/g)) for (const id of idList(m[1])) ids.add(id);
  for (const m of body.matchAll(/\[(?:gallery|playlist)\b[^\]]*?\bid\s*=\s*["']?(\d+)/g))
    for (const id of index.childAttachments.get(Number(m[1])) ?? []) ids.add(id);
  for (const m of body.matchAll(/\b(?:attachment_|wp-image-)(\d+)\b/g)) ids.add(Number(m[1]));
  for (const m of body.matchAll(/<!--\s+wp:(?:core\/)?(?:image|gallery|video|audio|file)\s+(\{[^]*?\})\s+\/?-->/g)) {
    try {
      const attrs = JSON.parse(m[1]!) as { id?: unknown; ids?: unknown };
      if (typeof attrs.id === "number") ids.add(attrs.id);
      if (Array.isArray(attrs.ids)) for (const id of attrs.ids) if (typeof id === "number") ids.add(id);
    } catch {
      // Not JSON: WordPress would not read it either.
    }
  }
  return [...ids].map((id) => index.attachments.get(id)).filter((a): a is WxrAttachment => a !== undefined);
}
