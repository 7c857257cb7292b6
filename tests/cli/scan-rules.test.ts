/**
 * scan counts what WordPress would read as shortcodes, against the rules in force: `--preset`
 * and `--config` decide which tags are covered; markdown links and brackets inside scripts are
 * not counted as tags (said once, in a "not counted" line).
 */
import { afterEach, expect, test } from "@jest/globals";
import { loadEngine } from "../../src/run/engine.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

afterEach(cleanupTrees);
const engine = await loadEngine();

const ARTICLE =
  `Maçın özeti: [caption id="a1" width="300"]<img src="https://example.com/mac.jpg"> Gol anı[/caption]\n\n` +
  `[youtube id="abc123" baslik="Özet"]\n\n${box("Derbi öncesi", "https://example.com/derbi/")}\n`;

test("scan: the default (sozcu) and --preset wordpress cover [caption]; --preset none does not", async () => {
  const dir = await tree({ "a.txt": ARTICLE });
  const plain = await cli(["scan", "a.txt"], { cwd: dir, engine });
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain("caption  1 use in 1 file  (1 closed, covered)");
  expect(plain.stdout).toContain("Tags not covered by the active rules: youtube\n");
  const none = await cli(["scan", "a.txt", "--preset", "none"], { cwd: dir, engine });
  expect(none.stdout).toContain("caption  1 use in 1 file  (1 closed, not covered by the active rules)");
  const wordpress = await cli(["scan", "a.txt", "--preset", "wordpress"], { cwd: dir, engine });
  expect(wordpress.code).toBe(0);
  expect(wordpress.stdout).toContain("caption  1 use in 1 file  (1 closed, covered)");
  expect(wordpress.stdout).toContain("Tags not covered by the active rules: old_news_related_template, youtube\n");
  expect(wordpress.last).toMatch(/^✔ 1 file: 1 scanned, 0 skipped/);
  const bad = await cli(["scan", "a.txt", "--preset", "joomla"], { cwd: dir, engine });
  expect([bad.code, bad.stdout]).toEqual([2, ""]);
  expect(bad.last).toMatch(
    /option '--preset <names>' argument 'joomla' is invalid. unknown preset "joomla": expected one or more of sozcu, wordpress, syntaxhighlighter, jetpack, none/,
  );
});

test("scan --config (and the config found upward) adds its rules to what is covered; a bad config is exit 2", async () => {
  const config = { preset: "wordpress", rules: { youtube: { markdown: "[▶ {{baslik}}](https://www.youtube.com/watch?v={{id}})" } } };
  const dir = await tree({ "a.txt": ARTICLE, "kurallar.json": JSON.stringify(config), "bozuk.json": JSON.stringify({ rules: { "a b": {} } }) });
  const named = await cli(["scan", "a.txt", "--config", "kurallar.json", "--format", "json"], { cwd: dir, engine });
  expect(named.code).toBe(0);
  const census = JSON.parse(named.stdout);
  expect(census.uncovered).toEqual(["old_news_related_template"]);
  expect(Object.fromEntries(census.tags.map((t: { tag: string; covered: boolean }) => [t.tag, t.covered]))).toEqual({
    caption: true,
    youtube: true,
    old_news_related_template: false,
  });
  const found = await tree({ "a.txt": ARTICLE, "shortcode-migrate.config.json": JSON.stringify(config) });
  expect((await cli(["scan", "a.txt"], { cwd: found, engine })).stdout).toContain("Tags not covered by the active rules: old_news_related_template\n");
  const broken = await cli(["scan", "a.txt", "-c", "bozuk.json"], { cwd: dir, engine });
  expect([broken.code, broken.stdout]).toEqual([2, ""]);
  expect(broken.last).toMatch(/^shortcode-migrate: invalid config bozuk.json: rules: "a b" is not a shortcode name WordPress accepts/);
});

test("scan does not count markdown links or brackets inside <script> as tags", async () => {
  const dir = await tree({
    "notlar.md":
      'Kaynak: [https://example.com/haber](https://example.com/haber) ve ![foto](https://example.com/f.jpg)\n\n[kaynak]: https://example.com/\n\n[gallery ids="1,2"]\n',
    "sayfa.html":
      '<p>Giriş</p>\n<script type="text/javascript">\nvar a = b[0]; c[12] = [1, 2];\n</script>\n<style>li[data-x] { color: red }</style>\n<p>[gallery ids="3"]</p>\n',
  });
  const r = await cli(["scan", "."], { cwd: dir, engine });
  expect(r.code).toBe(0);
  expect(r.stdout.split("\n")[0]).toBe("2 shortcodes of 1 tag in 2 files (0.3 kB)");
  expect(r.stdout).toContain("gallery  2 uses in 2 files  (2 single, covered)");
  expect(r.stdout).not.toMatch(/^(https:|foto|kaynak|0|12|1,|data-x)\s/m);
  expect(r.stdout).toContain("Not counted as shortcodes: 3 markdown links, 4 brackets inside <script>/<style>\n");
  expect(r.stdout).toContain("Tags not covered by the active rules: none\n");
  const json = JSON.parse((await cli(["scan", ".", "--format", "json"], { cwd: dir, engine })).stdout);
  expect(json.notCounted).toEqual({ markdownLinks: 3, inScripts: 4 });
  // with a rule for the tag, a use is counted wherever the converter would convert it
  const ruled = await tree({ "a.md": '[video src="https://example.com/v.mp4"](kaynak)\n' });
  const covered = await cli(["scan", "a.md", "--preset", "wordpress"], { cwd: ruled, engine });
  expect(covered.stdout).toContain("video  1 use in 1 file  (1 single, covered)");
});
