import type { Root, RootContent, Text } from "mdast";
import type { Handle, Info, State } from "mdast-util-to-markdown";
import type { KeptShortcode } from "./kinds/kept-shortcode.js";
import type { Options } from "remark-stringify";
import type { Processor } from "unified";
import { fastMarkdown } from "./fast-markdown.js";
import { onDemand, once, unifiedPackage } from "./on-demand.js";

/**
 * mdast-util-to-markdown's own `text` handler, `state.safe(node.value, info)`, but run with
 * only the unsafe patterns whose character occurs in the value. `safe()` escapes only at
 * positions of a pattern's character inside the value, so the output is identical by
 * construction (and tested against the stock handler); on article prose it skips most of
 * the ~45 regex scans per text node, which were most of the stringify time.
 */
const text: Handle = (node: Text, _parent, state: State, info: Info): string => {
  const all = state.unsafe;
  const value = node.value;
  state.unsafe = all.filter((pattern) => value.includes(pattern.character));
  try {
    return state.safe(value, info);
  } finally {
    state.unsafe = all;
  }
};

/**
 * A shortcode kept as written, verbatim. Not an `html` node: mdast-util-to-markdown joins an
 * `html` node that starts a line to the line before (`Intro:\ [code]…`), since HTML there could
 * open an HTML block; a shortcode cannot.
 */
const keptShortcode = ((node: KeptShortcode): string => node.value) as unknown as Handle;

/**
 * One markdown style for every output: `-` bullets, `_emphasis_`, `**strong**`, ATX headings;
 * with GFM strikethrough (`~~…~~`, so a `~` in text is escaped) and tables ({@link gfmToMarkdown}).
 */
export const STRINGIFY_OPTIONS: Options = {
  handlers: { text, keptShortcode },
  bullet: "-",
  emphasis: "_",
  strong: "*",
  fence: "`",
  fences: true,
  listItemIndent: "one",
  rule: "-",
};

// remark-stringify serializes what the fast path does not take (and the directive style):
// loaded and built when first needed, then reused for every body.
const remarkStringify = await onDemand<typeof import("remark-stringify")>("remark-stringify");
const remarkDirective = await onDemand<typeof import("remark-directive")>("remark-directive");
const gfmStrikethrough = await onDemand<typeof import("mdast-util-gfm-strikethrough")>("mdast-util-gfm-strikethrough");
const gfmTable = await onDemand<typeof import("mdast-util-gfm-table")>("mdast-util-gfm-table");
/** The GFM serializers the output uses (remark-stringify takes extensions only through processor data). */
export function gfmToMarkdown(this: Processor): void {
  const data = this.data() as { toMarkdownExtensions?: unknown[] };
  (data.toMarkdownExtensions ??= []).push(gfmStrikethrough().gfmStrikethroughToMarkdown(), gfmTable().gfmTableToMarkdown());
}
const plain = once(() => unifiedPackage().unified().use(gfmToMarkdown).use(remarkStringify().default, STRINGIFY_OPTIONS));
/**
 * The directive style needs mdast-util-directive's serializer. It gets its own processor
 * because remark-directive also escapes `:` in text, which plain output must not do.
 */
const directive = once(() => unifiedPackage().unified().use(remarkDirective().default).use(gfmToMarkdown).use(remarkStringify().default, STRINGIFY_OPTIONS));

/** The processor for one style. */
function processor(withDirectives: boolean): ReturnType<typeof plain> {
  return (withDirectives ? directive : plain)();
}

/** A thematic break after the blocks: what remark writes for it (`\n\n---\n`) is cut off again. */
const SENTINEL: RootContent = { type: "thematicBreak" };
const SENTINEL_TEXT = "\n\n---\n";

/**
 * remark-stringify's text for some blocks of a root, as it writes them within the root: the
 * blocks and a thematic break as a root, the break's text cut off (so a final line end of the
 * blocks' own is told from the one remark adds at the end).
 */
function remarkBlocks(blocks: RootContent[]): string | null {
  const out = plain().stringify({ type: "root", children: [...blocks, SENTINEL] });
  return out.endsWith(SENTINEL_TEXT) ? out.slice(0, out.length - SENTINEL_TEXT.length) : null;
}

/**
 * mdast → markdown text (no trailing newline for an empty document). Plain article
 * shapes take the fast path (same output, tested), block by block: a block it does not take
 * is written by remark-stringify alone; the directive style is remark-stringify's.
 */
export function toMarkdown(tree: Root, withDirectives: boolean): string {
  if (tree.children.length === 0) return "";
  if (!withDirectives) {
    const fast = fastMarkdown(tree, remarkBlocks);
    if (fast !== null) return fast;
  }
  return processor(withDirectives).stringify(tree);
}

/** remark-stringify alone, without the fast path (for tests and comparisons). */
export function toMarkdownWithRemark(tree: Root, withDirectives: boolean): string {
  if (tree.children.length === 0) return "";
  return processor(withDirectives).stringify(tree);
}
