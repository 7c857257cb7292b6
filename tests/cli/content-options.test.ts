/**
 * The CLI side of the converter's nothing-lost options: `--body-format markdown` re-reads an
 * NDJSON archive of this tool's own output (the re-read used to treat the markdown as article
 * text and report most records as "would change"), `--strip-tags`, `--keep-block-comments`.
 * In-process; exit code, stdout and stderr asserted.
 */
import { existsSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import type { Engine } from "../../src/run/engine.js";
import { loadEngine } from "../../src/run/engine.js";
import { box, cleanupTrees, cli, tree } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});
afterEach(cleanupTrees);

/** An archive in the shape of a Gutenberg-era news site (headings, quotes, lists, a box). */
const archive =
  [
    {
      id: "h1",
      body: "<!-- wp:paragraph -->\n<p>Ankara’da ’’kritik’’ toplantı.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2>Ayrıntılar</h2>\n<!-- /wp:heading -->",
    },
    {
      id: "h2",
      body: `<blockquote><p>Alıntı burada.</p></blockquote>\n\n<ul>\n<li><a href="https://eski.haber.example/a">Bağlantı</a></li>\n<li>https://youtu.be/abc</li>\n</ul>\n\n${box("Meclis'te yeni dönem")}`,
    },
    {
      id: "h3",
      body: '<p><em>Eğik</em> ve <strong>kalın</strong>; <code>kod</code> ~ *yıldız*</p>\n\n<pre><code class="language-js">let a = 1;\n\nlet b = 2;</code></pre>',
    },
  ]
    .map((record) => JSON.stringify(record))
    .join("\n") + "\n";

describe("--body-format", () => {
  test("check --body-format markdown over the converted archive: 0 would change; read as text, the markdown would change", async () => {
    const dir = await tree({ "haber.ndjson": archive });
    const converted = await cli(["convert", "haber.ndjson"], { cwd: dir, engine });
    expect(converted.code).toBe(0);
    await writeFile(path.join(dir, "cikti.ndjson"), converted.stdout);
    const again = await cli(["check", "cikti.ndjson", "--body-format", "markdown"], { cwd: dir, engine });
    expect([again.code, again.stdout]).toEqual([0, ""]);
    expect(again.last).toMatch(/^✔ 3 records: 0 would change, 3 up to date/);
    const asText = await cli(["check", "cikti.ndjson"], { cwd: dir, engine });
    expect(asText.code).toBe(1);
    // convert --body-format markdown writes every record as it was
    const same = await cli(["convert", "cikti.ndjson", "--body-format", "markdown"], { cwd: dir, engine });
    expect([same.code, same.stdout]).toEqual([0, converted.stdout]);
  });

  test("on a file that is not an NDJSON archive: a usage error, exit 2, before any work", async () => {
    const dir = await tree({ "a.txt": "Metin." });
    for (const command of ["convert", "check"]) {
      const r = await cli([command, "a.txt", "--body-format", "markdown"], { cwd: dir, engine });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--body-format applies to NDJSON archives only");
      expect(r.stdout).toBe("");
    }
  });

  const shared = path.join(root, "../shared/realworld/bodies");
  const present = existsSync(shared);
  if (!present) console.warn(`skipped: ${shared} is absent (the shared real-world corpus); the archive of our own above still runs`);
  (present ? test : test.skip)(
    "the shared real archives, under both presets: convert, then check --body-format markdown finds nothing to change",
    async () => {
      const dir = await tree({});
      for (const file of readdirSync(shared).filter((f) => f.endsWith(".ndjson"))) {
        for (const preset of ["wordpress", "sozcu"]) {
          const converted = await cli(["convert", path.join(shared, file), "--preset", preset], { cwd: dir, engine });
          expect(converted.code).toBe(0);
          const out = path.join(dir, `${preset}-${file}`);
          await writeFile(out, converted.stdout);
          const again = await cli(["check", out, "--preset", preset, "--body-format", "markdown"], { cwd: dir, engine });
          expect({ file, preset, code: again.code, last: again.last }).toEqual({ file, preset, code: 0, last: expect.stringMatching(/ 0 would change, /) });
        }
      }
    },
    120_000,
  );
});

describe("--strip-tags and --keep-block-comments", () => {
  const body = "Sonuçlar<script>\nizle();\n</script> açıklandı.\n\n<!-- wp:paragraph -->\n<p>Paragraf.</p>\n<!-- /wp:paragraph -->\n";

  test("--strip-tags removes the element and reports it at its line:column (--verbose shows infos)", async () => {
    const dir = await tree({ "a.txt": body });
    const r = await cli(["convert", "a.txt", "--strip-tags", "script", "--verbose"], { cwd: dir, engine });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Sonuçlar açıklandı.\n\nParagraf.\n");
    expect(r.stderr).toMatch(/a\.txt:1:9\s+info\s+<script> removed with its content \(stripTags\)\s+stripped-tag/);
  });

  test("--strip-tags with a name that is no tag: usage error, exit 2", async () => {
    const dir = await tree({ "a.txt": body });
    const r = await cli(["convert", "a.txt", "--strip-tags", "<script>"], { cwd: dir, engine });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--strip-tags "<script>": expected HTML tag names');
  });

  test("block comments go by default; --keep-block-comments keeps them; the config's stripTags applies", async () => {
    const dir = await tree({ "a.txt": body, "shortcode-migrate.config.json": JSON.stringify({ stripTags: ["script"] }) });
    const plain = await cli(["convert", "a.txt"], { cwd: dir, engine });
    expect(plain.stdout).toBe("Sonuçlar açıklandı.\n\nParagraf.\n");
    const kept = await cli(["convert", "a.txt", "--keep-block-comments"], { cwd: dir, engine });
    expect(kept.stdout).toBe("Sonuçlar açıklandı.\n\n<!-- wp:paragraph -->\n\nParagraf.\n\n<!-- /wp:paragraph -->\n");
  });
});
