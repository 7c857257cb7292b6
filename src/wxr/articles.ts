/**
 * What a link index needs to know of an export (issue 16), gathered while the export's
 * first pass streams by ({@link indexWxr}'s `onEvent`): each post's old URLs and the path it
 * will be written to, each attachment's old URLs and its file. No body is held: a few short
 * strings per item.
 */
import { isoDate } from "./dates.js";
import { own } from "./export-index.js";
import { WxrPathNamer } from "./paths.js";
import { selected, wxrPostSettings, type WxrPostSettings } from "./posts.js";
import type { WxrChannel, WxrItem } from "./types.js";
import type { WxrUnitOptions } from "./units.js";

/** One post or page as the link index records it. */
export interface WxrArticle {
  /** `wp:post_id`. */
  id: number;
  /**
   * The URLs the old site answered for it: `<link>`, `guid`, `?p=ID` (every type) and
   * `?page_id=ID` (pages) on the site's address; empty ones left out.
   */
  oldUrls: string[];
  /** The output path {@link wxrUnits} gives it (same namer, same order, same renames). */
  path: string;
  /** Its date as the front matter writes it (ISO 8601), or `null`. */
  date: string | null;
  /** Its slug, percent-decoded (`""` for a draft without one). */
  slug: string;
}

/** One attachment as the link index records it: its pages lead to its file now. */
export interface WxrAttachmentLinks {
  id: number;
  /** `<link>` (the attachment page), `?attachment_id=ID`, `wp:attachment_url` and `guid`; empty ones left out. */
  oldUrls: string[];
  /** The file: `wp:attachment_url`, else the `guid`. */
  url: string;
}

type Kept = Pick<WxrItem, "type" | "status" | "slug" | "title" | "link" | "guid" | "postDate" | "postDateGmt" | "attachmentUrl"> & { id: number };

/**
 * Collects the link facts of one export from its events, in export order; {@link finish}
 * names the posts once the site's offset is known (the end of the pass).
 */
export class WxrArticleCollector {
  private readonly settings: WxrPostSettings;
  private readonly items: Kept[] = [];
  private channel: Pick<WxrChannel, "link" | "baseBlogUrl"> | null = null;

  /** @param options the same reading options as the conversion's (post types, statuses, offset, path template) */
  constructor(private readonly options: WxrUnitOptions = {}) {
    this.settings = wxrPostSettings(options);
  }

  /** Takes one event of the first pass (channel and items; the rest is ignored). */
  readonly add = (event: { kind: "channel"; channel: WxrChannel } | { kind: "item"; item: WxrItem }): void => {
    if (event.kind === "channel") {
      this.channel = { link: own(event.channel.link), baseBlogUrl: own(event.channel.baseBlogUrl) };
      return;
    }
    const item = event.item;
    if (item.id === null || !item.type) return;
    if (item.type !== "attachment" && !selected(item, this.settings)) return;
    this.items.push({
      id: item.id,
      type: own(item.type),
      status: own(item.status),
      slug: own(item.slug),
      title: item.type === "attachment" ? "" : own(item.title),
      link: own(item.link),
      guid: own(item.guid),
      postDate: own(item.postDate),
      postDateGmt: own(item.postDateGmt),
      attachmentUrl: own(item.attachmentUrl),
    });
  };

  /**
   * The posts (named as the conversion will name them) and the attachments.
   * @param siteOffset the export's most frequent offset ({@link WxrIndex.siteOffset}), for drafts without a GMT date
   */
  finish(siteOffset: number | null): { articles: WxrArticle[]; attachments: WxrAttachmentLinks[] } {
    const namer = new WxrPathNamer(this.options.pathTemplate);
    const offset = this.settings.utcOffset ?? siteOffset;
    const home = (this.channel?.baseBlogUrl || this.channel?.link || "").trim().replace(/\/+$/, "");
    const byId = (name: string, id: number) => (/^https?:\/\//i.test(home) ? [`${home}/?${name}=${id}`] : []);
    const articles: WxrArticle[] = [];
    const attachments: WxrAttachmentLinks[] = [];
    for (const item of this.items) {
      if (item.type === "attachment") {
        const url = item.attachmentUrl || item.guid;
        if (url) attachments.push({ id: item.id, oldUrls: present([item.link, ...byId("attachment_id", item.id), item.attachmentUrl, item.guid]), url });
        continue;
      }
      const date = isoDate(item.postDate, item.postDateGmt, offset).value;
      const { path } = namer.pathOf({ id: item.id, title: item.title, slug: item.slug, type: item.type, status: item.status, date });
      const ids = [...byId("p", item.id), ...(item.type === "page" ? byId("page_id", item.id) : [])];
      articles.push({ id: item.id, oldUrls: present([item.link, item.guid, ...ids]), path, date, slug: decoded(item.slug) });
    }
    return { articles, attachments };
  }
}

/** The non-empty values, each once, in order. */
function present(values: string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ""))];
}

function decoded(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}
