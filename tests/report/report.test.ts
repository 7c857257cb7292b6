import { Chalk } from "chalk";
import { describe, expect, test } from "@jest/globals";
import { CensusBuilder, formatCensusText, tagAt, valueShape } from "../../src/report/census.js";
import { changedLineRanges, colorizeDiff, unifiedDiff } from "../../src/report/diff.js";
import { formatGithub } from "../../src/report/github.js";
import { formatMessage } from "../../src/report/stylish.js";
import { formatSummary } from "../../src/report/summary.js";
import { Progress } from "../../src/cli/progress.js";
import type { ReportMessage } from "../../src/report/types.js";

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });
const message: ReportMessage = {
  file: "a.txt",
  line: 3,
  column: 7,
  endLine: 3,
  endColumn: 9,
  severity: "warning",
  ruleId: "repaired-quotes",
  reason: "texturized\nquotes",
};

describe("reporters are pure and colourless at level 0", () => {
  test("stylish line", () => {
    expect(formatMessage(message, plain)).toBe("a.txt:3:7  warning  texturized quotes  repaired-quotes");
    expect(formatMessage(message, colour)).toContain("\x1b[33mwarning");
  });

  test("github annotations escape data and properties", () => {
    expect(formatGithub([{ ...message, file: "a,b:c.txt", reason: "50% off\nnow" }])).toBe(
      "::warning file=a%2Cb%3Ac.txt,line=3,col=7,endLine=3,endColumn=9,title=repaired-quotes::50%25 off%0Anow\n",
    );
  });

  test("summary with grouped skip reasons", () => {
    const line = formatSummary(
      {
        command: "convert",
        files: 6,
        converted: 2,
        upToDate: 1,
        skipped: [
          { file: "a", reason: "link to a folder, not followed" },
          { file: "b", reason: "link to a folder, not followed" },
        ],
        failed: [{ file: "c", reason: "invalid UTF-8" }],
        ignored: 0,
        warnings: 1,
        errors: 1,
        durationMs: 1534,
        dryRun: false,
      },
      plain,
    );
    expect(line).toBe(
      "✖ 6 files: 2 converted, 1 up to date, 2 skipped (link to a folder, not followed: a, b), 1 failed (invalid UTF-8: c) · 1 warning · 1 error · 1.5 s",
    );
  });

  test("diffs: unified, coloured on request, changed line ranges", () => {
    const patch = unifiedDiff("a.txt", "a.md", "x\ny\nz\n", "x\nY\nz\n");
    expect(patch).toBe("--- a/a.txt\n+++ b/a.md\n@@ -1,3 +1,3 @@\n x\n-y\n+Y\n z\n");
    expect(colorizeDiff(patch, plain)).toBe(patch);
    expect(colorizeDiff(patch, colour)).toContain("\x1b[31m-y");
    expect(unifiedDiff("a", "a", "same", "same")).toBe("");
    expect(changedLineRanges("a\nb\nc\nd\n", "a\nB\nc\nD\nE\n")).toEqual([
      [2, 2, 2],
      [4, 4, 4],
    ]);
  });
});

describe("census", () => {
  test("value shapes", () => {
    expect(["https://x.y/z", "//cdn/x.jpg", "", "  ", "12", "3,5", "-7", "metin", "12 Ekim"].map(valueShape)).toEqual([
      "url",
      "url",
      "empty",
      "empty",
      "number",
      "number",
      "number",
      "text",
      "text",
    ]);
  });

  test("tagAt reads the tag name at a diagnostic's position", () => {
    expect(tagAt('x [gallery ids="1"', 2)).toBe("gallery");
    expect(tagAt("[/caption]", 0)).toBe("caption");
    expect(tagAt("plain", 0)).toBeNull();
  });

  test("text census of an empty corpus", () => {
    const census = new CensusBuilder().finish(() => true);
    expect(formatCensusText(census, plain)).toBe(
      "0 shortcodes of 0 tags in 0 files (0.0 kB)\n\nMalformed uses: none\nTags not covered by the active rules: none\n",
    );
  });
});

test("progress bar text: files, MB/s, ETA", () => {
  const written: string[] = [];
  let t = 0;
  const bar = new Progress({ write: (s: string) => written.push(s), columns: 200 }, 4, 4_000_000, () => t);
  t = 1000;
  bar.tick(1_000_000);
  expect(bar.render(1000)).toBe("[██████░░░░░░░░░░░░░░░░░░] 1/4 files · 1.0 MB/s · ETA 3s");
  expect(written[0]).toMatch(/^\r\x1b\[2K\[/);
  bar.clear();
  expect(written.at(-1)).toBe("\r\x1b[2K");
});

describe("reason text and report names", () => {
  test("reasonParts splits prose from backtick code spans, as markdown does", async () => {
    const { reasonParts } = await import("../../src/report/reason.js");
    expect(reasonParts("`[x` is never closed with `]`; kept")).toEqual([
      { code: true, text: "[x" },
      { code: false, text: " is never closed with " },
      { code: true, text: "]" },
      { code: false, text: "; kept" },
    ]);
    expect(reasonParts("a `` b`c `` d")).toEqual([
      { code: false, text: "a " },
      { code: true, text: "b`c" },
      { code: false, text: " d" },
    ]);
    expect(reasonParts("one ` lone and `` unclosed")).toEqual([{ code: false, text: "one ` lone and `` unclosed" }]);
    expect(reasonParts("")).toEqual([]);
  });

  test("unifiedDiff writes headers as git does for absolute paths; convertedName names a JSON output", async () => {
    const { convertedName } = await import("../../src/report/diff.js");
    expect(unifiedDiff("/tmp/x/a.txt", "/tmp/out/a.md", "a\n", "b\n").split("\n").slice(0, 2)).toEqual(["--- a/tmp/x/a.txt", "+++ b/tmp/out/a.md"]);
    expect(convertedName("news/a.md", ".json")).toBe("news/a.json");
    expect(convertedName("news/v1.2/a", ".json")).toBe("news/v1.2/a.json");
    expect(convertedName("news/a.txt", undefined)).toBe("news/a.txt");
    expect(convertedName("<stdin>", ".json")).toBe("<stdin>");
  });

  test("the .md report: reasons as written, with code spans; pipes and markup escaped", async () => {
    const { formatMarkdownReport } = await import("../../src/report/markdown.js");
    const message = (reason: string) => ({ file: "a.txt", line: 1, column: 1, endLine: 1, endColumn: 2, severity: "warning" as const, ruleId: "r", reason });
    const md = formatMarkdownReport(
      { command: "convert", files: 1, converted: 0, upToDate: 1, skipped: [], failed: [], ignored: 0, warnings: 4, errors: 0, durationMs: 5, dryRun: false },
      [
        {
          file: "a.txt",
          status: "unchanged",
          output: null,
          changed: false,
          shortcodes: {},
          messages: [
            message("`[old_news_related_template` is never closed with `]`; kept as text"),
            message('Positional value "a|b" of [x] *not* rendered, see [y](z) &amp; <b> or snake_case or _this_'),
            message("code with a pipe `a|b` and a backtick `` x`y ``"),
            message("multi\n  line"),
          ],
        },
      ],
      { name: "shortcode-migrate", version: "0" },
    );
    const cells = md
      .split("\n")
      .filter((l) => l.startsWith("| `a.txt:"))
      .map((l) => l.slice("| `a.txt:1:1` | warning | ".length, -" | `r` |".length));
    expect(cells).toEqual([
      "`[old_news_related_template` is never closed with `]`; kept as text",
      'Positional value "a\\|b" of [x] \\*not\\* rendered, see [y\\](z) \\&amp; \\<b> or snake_case or \\_this\\_',
      "code with a pipe `a\\|b` and a backtick ``x`y``",
      "multi line",
    ]);
  });
});
