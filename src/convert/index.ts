/**
 * `convert(text, options)`: one body → markdown, JSON or mdast. Pure: no fs, no globals
 * besides the cached processors.
 *
 * Pipeline: parse (our grammar) → build (AST → intermediate mdast, `build.ts`) →
 * JSON (`to-json.ts`) | lower (`lower.ts`) → sanitize URLs → remark-stringify.
 */
import type { Root } from "mdast";
import type { Message, Position } from "../ast/types.js";
import { parseWithLines } from "../parse.js";
import { Builder } from "./build.js";
import { removeBlockComments } from "./block-comments.js";
import { convertMarkdown, markdownTree, stabilizeMarkdown } from "./markdown-input.js";
import { lower } from "./lower.js";
import { sanitizeUrls } from "./sanitize.js";
import { normalizeOptions, type Settings } from "./settings.js";
import { toMarkdown } from "./stringify.js";
import { toJson } from "./to-json.js";
import type { ConvertOptions, ConvertResult } from "./types.js";

export type { ConvertOptions, ConvertResult } from "./types.js";
export { normalizeOptions } from "./settings.js";

/**
 * Converts one body.
 * @param text the body (plain text with shortcodes by default; see `options.inputFormat`)
 * @param options see {@link ConvertOptions}; every field has a default
 * @returns the output text, positioned messages (parser's and converter's), `changed` and counts
 * @throws TypeError only for invalid options; problems in the text become messages
 */
export function convert(text: string, options: ConvertOptions = {}): ConvertResult {
  const settings = normalizeOptions(options);
  if (settings.inputFormat === "markdown" && settings.to === "markdown") {
    const converted = convertMarkdown(text, settings);
    if (options.transformMarkdown) transformText(converted, options.transformMarkdown);
    return finish(text, converted);
  }
  const builder = new Builder(text, settings);
  const tree = buildTree(text, builder);
  // (no tree walk for a body without any: most bodies)
  if (settings.removeBlockComments && text.includes("wp:")) removeBlockComments(tree);
  if (options.transform) pushMessages(builder.messages, options.transform(tree));
  let output: string;
  if (settings.to === "json") {
    const document = toJson(tree, {
      positions: settings.positions,
      reportUnsafe: (reason, position) => unsafe(builder, reason, position),
    });
    output = `${JSON.stringify(document, null, 2)}\n`;
  } else {
    const mdast = finalMdast(tree, builder);
    // stabilized: converting the markdown again (as markdown) must change nothing
    output =
      settings.to === "mdast"
        ? `${JSON.stringify(keptAsHtml(settings.positions ? mdast : stripPositions(mdast)), null, 2)}\n`
        : stabilizeMarkdown(toMarkdown(mdast, settings.style === "directive"), settings);
  }
  return finish(text, { output, messages: builder.messages, stats: builder.stats });
}

/** Parses and builds the intermediate tree for any input kind. */
export function buildTree(text: string, builder: Builder): Root {
  if (builder.settings.inputFormat === "markdown") return markdownTree(text, builder);
  const { tree, messages, lines } = parseWithLines(text, { tags: "all", compat: builder.settings.compat, contentless: builder.settings.registry.contentless });
  builder.useLines(lines, text);
  for (const message of messages) builder.messages.push(message); // no spread: a hostile body can have 10^5+ messages
  if (builder.settings.inputFormat === "html") return builder.htmlDocument(tree);
  return builder.document(tree);
}

/** Intermediate tree → plain mdast, with unsafe URLs defused. */
export function finalMdast(tree: Root, builder: Builder): Root {
  const settings: Settings = builder.settings;
  const mdast = lower(tree, {
    locale: settings.locale,
    style: settings.style,
    report: (reason, ruleId, severity, position) => builder.report(reason, ruleId, severity, position ?? (tree.position as Position)),
  });
  return sanitizeUrls(mdast, (reason, position) => unsafe(builder, reason, position));
}

/** {@link ConvertOptions.transformMarkdown} applied to a markdown → markdown result. */
function transformText(result: { output: string; messages: Message[] }, transform: NonNullable<ConvertOptions["transformMarkdown"]>): void {
  const transformed = transform(result.output);
  result.output = transformed.output;
  pushMessages(result.messages, transformed.messages);
}

function pushMessages(into: Message[], messages: readonly Message[] | void | undefined): void {
  if (messages) for (const message of messages) into.push(message);
}

function unsafe(builder: Builder, reason: string, position: Position | undefined): void {
  builder.report(reason, "unsafe-url", "warning", position ?? builder.locator.position(0, 0));
}

function finish(text: string, result: Omit<ConvertResult, "changed">): ConvertResult {
  const messages = sortMessages(result.messages);
  return { output: result.output, messages, changed: result.output !== text, stats: result.stats };
}

/** Messages in source order (stable for equal positions). */
function sortMessages(messages: Message[]): Message[] {
  if (messages.length < 2) return messages;
  // most bodies' messages come in order already: no copy then
  let sorted = true;
  for (let i = 1; i < messages.length && sorted; i++) sorted = messages[i - 1]!.position.start.offset <= messages[i]!.position.start.offset;
  if (sorted) return messages;
  return messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.position.start.offset - b.message.position.start.offset || a.index - b.index)
    .map(({ message }) => message);
}

/**
 * Kept shortcodes as the plain mdast `html` nodes other tools know (markdown output writes them
 * itself), without the data the conversion used (a kept shortcode's source, a bare URL's flag).
 */
function keptAsHtml<T>(value: T): T {
  type Walked = { type: string; data?: { bareUrl?: unknown }; children?: unknown[] };
  const walk = (node: Walked) => {
    if (node.type === "keptShortcode") {
      node.type = "html";
      delete node.data;
    }
    if (node.type === "link" && node.data?.bareUrl) delete node.data;
    for (const child of node.children ?? []) walk(child as Walked);
  };
  walk(value as { type: string });
  return value;
}

function stripPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === "position" ? undefined : inner))) as T;
}
