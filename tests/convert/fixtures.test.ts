/**
 * One test walks `fixtures/convert/<case>/`: `input.txt` | `input.md` | `input.html` (the input
 * kind follows the extension), optional `options.json`, expected `output.md` and `output.json`.
 * A missing expected file is written; `UPDATE=1` regenerates all of them.
 * Every fixture also goes through the properties: text preserved, data preserved,
 * idempotent, unknown shortcodes kept verbatim and counted, JSON valid against the schema.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import { Ajv } from "ajv";
import { decodeHTMLStrict } from "entities";
import type { Blockquote, Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { codeRanges } from "../../src/convert/markdown-input.js";
import { convert, normalizeOptions } from "../../src/convert/index.js";
import type { ConvertOptions, InputFormat } from "../../src/convert/types.js";
import { parse, parseShortcodes } from "../../src/parse.js";

const ROOT = join(import.meta.dirname, "../../fixtures/convert");
const UPDATE = process.env["UPDATE"] === "1";
const INPUTS: Record<string, InputFormat> = { "input.txt": "text", "input.md": "markdown", "input.html": "html" };

interface Fixture {
  name: string;
  dir: string;
  input: string;
  inputFormat: InputFormat;
  options: ConvertOptions;
}

function fixtures(): Fixture[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(ROOT, entry.name);
      const file = Object.keys(INPUTS).find((name) => existsSync(join(dir, name)));
      if (!file) throw new Error(`fixture ${entry.name} has no input.txt, input.md or input.html`);
      const optionsFile = join(dir, "options.json");
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, "utf8")) as ConvertOptions) : {};
      return { name: entry.name, dir, input: readFileSync(join(dir, file), "utf8"), inputFormat: INPUTS[file]!, options };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Compares with the expected file, writing it when missing or with UPDATE=1. */
function golden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

// the output is GFM (strikethrough, tables): read it so
const markdownParser = unified().use(remarkParse).use(remarkGfm);
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, "../../schema/article.schema.json"), "utf8")) as object);

const FLOW = new Set(["root", "blockquote", "list", "listItem", "table"]);

function toText(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode" || node.type === "code") return node.value;
  // raw HTML (inline <sup>, a table kept as HTML): its text, as the input side reads it
  if (node.type === "html") return node.value.replace(/<[^>]*>/g, "");
  if (node.type === "break") return "\n";
  if (node.type === "image") return "";
  if ("children" in node) return (node.children as Nodes[]).map(toText).join(FLOW.has(node.type) ? "\n" : "");
  return "";
}

function normalize(value: string): string {
  return decodeHTMLStrict(value)
    .replace(/[\u200b\ufeff]/g, "")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** A related-news block of the default style: a blockquote opening with a bold label. */
function isRelatedBlock(node: Nodes): node is Blockquote {
  if (node.type !== "blockquote") return false;
  const first = node.children[0];
  return (
    first?.type === "paragraph" && first.children.length === 1 && first.children[0]!.type === "strong" && /İlgili Haber|Related article/.test(toText(first))
  );
}

function visit(node: Nodes, fn: (node: Nodes) => void): void {
  fn(node);
  if ("children" in node) for (const child of node.children as Nodes[]) visit(child, fn);
}

const cases = fixtures();

describe.each(cases)("fixture $name", (fixture) => {
  const options: ConvertOptions = { inputFormat: fixture.inputFormat, ...fixture.options };
  const markdown = convert(fixture.input, options);
  const json = convert(fixture.input, { ...options, to: "json" });

  test("markdown output", () => {
    golden(join(fixture.dir, "output.md"), markdown.output);
    expect(markdown.changed).toBe(markdown.output !== fixture.input);
  });

  test("json output, valid against the schema", () => {
    golden(join(fixture.dir, "output.json"), json.output);
    const document = JSON.parse(json.output) as unknown;
    const valid = validate(document);
    expect(valid ? [] : validate.errors).toEqual([]);
  });

  test("idempotent: the markdown output read back as markdown is unchanged", () => {
    const again = convert(markdown.output, { ...options, inputFormat: "markdown" });
    expect(again.output).toBe(markdown.output);
  });

  const settings = normalizeOptions(options);
  const sozcu = settings.preset.includes("sozcu");
  const registry = settings.registry;
  const top = parseShortcodes(fixture.input, { tags: "all" });
  // In markdown input, a shortcode in code or behind a backslash is text, not a box.
  const code = options.inputFormat === "markdown" ? codeRanges(fixture.input) : [];
  const isText = (s: { position: { start: { offset: number } } }): boolean => {
    const at = s.position.start.offset;
    return code.some(([a, b]) => at >= a && at < b) || (options.inputFormat === "markdown" && fixture.input[at - 1] === "\\");
  };
  const boxes = top.filter((s) => s.tag === "old_news_related_template" && !s.escaped && sozcu && !isText(s));

  test("data preserved: every box's attribute values are in the JSON", () => {
    const document = JSON.parse(json.output) as { blocks: Array<Record<string, unknown>> };
    const found: Array<Record<string, unknown>> = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        const object = value as Record<string, unknown>;
        if (object["type"] === "related-news") found.push(object);
        Object.values(object).forEach(walk);
      }
    };
    walk(document.blocks);
    expect(found).toHaveLength(boxes.length);
    boxes.forEach((box, index) => {
      const block = found[index]!;
      const source = block["shortcode"] as { attributes: Record<string, string>; raw: string };
      expect(source.raw).toBe(box.raw);
      for (const [name, value] of Object.entries(box.attrs.named)) expect(source.attributes[name]).toBe(decodeHTMLStrict(value));
      expect(block["title"]).toBe(decodeHTMLStrict(box.attrs.named["title"] ?? "").trim());
      expect(block["description"]).toBe(decodeHTMLStrict(box.attrs.named["desc"] ?? "").trim());
    });
  });

  test("JSON keeps every URL of the input (decoded or as written)", () => {
    const urls = fixture.input.match(/https?:\/\/[^\s"'<>()[\]”’“]+/g) ?? [];
    for (const url of urls) {
      const decoded = decodeHTMLStrict(url);
      expect({ url, kept: json.output.includes(JSON.stringify(url).slice(1, -1)) || json.output.includes(JSON.stringify(decoded).slice(1, -1)) }).toEqual({
        url,
        kept: true,
      });
    }
  });

  if ((fixture.options.style ?? "block") === "block" && fixture.inputFormat !== "markdown") {
    test("data preserved: every box is a link with the exact title and URL, an image, its desc", () => {
      const tree = markdownParser.parse(markdown.output) as Root;
      const links: Array<{ url: string; text: string }> = [];
      const images: string[] = [];
      const quotes: string[] = [];
      visit(tree, (node) => {
        if (node.type === "link") links.push({ url: node.url, text: toText(node) });
        if (node.type === "image") images.push(node.url);
        if (isRelatedBlock(node)) quotes.push(toText(node));
      });
      for (const box of boxes) {
        const title = decodeHTMLStrict(box.attrs.named["title"] ?? "").trim();
        const link = decodeHTMLStrict(box.attrs.named["link"] ?? "").trim();
        const image = decodeHTMLStrict(box.attrs.named["image"] ?? "").trim();
        const desc = decodeHTMLStrict(box.attrs.named["desc"] ?? "").trim();
        if (/^(javascript|data|vbscript):/i.test(link)) {
          expect(links.some((l) => l.url === link)).toBe(false);
          // the title stays, as plain text; the unsafe URL is not shown
          expect(quotes.some((quote) => quote.includes(title) && !quote.includes(link))).toBe(true);
          continue;
        }
        if (!link) {
          expect(quotes.some((quote) => quote.includes(title))).toBe(true);
          if (desc) expect(quotes.some((quote) => quote.includes(desc))).toBe(true);
          continue;
        }
        expect(links).toContainEqual({ url: link, text: title || link });
        if (image) expect(images).toContain(image);
        if (desc) expect(quotes.some((quote) => quote.includes(desc))).toBe(true);
      }
    });
  }

  test("unknown shortcodes are kept verbatim and counted", () => {
    const unknown = top.filter(
      (s) =>
        !s.escaped &&
        !registry.get(s.tag) &&
        !/[([:]/.test(fixture.input.charAt(s.position.end.offset)) &&
        !/[\]!]/.test(fixture.input.charAt(s.position.start.offset - 1)),
    );
    const inCode =
      fixture.inputFormat === "markdown" ? unknown.filter((s) => /`|\\$/.test(fixture.input.slice(0, s.position.start.offset).split("\n").pop() ?? "")) : [];
    const expected = unknown.filter((s) => !inCode.includes(s));
    // A shortcode that is a link's text (`<a href="#fn1">[1]</a>`) is kept as text, escaped, so the link stays a link.
    const inLink = (s: { position: { start: { offset: number } } }): boolean => {
      const before = fixture.input.slice(0, s.position.start.offset).toLowerCase();
      return before.lastIndexOf("<a ") > before.lastIndexOf("</a>");
    };
    for (const shortcode of expected.filter(inLink)) {
      expect(markdown.output).toContain(`[${shortcode.raw.replace(/[[\]]/g, "\\$&")}]`);
    }
    for (const shortcode of expected.filter((s) => !inLink(s))) {
      expect(markdown.output).toContain(shortcode.raw);
      expect(markdown.output).not.toContain(`\\[${shortcode.tag}`);
    }
    const warnings = markdown.messages.filter((m) => m.ruleId === "unknown-shortcode");
    expect(warnings).toHaveLength(expected.length);
    expect(markdown.stats.kept).toBeGreaterThanOrEqual(expected.length);
  });

  // Unsafe URLs are appended to the text on purpose (see the unsafe-url tests), so that fixture is left out.
  if (fixture.inputFormat === "text" && !markdown.messages.some((m) => m.ruleId === "unsafe-url")) {
    test("text preserved: every input paragraph is read back, in order, from the markdown", () => {
      const tree = markdownParser.parse(markdown.output) as Root;
      const actual = tree.children
        .filter((node) => !isRelatedBlock(node))
        .map((node) => normalize(toText(node)))
        .filter(Boolean)
        .join(" ");
      // The input's text: HTML tags out, rendered shortcodes out, escaped ones as their literal
      // (elements removed on purpose by `stripTags`, and reported, out too).
      const strip = fixture.options.stripTags ?? [];
      const input = strip.reduce((text, tag) => text.replace(new RegExp(`<${tag}\\b[^]*?</${tag}\\s*>`, "gi"), ""), fixture.input);
      const { tree: ast } = parse(input, { tags: "all" });
      let expected = "";
      for (const node of ast.children) {
        if (node.type === "text") expected += node.value;
        else if (node.type === "html") expected += /^<(br|\/?p|\/?li|\/?ul|\/?h\d|\/?blockquote)\b/i.test(node.value) ? "\n\n" : "";
        else if (node.escaped) expected += input.slice(node.position.start.offset + 1, node.position.end.offset - 1);
        else if (!registry.get(node.name)) expected += input.slice(node.position.start.offset, node.position.end.offset);
        else expected += "\n\n";
      }
      const paragraphs = expected
        .split(/\n\s*\n/)
        .map((p) => normalize(p))
        .map((p) => (sozcu && /^['"“‘].*['"”’]$/u.test(p) && !/\p{Ll}/u.test(p) ? p.slice(1, -1).trim() : p))
        .filter(Boolean);
      // Each paragraph must appear whole and in order; rendered shortcodes may stand between them.
      let cursor = 0;
      for (const paragraph of paragraphs) {
        const at = actual.indexOf(paragraph, cursor);
        expect({ paragraph, found: at >= 0 }).toEqual({ paragraph, found: true });
        cursor = at + paragraph.length;
      }
    });
  }
});

test("fixtures cover every built-in handler, style and input kind", () => {
  const all = cases.map((c) => c.input).join("\n");
  for (const tag of ["old_news_related_template", "caption", "embed", "video", "audio", "gallery", "playlist"]) expect(all).toContain(`[${tag}`);
  const styles = new Set(cases.map((c) => c.options.style ?? "block"));
  expect([...styles].sort()).toEqual(["block", "directive", "list"]);
  expect(new Set(cases.map((c) => c.inputFormat))).toEqual(new Set(["text", "markdown", "html"]));
});
