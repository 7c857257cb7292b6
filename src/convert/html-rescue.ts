/**
 * A pass over the freshly parsed hast of one HTML paragraph, before hast-util-to-mdast sees it,
 * for values the default handlers would drop (nothing lost):
 * - an `<img>` Gutenberg gave a `data-link` (the attachment page) or `data-full-url` (the full
 *   size), on itself or on its gallery item's `<figure>`, and no `<a>` around it: the image is linked to that URL, as WordPress does when a
 *   gallery links to its attachments or media files;
 * - a `style="background-image:url(…)"` (the `wp:cover` block): an image of that URL as the
 *   element's first child;
 * - tags the caller asked to strip (`stripTags`): removed with their content, each one told
 *   to `stripped` with its offset in the fragment.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from "hast";

/** What {@link rescueValues} was told to strip, and where to say what it did. */
export interface StripTags {
  /** Lower-case tag names. */
  tags: ReadonlySet<string>;
  /** Called once per stripped element with its tag name and its start offset in the parsed fragment. */
  stripped: (tag: string, offset: number) => void;
}

/** `background-image: url(…)` in a style attribute (the URL quoted or not). */
const BACKGROUND_URL = /background(?:-image)?\s*:[^;]*?url\(\s*(["']?)([^"')]+)\1\s*\)/i;

/**
 * Rescues the values above in place. `note` receives what is kept without being rendered
 * (a `data-full-url` beside a `data-link`).
 */
export function rescueValues(root: HastRoot, strip: StripTags | undefined, note: (reason: string) => void): void {
  walk(root, undefined, strip, note);
}

/** @param link the `href` of the `<a>` around `parent` (`undefined`: none) */
function walk(parent: HastRoot | Element, link: string | undefined, strip: StripTags | undefined, note: (reason: string) => void): void {
  const children = parent.children as Array<RootContent | ElementContent>;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== "element") continue;
    const name = child.tagName;
    if (strip?.tags.has(name)) {
      strip.stripped(name, child.position?.start.offset ?? 0);
      children.splice(index--, 1);
      continue;
    }
    if (name === "img") {
      const linked = link === undefined ? imageLink(child, note) : (reportOtherLinks(child, link, note), null);
      if (linked) {
        children[index] = linked;
        continue;
      }
    }
    // (a `data-link`/`data-full-url` on a gallery item's `<figure>` belongs to its image)
    if (name === "figure" && (attribute(child, "dataLink") || attribute(child, "dataFullUrl"))) handDown(child);
    const style = child.properties["style"];
    if (typeof style === "string") {
      const url = BACKGROUND_URL.exec(style)?.[2]?.trim();
      if (url) child.children.unshift({ type: "element", tagName: "img", properties: { src: url, alt: "" }, children: [] });
    }
    walk(child, name === "a" ? String(child.properties["href"] ?? "") : link, strip, note);
  }
}

const attribute = (img: Element, key: string): string => {
  const value = img.properties[key];
  return typeof value === "string" ? value.trim() : "";
};

/** A `<figure>`'s `data-link`/`data-full-url` given to its one image (or its link's) that has none of its own. */
function handDown(figure: Element): void {
  const images: Element[] = [];
  const find = (element: Element) => {
    for (const child of element.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "img") images.push(child);
      else if (child.tagName === "a") find(child);
    }
  };
  find(figure);
  const img = images.length === 1 ? images[0]! : undefined;
  if (!img || attribute(img, "dataLink") || attribute(img, "dataFullUrl")) return;
  for (const key of ["dataLink", "dataFullUrl"] as const) {
    const value = attribute(figure, key);
    if (value) img.properties[key] = value;
  }
}

/** An image inside a link: its `data-link`/`data-full-url` that the link does not hold are reported (kept in the report, not rendered). */
function reportOtherLinks(img: Element, href: string, note: (reason: string) => void): void {
  for (const [key, name] of [
    ["dataLink", "data-link"],
    ["dataFullUrl", "data-full-url"],
  ] as const) {
    const value = attribute(img, key);
    if (value && value !== href && value !== attribute(img, "src")) {
      note(`A linked image's ${name} "${value.slice(0, 120)}" is not rendered (the image links to "${href.slice(0, 120)}"; the JSON keeps it)`);
      keepUnrendered(img, name, value);
    }
  }
}

/** The hast property that carries an image's unrendered URLs to the `img` handler (html.ts), as JSON. */
export const UNRENDERED = "dataShortcodeMigrateUnrendered";

function keepUnrendered(img: Element, name: string, value: string): void {
  const kept = JSON.parse(String(img.properties[UNRENDERED] ?? "{}")) as Record<string, string>;
  kept[name] = value;
  img.properties[UNRENDERED] = JSON.stringify(kept);
}

/** An `<a>` around `img` to its `data-link`, else its `data-full-url` when that is not its `src`; or `null`. */
function imageLink(img: Element, note: (reason: string) => void): Element | null {
  const value = (key: string) => attribute(img, key);
  const src = value("src");
  const link = value("dataLink");
  const full = value("dataFullUrl");
  const fullKept = full !== "" && full !== src;
  if (link && fullKept && full !== link) {
    note(`An image's data-full-url "${full.slice(0, 80)}" is not rendered (the image links to its data-link; the JSON keeps it)`);
    keepUnrendered(img, "data-full-url", full);
  }
  const href = link || (fullKept ? full : "");
  if (!href) return null;
  return { type: "element", tagName: "a", properties: { href }, children: [img], ...(img.position ? { position: img.position } : {}) };
}
