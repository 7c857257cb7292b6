import { stringify } from "yaml";
import type { WxrPost } from "./posts.js";

/** Options of {@link frontMatterOf}. */
export interface FrontMatterOptions {
  /** Custom fields (postmeta keys) to copy under `meta:` (default: none). A key given more than once in the post becomes a list. */
  meta?: readonly string[];
}

/**
 * A post's front matter, keys in a fixed order: `id`, `title`, `date`, `modified`, `slug`,
 * `type`, `status`, `author`, `categories`, `tags`, `taxonomies` (other taxonomies), `excerpt`,
 * `link`, `featured_image`, `format`, `parent` and `menu_order` (pages), `sticky`, `meta`.
 * Absent or empty values are left out (an empty excerpt, no categories, no featured image, a
 * standard post format, a missing date); `id`, `title`, `slug`, `type` and `status` are always there.
 *
 * @param post a resolved post
 * @param options see {@link FrontMatterOptions}
 */
export function frontMatterOf(post: WxrPost, options: FrontMatterOptions = {}): Record<string, unknown> {
  const fm: Record<string, unknown> = { id: post.id, title: post.title };
  if (post.date !== null) fm.date = post.date;
  if (post.modified !== null) fm.modified = post.modified;
  fm.slug = post.slug;
  fm.type = post.type;
  fm.status = post.status;
  if (post.author) fm.author = post.author;
  if (post.categories.length) fm.categories = post.categories;
  if (post.tags.length) fm.tags = post.tags;
  if (Object.keys(post.taxonomies).length) fm.taxonomies = post.taxonomies;
  if (post.excerpt.trim()) fm.excerpt = post.excerpt;
  if (post.link) fm.link = post.link;
  if (post.featuredImage) fm.featured_image = post.featuredImage;
  if (post.format) fm.format = post.format;
  if (post.type === "page") {
    fm.parent = post.parent;
    fm.menu_order = post.menuOrder;
  }
  if (post.sticky) fm.sticky = true;
  if (options.meta?.length) {
    const meta: Record<string, string | string[]> = {};
    for (const key of options.meta) {
      const values = post.meta.filter((m) => m.key === key).map((m) => m.value);
      if (values.length === 1) meta[key] = values[0]!;
      else if (values.length > 1) meta[key] = values;
    }
    if (Object.keys(meta).length) fm.meta = meta;
  }
  return fm;
}

/**
 * Front matter as a YAML block (`---\n…---\n`), written by the `yaml` library with YAML 1.1
 * quoting, so every reader (YAML 1.1 or 1.2: Jekyll, Hugo, Eleventy, js-yaml) reads the same
 * values back: a title `yes` or `0123` stays a string, a date stays the ISO string written.
 *
 * @param data the front matter (see {@link frontMatterOf})
 */
export function renderFrontMatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, { version: "1.1", lineWidth: 0 })}---\n`;
}
