/**
 * Links and images of a markdown text rewritten in place, for inputs that are markdown
 * already (`--write` on `.md` files, markdown → markdown): the converter changes such a text
 * by splicing edits into it rather than by printing a tree, so the URLs are spliced too and
 * everything else stays byte for byte.
 */
import type { Root } from "mdast";
import type { Message, Position } from "../ast/types.js";
import { onDemand, once, unifiedPackage } from "../convert/on-demand.js";
import type { LinkOutcome, LinkResolver } from "./rewrite-links.js";
import { forEachUrl } from "./url-slots.js";

const remarkParse = await onDemand<typeof import("remark-parse")>("remark-parse");
const parser = once(() => unifiedPackage().unified().use(remarkParse().default));

/** A URL's new spelling, or `null` to keep it (an external link, a dead one: see `outcomes`). */
type UrlRewrite = (url: string, position: Position | undefined, where: string) => string | null;

/** The result of {@link rewriteMarkdownUrls}. */
export interface MarkdownRewrite {
  /** The text with the URLs replaced (the input itself when nothing changed). */
  output: string;
  /** How many URLs were replaced. */
  rewritten: number;
  /** URLs the rewrite wanted to change but that are not written literally (escapes, entities): kept, reported. */
  messages: Message[];
}

/**
 * Replaces, in a markdown text, the destinations of inline links and images, of
 * definitions, and the URL attributes of raw HTML, as `rewrite` says. An autolink `<url>`
 * becomes `[url](new)` (a relative path is no autolink). A destination written with
 * escapes or entities (not found literally in its node's source) is kept and reported
 * (`link-not-rewritten`).
 *
 * @param markdown the text
 * @param rewrite the new spelling of a URL, or `null` to keep it
 */
function rewriteMarkdownUrls(markdown: string, rewrite: UrlRewrite): MarkdownRewrite {
  const tree = parser().parse(markdown) as Root;
  const edits: { start: number; end: number; text: string }[] = [];
  const messages: Message[] = [];
  let rewritten = 0;
  const visit = (node: { type: string; url?: string; value?: string; position?: Position; children?: unknown[] }): void => {
    const position = node.position;
    if (position && (node.type === "link" || node.type === "image" || node.type === "definition") && node.url) {
      const next = rewrite(node.url, position, node.type);
      if (next !== null && next !== node.url) {
        const edit = destinationEdit(markdown, node.type, node.url, position, next);
        if (edit) {
          edits.push(edit);
          rewritten++;
        } else messages.push(notRewritten(node.url, next, position));
      }
    } else if (position && node.type === "html" && node.value) {
      const holder = { type: "root", children: [{ type: "html", value: node.value, position }] };
      let changed = false;
      forEachUrl(holder, (slot) => {
        const next = rewrite(slot.url, slot.position, slot.where);
        if (next !== null && next !== slot.url) {
          slot.set(next);
          changed = true;
          rewritten++;
        }
      });
      if (changed) edits.push({ start: position.start.offset, end: position.end.offset, text: holder.children[0]!.value });
      return;
    }
    if (node.children) for (const child of node.children) visit(child as typeof node);
  };
  visit(tree as unknown as Parameters<typeof visit>[0]);
  if (edits.length === 0) return { output: markdown, rewritten: 0, messages };
  let output = "";
  let last = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    output += markdown.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return { output: output + markdown.slice(last), rewritten, messages };
}

/** The edit replacing a node's destination, or `null` when it is not written literally where expected. */
function destinationEdit(markdown: string, type: string, url: string, position: Position, next: string): { start: number; end: number; text: string } | null {
  const start = position.start.offset;
  const end = position.end.offset;
  const source = markdown.slice(start, end);
  const safe = /[\s()<>]/.test(next) ? `<${next.replace(/[<>]/g, encodeURIComponent)}>` : next;
  if (type === "link" && source === `<${url}>`) {
    // an autolink: keep the text it shows, link it to the new place
    return { start, end, text: `[${url.replace(/[[\]\\]/g, "\\$&")}](${safe})` };
  }
  if (type === "definition") {
    const at = source.indexOf("]:");
    const found = at === -1 ? -1 : findDestination(source, url, at + 2);
    return found === -1 ? null : { start: start + found, end: start + found + url.length + (source[found] === "<" ? 2 : 0), text: safe };
  }
  // inline: the destination follows the last "](" before it; the label may contain brackets
  const found = findDestination(source, url, source.lastIndexOf("](") + 2, "(");
  return found === -1 ? null : { start: start + found, end: start + found + url.length + (source[found] === "<" ? 2 : 0), text: safe };
}

/** Where `url` (or `<url>`) is written, after optional spaces from `from`; `-1` when not there literally. */
function findDestination(source: string, url: string, from: number, opener?: string): number {
  if (from < 2) return -1;
  let at = from;
  if (opener !== undefined && source[at - 1] !== opener) return -1;
  while (source[at] === " " || source[at] === "\t" || source[at] === "\n") at++;
  if (source.startsWith(`<${url}>`, at)) return at;
  return source.startsWith(url, at) ? at : -1;
}

function notRewritten(url: string, next: string, position: Position): Message {
  return {
    reason: `Link "${url}" should become "${next}" but is written with escapes or entities; kept as it was`,
    ruleId: "link-not-rewritten",
    severity: "warning",
    position,
    source: "links",
  };
}

/** Options of {@link rewriteMarkdownLinks}. */
export interface MarkdownLinksOptions {
  /** Old-site files: left to `asset` and never reported as dead links (default: none). */
  isAsset?: (url: string) => boolean;
  /** An old-site file's new URL (`assets.href(target.key, outputPath)`), `null` for no file (default: files are kept). */
  asset?: (url: string) => string | null;
}

/**
 * {@link rewriteLinks} and `rewriteAssets` for a markdown text: links to articles of the
 * archive get their new location, old-site files theirs (with `asset`); a link to the old
 * site that names no article is kept and reported (`dead-internal-link`).
 *
 * @param markdown the text
 * @param resolver the link index bound to this article's output path
 */
export function rewriteMarkdownLinks(
  markdown: string,
  resolver: LinkResolver,
  options: MarkdownLinksOptions = {},
): MarkdownRewrite & { outcomes: LinkOutcome[] } {
  const outcomes: LinkOutcome[] = [];
  const dead: Message[] = [];
  const result = rewriteMarkdownUrls(markdown, (url, position, where) => {
    const file = options.asset?.(url);
    if (file !== undefined && file !== null) return file;
    if (options.isAsset?.(url) || where === "image" || /(?:src|srcset|poster)$/.test(where)) return null;
    const resolution = resolver(url);
    if (resolution.kind === "external") return null;
    outcomes.push({ url, where, resolution, position });
    if (resolution.kind === "article") return resolution.href;
    dead.push({
      reason: `Dead internal link: ${where} "${url}" points at the old site but at no article of the archive; kept as it was`,
      ruleId: "dead-internal-link",
      severity: "warning",
      position: position ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      source: "links",
    });
    return null;
  });
  const messages = [...dead, ...result.messages].sort((a, b) => a.position.start.offset - b.position.start.offset);
  return { ...result, messages, outcomes };
}
