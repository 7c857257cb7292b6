/**
 * The recognizer: the scanning context shared by the lexer's custom token matchers.
 *
 * WordPress recognises shortcodes with one left-to-right regex whose matches depend on
 * things no context-free token can see: which registered names occur in the text (the
 * candidate pre-filter), the first `]` after a name (quotes notwithstanding), the first
 * `[/name]` after an opener, and brackets hidden inside HTML elements. This module
 * precomputes those facts once per text, in linear time, and decides each opener's
 * whole extent (its "plan") when the lexer reaches its `[`. The lexer's custom matchers
 * then emit tokens exactly at the planned offsets, so the token stream already has
 * WordPress's structure and the parser only has to name it.
 */
import { hasTexturizedQuotes, type Compat, type ScanNote } from "./attributes.js";

/** Everything decided about one shortcode when the lexer reaches its `[`. */
export interface Plan {
  /** Offset of the first `[` (the escaping one when escaped). */
  start: number;
  /** Offset where the name starts. */
  nameStart: number;
  name: string;
  /** Offset of the `]` that ends the opener. */
  tagEnd: number;
  /** The attribute text: from after the name to the `]` (or the `/` of `/]`). */
  attrStart: number;
  attrEnd: number;
  /**
   * The attribute text and whether it holds texturized quotes (repair mode). Set when the plan
   * is made: filling them in later, from the lexer, added properties to live plan objects, and
   * that made lexing about a third slower (measured).
   */
  attrText: string;
  textured: boolean;
  selfClosing: boolean;
  /** Offset of the closing `[/name]`, or -1. */
  closerStart: number;
  /** Offset after `[/name]`, or -1. */
  closerEnd: number;
  escaped: boolean;
  /** Offset just past the whole shortcode (escaping `]` included). */
  end: number;
}

/** ASCII word characters and `-`: what WordPress's `(?![\w-])` look-ahead forbids after a name. */
function isWordOrHyphen(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Characters allowed in a candidate name: `[^<>&/\[\]\x00-\x20=]`. */
export function isNameChar(code: number): boolean {
  return !(
    code <= 0x20 ||
    code === 0x3c /* < */ ||
    code === 0x3e /* > */ ||
    code === 0x26 /* & */ ||
    code === 0x2f /* / */ ||
    code === 0x5b /* [ */ ||
    code === 0x5d /* ] */ ||
    code === 0x3d /* = */
  );
}

function isNbspOrZwsp(code: number): boolean {
  return code === 0xa0 || code === 0x200b;
}

/** First index >= from in a sorted array, by binary search. */
function lowerBound(sorted: ArrayLike<number>, from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** End of an HTML element that starts at `i` (a `<`), the way `get_html_split_regex()` splits. */
function htmlElementEnd(text: string, i: number): number {
  if (text.startsWith("<!--", i)) {
    const close = text.indexOf("-->", i + 2);
    return close === -1 ? text.length : close + 3;
  }
  if (text.startsWith("<![CDATA[", i)) {
    const close = text.indexOf("]]>", i + 9);
    return close === -1 ? text.length : close + 3;
  }
  const close = text.indexOf(">", i + 1);
  return close === -1 ? text.length : close + 1;
}

/**
 * Whether `<` at `i` opens an element. WordPress: always. Repair mode follows HTML's own
 * tokenizer: a `<` not followed by a letter, `/`, `!`, `?` (or `[`, for core's `<[tag]>` case) is text (`Enflasyon <%50`).
 */
function opensElement(text: string, i: number, compat: Compat): boolean {
  if (compat === "wordpress") return true;
  const c = text.charCodeAt(i + 1);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x2f || c === 0x21 || c === 0x3f || c === 0x5b;
}

/** Options of one scan. */
export interface ScanOptions {
  tags: readonly string[] | "all";
  compat: Compat;
  /** Split HTML elements (false for text that WordPress sees without its HTML pass). */
  html: boolean;
  /** Names to use as they are, skipping the pre-filter (WordPress's HTML pass reuses the outer ones). */
  tagnames?: readonly string[];
  /**
   * Repair mode: tags whose rule never takes content (a related-news box). WordPress pairs an
   * opener with the first `[/name]` after it, so an opener left unclosed swallows everything up
   * to a later box's closer; for these tags a closer closes the nearest opener before it instead,
   * and an opener with another opener of its name before its closer stands alone (reported).
   * (default: none)
   */
  contentless?: ReadonlySet<string>;
}

const PARAGRAPH_BREAK = /\n[ \t\r\f\v]*\n|\r[ \t\f\v]*\r(?!\n)|\r\n[ \t\f\v]*\r\n/y;

/** Per-text facts and the current plan; one instance per tokenize call. */
export class ScanContext {
  readonly text: string;
  readonly options: ScanOptions;
  /** Names the main regex alternates, in registration order (after the pre-filter). */
  readonly tagnames: readonly string[];
  /** Start and end offsets of HTML elements (`wp_html_split`), sorted. */
  readonly elementStarts: number[] = [];
  readonly elementEnds: number[] = [];
  /** Offsets of `]` outside HTML elements, sorted. */
  private readonly visibleCloses: number[] = [];
  /** Offsets of visible `[/name]`, by name. */
  private readonly closers = new Map<string, number[]>();
  /** Plans by name start offset (an opener is tried at `[` and again one later when not escaped). */
  private readonly planCache = new Map<number, Plan | null>();
  /** Repair scan results by start offset (see {@link repairEnd}). */
  private readonly repairMemo = new Map<number, RepairResult>();
  /** The plan of the shortcode being lexed. */
  plan: Plan | null = null;
  /** Problems and repairs found while recognising; deduplicated by offset and rule. */
  readonly notes: ScanNote[] = [];
  private readonly noted = new Set<string>();
  private readonly registered: ReadonlySet<string>;

  constructor(text: string, options: ScanOptions) {
    this.text = text;
    this.options = options;
    this.registered = new Set(options.tags === "all" ? [] : options.tags);
    if (options.html) this.splitHtml();
    this.indexBrackets();
    this.tagnames = options.tagnames ?? (options.tags === "all" ? [] : this.prefilter(options.tags));
  }

  get all(): boolean {
    return this.options.tags === "all";
  }

  note(n: ScanNote): void {
    const key = `${n.ruleId}@${n.start}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push(n);
  }

  private splitHtml(): void {
    const { text } = this;
    const compat = this.options.compat;
    let i = text.indexOf("<");
    while (i !== -1) {
      if (!opensElement(text, i, compat)) {
        i = text.indexOf("<", i + 1);
        continue;
      }
      const end = htmlElementEnd(text, i);
      this.elementStarts.push(i);
      this.elementEnds.push(end);
      i = end >= text.length ? -1 : text.indexOf("<", end);
    }
  }

  /** The element containing offset `i`, as an index into elementStarts, or -1. */
  elementAt(i: number): number {
    const k = lowerBound(this.elementStarts, i + 1) - 1;
    return k >= 0 && this.elementEnds[k]! > i ? k : -1;
  }

  /** The end of the element starting exactly at `i`, or -1. */
  elementStartingAt(i: number): number {
    const k = lowerBound(this.elementStarts, i);
    return k < this.elementStarts.length && this.elementStarts[k] === i ? this.elementEnds[k]! : -1;
  }

  private indexBrackets(): void {
    const { text } = this;
    let k = 0;
    const starts = this.elementStarts;
    const ends = this.elementEnds;
    for (let i = text.indexOf("]"); i !== -1; i = text.indexOf("]", i + 1)) {
      while (k < starts.length && ends[k]! <= i) k++;
      if (k < starts.length && starts[k]! <= i) continue;
      this.visibleCloses.push(i);
    }
    // Closing tags: "[/" + name + "]" exactly, outside elements.
    k = 0;
    for (let i = text.indexOf("[/"); i !== -1; i = text.indexOf("[/", i + 2)) {
      let j = i + 2;
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
      if (j === i + 2 || text.charCodeAt(j) !== 0x5d) continue;
      while (k < starts.length && ends[k]! <= i) k++;
      if (k < starts.length && starts[k]! <= i) continue;
      const name = text.slice(i + 2, j);
      const list = this.closers.get(name);
      if (list) list.push(i);
      else this.closers.set(name, [i]);
    }
  }

  /** WordPress's candidate pre-filter: registered names that occur as a whole run after a `[`. */
  private prefilter(tags: readonly string[]): string[] {
    const { text } = this;
    return tags.filter((name) => {
      if (name === "") return false;
      const needle = "[" + name;
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
        const after = i + needle.length;
        if (after >= text.length || !isNameChar(text.charCodeAt(after))) return true;
      }
      return false;
    });
  }

  /** First visible `]` at or after `from`, or -1. */
  nextVisibleClose(from: number): number {
    const k = lowerBound(this.visibleCloses, from);
    return k < this.visibleCloses.length ? this.visibleCloses[k]! : -1;
  }

  /** First visible `[/name]` at or after `from`, or -1. */
  nextCloser(name: string, from: number): number {
    const list = this.closers.get(name);
    if (!list) return -1;
    const k = lowerBound(list, from);
    return k < list.length ? list[k]! : -1;
  }

  /** Whether `name="…`-like attribute text follows `from` in the same paragraph. */
  private attributesFollow(from: number): boolean {
    const window = this.text.slice(from, from + 2000);
    const paragraphEnd = window.search(/\n[ \t\r]*\n/);
    return /[\w-][ \t]*=[ \t]*["'”“&\w]/.test(paragraphEnd === -1 ? window : window.slice(0, paragraphEnd));
  }

  /**
   * Offset of the first `[name` opener in [from, before) outside HTML elements, or -1. Textual
   * (not a whole plan: planning it would look for its own next opener, a chain as long as the text).
   */
  private nextOpenerOf(name: string, from: number, before: number): number {
    const { text } = this;
    const needle = "[" + name;
    for (let i = text.indexOf(needle, from); i !== -1 && i < before; i = text.indexOf(needle, i + 1)) {
      const after = text.charCodeAt(i + needle.length);
      const ends = this.all ? !isNameChar(after) : !isWordOrHyphen(after);
      if (ends && this.elementAt(i) === -1) return i;
    }
    return -1;
  }

  /** Whether `[name` occurs anywhere (cached per name): a stray `[/name]` of a used tag matters. */
  hasOpenerOf(name: string): boolean {
    let known = this.openerSeen.get(name);
    if (known === undefined) {
      known = this.text.includes("[" + name);
      this.openerSeen.set(name, known);
    }
    return known;
  }

  private readonly openerSeen = new Map<string, boolean>();

  /** Whether a `[/name]` at `i` names a tag this scan recognises. */
  isKnownCloser(name: string): boolean {
    return this.all || this.registered.has(name);
  }

  /**
   * The name WordPress's regex accepts at `i`, or null. With a list of tags: the first
   * pre-filtered name that matches and is not followed by `[\w-]`; with `"all"`: the
   * maximal candidate run. In repair mode a registered name followed by a no-break
   * space is accepted even when the pre-filter (which reads the space as part of the
   * name) dropped it.
   */
  private matchName(i: number): { name: string; nbsp: boolean } | null {
    const { text } = this;
    if (this.all) {
      let j = i;
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
      if (j === i) return null;
      if (this.options.compat === "repair") {
        for (let k = i; k < j; k++) {
          if (isNbspOrZwsp(text.charCodeAt(k))) {
            return k > i ? { name: text.slice(i, k), nbsp: true } : null;
          }
        }
      }
      return { name: text.slice(i, j), nbsp: false };
    }
    for (const name of this.tagnames) {
      if (text.startsWith(name, i) && !isWordOrHyphen(text.charCodeAt(i + name.length))) {
        return { name, nbsp: false };
      }
    }
    if (this.options.compat === "repair" && !this.options.tagnames && this.hasNbspOrZwsp()) {
      for (const name of this.registered) {
        if (text.startsWith(name, i) && isNbspOrZwsp(text.charCodeAt(i + name.length))) {
          return { name, nbsp: !this.tagnames.includes(name) };
        }
      }
    }
    return null;
  }

  /** Whether the text holds a no-break or zero-width space at all (cached): else no name can be followed by one. */
  private hasNbspOrZwsp(): boolean {
    this.nbspSeen ??= this.text.includes("\u00a0") || this.text.includes("\u200b");
    return this.nbspSeen;
  }

  private nbspSeen: boolean | undefined = undefined;

  /**
   * Decide the shortcode starting at the `[` at `p`, or null when WordPress would not
   * match one there. Called by the lexer at every `[` it meets in text mode.
   */
  planAt(p: number): Plan | null {
    const { text } = this;
    const leading = text.charCodeAt(p + 1) === 0x5b; /* [ */
    const nameStart = leading ? p + 2 : p + 1;
    const base = this.planFromName(nameStart);
    if (!base) return null;
    const afterRaw = base.closerStart === -1 ? base.tagEnd + 1 : base.closerEnd;
    const trailing = text.charCodeAt(afterRaw) === 0x5d; /* ] */
    if (leading && !trailing) return null; // not an escape: the stray `[` is text, the tag starts at p + 1
    const escaped = leading && trailing;
    // Written out, not spread: every plan keeps one shape (see attrText).
    return {
      start: p,
      nameStart: base.nameStart,
      name: base.name,
      tagEnd: base.tagEnd,
      attrStart: base.attrStart,
      attrEnd: base.attrEnd,
      attrText: base.attrText,
      textured: base.textured,
      selfClosing: base.selfClosing,
      closerStart: base.closerStart,
      closerEnd: base.closerEnd,
      escaped,
      end: escaped ? afterRaw + 1 : afterRaw,
    };
  }

  private planFromName(nameStart: number): Plan | null {
    const cached = this.planCache.get(nameStart);
    if (cached !== undefined) return cached;
    const match = this.matchName(nameStart);
    if (!match) return null; // cheap to redo; not cached, so hostile runs of `[` stay small
    const plan = this.computePlan(nameStart, match);
    this.planCache.set(nameStart, plan);
    return plan;
  }

  private computePlan(nameStart: number, match: { name: string; nbsp: boolean }): Plan | null {
    const { text } = this;
    const { name } = match;
    const attrStart = nameStart + name.length;
    const bracket = nameStart - 1;
    const coreEnd = this.nextVisibleClose(attrStart);
    let tagEnd = coreEnd;
    if (this.options.compat === "repair") {
      const r = this.repairEnd(bracket, attrStart, name);
      if (r.end !== -1) {
        if (coreEnd !== -1 && r.end !== coreEnd) {
          this.note({
            ruleId: "repaired-bracket-in-quotes",
            severity: "warning",
            reason: `\`]\` inside a quoted value of \`${name}\` was kept in the value; WordPress ends the tag there`,
            start: coreEnd,
            end: coreEnd + 1,
          });
        }
        tagEnd = r.end;
      } else if (r.quoteStart !== -1 && coreEnd !== -1 && coreEnd < r.breakAt) {
        // A quote never closes in this paragraph: WordPress's reading (first `]`) stands,
        // and reading the attributes reports the quote (src/ast/attributes.ts).
      } else {
        tagEnd = -1; // no `]` before the paragraph ends: not a shortcode
      }
    }
    if (tagEnd === -1) {
      this.note({
        ruleId: "unclosed-shortcode",
        // With every name accepted, `[word` in prose is common; it is an error only when attributes follow.
        severity: !this.all || this.attributesFollow(attrStart) ? "error" : "info",
        reason: `\`[${name}\` is never closed with \`]\`; kept as text`,
        start: bracket,
        end: attrStart,
      });
      return null;
    }
    if (match.nbsp) {
      this.note({
        ruleId: "repaired-nbsp-after-name",
        severity: "warning",
        reason: `No-break space after \`${name}\` read as a space; WordPress does not see this shortcode`,
        start: attrStart,
        end: attrStart + 1,
      });
    }
    const selfClosing = tagEnd - 1 >= attrStart && text.charCodeAt(tagEnd - 1) === 0x2f; /* / */
    let closerStart = -1;
    let closerEnd = -1;
    if (!selfClosing) {
      closerStart = this.nextCloser(name, tagEnd + 1);
      if (closerStart !== -1 && this.options.compat === "repair" && this.options.contentless?.has(name)) {
        const next = this.nextOpenerOf(name, tagEnd + 1, closerStart);
        if (next !== -1) {
          this.note({
            ruleId: "repaired-unclosed-opener",
            severity: "warning",
            reason: `\`[${name}]\` has no \`[/${name}]\` of its own: WordPress pairs it with a later box's closer and hides everything between; read as standing alone`,
            start: bracket,
            end: tagEnd + 1,
          });
          closerStart = -1;
        }
      }
      if (closerStart !== -1) closerEnd = closerStart + name.length + 3;
    }
    const attrEnd = selfClosing ? tagEnd - 1 : tagEnd;
    const attrText = text.slice(attrStart, attrEnd);
    return {
      start: bracket,
      nameStart,
      name,
      tagEnd,
      attrStart,
      attrEnd,
      attrText,
      textured: this.options.compat === "repair" && hasTexturizedQuotes(attrText),
      selfClosing,
      closerStart,
      closerEnd,
      escaped: false,
      end: closerEnd !== -1 ? closerEnd : tagEnd + 1,
    };
  }

  /**
   * Repair mode: the first visible `]` outside quoted values, not past the end of the
   * paragraph. Scans left to right with a tiny automaton; results are memoised at every
   * `[` the scan passes outside quotes, so nested or repeated openers stay linear.
   */
  private repairEnd(bracket: number, from: number, name: string): RepairResult {
    // A scan that passed this `[` outside quotes passed the name in the same state when
    // the name holds nothing the automaton reacts to: its result is ours.
    const memo = NEUTRAL_NAME.test(name) ? this.repairMemo.get(bracket) : undefined;
    if (memo) return memo;
    const { text } = this;
    const passed: number[] = [];
    let quote = 0;
    let quoteStart = -1;
    let result: RepairResult | null = null;
    let i = from;
    while (i < text.length) {
      // Jump to the next character the automaton reacts to.
      INTERESTING.lastIndex = i;
      if (!INTERESTING.test(text)) break;
      i = INTERESTING.lastIndex - 1;
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) {
        PARAGRAPH_BREAK.lastIndex = i;
        if (PARAGRAPH_BREAK.test(text)) {
          result = { end: -1, quoteStart: quote ? quoteStart : -1, breakAt: i };
          break;
        }
      }
      if (quote === 0) {
        if (c === 0x5b /* [ */) {
          const known = this.repairMemo.get(i);
          if (known) {
            result = known;
            break;
          }
          passed.push(i);
        } else if (c === 0x3c /* < */) {
          const end = this.elementStartingAt(i);
          if (end !== -1) {
            i = end;
            continue;
          }
        } else if (c === 0x5d /* ] */) {
          result = { end: i, quoteStart: -1, breakAt: -1 };
          break;
        } else if (c === 0x22 /* " */) {
          quote = c;
          quoteStart = i;
        } else if (c === 0x27 /* ' */ && opensSingleQuotedValue(text, i)) {
          quote = c;
          quoteStart = i;
        }
      } else if (c === quote && (quote === 0x22 || closesSingleQuotedValue(text, i))) {
        quote = 0;
      }
      i++;
    }
    result ??= { end: -1, quoteStart: quote ? quoteStart : -1, breakAt: text.length };
    this.repairMemo.set(bracket, result);
    for (const p of passed) if (!this.repairMemo.has(p)) this.repairMemo.set(p, result);
    return result;
  }
}

const INTERESTING = /[\n\r"'<[\]]/g;
const NEUTRAL_NAME = /^[^"'\]<\n\r]*$/;

interface RepairResult {
  end: number;
  quoteStart: number;
  breakAt: number;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x200b;
}

/** A `'` opens a value after `=` (spaces allowed) or at the start of a positional value. */
function opensSingleQuotedValue(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  if (j >= 0 && text.charCodeAt(j) === 0x3d) return true;
  return j < i - 1; // preceded by white space
}

/** A `'` closes a value when white space, `/`, `]` or the end follows. */
function closesSingleQuotedValue(text: string, i: number): boolean {
  const c = text.charCodeAt(i + 1);
  return Number.isNaN(c) || isSpace(c) || c === 0x2f || c === 0x5d;
}
