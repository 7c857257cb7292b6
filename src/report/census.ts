import type { ChalkInstance } from "chalk";
import type { Content, Message, RootNode, ShortcodeNode } from "../ast/types.js";

/** How an attribute value looks: what a migration rule has to handle. */
export type ValueShape = "url" | "empty" | "number" | "text";

/** One attribute name of a tag. */
export interface AttributeCensus {
  /** Lower-cased name, or `#1`, `#2` … for positional values. */
  name: string;
  count: number;
  shapes: Record<ValueShape, number>;
}

/** One shortcode tag across the corpus. */
interface TagCensus {
  tag: string;
  count: number;
  files: number;
  /** `[[tag]]` uses (printed literally by WordPress). */
  escaped: number;
  kinds: Record<string, number>;
  attributes: AttributeCensus[];
  /** A rule of the active preset handles this tag. */
  covered: boolean;
}

/** Diagnostics of one rule, with where they first occur. */
export interface MalformedCensus {
  ruleId: string;
  severity: string;
  /** The tag the problem is about, when the source at its position names one. */
  tag: string | null;
  count: number;
  first: Array<{ file: string; line: number; column: number; reason: string }>;
}

/** What `scan` reports. */
export interface Census {
  files: number;
  bytes: number;
  shortcodes: number;
  tags: TagCensus[];
  malformed: MalformedCensus[];
  /** Tags found that no active rule converts. */
  uncovered: string[];
  /**
   * Bracketed spans a tag name could be read from that are not counted as uses (unless a rule
   * handles the tag): markdown links and references (`[https://…](…)`, `[a][b]`, `[a]: x`),
   * and brackets inside `<script>`/`<style>` (`b[0]`, `[1, 2]`).
   */
  notCounted: { markdownLinks: number; inScripts: number };
}

const FIRST_LOCATIONS = 3;

/** Classify an attribute value. */
export function valueShape(value: string): ValueShape {
  const v = value.trim();
  if (v === "") return "empty";
  if (/^[+-]?\d+(?:[.,]\d+)?%?$/.test(v)) return "number";
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/|www\.|mailto:)\S*$/i.test(v)) return "url";
  return "text";
}

/**
 * Whether the shortcode spanning `start`–`end` of `text` reads as a markdown link or reference
 * instead: `[video](x)`, `[a][b]`, `![x](y)`, `[a]: x` at a line's start (the converter keeps
 * such spans as text when no rule handles the tag).
 */
function looksLikeMarkdownLink(text: string, start: number, end: number): boolean {
  const after = text.charAt(end);
  const before = text.charAt(start - 1);
  if (after === "(" || after === "[" || before === "]" || before === "!") return true;
  return after === ":" && (start === 0 || before === "\n" || before === "\r");
}

/** Elements whose content is code, not prose: brackets there are indexes and arrays. */
const RAW_TEXT_OPEN = /^<(script|style)\b[^>]*(?<!\/)>$/i;
const RAW_TEXT_CLOSE = /^<\/(script|style)\b/i;

/** Accumulates a census file by file (constant memory in the number of files). */
export class CensusBuilder {
  private readonly isRule: (tag: string) => boolean;
  private readonly notCounted = { markdownLinks: 0, inScripts: 0 };

  /**
   * @param isRule whether an active rule handles a tag: its uses are counted wherever they
   *   are, since the converter converts them there (default: no tag has a rule)
   */
  constructor(isRule: (tag: string) => boolean = () => false) {
    this.isRule = isRule;
  }

  private files = 0;
  private bytes = 0;
  private readonly tags = new Map<
    string,
    { count: number; files: Set<string>; escaped: number; kinds: Record<string, number>; attributes: Map<string, AttributeCensus> }
  >();
  private readonly malformed = new Map<string, MalformedCensus>();

  /** Add one parsed file (parsed with `tags: "all"`). */
  addFile(file: string, text: string, tree: RootNode, messages: readonly Message[]): void {
    this.files++;
    this.bytes += Buffer.byteLength(text);
    const visit = (nodes: readonly Content[] | undefined): void => {
      let rawText: string | undefined;
      for (const node of nodes ?? []) {
        if (node.type === "shortcode") {
          if (!node.escaped && !this.isRule(node.name)) {
            if (rawText) {
              this.notCounted.inScripts++;
              continue;
            }
            if (looksLikeMarkdownLink(text, node.position.start.offset, node.position.end.offset)) {
              this.notCounted.markdownLinks++;
              continue;
            }
          }
          this.addShortcode(file, node);
          visit(node.children);
        } else if (node.type === "html") {
          if (rawText === undefined) rawText = RAW_TEXT_OPEN.exec(node.value)?.[1]?.toLowerCase();
          else if (RAW_TEXT_CLOSE.exec(node.value)?.[1]?.toLowerCase() === rawText) rawText = undefined;
          visit(node.children);
        }
      }
    };
    visit(tree.children);
    for (const message of messages) {
      if (message.severity === "info") continue;
      const start = message.position?.start ?? { line: 1, column: 1, offset: 0 };
      const tag = tagAt(text, start.offset);
      const key = `${message.ruleId}\u0000${tag ?? ""}`;
      const entry = this.malformed.get(key) ?? { ruleId: message.ruleId, severity: message.severity, tag, count: 0, first: [] };
      entry.count++;
      if (entry.first.length < FIRST_LOCATIONS) entry.first.push({ file, line: start.line, column: start.column, reason: message.reason });
      this.malformed.set(key, entry);
    }
  }

  private addShortcode(file: string, node: ShortcodeNode): void {
    const entry = this.tags.get(node.name) ?? {
      count: 0,
      files: new Set<string>(),
      escaped: 0,
      kinds: {} as Record<string, number>,
      attributes: new Map<string, AttributeCensus>(),
    };
    entry.count++;
    entry.files.add(file);
    if (node.escaped) entry.escaped++;
    entry.kinds[node.kind] = (entry.kinds[node.kind] ?? 0) + 1;
    let positional = 0;
    for (const attribute of node.attributes ?? []) {
      const name = attribute.name ?? `#${++positional}`;
      const a = entry.attributes.get(name) ?? { name, count: 0, shapes: { url: 0, empty: 0, number: 0, text: 0 } };
      a.count++;
      a.shapes[valueShape(attribute.value)]++;
      entry.attributes.set(name, a);
    }
    this.tags.set(node.name, entry);
  }

  /** The census; `isCovered(tag)` says whether the active rules handle a tag. */
  finish(isCovered: (tag: string) => boolean): Census {
    const tags: TagCensus[] = [...this.tags]
      .map(([tag, e]) => ({
        tag,
        count: e.count,
        files: e.files.size,
        escaped: e.escaped,
        kinds: e.kinds,
        attributes: [...e.attributes.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
        covered: isCovered(tag),
      }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    return {
      files: this.files,
      bytes: this.bytes,
      shortcodes: tags.reduce((n, t) => n + t.count, 0),
      tags,
      malformed: [...this.malformed.values()].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
      uncovered: tags.filter((t) => !t.covered).map((t) => t.tag),
      notCounted: { ...this.notCounted },
    };
  }
}

/** The tag name written at `offset` (`[name`, `[[name`, `[/name`), if any. */
export function tagAt(text: string, offset: number): string | null {
  const match = /^\[\[?\/?([^\s\]/[\u00a0<>&"'=]+)/.exec(text.slice(offset, offset + 200));
  return match ? match[1]! : null;
}

/** The census as text for a person (`scan --format text`). */
export function formatCensusText(census: Census, color: ChalkInstance): string {
  const out: string[] = [];
  const kb = (census.bytes / 1024).toFixed(1);
  out.push(
    color.bold(
      `${census.shortcodes} shortcode${census.shortcodes === 1 ? "" : "s"} of ${census.tags.length} tag${census.tags.length === 1 ? "" : "s"} in ${census.files} file${census.files === 1 ? "" : "s"} (${kb} kB)`,
    ),
  );
  for (const tag of census.tags) {
    out.push("");
    const kinds = Object.entries(tag.kinds)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ");
    const flags = [kinds, tag.escaped ? `${tag.escaped} escaped` : "", tag.covered ? color.green("covered") : color.yellow("not covered by the active rules")]
      .filter(Boolean)
      .join(", ");
    out.push(`${color.bold(tag.tag)}  ${tag.count} use${tag.count === 1 ? "" : "s"} in ${tag.files} file${tag.files === 1 ? "" : "s"}  (${flags})`);
    const width = Math.max(0, ...tag.attributes.map((a) => a.name.length));
    for (const a of tag.attributes) {
      const shapes = (Object.entries(a.shapes) as Array<[ValueShape, number]>)
        .filter(([, n]) => n > 0)
        .map(([shape, n]) => `${shape} ${n}`)
        .join(", ");
      out.push(`  ${a.name.padEnd(width)}  ${String(a.count).padStart(5)}  ${color.dim(shapes)}`);
    }
  }
  out.push("");
  if (census.malformed.length === 0) out.push("Malformed uses: none");
  else {
    out.push(color.bold("Malformed uses"));
    for (const m of census.malformed) {
      const where = m.first.map((f) => `${f.file}:${f.line}:${f.column}`).join(", ");
      out.push(`  ${m.ruleId}${m.tag ? ` [${m.tag}]` : ""}  ${m.severity}  ${m.count}×  first at ${where}`);
      out.push(`    ${color.dim(m.first[0]?.reason ?? "")}`);
    }
  }
  const { markdownLinks, inScripts } = census.notCounted;
  if (markdownLinks + inScripts > 0) {
    const parts = [
      markdownLinks ? `${markdownLinks} markdown link${markdownLinks === 1 ? "" : "s"}` : "",
      inScripts ? `${inScripts} bracket${inScripts === 1 ? "" : "s"} inside <script>/<style>` : "",
    ].filter(Boolean);
    out.push(color.dim(`Not counted as shortcodes: ${parts.join(", ")}`));
  }
  out.push(
    census.uncovered.length === 0 ? "Tags not covered by the active rules: none" : `Tags not covered by the active rules: ${census.uncovered.join(", ")}`,
  );
  return out.join("\n") + "\n";
}
