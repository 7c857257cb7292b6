import { TextDecoder } from "node:util";
import { SaxesParser, type SaxesTagNS } from "saxes";
import type { WxrAuthor, WxrChannel, WxrEvent, WxrItem, WxrItemTerm, WxrMeta, WxrPlace, WxrProblem, WxrSource, WxrTerm } from "./types.js";

/** Options of {@link readWxr}. */
export interface ReadWxrOptions {
  /**
   * Character encoding when the export does not declare one that `TextDecoder` knows
   * (default: the XML declaration's `encoding`, else `utf-8`). WordPress writes its exports in
   * the site's charset, UTF-8 on every current site.
   */
  encoding?: string;
}

/** The namespaces a WXR export uses, by what they mean rather than by prefix (prefixes can be rebound). */
type Ns = "" | "wp" | "excerpt" | "content" | "dc" | "other";

/** WXR 1.0, 1.1 and 1.2 (and any later 1.x) put `wp:` elements here. */
const WP_NS = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/$/;
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/;
const CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
const DC_NS = "http://purl.org/dc/elements/1.1/";

function nsOf(uri: string | undefined): Ns {
  if (!uri) return "";
  if (WP_NS.test(uri)) return "wp";
  if (EXCERPT_NS.test(uri)) return "excerpt";
  if (uri === CONTENT_NS) return "content";
  if (uri === DC_NS) return "dc";
  return "other";
}

/**
 * saxes errors after which the document is still well understood: the offending text is
 * kept as written (an unknown `&nbsp;` stays `&nbsp;`) and reading goes on. Any other error
 * (a tag left open, a truncated file, a mismatched end tag) ends the reading.
 */
const RECOVERABLE = [/undefined entity/, /"\]\]>" is disallowed in char data/, /disallowed character/, /unbound namespace prefix/];

/** One piece of an element's text: character data or a CDATA section. */
interface Part {
  cdata: boolean;
  value: string;
  /** Where the piece ends (saxes reports text after reading it). */
  end: WxrPlace;
}

/** Text being collected for one field element. */
interface Capture {
  /** Stack depth of the element whose text this is. */
  depth: number;
  parts: Part[];
  /** Where an unescaped `]]>` (invalid XML that WordPress's regex parser reads) was met inside, if one was. */
  badCdata: WxrPlace | null;
  /** Where the element's content starts (just after its start tag). */
  start: WxrPlace;
  done: (value: string, capture: Capture) => void;
}

type Fields = Map<string, string>;

interface ItemBuilder {
  kind: "item";
  depth: number;
  place: WxrPlace;
  fields: Fields;
  terms: WxrItemTerm[];
  /** `<category>` without `nicename`, kept only when no term with a slug says the same. */
  plainTerms: WxrItemTerm[];
  meta: WxrMeta[];
  commentCount: number;
  contentPlace: WxrPlace | null;
  /** Warnings met inside the item, sent with it once its id (which follows the body) is known. */
  problems: WxrProblem[];
}

interface SimpleBuilder {
  kind: "author" | "term";
  depth: number;
  place: WxrPlace;
  fields: Fields;
  meta: WxrMeta[];
  /** `wp:category` / `wp:tag` / `wp:term`. */
  element: string;
}

type Builder = ItemBuilder | SimpleBuilder;

interface MetaBuilder {
  depth: number;
  key: string;
  value: string;
  /** `false` for `wp:comment`, whose insides are skipped. */
  keep: boolean;
}

const CHANNEL_FIELDS = new Set([":title", ":link", ":description", ":language", ":generator", "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url"]);

const ITEM_FIELDS = new Set([
  ":title",
  ":link",
  ":guid",
  ":pubDate",
  ":description",
  "dc:creator",
  "content:encoded",
  "excerpt:encoded",
  "wp:post_id",
  "wp:post_date",
  "wp:post_date_gmt",
  "wp:post_modified",
  "wp:post_modified_gmt",
  "wp:post_name",
  "wp:status",
  "wp:post_parent",
  "wp:menu_order",
  "wp:post_type",
  "wp:post_password",
  "wp:is_sticky",
  "wp:comment_status",
  "wp:ping_status",
  "wp:attachment_url",
]);

/** Fields whose surrounding white space means nothing (ids, slugs, logins, dates …). */
const SCALAR = /^wp:(?!meta_value)|^dc:creator$|^:(?:link|guid|pubDate|language|generator)$/;

function toInt(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

/** Sniff `encoding="…"` from the XML declaration at the start of the bytes. */
function declaredEncoding(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.subarray(0, 200)).toString("latin1");
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  return m?.[1];
}

function makeDecoder(label: string | undefined): TextDecoder {
  try {
    return new TextDecoder(label ?? "utf-8");
  } catch {
    return new TextDecoder("utf-8");
  }
}

/**
 * Read a WordPress export as a stream: the channel's description, then its authors, terms and
 * items, one event at a time and in document order, holding no more than one item in memory.
 *
 * Never throws on bad input. A problem the reading survives (a missing `wp:wxr_version`, an
 * unknown entity, an unescaped `]]>` inside CDATA) is a `warning` event and reading goes on;
 * a malformed or truncated export ends with one `error` event carrying the line and column
 * where the XML broke, after every item that was complete before it.
 *
 * Elements are recognized by namespace, not by prefix: `wp:` bound to WXR 1.0, 1.1 or 1.2 all
 * count; a `wp:` rebound to a foreign namespace does not.
 *
 * @param source the export's bytes or text (a `Readable` from `fs.createReadStream` will do)
 * @param options see {@link ReadWxrOptions}
 */
export async function* readWxr(source: WxrSource, options: ReadWxrOptions = {}): AsyncGenerator<WxrEvent, void, undefined> {
  const reader = new WxrStreamReader();
  let decoder: TextDecoder | undefined;
  for await (const chunk of source) {
    if (typeof chunk === "string") {
      reader.write(chunk);
    } else {
      decoder ??= makeDecoder(declaredEncoding(chunk) ?? options.encoding);
      const text = decoder.decode(chunk, { stream: true });
      if (text) reader.write(text);
    }
    yield* reader.drain();
    // A fatal error ends the reading; leaving the loop also closes the source stream.
    if (reader.stopped) return;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) reader.write(rest);
  }
  reader.end();
  yield* reader.drain();
}

/** The state machine behind {@link readWxr}: saxes events in, WXR events out. */
class WxrStreamReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private queue: WxrEvent[] = [];
  /** Namespace-qualified keys of the open elements (`wp:post_id`, `:item` …). */
  private readonly stack: string[] = [];
  private capture: Capture | null = null;
  private builder: Builder | null = null;
  private meta: MetaBuilder | null = null;
  private sawChannel = false;
  private readonly channelFields: Fields = new Map();
  private channelPlace: WxrPlace = { line: 1, column: 1 };
  private channelSent = false;
  /**
   * The last completed item, held until the parser's next event: when a stray end tag makes
   * saxes close the open elements, it reports the error only after their end events, at the
   * same place; such an item was cut off, not complete.
   */
  private pending: { event: WxrEvent; place: WxrPlace } | null = null;
  stopped = false;

  constructor() {
    const p = this.parser;
    p.on("opentag", (tag) => {
      this.flush();
      this.open(tag);
    });
    p.on("closetag", () => {
      this.flush();
      this.close();
    });
    p.on("text", (text) => {
      this.flush();
      this.text(text, false);
    });
    p.on("cdata", (text) => {
      this.flush();
      this.text(text, true);
    });
    p.on("error", (err) => this.error(err.message));
  }

  write(text: string): void {
    if (this.stopped) return;
    this.parser.write(text);
    this.flush();
  }

  /** Send the held item (see {@link pending}). */
  private flush(): void {
    if (!this.pending) return;
    this.queue.push(this.pending.event);
    this.pending = null;
  }

  end(): void {
    if (this.stopped) return;
    this.parser.close();
    this.flush();
    if (this.stopped) return;
    if (!this.sawChannel) {
      this.fatal(`no <channel> element: this is not a WordPress export (WXR)`, this.here(), "wxr-not-wxr");
    } else {
      this.sendChannel();
    }
  }

  drain(): WxrEvent[] {
    const q = this.queue;
    this.queue = [];
    return q;
  }

  /** The parser's position: where the next character will be read. */
  private here(): WxrPlace {
    return { line: this.parser.line, column: this.parser.column + 1 };
  }

  private problem(severity: WxrProblem["severity"], reason: string, ruleId: string, place: WxrPlace): void {
    const problem: WxrProblem = { severity, reason, ruleId, place };
    const b = this.builder;
    if (b?.kind === "item") {
      const id = toInt(b.fields.get("wp:post_id"));
      if (id !== null) problem.postId = id;
      if (severity === "warning") {
        b.problems.push(problem);
        return;
      }
      // An error ends the item: what it held goes first.
      for (const p of b.problems) this.queue.push({ kind: "problem", problem: p });
      b.problems = [];
    }
    this.queue.push({ kind: "problem", problem });
  }

  private fatal(reason: string, place: WxrPlace, ruleId = "wxr-malformed"): void {
    if (this.stopped) return;
    const b = this.builder;
    if (b?.kind === "item") {
      const id = b.fields.get("wp:post_id");
      const title = b.fields.get(":title");
      const what = id ? `item ${id.trim()}` : "the item";
      reason += `; ${what}${title ? ` (“${title}”)` : ""} that starts at ${b.place.line}:${b.place.column} is cut off and not read`;
    }
    this.problem("error", reason, ruleId, place);
    this.stopped = true;
    this.builder = null;
    this.capture = null;
  }

  private error(message: string): void {
    if (this.stopped) return;
    // saxes prefixes "line:column: "; we give the place separately.
    const reason = message.replace(/^\d+:\d+:\s*/, "");
    const place = this.here();
    const held = this.pending;
    if (
      held &&
      !RECOVERABLE.some((re) => re.test(reason)) &&
      held.place.line === place.line &&
      held.place.column === place.column &&
      held.event.kind === "item"
    ) {
      // The item was closed by saxes's recovery from this very error: it is cut off.
      this.pending = null;
      const it = held.event.item;
      this.fatal(
        `malformed XML: ${reason}; item ${it.id ?? "without id"}${it.title ? ` (“${it.title}”)` : ""} that starts at ${it.place.line}:${it.place.column} is cut off and not read`,
        place,
      );
      return;
    }
    this.flush();
    if (RECOVERABLE.some((re) => re.test(reason))) {
      if (this.capture && /\]\]>/.test(reason)) {
        // Reported once, when the field closes, with what was made of it.
        this.capture.badCdata ??= place;
        return;
      }
      this.problem("warning", `XML: ${reason} (kept as written)`, "wxr-xml", place);
      return;
    }
    this.fatal(`malformed XML: ${reason}`, place);
  }

  private text(value: string, cdata: boolean): void {
    if (this.stopped || !this.capture) return;
    this.capture.parts.push({ cdata, value, end: this.here() });
  }

  private startCapture(done: Capture["done"]): void {
    this.capture = { depth: this.stack.length - 1, parts: [], badCdata: null, start: this.here(), done };
  }

  private open(tag: SaxesTagNS): void {
    if (this.stopped) return;
    const depth = this.stack.length;
    const key = `${nsOf(tag.uri)}:${tag.local}`;
    this.stack.push(key);
    if (this.capture) return; // markup inside a field: its text is collected with the field's
    if (depth === 0) {
      if (key !== ":rss") this.fatal(`the root element is <${tag.name}>, expected <rss> of a WordPress export (WXR)`, this.here(), "wxr-not-wxr");
      return;
    }
    if (depth === 1) {
      if (key === ":channel") {
        this.sawChannel = true;
        this.channelPlace = this.here();
      }
      return;
    }
    if (this.stack[1] !== ":channel") return;
    if (depth === 2) {
      if (CHANNEL_FIELDS.has(key)) {
        this.startCapture((v) => {
          if (!this.channelFields.has(key)) this.channelFields.set(key, v);
        });
        return;
      }
      const place = this.here();
      if (key === ":item") {
        this.sendChannel();
        this.builder = {
          kind: "item",
          depth,
          place,
          fields: new Map(),
          terms: [],
          plainTerms: [],
          meta: [],
          commentCount: 0,
          contentPlace: null,
          problems: [],
        };
      } else if (key === "wp:author") {
        this.sendChannel();
        this.builder = { kind: "author", depth, place, fields: new Map(), meta: [], element: key };
      } else if (key === "wp:category" || key === "wp:tag" || key === "wp:term") {
        this.sendChannel();
        this.builder = { kind: "term", depth, place, fields: new Map(), meta: [], element: key };
      }
      return;
    }
    const b = this.builder;
    if (!b) return;
    if (depth === b.depth + 1) {
      if (b.kind === "item") {
        if (key === ":category") {
          const domain = tag.attributes.domain?.value ?? "category";
          const nicename = tag.attributes.nicename?.value;
          this.startCapture((name) => {
            // WXR 1.0 writes tags with domain="tag", and every term twice: once as plain RSS
            // (no nicename) and once with its slug; WordPress's importer reads the second only.
            const term = { domain: domain === "tag" ? "post_tag" : domain, slug: nicename ?? "", name };
            if (nicename === undefined) {
              if (!b.terms.some((t) => t.domain === term.domain && t.name === name)) b.plainTerms.push(term);
            } else {
              b.terms.push(term);
              b.plainTerms = b.plainTerms.filter((t) => !(t.domain === term.domain && t.name === name));
            }
          });
        } else if (key === "wp:postmeta") {
          this.meta = { depth, key: "", value: "", keep: true };
        } else if (key === "wp:comment") {
          b.commentCount++;
          this.meta = { depth, key: "", value: "", keep: false };
        } else if (ITEM_FIELDS.has(key)) {
          this.startCapture((v, c) => {
            if (b.fields.has(key)) {
              if (key === "wp:post_id" && b.fields.get(key)!.trim() !== v) {
                this.problem(
                  "warning",
                  `a second wp:post_id (${JSON.stringify(v)}) in the item is ignored; the first (${b.fields.get(key)!.trim()}) is kept`,
                  "wxr-duplicate",
                  c.start,
                );
              }
              return;
            }
            b.fields.set(key, v);
            if (key === "content:encoded") b.contentPlace = contentStart(c);
          });
        }
      } else if (key === "wp:termmeta") {
        this.meta = { depth, key: "", value: "", keep: true };
      } else {
        this.startCapture((v) => {
          if (!b.fields.has(key)) b.fields.set(key, v);
        });
      }
      return;
    }
    const m = this.meta;
    if (m?.keep && depth === m.depth + 1) {
      if (key === "wp:meta_key") this.startCapture((v) => (m.key = v));
      else if (key === "wp:meta_value") this.startCapture((v) => (m.value = v));
    }
  }

  private close(): void {
    if (this.stopped) return;
    const key = this.stack.pop();
    const depth = this.stack.length;
    const c = this.capture;
    if (c) {
      if (depth !== c.depth) return;
      this.capture = null;
      c.done(SCALAR.test(key ?? "") ? textOf(c).trim() : textOf(c), c);
      if (c.badCdata) {
        this.problem(
          "warning",
          `<${key}> has "]]>" inside a CDATA section (it should be written "]]]]><![CDATA[>"); read as one CDATA section, as WordPress's importer reads it`,
          "wxr-cdata",
          c.badCdata,
        );
      }
      return;
    }
    const m = this.meta;
    if (m && depth === m.depth) {
      this.meta = null;
      const b = this.builder;
      if (m.keep && b) b.meta.push({ key: m.key.trim(), value: m.value });
      return;
    }
    if (depth === 1 && key === ":channel") {
      this.sendChannel();
      return;
    }
    const b = this.builder;
    if (b && depth === b.depth) {
      this.builder = null;
      if (b.kind === "item") {
        const item = buildItem(b);
        for (const p of b.problems) {
          if (item.id !== null) p.postId ??= item.id;
          this.queue.push({ kind: "problem", problem: p });
        }
        this.pending = { event: { kind: "item", item }, place: this.here() };
      } else if (b.kind === "author") this.queue.push({ kind: "author", author: buildAuthor(b.fields) });
      else this.queue.push({ kind: "term", term: buildTerm(b) });
    }
  }

  private sendChannel(): void {
    if (this.channelSent) return;
    this.channelSent = true;
    const f = this.channelFields;
    const version = f.get("wp:wxr_version") ?? null;
    const channel: WxrChannel = {
      title: f.get(":title") ?? "",
      link: f.get(":link") ?? "",
      description: f.get(":description") ?? "",
      language: f.get(":language") ?? "",
      wxrVersion: version,
      baseSiteUrl: f.get("wp:base_site_url") ?? "",
      baseBlogUrl: f.get("wp:base_blog_url") ?? "",
      generator: f.get(":generator") ?? "",
    };
    this.queue.push({ kind: "channel", channel });
    if (version === null) {
      this.problem(
        "warning",
        "the export has no <wp:wxr_version>: read as WXR 1.2 (WordPress's importer refuses such a file)",
        "wxr-missing-version",
        this.channelPlace,
      );
    } else if (!/^\d+\.\d+$/.test(version)) {
      this.problem(
        "warning",
        `<wp:wxr_version> is ${JSON.stringify(version)}, expected a version such as "1.2": read as WXR 1.2`,
        "wxr-invalid-version",
        this.channelPlace,
      );
    }
  }
}

/**
 * The text of a field. CDATA sections are joined as they are; when there is CDATA, the white
 * space between sections is the export's layout, not content. An unescaped `]]>` inside a CDATA
 * section is read the way WordPress's regex parser reads it: everything between the first
 * `<![CDATA[` and the last `]]>`.
 */
function textOf(c: Capture): string {
  const parts = c.parts;
  if (c.badCdata) {
    const raw = parts
      .map((p) => (p.cdata ? `<![CDATA[${p.value}]]>` : p.value))
      .join("")
      .trim();
    if (raw.startsWith("<![CDATA[") && raw.endsWith("]]>")) return raw.slice(9, -3);
    return raw;
  }
  if (!parts.some((p) => p.cdata)) return parts.map((p) => p.value).join("");
  return parts
    .filter((p) => p.cdata || p.value.trim() !== "")
    .map((p) => p.value)
    .join("");
}

/** Where a body's first character is in the file, when the body is one CDATA section after optional white space. */
function contentStart(c: Capture): WxrPlace | null {
  const cdatas = c.parts.filter((p) => p.cdata);
  if (cdatas.length !== 1 || c.badCdata) return null;
  let { line, column } = c.start;
  for (const p of c.parts) {
    if (p.cdata) return { line, column: column + "<![CDATA[".length };
    if (p.value.trim() !== "") return null;
    for (const ch of p.value) {
      if (ch === "\n") {
        line++;
        column = 1;
      } else column++;
    }
  }
  return null;
}

function buildItem(b: ItemBuilder): WxrItem {
  const f = b.fields;
  const s = (k: string) => f.get(k) ?? "";
  return {
    id: toInt(f.get("wp:post_id")),
    title: s(":title"),
    link: s(":link"),
    guid: s(":guid"),
    pubDate: s(":pubDate"),
    creator: s("dc:creator"),
    description: s(":description"),
    content: s("content:encoded"),
    excerpt: s("excerpt:encoded"),
    postDate: s("wp:post_date"),
    postDateGmt: s("wp:post_date_gmt"),
    postModified: s("wp:post_modified"),
    postModifiedGmt: s("wp:post_modified_gmt"),
    slug: s("wp:post_name"),
    status: s("wp:status"),
    type: s("wp:post_type"),
    parent: toInt(f.get("wp:post_parent")) ?? 0,
    menuOrder: toInt(f.get("wp:menu_order")) ?? 0,
    password: s("wp:post_password"),
    sticky: s("wp:is_sticky") === "1",
    commentStatus: s("wp:comment_status"),
    pingStatus: s("wp:ping_status"),
    attachmentUrl: s("wp:attachment_url"),
    terms: b.plainTerms.length ? [...b.plainTerms, ...b.terms] : b.terms,
    meta: b.meta,
    commentCount: b.commentCount,
    place: b.place,
    contentPlace: b.contentPlace,
  };
}

function buildAuthor(f: Fields): WxrAuthor {
  const s = (k: string) => f.get(k) ?? "";
  return {
    id: toInt(f.get("wp:author_id")),
    login: s("wp:author_login"),
    email: s("wp:author_email"),
    displayName: s("wp:author_display_name"),
    firstName: s("wp:author_first_name"),
    lastName: s("wp:author_last_name"),
  };
}

function buildTerm(b: SimpleBuilder): WxrTerm {
  const f = b.fields;
  const s = (k: string) => f.get(k) ?? "";
  const id = toInt(f.get("wp:term_id"));
  if (b.element === "wp:category") {
    return {
      id,
      taxonomy: "category",
      slug: s("wp:category_nicename"),
      name: s("wp:cat_name"),
      parent: s("wp:category_parent"),
      description: s("wp:category_description"),
      meta: b.meta,
    };
  }
  if (b.element === "wp:tag") {
    return { id, taxonomy: "post_tag", slug: s("wp:tag_slug"), name: s("wp:tag_name"), parent: "", description: s("wp:tag_description"), meta: b.meta };
  }
  return {
    id,
    taxonomy: s("wp:term_taxonomy"),
    slug: s("wp:term_slug"),
    name: s("wp:term_name"),
    parent: s("wp:term_parent"),
    description: s("wp:term_description"),
    meta: b.meta,
  };
}
