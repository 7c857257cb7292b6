/**
 * The real-content audit (src/audit) over the public WordPress bodies in
 * `../shared/realworld/bodies`: every record, every property, under the `wordpress` preset and
 * under the default one. A clone of the project alone has no such folder: the suite then says
 * so and is skipped (the behaviour it pins is also covered by fixtures/convert/*).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import { archiveFiles, auditArchives, formatFailures } from "../../src/audit/archives.js";
import { checkConversion, PROPERTIES, type Property } from "../../src/audit/audit.js";

const BODIES = join(import.meta.dirname, "../../../shared/realworld/bodies");
const present = existsSync(BODIES);
if (!present) {
  process.stderr.write(`tests/realworld: ${BODIES} is absent, so the real-content audit is skipped (the fixtures under fixtures/convert still run)\n`);
}

describe.each([
  { name: "wordpress", preset: "wordpress" as const },
  { name: "default (sozcu)", preset: undefined },
])("audit of the shared bodies, preset $name", ({ preset }) => {
  (present ? test : test.skip)("every record keeps every property", () => {
    const report = auditArchives(archiveFiles([BODIES]), { preset });
    expect(report.archives.map((archive) => archive.archive).sort()).toEqual(["a11y-unit-test-data", "hexo-demo-site"]);
    expect(report.records.length).toBeGreaterThanOrEqual(83);
    // the failing records with their reasons, so a failure says what broke where
    expect(formatFailures(report)).toBe("");
    for (const archive of report.archives)
      for (const property of PROPERTIES) expect([archive.archive, property, archive.failing[property]]).toEqual([archive.archive, property, 0]);
  });
});

// The audit must be able to fail: each property on a conversion damaged the way real ones were.
describe("the audit's checks fail on damaged conversions", () => {
  const json = (urls: string[]) => JSON.stringify({ version: 1, blocks: urls.map((url) => ({ type: "paragraph", content: [{ type: "text", text: url }] })) });
  const cases: Array<{ property: Property; body: string; markdown: string; urls?: string[]; again?: string }> = [
    { property: "words", body: "<p>Birinci cümle.</p>\n\nİkinci cümle.", markdown: "Birinci cümle.\n" },
    { property: "urls", body: '[video src="https://example.com/a.mp4"]', markdown: "video\n", urls: [] },
    { property: "links", body: '<a href="#fn1">[1]</a>', markdown: "\\[1]\n", urls: ["#fn1"] },
    {
      property: "links",
      body: "Bak: https://example.com/a_b/?x=1&y=2 sonra",
      markdown: "Bak: https://example.com/a\\_b/?x=1\\&y=2 sonra\n",
      urls: ["https://example.com/a_b/?x=1&y=2"],
    },
    {
      property: "images",
      body: '<img src="https://example.com/a.jpg" alt="a">',
      markdown: "[a](https://example.com/a.jpg)\n",
      urls: ["https://example.com/a.jpg"],
    },
    { property: "pre", body: "<pre>if (a) {\n  b();\n}</pre>", markdown: "```\nif (a) {\n\nb();\n```\n\n}\n" },
    { property: "inline", body: "Bir <del>eski</del> söz.", markdown: "Bir\n\neski\n\nsöz.\n" },
    { property: "leaks", body: "<script>\nx()\n</script>", markdown: "\\<script>\\<br data-nl>x()\n" },
    { property: "idempotent", body: "Metin.", markdown: "Metin.\n", again: "Metin\\.\n" },
  ];
  test.each(cases)("$property: $body", ({ property, body, markdown, urls, again }) => {
    const failures = checkConversion(body, { markdown, json: json(urls ?? []), again: again ?? markdown });
    expect(failures.map((failure) => failure.property)).toContain(property);
  });

  test("an intact conversion passes every property", () => {
    const body = 'Bir <del>eski</del> söz, <a href="https://example.com/">bağlantı</a>.\n\n<pre>a\n\nb</pre>';
    const markdown = "Bir ~~eski~~ söz, [bağlantı](https://example.com/).\n\n```\na\n\nb\n```\n";
    expect(checkConversion(body, { markdown, json: json(["https://example.com/"]), again: markdown })).toEqual([]);
  });
});
