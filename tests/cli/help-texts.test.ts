/**
 * Help texts say what applies, once, one way: `check` has no `--positions`; `convert` names every
 * extension a folder is walked for; choices and defaults read `(one of: a, b; default: x)` in every
 * command. And a `[` inside a markdown code span is code: no message about it.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { loadEngine } from "../../src/run/engine.js";
import { DEFAULT_EXTENSIONS } from "../../src/io/expand.js";
import { cleanupTrees, cli, tree } from "./helpers.js";

afterEach(cleanupTrees);

/** Help as one line per option: continuation lines joined to their option. */
function options(help: string): string[] {
  const section = help.slice(help.indexOf("Options:\n") + 9, help.indexOf("\n\n", help.indexOf("Options:\n")));
  return section.split(/\n(?= {2}-)/).map((entry) => entry.replace(/\s+/g, " ").trim());
}

describe("help texts", () => {
  test("check --help does not offer --positions (check compares markdown); convert --help does", async () => {
    const check = await cli(["check", "--help"]);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain("--positions");
    expect((await cli(["convert", "--help"])).stdout).toContain("--positions");
    const r = await cli(["check", "x.txt", "--positions"]);
    expect(r.code).toBe(2);
    expect(r.last).toBe("shortcode-migrate: unknown option '--positions' (see 'shortcode-migrate check --help')");
  });

  test("convert --help names every extension a folder is walked for, and how auto reads each", async () => {
    const help = (await cli(["convert", "--help"])).stdout.replace(/\s*\n\s*/g, " ");
    expect(DEFAULT_EXTENSIONS).toEqual([".txt", ".md", ".markdown", ".html", ".htm"]);
    expect(help).toContain("folders (walked for .txt, .md, .markdown, .html, .htm)");
    expect(help).toContain(
      "auto goes by extension: .md/.markdown markdown, .html/.htm HTML, .ndjson/.jsonl an NDJSON archive, .xml a WordPress export when it is one (convert), else text",
    );
  });

  test.each(["convert", "check", "scan", "parse"])("%s --help writes choices and defaults one way", async (command) => {
    const help = (await cli([command, "--help"])).stdout;
    const lines = options(help);
    for (const line of lines) {
      // one parenthesis of extra information at most, always at the end, values unquoted
      expect([line, line.match(/\((?:one of|default):/g)?.length ?? 0]).toEqual([line, line.includes("(one of:") || line.includes("(default:") ? 1 : 0]);
      expect(line).not.toMatch(/choices:|default: "/);
      expect(line).not.toMatch(/\(default:[^)]*\) \(/);
    }
    expect(lines.find((l) => l.startsWith("--compat"))).toBe("--compat <mode> parser compatibility (one of: repair, wordpress; default: repair)");
    if (command !== "parse") expect(lines.find((l) => l.startsWith("--ignore"))).toMatch(/^--ignore <pattern> leave out paths/);
    if (command === "convert" || command === "check") {
      expect(lines.find((l) => l.startsWith("--preset"))).toBe(
        "--preset <names> rule presets, comma-separated, a later one winning for the same tag (one of: sozcu, wordpress, syntaxhighlighter, jetpack, none; default: sozcu)",
      );
      expect(lines.find((l) => l.startsWith("--timeout"))).toMatch(/; 0: no limit \(default: 60\)$/);
      expect(lines.find((l) => l.startsWith("-t, --to") || l.startsWith("-f, --format"))).toMatch(/\(one of: [a-z]+(, [a-z]+)+; default: [a-z]+\)$/);
    }
  });
});

test("a `[` inside a code span or code block of a markdown input gets no message; outside, it still does", async () => {
  const engine = await loadEngine();
  const dir = await tree({
    "kod.md": "Bir not: `[` ile başlayan satırlar ve `[old_news_related_template` gibi.\n\n```\n[gallery\n```\n\nSon `]` ve ``[[x]`` bitti.\n",
    "acik.md": "Metin `[` ve dışarıda [bozuk kaldı.\n",
  });
  const clean = await cli(["convert", "kod.md", "--dry-run", "--verbose"], { cwd: dir, engine });
  expect(clean.code).toBe(0);
  expect(clean.stderr).not.toMatch(/unclosed-shortcode|info/);
  expect(clean.last).toMatch(/^✔ 1 file \(dry run: nothing written\): 0 would change, 1 up to date, 0 skipped · 0 warnings · 0 errors/);
  const gate = await cli(["check", "kod.md", "--verbose", "--format", "json"], { cwd: dir, engine });
  expect(gate.code).toBe(0);
  expect(JSON.parse(gate.stdout)).toEqual([expect.objectContaining({ messages: [] })]);
  const open = await cli(["convert", "acik.md", "--dry-run", "--verbose"], { cwd: dir, engine });
  expect(open.stderr).toContain("acik.md:1:23  info  `[bozuk` is never closed with `]`; kept as text  unclosed-shortcode");
  expect(open.stderr).not.toContain("acik.md:1:7");
});
