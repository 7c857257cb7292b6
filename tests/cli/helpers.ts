import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { Content, Message, Position, RootNode } from "../../src/ast/types.js";
import type { ConvertOptions, ConvertResult } from "../../src/convert/types.js";
import type { Engine } from "../../src/run/engine.js";
import { main, type MainOptions } from "../../src/cli/main.js";

/** A writable that collects what is written; `isTTY` as asked. */
export class Collector {
  chunks: string[] = [];
  isTTY: boolean;
  columns = 100;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string): boolean {
    this.chunks.push(String(chunk));
    return true;
  }
  get text(): string {
    return this.chunks.join("");
  }
  get lines(): string[] {
    return this.text.split("\n").filter((l) => l !== "");
  }
}

/** What {@link cli} returns. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Last non-empty stderr line. */
  last: string;
}

/** Run main() in-process with collecting streams and the fake engine (unless one is given). */
export async function cli(argv: string[], options: Partial<MainOptions> & { stdinText?: string | Buffer; tty?: boolean } = {}): Promise<CliResult> {
  const stdout = new Collector(options.tty);
  const stderr = new Collector(options.tty);
  const { stdinText, tty, ...rest } = options;
  const code = await main({
    cwd: process.cwd(),
    env: {},
    engine: fakeEngine,
    stdin: Readable.from(stdinText === undefined ? [] : [typeof stdinText === "string" ? Buffer.from(stdinText) : stdinText]),
    ...rest,
    argv,
    stdout,
    stderr,
  });
  return { code, stdout: stdout.text, stderr: stderr.text, last: stderr.lines.at(-1) ?? "" };
}

/** A temp folder with the given files (paths → content); removed by the returned cleanup. */
export async function tempTree(files: Record<string, string | Buffer>): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "smcli-"));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const pendingCleanups: Array<() => Promise<void>> = [];

/** A temp folder with the given files; removed by {@link cleanupTrees} (call it in `afterEach`). */
export async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const t = await tempTree(files);
  pendingCleanups.push(t.cleanup);
  return t.dir;
}

/** Remove every folder {@link tree} made since the last call. */
export async function cleanupTrees(): Promise<void> {
  for (const cleanup of pendingCleanups.splice(0)) await cleanup();
}

export const TAG = "old_news_related_template";

/** A related-news shortcode like the seed's. */
export function box(title: string, link = "https://example.com/a/", desc = ""): string {
  return `[${TAG} title="${title}" desc="${desc}" image="https://example.com/i.jpg" link="${link}"]`;
}

function positionAt(text: string, start: number, end: number): Position {
  const point = (offset: number) => {
    const before = text.slice(0, offset);
    const lines = before.split(/\r\n|\n|\r/);
    return { line: lines.length, column: lines.at(-1)!.length + 1, offset };
  };
  return { start: point(start), end: point(end) };
}

const SHORTCODE = /\[([a-z_][a-z0-9_-]*)((?:\s+[a-z_]+="[^"]*")*)\s*\]/g;

/**
 * A small stand-in for parse/convert: recognises `[name a="…"]`, converts the related-news tag
 * to `> **title**`, reports `BROKEN` as an error and `WARN` as a warning, throws on `CRASH`.
 */
export const fakeEngine: Engine = {
  parse(text, options = {}): { tree: RootNode; messages: Message[] } {
    const children: Content[] = [];
    let last = 0;
    for (const match of text.matchAll(SHORTCODE)) {
      const name = match[1]!;
      if (options.tags !== "all" && !(options.tags ?? [TAG]).includes(name)) continue;
      const start = match.index!;
      const end = start + match[0].length;
      if (start > last) children.push({ type: "text", value: text.slice(last, start), position: positionAt(text, last, start) });
      const attributes = [...match[2]!.matchAll(/([a-z_]+)="([^"]*)"/g)].map((a) => ({
        type: "attribute" as const,
        name: a[1]!,
        value: a[2]!,
        quote: "double" as const,
        raw: a[0],
        position: positionAt(text, start, end),
      }));
      children.push({
        type: "shortcode",
        name,
        kind: "single",
        escaped: false,
        attributes,
        attrs: { named: Object.fromEntries(attributes.map((a) => [a.name, a.value])), positional: [] },
        opening: match[0],
        closing: null,
        content: null,
        children: [],
        position: positionAt(text, start, end),
      });
      last = end;
    }
    if (last < text.length) children.push({ type: "text", value: text.slice(last), position: positionAt(text, last, text.length) });
    const messages: Message[] = [];
    for (const [word, severity, ruleId] of [
      ["BROKEN", "error", "unterminated-quote"],
      ["WARN", "warning", "repaired-quotes"],
    ] as const) {
      let i = text.indexOf(word);
      while (i !== -1) {
        messages.push({ reason: `${word.toLowerCase()} here`, ruleId, severity, position: positionAt(text, i, i + word.length), source: "parse" });
        i = text.indexOf(word, i + 1);
      }
    }
    return { tree: { type: "root", children, position: positionAt(text, 0, text.length) }, messages };
  },
  convert(text: string, options: ConvertOptions = {}): ConvertResult {
    if (text.includes("CRASH")) throw new Error("boom");
    const { tree, messages } = fakeEngine.parse(text, {}) as { tree: RootNode; messages: Message[] };
    let count = 0;
    const md = tree.children
      .map((n) => {
        if (n.type !== "shortcode") return n.type === "text" ? n.value : "";
        count++;
        return `> **${n.attrs.named.title ?? ""}**`;
      })
      .join("")
      .replace(/\r\n/g, "\n");
    const output = options.to === "json" || options.to === "mdast" ? JSON.stringify({ version: 1, markdown: md }) : md;
    return {
      output,
      messages,
      changed: output !== text,
      stats: { shortcodes: count ? { [TAG]: count } : {}, converted: count, kept: 0, dropped: 0, escaped: 0 },
    };
  },
};
