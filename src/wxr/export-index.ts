import { offsetOf } from "./dates.js";
import { readWxr } from "./reader.js";
import type { WxrEvent, WxrItem, WxrSource } from "./types.js";

/** What a post needs to know about one attachment (an `attachment` item). */
export interface WxrAttachment {
  id: number;
  /** `wp:attachment_url` (the `guid` when that is absent). */
  url: string;
  /** The post it was uploaded to (0 for none). */
  parent: number;
  menuOrder: number;
  title: string;
  /** The caption (the attachment's excerpt). */
  caption: string;
  /** `_wp_attachment_image_alt`. */
  alt: string;
}

/**
 * What the first, cheap pass over an export collects so the second can resolve what a post
 * refers to: attachments appear anywhere in an export, often after the posts that show them.
 * Holds a few hundred bytes per attachment and the reusable blocks' content; no post body.
 */
export interface WxrIndex {
  attachments: Map<number, WxrAttachment>;
  /** Attachment ids by parent post id, in document order (sort by `menuOrder` to show them). */
  childAttachments: Map<number, number[]>;
  /** `wp_block` items (reusable blocks) by id: their title and content. */
  reusableBlocks: Map<number, { title: string; content: string }>;
  /** Items per post type (`post`, `page`, `attachment`, `nav_menu_item`, `""` for none …), as far as the export could be read. */
  counts: Map<string, number>;
  /** Items per post type and status (`post` → `publish` → 12), so a filtered run knows how many posts it will convert. */
  statusCounts: Map<string, Map<string, number>>;
  /**
   * The site's usual offset from UTC in minutes (the most frequent `post_date − post_date_gmt`
   * of the export's items), for drafts that have no GMT date; `null` when no item has both dates.
   */
  siteOffset: number | null;
}

/** An empty index: what a one-pass read (from a stream that cannot be read twice) starts from. */
export function emptyWxrIndex(): WxrIndex {
  return { attachments: new Map(), childAttachments: new Map(), reusableBlocks: new Map(), counts: new Map(), statusCounts: new Map(), siteOffset: null };
}

/**
 * A copy of a string that shares no memory with the text it was cut from. The parser's
 * values are slices of the chunk they were read from; kept in the index, one short URL would
 * hold a whole 64 kB chunk alive (measured: a 20 MB export held 40 MB before this).
 */
export function own(s: string): string {
  return s.length === 0 ? "" : Buffer.from(s, "utf8").toString("utf8");
}

/** Add what one item tells to an index (used by both passes). */
export function indexItem(index: WxrIndex, item: WxrItem, offsets?: Map<number, number>): void {
  index.counts.set(item.type, (index.counts.get(item.type) ?? 0) + 1);
  let byStatus = index.statusCounts.get(item.type);
  if (!byStatus) index.statusCounts.set(item.type, (byStatus = new Map()));
  byStatus.set(item.status, (byStatus.get(item.status) ?? 0) + 1);
  if (offsets) {
    const off = offsetOf(item.postDate, item.postDateGmt);
    if (off !== null) offsets.set(off, (offsets.get(off) ?? 0) + 1);
  }
  if (item.id === null) return;
  if (item.type === "attachment") {
    index.attachments.set(item.id, {
      id: item.id,
      url: own(item.attachmentUrl || item.guid),
      parent: item.parent,
      menuOrder: item.menuOrder,
      title: own(item.title),
      caption: own(item.excerpt),
      alt: own(item.meta.find((m) => m.key === "_wp_attachment_image_alt")?.value ?? ""),
    });
    if (item.parent) {
      const list = index.childAttachments.get(item.parent);
      if (list) list.push(item.id);
      else index.childAttachments.set(item.parent, [item.id]);
    }
  } else if (item.type === "wp_block") {
    index.reusableBlocks.set(item.id, { title: own(item.title), content: own(item.content) });
  }
}

/**
 * The first pass: read the whole export once, keeping only attachments, reusable blocks,
 * counts and the site's offset. Problems are not reported here; the second pass meets and
 * reports the same ones in order.
 *
 * @param source the export (read to its end, or to its first fatal error)
 * @param onEvent sees every channel and item event as it passes (the link index's first pass rides on this one)
 */
export async function indexWxr(source: WxrSource, onEvent?: (event: Extract<WxrEvent, { kind: "channel" | "item" }>) => void): Promise<WxrIndex> {
  const index = emptyWxrIndex();
  const offsets = new Map<number, number>();
  for await (const event of readWxr(source)) {
    if (event.kind === "item") indexItem(index, event.item, offsets);
    if (onEvent && (event.kind === "item" || event.kind === "channel")) onEvent(event);
  }
  index.siteOffset = mostFrequent(offsets);
  return index;
}

/** The key with the highest count; ties go to the first seen (deterministic for a given file). */
function mostFrequent(counts: Map<number, number>): number | null {
  let best: number | null = null;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}
