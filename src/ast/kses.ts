/**
 * The small part of WordPress's KSES that decides what happens to shortcodes inside
 * HTML tags (`do_shortcodes_in_html_tags()`): splitting an element into attributes
 * (`wp_kses_attr_parse`) and whether `wp_kses_one_attr` would empty an attribute
 * (then core keeps the original text, shortcode and all). The allow-list is core's
 * stock `post` list for the attributes that matter in article bodies.
 */

const S = "[ \\t\\n\\v\\f\\r]";
const ELEMENT = new RegExp(`^(<${S}*)(/${S}*)?([a-zA-Z0-9]+${S}*)([^>]*)(>?)$`);
const XHTML_SLASH = new RegExp(`${S}*/${S}*$`);
const ATTR = `(?:[_a-zA-Z][-_a-zA-Z0-9:.]*|\\[\\[?[^\\[\\]]+\\]\\]?)` + `(?:${S}*=${S}*(?:"[^"]*"|'[^']*'|[^ \\t\\n\\v\\f\\r"']+(?:${S}|$))|(?:${S}|$))${S}*`;
const VALIDATE = new RegExp(`^(?:${ATTR})+$`);
const EXTRACT = new RegExp(ATTR, "g");
/** Longer elements are not split (WordPress would; hostile input must stay linear). */
const MAX_ELEMENT = 10_000;

/** An element split into its front (`<name `), attributes and back (`/>`), with offsets. */
export interface SplitElement {
  name: string;
  attributes: Array<{ text: string; offset: number }>;
}

/** `wp_kses_attr_parse()`: null where core's returns false. */
export function ksesAttrParse(element: string): SplitElement | null {
  if (element.length > MAX_ELEMENT) return null;
  const m = ELEMENT.exec(element);
  if (!m || m[2]) return null; // closing tags are not parsed
  let attr = m[4]!;
  const slash = XHTML_SLASH.exec(attr);
  if (slash) attr = attr.slice(0, attr.length - slash[0].length);
  const front = m[1]!.length + m[3]!.length;
  const attributes: SplitElement["attributes"] = [];
  if (attr !== "") {
    if (!VALIDATE.test(attr)) return null;
    EXTRACT.lastIndex = 0;
    for (let a = EXTRACT.exec(attr); a; a = EXTRACT.exec(attr)) {
      if (a[0] === "") break;
      attributes.push({ text: a[0], offset: front + a.index });
    }
  }
  return { name: /[a-zA-Z0-9]+/.exec(m[3]!)![0].toLowerCase(), attributes };
}

const GLOBAL_ATTRIBUTES = new Set([
  "aria-controls",
  "aria-current",
  "aria-describedby",
  "aria-details",
  "aria-expanded",
  "aria-hidden",
  "aria-label",
  "aria-labelledby",
  "aria-live",
  "class",
  "dir",
  "hidden",
  "id",
  "lang",
  "style",
  "title",
  "role",
  "xml:lang",
]);
const ELEMENT_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href", "rel", "rev", "name", "target", "download", "hreflang", "referrerpolicy"],
  div: ["align"],
  p: ["align"],
  span: ["align"],
  img: ["alt", "align", "border", "height", "hspace", "loading", "longdesc", "vspace", "src", "usemap", "width", "decoding", "srcset", "sizes"],
  iframe: [],
  blockquote: ["cite"],
  figure: ["align"],
  figcaption: ["align"],
  h1: ["align"],
  h2: ["align"],
  h3: ["align"],
  h4: ["align"],
  h5: ["align"],
  h6: ["align"],
  li: ["align", "value"],
  ol: ["start", "type", "reversed"],
  ul: ["type"],
  strong: [],
  em: [],
  b: [],
  i: [],
  u: [],
  br: [],
  hr: [],
  small: [],
  sup: [],
  sub: [],
};
const SAFE_CSS = new Set([
  "text-align",
  "color",
  "background-color",
  "font-weight",
  "font-style",
  "font-size",
  "text-decoration",
  "margin",
  "padding",
  "width",
  "height",
  "border",
  "display",
  "float",
  "line-height",
  "vertical-align",
  "max-width",
  "min-width",
]);

/**
 * Whether core keeps the rewritten attribute: false where `wp_kses_one_attr()` would
 * return an empty string (attribute or element not allowed, or unsafe CSS).
 */
export function ksesKeepsAttribute(attribute: string, element: string): boolean {
  const allowed = ELEMENT_ATTRIBUTES[element];
  if (!allowed) return false;
  const eq = attribute.indexOf("=");
  const name = (eq === -1 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
  if (!(GLOBAL_ATTRIBUTES.has(name) || name.startsWith("data-") || allowed.includes(name))) return false;
  if (name !== "style") return true;
  const value =
    eq === -1
      ? ""
      : attribute
          .slice(eq + 1)
          .trim()
          .replace(/^["']|["']$/g, "");
  return value
    .split(";")
    .filter((d) => d.trim() !== "")
    .every((d) => {
      const colon = d.indexOf(":");
      const prop = d.slice(0, colon).trim().toLowerCase();
      return colon > 0 && SAFE_CSS.has(prop) && !/url\s*\(/i.test(d);
    });
}
