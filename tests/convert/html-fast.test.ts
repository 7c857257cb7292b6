/**
 * The fast HTML path must give exactly what rehype-parse + rehype-remark give, whenever it
 * answers at all; and it must answer for most HTML paragraphs of ordinary articles (or it
 * is dead weight).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RootContent } from "mdast";
import { convert } from "../../src/convert/index.js";
import { fastHtmlToMdast } from "../../src/convert/html.js";
import { htmlToMdastProbe, rehypeHtmlToMdast, type RenderPlaceholder } from "../../src/convert/html.js";
import { hasNoSpecialSpaces } from "../../src/convert/text.js";
import type { ConvertOptions, InputFormat } from "../../src/convert/types.js";

const ROOT = join(import.meta.dirname, "../..");
const CORPUS = join(ROOT, "bench/.corpus/2000-20201010-v1/archive.ndjson");

/** Deep copy without `position` (rehype's and ours differ by design; both are dropped later). */
function strip(nodes: unknown): unknown {
  return JSON.parse(JSON.stringify(nodes, (key, value: unknown) => (key === "position" ? undefined : value)));
}

/** Same tree, same key order (JSON output follows insertion order). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

interface Tally {
  total: number;
  /** Fragments holding an `<img>` (a `[caption]`'s image): outside the subset, left to rehype. */
  images: number;
  fast: number;
  mismatches: { html: string; breaks: boolean; fast: unknown; rehype: unknown }[];
}

/**
 * Runs `convert` with the probe on: every HTML paragraph is converted both ways and compared.
 * A paragraph met again (the markdown and JSON conversions of one body meet the same ones) is
 * counted but not compared again: the two paths differ only in the tree they build from the
 * HTML and `breaks` (whether the fast path answers depends on nothing else); the placeholders
 * are spliced into either tree by the same code afterwards.
 */
function compareDuring(run: () => void): Tally {
  const tally: Tally = { total: 0, fast: 0, images: 0, mismatches: [] };
  const compared = new Set<string>();
  htmlToMdastProbe.observe = (html, render, raw, breaks, plainSpaces) => {
    const observe = htmlToMdastProbe.observe;
    htmlToMdastProbe.observe = undefined; // render() may re-enter htmlToMdast
    try {
      tally.total++;
      if (/<img\b/i.test(html)) tally.images++;
      // (with the converter's plainSpaces: skipping the space normalizing must change nothing)
      const fast = fastHtmlToMdast(html, render, raw, breaks, plainSpaces);
      if (fast === null) return;
      tally.fast++;
      const key = `${breaks ? 1 : 0}${plainSpaces ? 1 : 0}${html}`;
      if (compared.has(key)) return;
      compared.add(key);
      const rehype = rehypeHtmlToMdast(html, render, raw, breaks);
      if (!sameJson(fast, rehype) && tally.mismatches.length < 5) tally.mismatches.push({ html, breaks, fast: strip(fast), rehype: strip(rehype) });
      else if (!sameJson(fast, rehype)) tally.mismatches.push({ html, breaks, fast: null, rehype: null });
    } finally {
      htmlToMdastProbe.observe = observe;
    }
  };
  try {
    run();
  } finally {
    htmlToMdastProbe.observe = undefined;
  }
  return tally;
}

/**
 * How many corpus bodies are converted (each to markdown and to JSON). The generator draws each
 * article's shapes at random; 1,000 articles hold about 6,000 HTML paragraphs, every shape many times.
 */
const BODIES = 1000;

async function corpusBodies(): Promise<string[]> {
  if (existsSync(CORPUS)) {
    return readFileSync(CORPUS, "utf8")
      .split("\n")
      .filter(Boolean)
      .slice(0, BODIES)
      .map((line) => (JSON.parse(line) as { body: string }).body);
  }
  // bench/.corpus is not committed: the generator is deterministic, make the same articles.
  const modulePath = join(ROOT, "bench/corpus.mjs");
  const { generateCorpus } = (await import(modulePath)) as { generateCorpus: (options: { articles: number; seed?: number }) => { body: string }[] };
  return generateCorpus({ articles: BODIES }).map((article) => article.body);
}

describe("fast HTML path equals rehype", () => {
  test("first 1,000 corpus bodies: equal wherever it answers, and it answers for (almost) all", async () => {
    const bodies = await corpusBodies();
    expect(bodies.length).toBe(BODIES);
    const tally = compareDuring(() => {
      for (const body of bodies) {
        convert(body);
        convert(body, { to: "json" });
      }
    });
    expect(tally.mismatches).toEqual([]);
    expect(tally.total).toBeGreaterThan(1000);
    // Outside its captions' images (the default preset converts `[caption]`), the corpus only holds
    // the subset's markup (strong, a, br, entities such as &amp;): every such paragraph should take
    // the fast path; a drop here means a fallback crept back in.
    expect(tally.fast / (tally.total - tally.images)).toBeGreaterThan(0.99);
  });

  test("fixtures/convert/*: equal wherever it answers", () => {
    const inputs: Record<string, InputFormat> = { "input.txt": "text", "input.md": "markdown", "input.html": "html" };
    const dir = join(ROOT, "fixtures/convert");
    const tally = compareDuring(() => {
      for (const name of readdirSync(dir)) {
        for (const [file, inputFormat] of Object.entries(inputs)) {
          const path = join(dir, name, file);
          if (!existsSync(path)) continue;
          const optionsFile = join(dir, name, "options.json");
          const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, "utf8")) as ConvertOptions) : {};
          const input = readFileSync(path, "utf8");
          convert(input, { ...options, inputFormat });
          convert(input, { ...options, inputFormat, to: "json" });
        }
      }
    });
    expect(tally.mismatches).toEqual([]);
    expect(tally.total).toBeGreaterThan(0);
    expect(tally.fast).toBeGreaterThan(0);
  });

  // Placeholder n renders as: inline text with edge spaces (trimmed next to a break, which
  // mutates it), inline emphasis, or a block node (which splits the paragraph).
  const render: RenderPlaceholder = (index) => {
    if (index % 3 === 0) return { nodes: [{ type: "text", value: ` sc${index} ` }], display: "inline" };
    if (index % 3 === 1) return { nodes: [{ type: "emphasis", children: [{ type: "text", value: `e${index}` }] }], display: "inline" };
    return { nodes: [{ type: "embed", kind: "iframe", url: `https://x.test/${index}`, title: null } as unknown as RootContent], display: "block" };
  };
  const raw = (index: number) => `[sc n="${index}"]`;

  const words = [
    "Ankara",
    "İzmir’de",
    "ğüşıöç",
    "ÇĞİÖŞÜ",
    "a",
    "1,5",
    "“alıntı”",
    "x.",
    ">",
    "=",
    "'",
    '"',
    ";",
    "#",
    "AT&T",
    "& b",
    "lt;",
    "#39;",
    "amp;",
    "x27;",
  ];
  const spaces = [" ", "  ", "\n", " \n ", "\n\n", "\t", " \t", "\u00a0", " \u00a0 ", "\u202f", "\u200b", "\ufeff"];
  const entities = [
    "&amp;",
    "&#8217;",
    "&nbsp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#x201C;",
    "&hellip;",
    "&rsquo;",
    "&#39;",
    "&#32;",
    "&#10;",
    "&#160;",
    "&notit;",
    "&copy",
    "&amp",
    "&#128;",
    "&bogus;",
    "&",
    "&AMP;",
    "&amp;amp;",
    "&amp;#39;",
  ];
  const placeholders = ["\ue0000\ue001", "\ue0001\ue001", "\ue0002\ue001", "\ue0003\ue001"];
  const hrefs = [
    'href="https://www.haber.example/2020/gundem/a-1/"',
    'href=""',
    'href="/y?a=1&amp;b=2"',
    'href="/y?a=1&b=2"',
    'href="x y"',
    'href="&#8217;"',
    'href="a\nb"',
  ];
  const extras = ['title="Başlık  iki "', 'title=""', 'title=" \n "', 'target="_blank"', 'rel="noopener noreferrer"', 'title="a&amp;b"', 'class="x"'];
  const bad = [
    "<span>",
    "</span>",
    "<",
    "< b",
    "<!-- c -->",
    '<img src="x">',
    "<p>",
    "</p>",
    "<STRONG>",
    "</br>",
    "<br/ >",
    "<a>",
    "</a>",
    "</strong>",
    "<b >",
    "<sup >",
    "<DEL>",
    "<abbr>",
  ];

  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...words) },
    { weight: 5, arbitrary: fc.constantFrom(...spaces) },
    { weight: 3, arbitrary: fc.constantFrom(...entities) },
    { weight: 2, arbitrary: fc.constantFrom(...placeholders) },
    { weight: 2, arbitrary: fc.constantFrom("<br>", "<br />", "<br/>") },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );
  const aOpen = fc
    .tuple(fc.subarray(hrefs, { maxLength: 1 }), fc.subarray(extras, { maxLength: 3 }), fc.constantFrom(" ", "  ", "\n"), fc.constantFrom("", " "))
    .map(([href, more, sep, end]) => `<a${[...href, ...more].map((attribute) => sep + attribute).join("")}${end}>`);
  const { snippet } = fc.letrec<{ snippet: string; element: string }>((tie) => ({
    snippet: fc.array(fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: tie("element") }), { maxLength: 8 }).map((parts) => parts.join("")),
    element: fc.oneof(
      fc.tuple(fc.constantFrom("strong", "b", "em", "i"), tie("snippet")).map(([tag, inner]) => `<${tag}>${inner}</${tag}>`),
      // strikethrough, and the elements kept as inline HTML tags around their content
      fc.tuple(fc.constantFrom("del", "s", "strike", "sup", "sub", "ins", "u", "mark", "q"), tie("snippet")).map(([tag, inner]) => `<${tag}>${inner}</${tag}>`),
      fc.tuple(aOpen, tie("snippet")).map(([open, inner]) => `${open}${inner}</a>`),
      // inline code: taken holding text that no white space rule changes
      fc
        .constantFrom("get_the_ID()", "a b", "&lt;div&gt;", "x&amp;y", " lead", "trail ", "a  b", "a\nb", "\t", "", "<b>x</b>", "\ue0000\ue001", "&nbsp;x")
        .map((inner) => `<code>${inner}</code>`),
    ),
  }));

  test("generated snippets: equal wherever it answers (5,000 runs)", () => {
    let answered = 0;
    fc.assert(
      fc.property(snippet, fc.boolean(), (html, breaks) => {
        // plainSpaces as the converter sets it (a body without special spaces, a fragment without
        // `&`): skipping the space normalizing then must change nothing
        const plainSpaces = hasNoSpecialSpaces(html) && !html.includes("&");
        const fast = fastHtmlToMdast(html, render, raw, breaks, plainSpaces);
        if (fast === null) return;
        answered++;
        const rehype = rehypeHtmlToMdast(html, render, raw, breaks);
        expect(strip(fast)).toEqual(strip(rehype));
        expect(sameJson(fast, rehype)).toBe(true);
      }),
      { numRuns: Number(process.env.HTML_FAST_RUNS ?? 5000) },
    );
    // The generator must exercise the fast path, not only its refusals.
    expect(answered).toBeGreaterThan(1500);
  });

  test("an <a> without a URL is left to rehype (found by the property above: a break at its edge, then a space)", () => {
    for (const html of ["<a><br> 0</a>", '<a title="x">metin</a>', '<a href=" ">metin</a>']) {
      for (const breaks of [false, true]) expect(fastHtmlToMdast(html, render, raw, breaks)).toBeNull();
    }
    expect(fastHtmlToMdast('<a href="https://www.sozcu.com.tr/">Sözcü</a>', render, raw, false)).not.toBeNull();
  });
});
