/**
 * The real-content audit: converts WordPress post bodies and checks, per body, the eight
 * "intact" properties (see README, "Real WordPress content"):
 *
 * 1. `words`   every word of the visible text is still there (a `[caption]`'s `caption="…"` counts);
 * 2. `urls`    every URL of a link, image, iframe/video/audio source and shortcode attribute is
 *              still there, in the markdown and in the JSON;
 * 3. `links`   every link keeps its text and its URL together as a link (and a bare URL in the
 *              text stays one working link);
 * 4. `images`  every image is still an image;
 * 5. `pre`     a `<pre>` block is still one code block with its lines unchanged;
 * 6. `inline`  inline elements never become blocks of their own;
 * 7. `leaks`   no internal marker and no HTML tag turned into visible escaped text;
 * 8. `idempotent` converting the markdown again (as markdown) changes nothing.
 *
 * Both sides are read with real parsers: the body with rehype-parse (after WordPress's
 * shortcode syntax is taken out by this project's WordPress-conformant parser), the markdown
 * with remark-parse + GFM, turned into HTML (remark-rehype, raw HTML parsed in place by
 * rehype-raw), so the same extractors read both as a browser would see them.
 */
import type { Element, ElementContent, Root as HastRoot } from "hast";
import rehypeParse from "rehype-parse";
import rehypeRaw from "rehype-raw";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { decodeHTMLStrict } from "entities";
import type { Content, ShortcodeNode } from "../ast/types.js";
import { convert } from "../convert/index.js";
import type { ConvertOptions } from "../convert/types.js";
import { parse } from "../parse.js";

/** The eight properties, in the order of the README. */
export const PROPERTIES = ["words", "urls", "links", "images", "pre", "inline", "leaks", "idempotent"] as const;
export type Property = (typeof PROPERTIES)[number];

/** One property a body fails, and why (the first few cases, quoted). */
export interface Failure {
  property: Property;
  reason: string;
}

/** Options of {@link auditBody}. */
export interface AuditOptions {
  /** Passed to `convert` as is (default: the converter's default preset). */
  preset?: ConvertOptions["preset"];
}

const htmlParser = unified().use(rehypeParse, { fragment: true });
const markdownToHtml = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw);

/** Markers the converter uses internally; none may reach an output. */
const MARKERS = ["data-nl", "\ue000", "\ue001", "<!--smig:"];

/** Elements whose text a reader never sees. */
const INVISIBLE = new Set(["script", "style", "noscript", "template", "head", "title"]);

/** Inline elements that must stay inline (property 6). */
const INLINE = new Set([
  "a",
  "abbr",
  "acronym",
  "b",
  "big",
  "cite",
  "code",
  "del",
  "dfn",
  "em",
  "font",
  "i",
  "ins",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "time",
  "tt",
  "u",
  "var",
]);

/** Elements that hold a run of text in the output (a paragraph's equivalents). */
const TEXT_BLOCKS = new Set([
  "p",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "td",
  "th",
  "dt",
  "dd",
  "figcaption",
  "caption",
  "pre",
  "blockquote",
  "div",
  "summary",
]);

/** Block-level elements: a neighbour across one of these is in another block. */
const BLOCKS = new Set([
  ...TEXT_BLOCKS,
  "address",
  "article",
  "aside",
  "dl",
  "fieldset",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "iframe",
  "video",
  "audio",
  "object",
  "embed",
  "center",
]);

/** Names a `<…>` in visible text must not have (a tag escaped into text). */
const TAG_NAMES = new Set([
  ...INLINE,
  ...BLOCKS,
  ...INVISIBLE,
  "br",
  "img",
  "source",
  "param",
  "track",
  "wbr",
  "input",
  "button",
  "select",
  "option",
  "textarea",
  "label",
  "map",
  "area",
  "canvas",
  "svg",
  "picture",
  "meta",
  "link",
  "base",
  "body",
  "html",
  "col",
  "colgroup",
]);

/** Attributes holding URLs that must survive (property 2). */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  img: ["src"],
  iframe: ["src"],
  video: ["src"],
  audio: ["src"],
  source: ["src"],
  embed: ["src"],
  track: ["src"],
};

/** An http(s) URL inside a shortcode attribute value or in text. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'\]]+/g;
/** What GFM leaves out of the end of a literal autolink. */
const URL_TRAILING = /[.,:;!?"')*_~]+$/;

/**
 * Audits one body: converts it to markdown (and JSON) and checks every property.
 * @returns the properties it fails (empty when intact)
 */
export function auditBody(body: string, options: AuditOptions = {}): Failure[] {
  const convertOptions: ConvertOptions = options.preset === undefined ? {} : { preset: options.preset };
  const markdown = convert(body, convertOptions).output;
  const json = convert(body, { ...convertOptions, to: "json" }).output;
  const again = convert(markdown, { ...convertOptions, inputFormat: "markdown" }).output;
  return checkConversion(body, { markdown, json, again });
}

/** What one body became: its markdown, its JSON, and its markdown converted again (as markdown). */
export interface Conversion {
  markdown: string;
  json: string;
  again: string;
}

/**
 * Checks every property of one conversion (the part of {@link auditBody} after converting,
 * so that tests can hand it damaged outputs).
 */
export function checkConversion(body: string, { markdown, json, again }: Conversion): Failure[] {
  const input = readInput(body);
  const output = markdownToHtml.runSync(markdownToHtml.parse(markdown)) as HastRoot;
  const failures: Failure[] = [];
  const fail = (property: Property, problems: string[]) => {
    if (problems.length) failures.push({ property, reason: summarize(problems) });
  };
  fail("words", missingWords(input.tree, input.extraText, output));
  fail("urls", missingUrls(input, output, json));
  fail("links", brokenLinks(input.tree, output));
  fail("images", lostImages(input.tree, output));
  fail("pre", brokenPre(input.tree, output));
  fail("inline", inlineAsBlocks(input.tree, output));
  fail("leaks", leaks(input.tree, output, markdown, json));
  if (again !== markdown) fail("idempotent", [firstDifference(markdown, again)]);
  return failures;
}

function summarize(problems: string[]): string {
  const shown = problems.slice(0, 3).join("; ");
  return problems.length > 3 ? `${shown} (+${problems.length - 3} more)` : shown;
}

interface Input {
  tree: HastRoot;
  /** Visible text that is not in the HTML: `[caption caption="…"]`. */
  extraText: string;
  /** URLs of shortcode attributes. */
  shortcodeUrls: string[];
}

/**
 * The body as a reader's browser sees it: shortcode openers and closers taken out (what a
 * rule renders is judged by what it keeps), escaped `[[x]]` written as `[x]`, the rest parsed
 * as an HTML fragment.
 */
function readInput(body: string): Input {
  const { tree } = parse(body, { tags: "all" });
  const extra: string[] = [];
  const shortcodeUrls: string[] = [];
  const html = flatten(tree.children, body, extra, shortcodeUrls);
  return { tree: htmlParser.runSync(htmlParser.parse(html)) as HastRoot, extraText: extra.join(" "), shortcodeUrls };
}

function flatten(nodes: readonly Content[], body: string, extra: string[], urls: string[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type !== "shortcode") {
      out += node.value;
      continue;
    }
    const raw = body.slice(node.position.start.offset, node.position.end.offset);
    if (node.escaped) {
      out += raw.slice(1, -1);
      continue;
    }
    if (node.inHtmlTag) {
      out += raw;
      continue;
    }
    collectShortcodeUrls(node, urls);
    if (node.name === "caption" && node.attrs.named["caption"]) extra.push(decodeHTMLStrict(node.attrs.named["caption"]));
    out += ` ${node.content === null ? "" : flatten(node.children, body, extra, urls)} `;
  }
  return out;
}

function collectShortcodeUrls(node: ShortcodeNode, urls: string[]): void {
  for (const value of [...Object.values(node.attrs.named), ...node.attrs.positional]) {
    for (const match of decodeHTMLStrict(value).matchAll(URL_IN_TEXT)) urls.push(match[0]);
  }
}

// --- reading hast ---------------------------------------------------------------------------

function elements(root: HastRoot | Element, test: (element: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (node: HastRoot | Element | ElementContent) => {
    if (node.type === "element") {
      if (test(node)) out.push(node);
      // <template> content is a separate fragment in hast
      const content = (node as Element & { content?: HastRoot }).content;
      if (content) walk(content);
    }
    if ("children" in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(root);
  return out;
}

/** Text a reader sees, blocks separated by newlines (`<br>` too); images, scripts and comments left out. */
function textOf(node: HastRoot | Element | ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") {
    if (INVISIBLE.has(node.tagName)) return "";
    if (node.tagName === "br") return "\n";
    const inner = node.children.map(textOf).join("");
    return BLOCKS.has(node.tagName) ? `\n${inner}\n` : inner;
  }
  if (node.type === "root") return node.children.map((child) => textOf(child as ElementContent)).join("");
  return "";
}

function squash(value: string): string {
  return value.replace(/[\s\u00a0\u200b]+/g, " ").trim();
}

function words(value: string): string[] {
  return value.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
}

function stringProperty(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(" ");
  return undefined;
}

/** A URL as both sides can compare it: percent-escapes decoded where that is possible. */
function comparableUrl(url: string): string {
  try {
    return decodeURI(url.trim());
  } catch {
    return url.trim();
  }
}

function isUnsafe(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^(?:javascript|vbscript|data):/i.test(url.replace(/[\u0000-\u0020\u007f]/g, ""));
}

// --- the properties -------------------------------------------------------------------------

function missingWords(input: HastRoot, extraText: string, output: HastRoot): string[] {
  const have = new Map<string, number>();
  for (const word of words(textOf(output))) have.set(word, (have.get(word) ?? 0) + 1);
  // the text of raw HTML kept as a block is read as HTML too (rehype-raw did that); kept
  // shortcodes' text is plain text in the markdown
  const missing = new Map<string, number>();
  for (const word of words(`${textOf(input)} ${extraText}`)) {
    const count = have.get(word) ?? 0;
    if (count > 0) have.set(word, count - 1);
    else missing.set(word, (missing.get(word) ?? 0) + 1);
  }
  return [...missing].map(([word, count]) => (count > 1 ? `"${word}" ×${count} missing` : `"${word}" missing`));
}

function urlsOf(root: HastRoot): string[] {
  const out: string[] = [];
  for (const element of elements(root, (e) => e.tagName in URL_ATTRIBUTES)) {
    for (const name of URL_ATTRIBUTES[element.tagName]!) {
      const value = stringProperty(element, name);
      if (value && value.trim() && !value.trim().startsWith("#")) out.push(value.trim());
    }
  }
  return out;
}

/** Every string an output holds: attribute values and text, URLs made comparable. */
function outputStrings(output: HastRoot): string {
  const out: string[] = [];
  const walk = (node: HastRoot | ElementContent) => {
    if (node.type === "text") out.push(node.value);
    if (node.type === "element") {
      for (const value of Object.values(node.properties)) if (typeof value === "string") out.push(value, comparableUrl(value));
    }
    if ("children" in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(output);
  return out.join("\n");
}

function jsonStrings(json: string): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(value, comparableUrl(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(JSON.parse(json));
  return out.join("\n");
}

function missingUrls(input: Input, output: HastRoot, json: string): string[] {
  const markdownHas = outputStrings(output);
  const jsonHas = jsonStrings(json);
  const problems: string[] = [];
  for (const url of new Set([...urlsOf(input.tree), ...input.shortcodeUrls])) {
    const comparable = comparableUrl(url);
    const where: string[] = [];
    if (!markdownHas.includes(url) && !markdownHas.includes(comparable)) where.push("markdown");
    if (!jsonHas.includes(url) && !jsonHas.includes(comparable)) where.push("JSON");
    if (where.length) problems.push(`${url} lost in the ${where.join(" and the ")}`);
  }
  return problems;
}

interface LinkSeen {
  url: string;
  text: string;
}

function linksOf(root: HastRoot): LinkSeen[] {
  return elements(root, (e) => e.tagName === "a" && stringProperty(e, "href") !== undefined).map((a) => ({
    url: comparableUrl(stringProperty(a, "href")!),
    text: squash(textOf(a)),
  }));
}

/** Bare http(s) URLs in the visible text, outside links and code. */
function bareUrls(root: HastRoot): string[] {
  const out: string[] = [];
  const walk = (node: HastRoot | ElementContent) => {
    if (node.type === "text") {
      for (const match of node.value.matchAll(URL_IN_TEXT)) out.push(match[0].replace(URL_TRAILING, ""));
      return;
    }
    if (node.type === "element" && (INVISIBLE.has(node.tagName) || ["a", "code", "pre", "kbd", "samp", "textarea"].includes(node.tagName))) return;
    if ("children" in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(root);
  return out;
}

function brokenLinks(input: HastRoot, output: HastRoot): string[] {
  const have = linksOf(output);
  const problems: string[] = [];
  const take = (test: (link: LinkSeen) => boolean): boolean => {
    const index = have.findIndex(test);
    if (index === -1) return false;
    have.splice(index, 1);
    return true;
  };
  for (const link of linksOf(input)) {
    if (!link.url || isUnsafe(link.url)) continue;
    if (!take((l) => l.url === link.url && l.text === link.text)) {
      const sameUrl = have.find((l) => l.url === link.url);
      problems.push(
        sameUrl
          ? `link "${clip(link.text)}" → ${clip(link.url)} now reads "${clip(sameUrl.text)}"`
          : `link "${clip(link.text)}" → ${clip(link.url)} is no longer a link`,
      );
    }
  }
  for (const url of bareUrls(input)) {
    if (!take((l) => l.url === comparableUrl(url))) problems.push(`bare URL ${clip(url)} is no longer one working link`);
  }
  return problems;
}

function lostImages(input: HastRoot, output: HastRoot): string[] {
  const have = elements(output, (e) => e.tagName === "img").map((img) => comparableUrl(stringProperty(img, "src") ?? ""));
  const problems: string[] = [];
  for (const img of elements(input, (e) => e.tagName === "img")) {
    const src = comparableUrl(stringProperty(img, "src") ?? "");
    if (!src || isUnsafe(src)) continue;
    const index = have.indexOf(src);
    if (index === -1) problems.push(`image ${clip(src)} is no longer an image`);
    else have.splice(index, 1);
  }
  return problems;
}

/** A `<pre>`'s text as written (its `<br>`s are line ends), without the final line end. */
function preText(pre: Element): string {
  const walk = (node: ElementContent): string => {
    if (node.type === "text") return node.value;
    if (node.type === "element") return node.tagName === "br" ? "\n" : node.children.map(walk).join("");
    return "";
  };
  return pre.children.map(walk).join("").replace(/\r\n?/g, "\n").replace(/\n$/, "");
}

function brokenPre(input: HastRoot, output: HastRoot): string[] {
  const have = elements(output, (e) => e.tagName === "pre").map(preText);
  const problems: string[] = [];
  for (const pre of elements(input, (e) => e.tagName === "pre")) {
    const expected = preText(pre);
    if (!expected.trim()) continue;
    const index = have.indexOf(expected);
    if (index !== -1) {
      have.splice(index, 1);
      continue;
    }
    const firstLine = expected.split("\n").find((line) => line.trim()) ?? "";
    const near = have.find((text) => text.includes(firstLine.trim()));
    problems.push(
      near === undefined
        ? `<pre> starting "${clip(firstLine)}" is no longer one code block`
        : `<pre> starting "${clip(firstLine)}" changed: ${firstDifference(expected, near)}`,
    );
  }
  return problems;
}

/** Output text blocks (a paragraph and its equivalents), whitespace squashed. */
function textBlocks(output: HastRoot): string[] {
  return elements(output, (e) => TEXT_BLOCKS.has(e.tagName)).map((e) => squash(textOf(e)));
}

function inlineAsBlocks(input: HastRoot, output: HastRoot): string[] {
  const blocks = textBlocks(output);
  const problems: string[] = [];
  const visit = (parent: HastRoot | Element) => {
    const children = parent.children as ElementContent[];
    children.forEach((child, index) => {
      if (child.type !== "element") return;
      if (INVISIBLE.has(child.tagName) || child.tagName === "pre") return;
      if (INLINE.has(child.tagName) && !(parent.type === "element" && INLINE.has(parent.tagName))) {
        const text = squash(textOf(child));
        if (text && !text.includes("\n")) {
          const before = neighbourWord(children, index, -1);
          const after = neighbourWord(children, index, 1);
          const together = blocks.some((block) => block.includes(text) && (!before || block.includes(before)) && (!after || block.includes(after)));
          if (!together)
            problems.push(`<${child.tagName}> "${clip(text)}" is no longer inline${before || after ? ` with "${before ?? ""}…${after ?? ""}"` : ""}`);
        }
      }
      visit(child);
    });
  };
  visit(input);
  return problems;
}

/** The word next to `children[index]` in the same paragraph, on the side `step` (−1, 1). */
function neighbourWord(children: ElementContent[], index: number, step: -1 | 1): string | undefined {
  for (let at = index + step; at >= 0 && at < children.length; at += step) {
    const node = children[at]!;
    if (node.type === "comment") continue;
    if (node.type === "element" && (BLOCKS.has(node.tagName) || INVISIBLE.has(node.tagName))) return undefined;
    let text = node.type === "text" ? node.value : node.type === "element" ? textOf(node) : "";
    // a blank line is WordPress's paragraph break
    const parts = text.split(/\n[ \t]*\n/);
    text = step === -1 ? parts[parts.length - 1]! : parts[0]!;
    const found = words(text);
    if (found.length) return step === -1 ? found[found.length - 1] : found[0];
    if (parts.length > 1) return undefined;
  }
  return undefined;
}

function tagsInText(root: HastRoot): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (node: HastRoot | ElementContent) => {
    if (node.type === "text") {
      for (const match of node.value.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])/g)) {
        if (!TAG_NAMES.has(match[1]!.toLowerCase())) continue;
        counts.set(match[0].toLowerCase(), (counts.get(match[0].toLowerCase()) ?? 0) + 1);
      }
      return;
    }
    if (node.type === "element" && (INVISIBLE.has(node.tagName) || node.tagName === "code" || node.tagName === "pre")) return;
    if ("children" in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(root);
  return counts;
}

function leaks(input: HastRoot, output: HastRoot, markdown: string, json: string): string[] {
  const problems: string[] = [];
  for (const marker of MARKERS) {
    if (markdown.includes(marker)) problems.push(`internal marker ${JSON.stringify(marker)} in the markdown`);
    if (json.includes(JSON.stringify(marker).slice(1, -1))) problems.push(`internal marker ${JSON.stringify(marker)} in the JSON`);
  }
  const allowed = tagsInText(input);
  for (const [tag, count] of tagsInText(output)) {
    const extra = count - (allowed.get(tag) ?? 0);
    if (extra > 0) problems.push(`${tag}…> shown as text${extra > 1 ? ` ×${extra}` : ""}`);
  }
  return problems;
}

function clip(value: string, length = 60): string {
  const line = value.replace(/\s+/g, " ");
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/** Where two texts first differ, line by line. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    if (a[index] !== b[index]) {
      return `line ${index + 1}: ${JSON.stringify(clip(a[index] ?? "(none)"))} became ${JSON.stringify(clip(b[index] ?? "(none)"))}`;
    }
  }
  return "same lines";
}
