import { parse as parseBlocks } from "@wordpress/block-serialization-default-parser";

/** One parsed block, as `@wordpress/block-serialization-default-parser` gives it. */
interface ParsedBlock {
  blockName: string | null;
  attrs: Record<string, unknown> | null;
  innerBlocks: ParsedBlock[];
  innerHTML: string;
  innerContent: Array<string | null>;
}

/**
 * What a Gutenberg block comment says that the HTML between its delimiters does not, in
 * document order. `start`/`end` are offsets of the block's content in the cleaned body
 * (absent when delimiters are kept: then they index the original body, see {@link BlockFacts}).
 */
export type BlockFact =
  | { kind: "code"; block: string; language: string | null; start: number; end: number }
  | {
      kind: "image";
      block: string;
      id: number | null;
      linkDestination: string | null;
      href: string | null;
      sizeSlug: string | null;
      start: number;
      end: number;
    }
  | { kind: "embed"; block: string; url: string; provider: string | null; start: number; end: number }
  | { kind: "gallery"; block: string; ids: number[]; linkTo: string | null; columns: number | null; start: number; end: number }
  | { kind: "reusable"; block: string; ref: number; start: number; end: number };

/** What {@link cleanBlocks} returns. */
export interface BlockFacts {
  /** The body without block delimiter comments (or unchanged when they are kept). */
  body: string;
  /** Whether the body had any block delimiter at all (a Gutenberg post). */
  hasBlocks: boolean;
  /** Facts from blocks whose attributes mean something to a converter; offsets index {@link body}. */
  facts: BlockFact[];
  /** Every block name met, with how often (`core/paragraph: 12` …), for reports. */
  names: Record<string, number>;
  /**
   * What was removed, as `[offset in body, length removed there]`, in order, so a place in
   * the cleaned body maps back to the original (see {@link originalOffset}).
   */
  removed: Array<[number, number]>;
}

/** The offset in the original body of a character at `offset` in the cleaned one. */
export function originalOffset(removed: ReadonlyArray<readonly [number, number]>, offset: number): number {
  let shift = 0;
  for (const [at, length] of removed) {
    if (at > offset) break;
    shift += length;
  }
  return offset + shift;
}

/** Options of {@link cleanBlocks}. */
export interface CleanBlocksOptions {
  /** Keep the `<!-- wp:… -->` delimiter comments in the body (default: false, they are removed). */
  keepDelimiters?: boolean;
}

/**
 * The block delimiter comments, as the official parser's tokenizer finds them (the same
 * expression, so what is removed is exactly what WordPress reads as delimiters).
 */
const DELIMITER = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({(?:(?=([^}]+|}+(?=})|(?!}\s+\/?-->)[^])*)\5|[^]*?)}\s+)?(\/)?-->/g;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * Find a body's Gutenberg blocks with `@wordpress/block-serialization-default-parser`, remove
 * their delimiter comments (unless asked to keep them) and collect the attributes that mean
 * something: `wp:code` language, `wp:image` id and link, `wp:embed` url, `wp:gallery` ids,
 * unresolved `wp:block` refs. Classic (non-block) bodies come back unchanged with no facts.
 *
 * Only the delimiters go: every character between them stays, so nothing of the post is lost.
 *
 * @param body a post body (`content:encoded`)
 * @param options see {@link CleanBlocksOptions}
 */
export function cleanBlocks(body: string, options: CleanBlocksOptions = {}): BlockFacts {
  DELIMITER.lastIndex = 0;
  if (!body.includes("<!--") || !DELIMITER.test(body)) return { body, hasBlocks: false, facts: [], names: {}, removed: [] };
  const blocks = parseBlocks(body) as ParsedBlock[];
  const facts: BlockFact[] = [];
  const names: Record<string, number> = {};
  let out = "";
  const walk = (block: ParsedBlock): void => {
    const start = out.length;
    let inner = 0;
    for (const piece of block.innerContent) {
      if (piece === null) {
        const child = block.innerBlocks[inner++];
        if (child) walk(child);
      } else out += piece;
    }
    if (block.blockName === null) return;
    names[block.blockName] = (names[block.blockName] ?? 0) + 1;
    const fact = factOf(block, start, out.length);
    if (fact) facts.push(fact);
  };
  for (const block of blocks) walk(block);
  if (options.keepDelimiters) {
    // Offsets into the cleaned text do not index the original; facts keep their order only.
    return { body, hasBlocks: true, facts: facts.map((f) => ({ ...f, start: -1, end: -1 })), names, removed: [] };
  }
  const removed: Array<[number, number]> = [];
  let gone = 0;
  const stripped = body.replace(DELIMITER, (whole: string, ...rest: unknown[]) => {
    const at = rest.at(-2) as number;
    removed.push([at - gone, whole.length]);
    gone += whole.length;
    return "";
  });
  // The parser's reconstruction must equal the body minus its delimiters; if a body ever
  // defeats it, the plain removal is the safe answer (the facts' offsets are then unknown).
  if (stripped !== out) return { body: stripped, hasBlocks: true, facts: facts.map((f) => ({ ...f, start: -1, end: -1 })), names, removed };
  return { body: out, hasBlocks: true, facts, names, removed };
}

function factOf(block: ParsedBlock, start: number, end: number): BlockFact | null {
  const name = block.blockName ?? "";
  const a = block.attrs ?? {};
  if (name === "core/code" || name === "syntaxhighlighter/code" || /\/code$/.test(name)) {
    const cls = `${str(a.className) ?? ""} ${/<code[^>]*class="([^"]*)"/.exec(block.innerHTML)?.[1] ?? ""}`;
    const language = str(a.language) ?? str(a.lang) ?? /(?:^|\s)lang(?:uage)?-([\w+#.-]+)/.exec(cls)?.[1] ?? null;
    return { kind: "code", block: name, language, start, end };
  }
  if (name === "core/image") {
    return {
      kind: "image",
      block: name,
      id: num(a.id),
      linkDestination: str(a.linkDestination),
      href: str(a.href) ?? /<a[^>]*\shref="([^"]*)"/.exec(block.innerHTML)?.[1] ?? null,
      sizeSlug: str(a.sizeSlug),
      start,
      end,
    };
  }
  if (name === "core/embed" || name.startsWith("core-embed/")) {
    const url = str(a.url);
    if (url)
      return { kind: "embed", block: name, url, provider: str(a.providerNameSlug) ?? (name.startsWith("core-embed/") ? name.slice(11) : null), start, end };
    return null;
  }
  if (name === "core/gallery") {
    let ids = Array.isArray(a.ids) ? a.ids.map(num).filter((n): n is number => n !== null) : [];
    if (ids.length === 0)
      ids = block.innerBlocks
        .filter((b) => b.blockName === "core/image")
        .map((b) => num(b.attrs?.id))
        .filter((n): n is number => n !== null);
    return { kind: "gallery", block: name, ids, linkTo: str(a.linkTo), columns: num(a.columns), start, end };
  }
  if (name === "core/block") {
    const ref = num(a.ref);
    if (ref !== null) return { kind: "reusable", block: name, ref, start, end };
  }
  return null;
}

/** Text to insert into a cleaned body at an offset (see {@link blockAttributeEdits}). */
export interface BlockEdit {
  at: number;
  text: string;
}

/** A language name as it may stand in a class and a fence's info (`c++`, `objective-c`, `c#`). */
const LANGUAGE = /^[\w+#.-]{1,40}$/;

/**
 * Where the attributes of a body's blocks say what its HTML does not, the insertions that make
 * the HTML say it (so the converter, which reads HTML, renders it; nothing is removed):
 * - `wp:code` with a language (a plugin's `language` attribute or class) whose `<code>`/`<pre>`
 *   has no `language-` class: `class="language-x"` on it → the fence's language;
 * - `wp:embed` whose URL is not in its HTML (an empty wrapper): the URL on its own line → an embed;
 * - `wp:gallery` with `ids` and no `<img>` in its HTML (an early Gutenberg gallery): a
 *   `[gallery ids=…]` shortcode, rendered from the export's attachments like any other.
 *
 * @param body the cleaned body (block delimiters removed)
 * @param facts its block facts (offsets into `body`; facts with unknown offsets are left alone)
 * @returns the edits, by offset
 */
export function blockAttributeEdits(body: string, facts: readonly BlockFact[]): BlockEdit[] {
  const edits: BlockEdit[] = [];
  for (const fact of facts) {
    if (fact.start < 0 || fact.end > body.length) continue;
    const html = body.slice(fact.start, fact.end);
    if (fact.kind === "code" && fact.language && LANGUAGE.test(fact.language)) {
      if (/\b(?:language|lang)-[\w+#.-]/i.test(html) || /brush:/i.test(html)) continue;
      const tag = /<code\b[^>]*>/i.exec(html) ?? /<pre\b[^>]*>/i.exec(html);
      if (!tag) continue;
      const cls = /\sclass\s*=\s*(["'])/i.exec(tag[0]);
      const at = fact.start + tag.index;
      if (cls) edits.push({ at: at + cls.index + cls[0].length, text: `language-${fact.language} ` });
      else edits.push({ at: at + tag[0].length - 1 - (tag[0].endsWith("/>") ? 1 : 0), text: ` class="language-${fact.language}"` });
    } else if (fact.kind === "embed") {
      if (html.includes(fact.url) || html.includes(fact.url.replace(/&/g, "&amp;")) || /^\s*(?:javascript|data|vbscript):/i.test(fact.url)) continue;
      const wrapper = /<div\b[^>]*\bwp-block-embed__wrapper\b[^>]*>/.exec(html);
      edits.push({ at: wrapper ? fact.start + wrapper.index + wrapper[0].length : fact.start, text: `\n${escapeHtml(fact.url)}\n` });
    } else if (fact.kind === "gallery" && fact.ids.length && !/<img\b/i.test(html)) {
      const link = fact.linkTo === "media" || fact.linkTo === "file" ? ` link="file"` : fact.linkTo === "none" ? ` link="none"` : "";
      const columns = fact.columns !== null ? ` columns="${fact.columns}"` : "";
      edits.push({ at: fact.end, text: `\n[gallery ids="${fact.ids.join(",")}"${link}${columns}]\n` });
    }
  }
  return edits.sort((a, b) => a.at - b.at);
}

/**
 * Apply {@link blockAttributeEdits} to a body.
 *
 * @returns the new body and where the insertions are in it, as `[offset, length]`, in order
 */
export function applyBlockEdits(body: string, edits: readonly BlockEdit[]): { body: string; inserted: Array<[number, number]> } {
  if (edits.length === 0) return { body, inserted: [] };
  let out = "";
  let from = 0;
  const inserted: Array<[number, number]> = [];
  for (const { at, text } of edits) {
    out += body.slice(from, at);
    inserted.push([out.length, text.length]);
    out += text;
    from = at;
  }
  return { body: out + body.slice(from), inserted };
}

/** The offset in the body before {@link applyBlockEdits} of a character at `offset` after (an inserted one: where it was inserted). */
export function beforeInsertions(inserted: ReadonlyArray<readonly [number, number]>, offset: number): number {
  let before = offset;
  for (const [at, length] of inserted) {
    if (at >= offset) break;
    before -= Math.min(length, offset - at);
  }
  return before;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<!-- wp:block {"ref":N} /-->`, the way a post embeds a reusable block. */
const REUSABLE = /<!--\s+wp:(?:core\/)?block\s+(\{[^]*?\})\s+\/-->/g;

/** What {@link resolveReusableBlocks} returns. */
export interface ResolvedReusable {
  body: string;
  /** Refs that were replaced by their block's content. */
  resolved: number[];
  /** Refs the export has no `wp_block` for: their comment stays in the body. */
  missing: number[];
}

/**
 * Replace each `<!-- wp:block {"ref":N} /-->` by the content of reusable block N (a `wp_block`
 * item of the export), recursively (a reusable block may embed another), guarding against
 * cycles. A ref the lookup does not know is kept as written and listed in `missing`.
 *
 * @param body a post body
 * @param lookup the content of reusable block `ref`, or `undefined`
 */
export function resolveReusableBlocks(body: string, lookup: (ref: number) => string | undefined, seen: ReadonlySet<number> = new Set()): ResolvedReusable {
  const resolved: number[] = [];
  const missing: number[] = [];
  if (!body.includes("wp:")) return { body, resolved, missing };
  const out = body.replace(REUSABLE, (whole, json: string) => {
    let ref: number | null = null;
    try {
      ref = num((JSON.parse(json) as { ref?: unknown }).ref);
    } catch {
      return whole;
    }
    if (ref === null) return whole;
    const content = seen.has(ref) ? undefined : lookup(ref);
    if (content === undefined) {
      missing.push(ref);
      return whole;
    }
    resolved.push(ref);
    const inner = resolveReusableBlocks(content, lookup, new Set([...seen, ref]));
    resolved.push(...inner.resolved);
    missing.push(...inner.missing);
    return inner.body;
  });
  return { body: out, resolved, missing };
}
