/**
 * `javascript:`, `vbscript:` and `data:` URLs never become live links or images, in markdown or
 * JSON, whatever their spelling: case, whitespace and control characters inside the scheme
 * (browsers drop them), and HTML entities (named, decimal, hex, zero-padded).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import type { Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { convert } from "../../src/convert/index.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const TAG = "old_news_related_template";

/** What a browser does to a URL before looking at its scheme. */
function browserScheme(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
}
const isLive = (url: string) => /^(?:javascript|vbscript|data):/.test(browserScheme(url));

/** One spelling of a scheme letter: itself, other case, or an entity. */
const letter = (ch: string) =>
  fc.constantFrom(
    ch,
    ch.toUpperCase(),
    `&#${ch.charCodeAt(0)};`,
    `&#x${ch.charCodeAt(0).toString(16)};`,
    `&#X${ch.charCodeAt(0).toString(16).toUpperCase()};`,
    `&#0000${ch.charCodeAt(0)};`,
  );
/** Noise browsers ignore inside a scheme. */
const noise = fc.constantFrom("", "", "", "\t", "&#x09;", "&#9;", "&Tab;", "&NewLine;", "&#10;", "&#x0A;", "\u0001", "&#13;");
const colon = fc.constantFrom(":", "&colon;", "&#58;", "&#x3a;", "&#x3A;");

const scheme = fc
  .tuple(fc.constantFrom("javascript", "vbscript", "data"), fc.constantFrom("", " ", "  ", "&#32;", "\u0001"))
  .chain(([name, lead]) =>
    fc.tuple(fc.tuple(...[...name].map((ch) => fc.tuple(letter(ch), noise))), colon).map(([parts, c]) => lead + parts.map(([l, n]) => l + n).join("") + c),
  )
  .map((s) => s + "alert(1)");

/** The places a URL reaches the output from: shortcode attributes and stray HTML. */
function bodies(url: string): string[] {
  const attr = url.replace(/"/g, "&quot;");
  return [
    `Metin.\n\n[${TAG} title="Başlık" desc="" image="${attr}" link="${attr}"]\n`,
    `[caption id="a" width="300"]<a href="${attr}"><img src="${attr}" alt="resim" /></a> Altyazı[/caption]\n`,
    `Metin <a href="${attr}">tık</a> ve <img src="${attr}" alt="r">.\n`,
    `[embed]${url}[/embed]\n`,
    `[audio mp3="${attr}"]\n`,
  ];
}

/** The related-news box is the default ("sozcu") preset's; caption, embed and audio are the "wordpress" preset's. */
const presetFor = (which: number) => (which === 0 ? "sozcu" : "wordpress");

const markdown = unified().use(remarkParse);

/** Every URL a markdown renderer would make live: links, images, definitions, autolinks, and src/href in raw HTML. */
function liveUrls(md: string): string[] {
  const urls: string[] = [];
  visit(markdown.parse(md) as Root, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") urls.push(node.url);
    if (node.type === "html")
      for (const m of node.value.matchAll(/\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) urls.push(m[1] ?? m[2] ?? m[3] ?? "");
  });
  return urls;
}

/**
 * URL-bearing fields of the JSON document. The `shortcode` object is provenance (the source
 * attributes as written, for audit), not a field any renderer turns into a link.
 */
function jsonUrls(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) jsonUrls(v, out);
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "shortcode") continue;
      if (typeof v === "string" && /^(?:url|href|src|link|image|poster|mp3|ogg|m4a|wav|mp4|webm)$/i.test(key)) out.push(v);
      else jsonUrls(v, out);
    }
  }
  return out;
}

/*
 * Each body is converted under the preset that knows its shortcode (see presetFor). Under a
 * preset that does not know a tag, the shortcode is kept verbatim, raw HTML included, exactly
 * as the input had it: the converter does not make such a link; it leaves it for the rule
 * that will convert the tag.
 */
describe("unsafe URLs never go live", () => {
  test("the spellings named in the issue", () => {
    for (const url of [
      "JaVaScRiPt:alert(1)",
      "java&#x09;script:alert(1)",
      "&#106;avascript:alert(1)",
      " javascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
    ]) {
      for (const [which, text] of bodies(url).entries()) {
        const preset = presetFor(which);
        for (const inputFormat of ["text", "html"] as const) {
          const md = convert(text, { inputFormat, preset });
          expect(liveUrls(md.output).filter(isLive)).toEqual([]);
          const json = convert(text, { inputFormat, to: "json", preset });
          expect(jsonUrls(JSON.parse(json.output)).filter((u) => isLive(u))).toEqual([]);
        }
      }
      // markdown input: the shortcode's links are defused too (markup outside shortcodes is the author's, kept byte for byte)
      const md = convert(bodies(url)[0]!, { inputFormat: "markdown" });
      expect(liveUrls(md.output).filter(isLive)).toEqual([]);
      expect(md.messages.some((m) => m.ruleId === "unsafe-url")).toBe(true);
    }
  });

  test(`generated spellings (case, control characters, entities): ${RUNS} runs`, () => {
    fc.assert(
      fc.property(scheme, fc.nat(4), fc.constantFrom("text", "html") as fc.Arbitrary<"text" | "html">, (url, which, inputFormat) => {
        const text = bodies(url)[which]!;
        const md = convert(text, { inputFormat, preset: presetFor(which) });
        expect(liveUrls(md.output).filter(isLive)).toEqual([]);
        const json = convert(text, { inputFormat, to: "json", preset: presetFor(which) });
        expect(jsonUrls(JSON.parse(json.output)).filter(isLive)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

test("regression: an unsafe image inside an unsafe link is defused too (it was left live as the link's text)", () => {
  const text = '[caption id="a" width="300"]<a href="JaVaScRiPt:alert(1)"><img src="JaVaScRiPt:alert(1)" alt="resim" /></a> Altyazı[/caption]\n';
  const out = convert(text, { preset: "wordpress" });
  expect(liveUrls(out.output)).toEqual([]);
  expect(out.messages.filter((m) => m.ruleId === "unsafe-url")).toHaveLength(2);
});
