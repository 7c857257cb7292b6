/**
 * Every place a converted tree keeps a URL, as a slot that can be read and replaced: the
 * link and image rewriters walk the tree once through here, whatever shape the URL has.
 *
 * Handled: mdast `link`, `image`, `definition`; directive attributes (the `directive`
 * style's `::related-news{url image}`); the converter's intermediate nodes (`relatedNews`
 * `url`/`image`, `figure` `url`/`link`, `embed` `url`), so a rewrite before lowering
 * reaches the JSON output too; and, in raw HTML kept in `html` and `keptShortcode` nodes (a
 * kept `[caption]` with its `<a><img></a>`, Gutenberg comments), the `href`, `src`, `srcset`,
 * `poster`, gallery `data-link`/`data-full-url` attributes, root-relative CSS `url(…)` and any
 * other absolute URL of the text.
 */
import type { Position } from "../ast/types.js";

/** What a URL is used for. */
type SlotRole =
  /** Navigation: an article link, or a link to a file. */
  | "link"
  /** Shown in place: an image, a video poster, a `srcset` candidate. */
  | "image";

/** One URL in the tree. */
export interface UrlSlot {
  readonly url: string;
  readonly role: SlotRole;
  /** Where it sits, for messages: `link`, `image`, `related-news link`, `related-news image`, `html href`, `html srcset` … */
  readonly where: string;
  /** The most precise position known (the attribute's for raw HTML and related-news boxes, else the nearest positioned node's). */
  readonly position: Position | undefined;
  /** Replaces the URL in the tree. */
  set(url: string): void;
}

type AnyNode = { type: string; children?: AnyNode[]; position?: Position; [key: string]: unknown };

const DIRECTIVE_ROLES: Record<string, SlotRole> = { url: "link", href: "link", link: "link", image: "image", src: "image", poster: "image" };

/**
 * Raw-HTML attributes holding URLs (value in double or single quotes): the standard ones, lazy
 * loading's, Gutenberg gallery images' `data-link`/`data-full-url` and Jetpack's `data-orig-file` …
 */
const HTML_URL_ATTRIBUTE =
  /(\s)(href|src|srcset|poster|data-src|data-srcset|data-link|data-full-url|data-permalink|data-orig-file|data-medium-file|data-large-file)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;
/** Of those, the ones that navigate (the rest are shown in place). */
const HTML_LINK_ATTRIBUTES = new Set(["href", "data-link", "data-permalink"]);
/** A root-relative CSS `url(…)` (`style="background-image:url(/wp-content/…)"`), its quote plain or an entity; absolute ones are bare URLs. */
const CSS_ROOT_URL = /url\(\s*(?:&quot;|&#0*3[49];|&apos;|["'])?(\/(?!\/)[^\s"'()<>&]*)/gi;
/** An entity quote closing a bare URL (`url(&quot;https://…&quot;)`): not part of it. */
const TRAILING_ENTITY_QUOTE = /(?:&(?:quot|apos|#0*3[49]);?)+$/i;

/** An absolute URL in raw text (a JSON-escaped `\/` allowed): to the next space, quote, bracket or backslash that escapes nothing. */
const BARE_URL = /https?:(?:\\?\/){2}(?:[^\s"'<>()\\[\]{}]|\\\/)+/gi;
/** What a linkifier leaves off the end of a bare URL. */
const TRAILING_PUNCTUATION = /[.,;:!?*]+$/;
const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:[?#]|$)/i;

/**
 * Calls `visit` for every URL slot of `tree`, depth first, in document order.
 * @param tree an mdast root (final or the converter's intermediate tree)
 * @param visit called once per URL; may call `slot.set` to replace it
 */
export function forEachUrl(tree: unknown, visit: (slot: UrlSlot) => void): void {
  walk(tree as AnyNode, undefined, visit);
}

function walk(node: AnyNode, inherited: Position | undefined, visit: (slot: UrlSlot) => void): void {
  const position = node.position ?? inherited;
  switch (node.type) {
    case "link":
    case "definition":
      field(node, "url", "link", node.type, position, visit);
      break;
    case "image":
      field(node, "url", "image", "image", position, visit);
      break;
    case "relatedNews":
      field(node, "url", "link", "related-news link", () => shortcodeAttribute(node, "link") ?? position, visit);
      field(node, "image", "image", "related-news image", () => shortcodeAttribute(node, "image") ?? position, visit);
      break;
    case "figure":
      field(node, "url", "image", "figure image", position, visit);
      field(node, "link", "link", "figure link", position, visit);
      break;
    case "embed":
      field(node, "url", "link", `${String(node["kind"])} url`, position, visit);
      break;
    case "leafDirective":
    case "containerDirective":
    case "textDirective":
      directive(node, position, visit);
      break;
    case "html":
    case "keptShortcode":
      html(node, position, visit);
      break;
    default:
  }
  if (node.children !== undefined) for (const child of node.children) walk(child, position, visit);
  // a figure's caption is phrasing of its own, outside `children` (the intermediate tree)
  if (node.type === "figure" && Array.isArray(node["caption"])) for (const child of node["caption"] as AnyNode[]) walk(child, position, visit);
  // a gallery's images are figures of their own, outside `children` (the intermediate tree)
  if (node.type === "gallery" && Array.isArray(node["images"])) for (const image of node["images"] as AnyNode[]) walk(image, position, visit);
}

/** `position` may be a function: computed only when a visitor reads it (most URLs are never reported). */
function field(
  node: AnyNode,
  key: string,
  role: SlotRole,
  where: string,
  position: Position | undefined | (() => Position | undefined),
  visit: (slot: UrlSlot) => void,
): void {
  const url = node[key];
  if (typeof url !== "string" || url === "") return;
  visit(new FieldSlot(node, key, url, role, where, position));
}

/** A URL held in a node's field (a class: one shape for every slot, the position computed on first read). */
class FieldSlot implements UrlSlot {
  #position: Position | undefined | (() => Position | undefined);

  constructor(
    private readonly node: AnyNode,
    private readonly key: string,
    readonly url: string,
    readonly role: SlotRole,
    readonly where: string,
    position: Position | undefined | (() => Position | undefined),
  ) {
    this.#position = position;
  }

  get position(): Position | undefined {
    if (typeof this.#position === "function") this.#position = this.#position();
    return this.#position;
  }

  set(url: string): void {
    this.node[this.key] = url;
  }
}

function directive(node: AnyNode, position: Position | undefined, visit: (slot: UrlSlot) => void): void {
  const attributes = node["attributes"] as Record<string, string | null | undefined> | undefined;
  if (!attributes) return;
  const name = typeof node["name"] === "string" ? `${node["name"]} ` : "";
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== "string" || value === "") continue;
    if (key === "srcset") {
      srcset(value, `${name}srcset`, position, visit, (next) => void (attributes[key] = next));
      continue;
    }
    const role = DIRECTIVE_ROLES[key];
    if (role) visit({ url: value, role, where: `${name}${key}`, position, set: (next) => void (attributes[key] = next) });
  }
}

/**
 * The URL attributes of raw HTML. Replacements are collected and applied right to left
 * once the whole value was visited, so earlier indexes stay valid.
 */
function html(node: AnyNode, position: Position | undefined, visitInOrder: (slot: UrlSlot) => void): void {
  const value = node["value"];
  if (typeof value !== "string" || !value.includes("/")) return;
  // the passes below find slots out of order (attributes, bare URLs, CSS): visited by their place in the text
  const found: Array<{ place: number; slot: UrlSlot }> = [];
  let place = 0;
  const visit = (slot: UrlSlot): void => void found.push({ place, slot });
  // by start: a srcset writes its whole value again for each candidate, the last write holds all
  const edits = new Map<number, { start: number; end: number; text: string }>();
  for (const match of value.matchAll(HTML_URL_ATTRIBUTE)) {
    const name = match[2]!.toLowerCase();
    const raw = match[4] ?? match[5]!;
    const quote = match[4] !== undefined ? '"' : "'";
    const start = match.index + match[1]!.length + match[2]!.length + match[3]!.length + 1;
    const end = start + raw.length;
    const at = offsetPosition(position, value, start);
    const replace = (decoded: string): void => {
      edits.set(start, { start, end, text: encodeAttribute(decoded, quote) });
    };
    place = start;
    if (name.endsWith("srcset")) {
      srcset(decodeAttribute(raw), `html ${name}`, at, visit, replace);
    } else if (raw !== "") {
      visit({ url: decodeAttribute(raw), role: HTML_LINK_ATTRIBUTES.has(name) ? "link" : "image", where: `html ${name}`, position: at, set: replace });
    }
  }
  // any other absolute URL of the raw text: Gutenberg comments' JSON (`"url":"…"`), CSS
  // `url(…)`, other `data-*` attributes, a bare URL; the attribute values above are skipped
  const taken = [...value.matchAll(HTML_URL_ATTRIBUTE)].map((match) => [match.index, match.index + match[0].length] as const);
  for (const match of value.matchAll(BARE_URL)) {
    const start = match.index;
    if (taken.some(([from, to]) => start >= from && start < to)) continue;
    const raw = match[0].replace(TRAILING_ENTITY_QUOTE, "").replace(TRAILING_PUNCTUATION, "");
    place = start;
    const escapedSlashes = raw.includes("\\/");
    const url = decodeAttribute(escapedSlashes ? raw.replace(/\\\//g, "/") : raw);
    visit({
      url,
      role: IMAGE_EXTENSION.test(url) ? "image" : "link",
      where: "html text",
      position: offsetPosition(position, value, start),
      set: (next) => void edits.set(start, { start, end: start + raw.length, text: escapedSlashes ? next.replace(/\//g, "\\/") : next.replace(/"/g, "%22") }),
    });
  }
  for (const match of value.matchAll(CSS_ROOT_URL)) {
    const raw = match[1]!;
    const start = match.index + match[0].length - raw.length;
    if (taken.some(([from, to]) => start >= from && start < to)) continue;
    place = start;
    visit({
      url: raw,
      role: "image",
      where: "html css url",
      position: offsetPosition(position, value, start),
      set: (next) => void edits.set(start, { start, end: start + raw.length, text: next.replace(/["'()\s]/g, encodeURIComponent) }),
    });
  }
  // stable: a srcset's candidates share a start and keep their order
  for (const { slot } of found.sort((a, b) => a.place - b.place)) visitInOrder(slot);
  if (edits.size === 0) return;
  let next = value;
  for (const edit of [...edits.values()].sort((a, b) => b.start - a.start)) next = next.slice(0, edit.start) + edit.text + next.slice(edit.end);
  node["value"] = next;
}

/** One slot per `srcset` candidate; each `set` rewrites that candidate and writes the whole list back. */
function srcset(value: string, where: string, position: Position | undefined, visit: (slot: UrlSlot) => void, write: (next: string) => void): void {
  const candidates = parseSrcset(value);
  candidates.forEach((candidate, index) => {
    visit({
      url: candidate.url,
      role: "image",
      where,
      position,
      set: (next) => {
        candidates[index] = { ...candidate, url: next };
        write(candidates.map((item) => (item.descriptor ? `${item.url} ${item.descriptor}` : item.url)).join(", "));
      },
    });
  });
}

/** A `srcset` candidate: its URL and its descriptor (`300w`, `2x`, or none). */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/**
 * Splits a `srcset` value into candidates as the HTML standard's parser does: a URL runs
 * to the next white space (a trailing comma ends the candidate), then descriptors run to
 * the next comma outside parentheses.
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let at = 0;
  while (at < value.length) {
    while (at < value.length && /[\s,]/.test(value[at]!)) at++;
    if (at >= value.length) break;
    let end = at;
    while (end < value.length && !/\s/.test(value[end]!)) end++;
    let url = value.slice(at, end);
    at = end;
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
      candidates.push({ url, descriptor: "" });
      continue;
    }
    let depth = 0;
    let descriptor = "";
    while (at < value.length) {
      const character = value[at]!;
      if (character === "(") depth++;
      else if (character === ")") depth = Math.max(0, depth - 1);
      else if (character === "," && depth === 0) break;
      descriptor += character;
      at++;
    }
    candidates.push({ url, descriptor: descriptor.trim().replace(/\s+/g, " ") });
  }
  return candidates;
}

/** `name="` finders, by attribute name. */
const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/** The position of the box's `name="…"` value, from the shortcode source the converter keeps. */
function shortcodeAttribute(node: AnyNode, name: string): Position | undefined {
  const source = (node["data"] as { shortcode?: { raw: string; position: Position } } | undefined)?.shortcode;
  return source ? attributePosition(source.raw, source.position, name) : undefined;
}

/**
 * Where the value of attribute `name` starts in a shortcode's source text (a zero-width
 * position), or `undefined` when the source has no such attribute.
 * @param raw the shortcode's exact source
 * @param position where `raw` starts
 */
export function attributePosition(raw: string, position: Position, name: string): Position | undefined {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (pattern === undefined) ATTRIBUTE_PATTERNS.set(name, (pattern = new RegExp(`\\s${name.replace(/[^\w-]/g, "")}\\s*=\\s*["']?`, "i")));
  const match = pattern.exec(raw);
  if (!match) return undefined;
  return offsetPosition(position, raw, match.index + match[0].length);
}

/** The point `index` characters into `text`, which starts at `position.start` in the source. */
function offsetPosition(position: Position | undefined, text: string, index: number): Position | undefined {
  if (!position) return undefined;
  let line = position.start.line;
  let lineStart = -1;
  // line ends as the rest of the project counts them: \r\n, \n, or a lone \r
  const ends = /\r\n?|\n/g;
  for (let match = ends.exec(text); match !== null && match.index < index; match = ends.exec(text)) {
    if (match.index + match[0].length > index) break;
    line++;
    lineStart = match.index + match[0].length - 1;
  }
  const column = lineStart === -1 ? position.start.column + index : index - lineStart;
  const point = { line, column, offset: position.start.offset + index };
  return { start: point, end: point };
}

function decodeAttribute(value: string): string {
  return value.replace(/&(amp|quot|#0*39|apos|lt|gt);/g, (_whole, name: string) =>
    name === "amp" ? "&" : name === "quot" ? '"' : name === "lt" ? "<" : name === "gt" ? ">" : "'",
  );
}

function encodeAttribute(value: string, quote: '"' | "'"): string {
  const escaped = value.replace(/&/g, "&amp;");
  return quote === '"' ? escaped.replace(/"/g, "&quot;") : escaped.replace(/'/g, "&#39;");
}
