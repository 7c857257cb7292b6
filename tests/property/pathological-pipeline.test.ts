/**
 * Hostile inputs through the whole converter (not only the parser) in bounded time and memory.
 * No absolute limits for the ladders: each input is converted at n/4 and n, and the 4x step may
 * cost at most 10x in time (linear ≈ 4x, quadratic ≈ 16x), timings floored at 20 ms. The big
 * single article is 10 MB by default (50 MB with PATHOLOGICAL_BIG=50; both measured on 2 cores).
 */
import { describe, expect, test } from "@jest/globals";
import { convert } from "../../src/convert/index.js";
import type { ConvertOptions } from "../../src/convert/types.js";

const TAG = "old_news_related_template";
const box = (i: number) => `[${TAG} title="Başlık ${i}" desc="Özet" image="https://example.com/${i}.jpg" link="https://example.com/h/${i}/"]`;

function time(text: string, options: ConvertOptions): number {
  const started = performance.now();
  const result = convert(text, options);
  expect(typeof result.output).toBe("string");
  return performance.now() - started;
}

/** The 4x step costs at most 10x (measured twice before it fails: the machine is shared). */
function expectLinear(build: (n: number) => string, n: number, options: ConvertOptions = {}): void {
  const small = build(n / 4);
  const large = build(n);
  let ratio = Infinity;
  for (let attempt = 0; attempt < 2 && ratio > 10; attempt++) {
    const a = Math.max(20, Math.min(time(small, options), time(small, options)));
    const b = Math.max(20, time(large, options));
    ratio = b / a;
  }
  expect(ratio).toBeLessThanOrEqual(10);
}

describe("pathological inputs, whole pipeline", () => {
  const cases: Array<[string, (n: number) => string, number, ConvertOptions?]> = [
    ["10^4 related-news boxes in one article", (n) => Array.from({ length: n }, (_, i) => box(i)).join("\n\n"), 10_000],
    ["10^5 unknown shortcodes inline", (n) => '[gallery ids="1"] '.repeat(n), 100_000],
    ["deep nesting of closed shortcodes", (n) => "[caption]".repeat(n) + "metin" + "[/caption]".repeat(n), 4000, { preset: "wordpress" }],
    ["deep HTML nesting", (n) => "<div>".repeat(n) + "metin" + "</div>".repeat(n), 4000, { inputFormat: "html" }],
    ["unterminated quotes", (n) => `[${TAG} title="`.repeat(n), 20_000],
    ["alternating quote styles", (n) => `[${TAG} ` + `a="'b' c='"d" `.repeat(n) + "]", 20_000],
    ["opening brackets only", (n) => "[".repeat(n), 200_000],
    ["brackets and quotes", (n) => '[a="]'.repeat(n), 50_000],
    ["HTML tags with unclosed quotes", (n) => '<a href="x '.repeat(n), 20_000],
    ["entities", (n) => "&amp;&#8217;&bogus;&#x110000;".repeat(n), 50_000],
    // one long paragraph of inline tags and no entity: the inline-HTML scanner looked for the next `&` on every tag
    ["10^5 inline tags in one paragraph", (n) => "Metin <b>kalın</b> ".repeat(n), 160_000],
    // a paragraph of 2·10^5 single line ends: its line breaks were pushed as spread arguments (a RangeError past ~10^5)
    ["10^5 line breaks in one paragraph", (n) => "satır bir iki\n".repeat(n), 200_000],
    // a markdown body full of boxes: each box looked back to the body's start for a CR
    [
      "a markdown body of 10^4 boxes",
      (n) => Array.from({ length: n }, (_, i) => `# Başlık ${i}\n\n${box(i)}`).join("\n\n"),
      16_000,
      { inputFormat: "markdown" },
    ],
  ];
  for (const [name, build, n, options] of cases) {
    test(name, () => expectLinear(build, n, options));
  }

  test(`one big article (${process.env.PATHOLOGICAL_BIG ?? 10} MB): converts, memory bounded`, () => {
    const megabytes = Number(process.env.PATHOLOGICAL_BIG ?? 10);
    const paragraph = "Dağlık Karabağ konusunda son gelişmeleri değerlendiren Bakan, “açıklamalarda” bulundu.\n\n";
    const unit = paragraph.repeat(9) + box(1) + "\n\n";
    const text = unit.repeat(Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(unit)));
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const result = convert(text);
    const seconds = (performance.now() - started) / 1000;
    const grew = (process.memoryUsage().rss - before) / (1024 * 1024);
    expect(result.output.length).toBeGreaterThan(text.length / 2);
    expect(seconds).toBeLessThan(60);
    // generous: the AST, mdast and output strings of a 10 MB body; a leak or quadratic copy is far above
    expect(grew).toBeLessThan(megabytes * 150);
  });
});
