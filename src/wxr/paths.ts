import type { WxrPost } from "./posts.js";

/** The placeholders a path template may use. */
export const PATH_PLACEHOLDERS = ["type", "section", "yyyy", "mm", "dd", "slug", "id", "status"] as const;

/** The default template: `posts/<slug>.md`, `pages/<slug>.md`, `<type>/<slug>.md` for custom types. */
export const DEFAULT_PATH_TEMPLATE = "{section}/{slug}.md";

/** A path given to a post, and why it is not the plain one when it is not. */
export interface WxrPostPath {
  /** Relative, `/`-separated. */
  path: string;
  /** Set when the name was made up or changed: no slug, or a slug another post already took. */
  renamed: { reason: "no-slug" | "collision"; note: string } | null;
}

/** Windows device names, reserved with any extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;

/** One path segment from a value: no separators, control or reserved characters, no leading dots. */
function segment(value: string): string {
  let s = value
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "-")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (RESERVED.test(s)) s = `_${s}`;
  // Keep names well under NAME_MAX (255 bytes) once a suffix and the extension are added.
  while (Buffer.byteLength(s) > 120) s = [...s].slice(0, -1).join("");
  return s;
}

/** Latin letters that Unicode decomposition does not take apart. */
const TRANSLIT: Record<string, string> = {
  ı: "i",
  İ: "i",
  ß: "ss",
  æ: "ae",
  Æ: "ae",
  ø: "o",
  Ø: "o",
  œ: "oe",
  Œ: "oe",
  đ: "d",
  Đ: "d",
  ł: "l",
  Ł: "l",
  þ: "th",
  ð: "d",
};

/** A slug from a title, close to WordPress's `sanitize_title()` (accents removed, lower case, hyphens). */
export function slugify(title: string): string {
  return title
    .replace(/<[^>]*>/g, "")
    .replace(/[ıİßæÆøØœŒđĐłŁþð]/g, (c) => TRANSLIT[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&[a-z0-9#]+;/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** `wp:post_name` percent-decoded (WordPress stores non-Latin slugs encoded), or as is when it is no valid encoding. */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/**
 * Gives every post of an export a unique, deterministic output path from a template, in the
 * order the posts come (the export's order). A post without a slug (a draft) is named
 * `<title as slug>-<id>`; a slug taken by an earlier post becomes `<slug>-<id>` (then
 * `-2`, `-3` … should even that be taken). Paths are compared case-insensitively, so two
 * posts never land on one file on macOS or Windows either. Both cases are returned as `renamed`
 * for the report.
 */
export class WxrPathNamer {
  private readonly used = new Set<string>();
  private readonly parts: Array<{ text: string } | { key: (typeof PATH_PLACEHOLDERS)[number] }>;

  /**
   * @param template e.g. `{type}/{yyyy}/{mm}/{slug}.md` (default: {@link DEFAULT_PATH_TEMPLATE})
   * @throws Error naming an unknown placeholder, or a template without `{slug}` or `{id}`
   */
  constructor(template: string = DEFAULT_PATH_TEMPLATE) {
    this.parts = [];
    const re = /\{([^{}]*)\}/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(template))) {
      if (m.index > last) this.parts.push({ text: template.slice(last, m.index) });
      const key = m[1] as (typeof PATH_PLACEHOLDERS)[number];
      if (!PATH_PLACEHOLDERS.includes(key))
        throw new Error(
          `unknown placeholder {${m[1]}} in path template ${JSON.stringify(template)}: expected one of ${PATH_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`,
        );
      this.parts.push({ key });
      last = re.lastIndex;
    }
    if (last < template.length) this.parts.push({ text: template.slice(last) });
    if (!this.parts.some((p) => "key" in p && (p.key === "slug" || p.key === "id"))) {
      throw new Error(`path template ${JSON.stringify(template)} has neither {slug} nor {id}: every post would get the same name`);
    }
    if (template.startsWith("/") || template.split("/").includes(".."))
      throw new Error(`path template ${JSON.stringify(template)} must stay inside the output folder (no leading "/", no "..")`);
  }

  /** The path for the next post (only its id, title, slug, type, status and date are read). */
  pathOf(post: Pick<WxrPost, "id" | "title" | "slug" | "type" | "status" | "date">): WxrPostPath {
    const decoded = segment(decodeSlug(post.slug));
    let slug = decoded;
    let renamed: WxrPostPath["renamed"] = null;
    if (!slug) {
      slug = `${segment(slugify(post.title)) || "untitled"}-${post.id}`;
      renamed = { reason: "no-slug", note: `${post.type} ${post.id} has no slug: named ${JSON.stringify(slug)}` };
    }
    let path = this.render(post, slug);
    if (this.used.has(path.toLowerCase()) && !renamed) {
      const first = path;
      slug = `${decoded}-${post.id}`;
      path = this.render(post, slug);
      renamed = {
        reason: "collision",
        note: `${post.type} ${post.id}: ${JSON.stringify(first)} is taken by an earlier post, written as ${JSON.stringify(path)}`,
      };
    }
    for (let n = 2; this.used.has(path.toLowerCase()); n++) {
      const before = path;
      path = this.render(post, `${slug}-${n}`);
      renamed = {
        reason: "collision",
        note: `${post.type} ${post.id}: ${JSON.stringify(before)} is taken by an earlier post, written as ${JSON.stringify(path)}`,
      };
    }
    this.used.add(path.toLowerCase());
    return { path, renamed };
  }

  private render(post: Pick<WxrPost, "id" | "type" | "status" | "date">, slug: string): string {
    const date = post.date ?? "";
    const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    const values: Record<(typeof PATH_PLACEHOLDERS)[number], string> = {
      type: segment(post.type),
      section: post.type === "post" ? "posts" : post.type === "page" ? "pages" : segment(post.type),
      yyyy: ymd?.[1] ?? "undated",
      mm: ymd?.[2] ?? "00",
      dd: ymd?.[3] ?? "00",
      slug,
      id: String(post.id),
      status: segment(post.status) || "unknown",
    };
    return this.parts.map((p) => ("text" in p ? p.text : values[p.key])).join("");
  }
}
