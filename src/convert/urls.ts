/**
 * URLs in text. A bare `http(s)://` URL in prose becomes a link whose text is the URL (written
 * as an autolink, `<https://…>`, so no markdown escape can break it), and a URL alone on its line
 * is what WordPress's oEmbed turns into an embed: an `embed` block (its provider named for the
 * common ones), which markdown writes as the bare autolink.
 */
import type { Link, LinkData, Paragraph, PhrasingContent, RootContent, Text } from "mdast";
import type { Position } from "../ast/types.js";
import type { Embed } from "./kinds/embed.js";

/** A URL as GFM's autolink literal reads one (the end trimmed below). */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`[\]{}|\\^\u00a0]+/g;
/** Punctuation GFM leaves out of the end of a literal URL. */
const TRAILING = /[.,:;!?*_~'"]+$/;

/** Data of a link made from a bare URL: only those can be oEmbeds. */
interface BareData {
  bareUrl?: true;
}

/** `url` without what ends a sentence rather than the URL (an unbalanced `)` too). */
function trimUrl(url: string): string {
  let out = url;
  for (;;) {
    const trimmed = out.replace(TRAILING, "");
    if (trimmed.endsWith(")") && count(trimmed, ")") > count(trimmed, "(")) out = trimmed.slice(0, -1);
    else if (trimmed === out) return out;
    else out = trimmed;
  }
}

function count(value: string, char: string): number {
  let n = 0;
  for (let at = value.indexOf(char); at !== -1; at = value.indexOf(char, at + 1)) n++;
  return n;
}

/**
 * Text → text and links, each bare URL a link with the URL as its text.
 * @returns `undefined` when the text holds no URL (the common case: one `includes`)
 */
export function linkify(value: string): PhrasingContent[] | undefined {
  if (!value.includes("://")) return undefined;
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    if (!url.includes("://") || url.endsWith("://")) continue;
    if (match.index > last) out.push({ type: "text", value: value.slice(last, match.index) });
    const link: Link = { type: "link", url, title: null, children: [{ type: "text", value: url }], data: { bareUrl: true } as LinkData };
    out.push(link);
    last = match.index + url.length;
  }
  if (!out.length) return undefined;
  if (last < value.length) out.push({ type: "text", value: value.slice(last) });
  return out;
}

/** Hosts of the oEmbed providers WordPress knows best → the provider's name. */
const PROVIDERS: ReadonlyArray<[RegExp, string]> = [
  [/(?:^|\.)(?:youtube\.com|youtu\.be|youtube-nocookie\.com)$/, "youtube"],
  [/(?:^|\.)vimeo\.com$/, "vimeo"],
  [/(?:^|\.)(?:twitter\.com|x\.com)$/, "twitter"],
  [/(?:^|\.)instagram\.com$/, "instagram"],
  [/(?:^|\.)(?:facebook\.com|fb\.watch)$/, "facebook"],
  [/(?:^|\.)tiktok\.com$/, "tiktok"],
  [/(?:^|\.)soundcloud\.com$/, "soundcloud"],
  [/(?:^|\.)spotify\.com$/, "spotify"],
  [/(?:^|\.)dailymotion\.com$|(?:^|\.)dai\.ly$/, "dailymotion"],
  [/(?:^|\.)(?:flickr\.com|flic\.kr)$/, "flickr"],
  [/(?:^|\.)reddit\.com$/, "reddit"],
  [/(?:^|\.)tumblr\.com$/, "tumblr"],
  [/(?:^|\.)imgur\.com$/, "imgur"],
  [/(?:^|\.)slideshare\.net$/, "slideshare"],
  [/(?:^|\.)ted\.com$/, "ted"],
  [/(?:^|\.)mixcloud\.com$/, "mixcloud"],
  [/(?:^|\.)pinterest\.[a-z.]+$/, "pinterest"],
  [/(?:^|\.)wordpress\.tv$/, "wordpress-tv"],
  [/(?:^|\.)giphy\.com$/, "giphy"],
  [/(?:^|\.)kickstarter\.com$/, "kickstarter"],
];

/** The oEmbed provider of a URL, for the common ones; `undefined` otherwise. */
export function providerOf(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return PROVIDERS.find(([pattern]) => pattern.test(host))?.[1];
}

function isBareLink(node: PhrasingContent | undefined): node is Link {
  return node?.type === "link" && (node.data as BareData | undefined)?.bareUrl === true;
}

function isBlank(node: PhrasingContent): boolean {
  return node.type === "text" && node.value.trim() === "";
}

/**
 * A paragraph whose lines include one holding only a bare URL → the paragraph split around an
 * `embed` block for each such line (WordPress's autoembed reads URLs alone on their line).
 * @returns `undefined` when there is none (the paragraph stays as it is)
 */
export function embedLoneUrls(paragraph: Paragraph, position: Position | undefined): RootContent[] | undefined {
  const children = paragraph.children;
  if (!children.some(isBareLink)) return undefined;
  const lines: PhrasingContent[][] = [[]];
  for (const child of children) {
    if (child.type === "break") lines.push([]);
    else lines[lines.length - 1]!.push(child);
  }
  const lone = (line: PhrasingContent[]): Link | undefined => {
    const content = line.filter((node) => !isBlank(node));
    return content.length === 1 && isBareLink(content[0]) ? content[0] : undefined;
  };
  if (!lines.some(lone)) return undefined;
  const out: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    while (run.length && (run[run.length - 1]!.type === "break" || isBlank(run[run.length - 1]!))) run.pop();
    while (run.length && (run[0]!.type === "break" || isBlank(run[0]!))) run.shift();
    const first = run[0];
    if (first?.type === "text") (first as Text).value = first.value.replace(/^\s+/, "");
    const last = run[run.length - 1];
    if (last?.type === "text") (last as Text).value = last.value.trimEnd();
    if (run.length) out.push({ ...paragraph, children: run });
    run = [];
  };
  lines.forEach((line, index) => {
    const link = lone(line);
    if (link) {
      flush();
      const embed: Embed = { type: "embed", kind: "embed", url: link.url, title: null, position };
      const provider = providerOf(link.url);
      if (provider) embed.provider = provider;
      out.push(embed);
      return;
    }
    if (index > 0 && run.length) run.push({ type: "break" });
    for (const node of line) run.push(node);
  });
  flush();
  return out;
}
