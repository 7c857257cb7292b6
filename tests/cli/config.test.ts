/**
 * The config file in the CLI: found upward from the working folder or named with --config;
 * validated with a one-line message naming the key; JS configs only when named.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadEngine } from "../../src/run/engine.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

afterEach(cleanupTrees);

const engine = await loadEngine();
const ARTICLE = `Maçın özeti geldi.\n\n[youtube id="abc123" baslik="Özet"]\n\n${box("Derbi öncesi", "https://example.com/derbi/")}\n`;
const RULES = { rules: { youtube: { markdown: "[▶ {{baslik}}](https://www.youtube.com/watch?v={{id}})", required: ["id"] } } };

describe("config file", () => {
  test("shortcode-migrate.config.json is found from the working folder upward and its rules apply", async () => {
    const dir = await tree({ "haber/a.txt": ARTICLE, "shortcode-migrate.config.json": JSON.stringify(RULES) });
    const r = await cli(["convert", "a.txt"], { cwd: path.join(dir, "haber"), engine });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[▶ Özet](https://www.youtube.com/watch?v=abc123)");
    expect(r.stderr).not.toContain("unknown-shortcode");
  });

  test("--locale and --unknown from the command line win over the config and the preset", async () => {
    const dir = await tree({ "a.txt": ARTICLE, "shortcode-migrate.config.json": JSON.stringify({ locale: "tr", unknown: "keep" }) });
    const r = await cli(["convert", "a.txt", "--locale", "en", "--unknown", "comment"], { cwd: dir, engine });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("**Related article**");
    expect(r.stdout).toContain('<!-- [youtube id="abc123" baslik="Özet"] -->');
  });

  test("an invalid config is exit 2, one line naming the key and what was expected", async () => {
    const dir = await tree({ "a.txt": ARTICLE, "shortcode-migrate.config.json": JSON.stringify({ rules: { x: { display: "wide" } } }) });
    const r = await cli(["convert", "a.txt"], { cwd: dir, engine });
    expect(r.code).toBe(2);
    expect(r.last).toContain('invalid config shortcode-migrate.config.json: rules.x.display: expected one of "block", "inline"');
    expect(r.stdout).toBe("");
  });

  test("a JS config in the folder is not run unless named with --config", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    await writeFile(path.join(dir, "shortcode-migrate.config.mjs"), `globalThis.__smigRan = true;\nexport default ${JSON.stringify(RULES)};\n`);
    const implicit = await cli(["convert", "a.txt"], { cwd: dir, engine });
    expect((globalThis as { __smigRan?: boolean }).__smigRan).toBeUndefined();
    expect(implicit.stderr).toContain("shortcode-migrate.config.mjs was not loaded");
    expect(implicit.stdout).toContain('[youtube id="abc123" baslik="Özet"]');
    const named = await cli(["convert", "a.txt", "--config", "shortcode-migrate.config.mjs"], { cwd: dir, engine });
    expect(named.code).toBe(0);
    expect(named.stdout).toContain("[▶ Özet]");
  });

  test("--config naming a missing file is exit 2 with the file's name", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    await mkdir(path.join(dir, "sub"));
    const r = await cli(["check", "a.txt", "--config", "nope.json"], { cwd: dir, engine });
    expect(r.code).toBe(2);
    expect(r.last).toContain("config file not found: nope.json");
  });

  test("--positions adds source positions to JSON output", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    const r = await cli(["convert", "a.txt", "--to", "json", "--positions"], { cwd: dir, engine });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).blocks[0].position.start).toEqual({ line: 1, column: 1, offset: 0 });
  });

  test('preset lists: --preset a,b and a config\'s "preset": [a, b]; an unknown name is exit 2 listing the valid ones', async () => {
    const code = `Kurulum:\n\n[php]echo 1;[/php]\n\n${box("Derbi öncesi", "https://example.com/derbi/")}\n`;
    const dir = await tree({
      "a.txt": code,
      "liste/a.txt": code,
      "liste/shortcode-migrate.config.json": JSON.stringify({ preset: ["sozcu", "syntaxhighlighter"] }),
    });
    const flag = await cli(["convert", "a.txt", "--preset", "sozcu,syntaxhighlighter"], { cwd: dir, engine });
    expect(flag.code).toBe(0);
    expect(flag.stdout).toContain("```php\necho 1;\n```");
    expect(flag.stdout).toContain("**İlgili Haber**");
    const config = await cli(["convert", "a.txt"], { cwd: path.join(dir, "liste"), engine });
    expect(config.stdout).toBe(flag.stdout);
    const bad = await cli(["convert", "a.txt", "--preset", "sozcu,syntax"], { cwd: dir, engine });
    expect(bad.code).toBe(2);
    expect(bad.last).toContain('unknown preset "syntax": expected one or more of sozcu, wordpress, syntaxhighlighter, jetpack, none');
    expect(bad.stdout).toBe("");
  });
});

describe("tag names WordPress refuses", () => {
  test("a config rule named so is a usage error (exit 2), one line per name, naming the character", async () => {
    const rules = { "bad space": { markdown: "X" }, "bad/": { markdown: "Y" }, "&amp;": { markdown: "Z" }, "a=b": { markdown: "Q" }, iyi: { markdown: "R" } };
    const dir = await tree({ "a.txt": ARTICLE, "shortcode-migrate.config.json": JSON.stringify({ rules }) });
    const r = await cli(["convert", "a.txt"], { cwd: dir, engine });
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      "shortcode-migrate: invalid config shortcode-migrate.config.json: " +
        [
          'rules: "bad space" is not a shortcode name WordPress accepts (a space at position 4; add_shortcode() refuses spaces, control characters or & / < > [ ] =)',
          'rules: "bad/" is not a shortcode name WordPress accepts ("/" at position 4; add_shortcode() refuses spaces, control characters or & / < > [ ] =)',
          'rules: "&amp;" is not a shortcode name WordPress accepts ("&" at position 1; add_shortcode() refuses spaces, control characters or & / < > [ ] =)',
          'rules: "a=b" is not a shortcode name WordPress accepts ("=" at position 2; add_shortcode() refuses spaces, control characters or & / < > [ ] =)',
        ].join("; ") +
        " (see 'shortcode-migrate convert --help')",
    ]);
  });

  test("parse --tags with such a name is a usage error (exit 2)", async () => {
    const dir = await tree({ "a.txt": ARTICLE });
    const r = await cli(["parse", "a.txt", "--tags", "youtube,bad/"], { cwd: dir, engine });
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(
      `shortcode-migrate: --tags: "bad/" is not a shortcode name WordPress accepts ("/" at position 4; add_shortcode() refuses spaces, control characters or & / < > [ ] =) (see 'shortcode-migrate parse --help')\n`,
    );
  });
});
