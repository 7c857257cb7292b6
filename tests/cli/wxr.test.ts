/**
 * `convert export.xml`: a WordPress export as a source of the run, end to end in-process with
 * the library's converter — our own Turkish export (and a truncated copy), and the a11y export
 * of ../shared/realworld/wxr/ (skipped with a notice where absent).
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { loadEngine } from "../../src/run/engine.js";
import { a11yExpected } from "../wxr/expected.js";
import { cleanupTrees, cli, tree, type CliResult } from "./helpers.js";

const engine = await loadEngine();
const FIXTURES = fileURLToPath(new URL("../../fixtures/wxr/", import.meta.url));
const EXPORT = readFileSync(path.join(FIXTURES, "haber-sitesi.xml"), "utf8");
const TRUNCATED = readFileSync(path.join(FIXTURES, "haber-sitesi-truncated.xml"), "utf8");
const SHARED = fileURLToPath(new URL("../../../shared/realworld/wxr/", import.meta.url));
const A11Y = path.join(SHARED, "a11y-unit-test-data.xml");
const a11yPresent = existsSync(A11Y);
if (!a11yPresent)
  console.warn(`tests/cli/wxr.test.ts: SKIPPED the a11y export — ${A11Y} is absent (the shared real-world corpus sits beside the project in CI)`);

afterEach(cleanupTrees);

const run = (cwd: string, args: string[], extra: Parameters<typeof cli>[1] = {}): Promise<CliResult> => cli(["convert", ...args], { cwd, engine, ...extra });

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** A markdown file's front matter (read with a YAML parser) and body. */
function readPost(file: string): { fm: Record<string, unknown>; body: string } {
  const text = readFileSync(file, "utf8");
  expect(text.startsWith("---\n")).toBe(true);
  const end = text.indexOf("\n---\n", 3);
  return { fm: parseYaml(text.slice(4, end + 1)) as Record<string, unknown>, body: text.slice(end + 5) };
}

describe("convert export.xml (our Turkish news export)", () => {
  test("no --out-dir: one NDJSON record per post and page on stdout, metadata and converted body; nothing else is a post", async () => {
    const dir = await tree({ "export.xml": EXPORT });
    const r = await run(dir, ["export.xml"]);
    expect(r.code).toBe(0);
    const records = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((x) => [x.id, x.type, x.status])).toEqual([
      [101, "post", "publish"],
      [102, "post", "publish"],
      [103, "post", "draft"],
      [104, "post", "publish"],
      [105, "page", "publish"],
    ]);
    const first = records[0]!;
    expect(first).toMatchObject({
      title: "Lavrov: Türkiye stratejik ortağımız değil",
      date: "2020-10-14T14:30:00+03:00",
      author: "Ayşe Yılmaz",
      categories: ["Gündem", "Dünya"],
      tags: ["Rusya"],
    });
    // the related-news boxes converted: no shortcode left, the closing ’’ kept as written
    expect(first.body).toContain("> **İlgili Haberler**");
    expect(first.body).not.toContain("[old_news_related_template");
    expect(first.body).toContain("yara alırız’’ dedi.");
    // file names are not chosen without --out-dir: no rename warnings then
    expect(r.stderr).not.toContain("wxr-collision");
    expect(r.stderr).toContain("5 posts: 2 converted, 3 up to date");
  });

  test("--out-dir: posts/<slug>.md and pages/<slug>.md with YAML front matter; the draft without slug and the taken slug renamed, reported", async () => {
    const dir = await tree({ "export.xml": EXPORT });
    const r = await run(dir, ["export.xml", "--out-dir", "site"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(filesUnder(path.join(dir, "site"))).toEqual([
      "pages/hakkimizda.md",
      "posts/ekonomi-notlari-103.md",
      "posts/lavrov-turkiye-stratejik-ortak-104.md",
      "posts/lavrov-turkiye-stratejik-ortak.md",
      "posts/moskova-ateskes-fotograflar.md",
    ]);
    expect(r.stderr).toContain('export.xml:129:8  warning  post 103 has no slug: named "ekonomi-notlari-103"  wxr-no-slug');
    expect(r.stderr).toContain('written as "posts/lavrov-turkiye-stratejik-ortak-104.md"  wxr-collision');
    const { fm, body } = readPost(path.join(dir, "site/posts/lavrov-turkiye-stratejik-ortak.md"));
    expect(fm).toEqual({
      id: 101,
      title: "Lavrov: Türkiye stratejik ortağımız değil",
      date: "2020-10-14T14:30:00+03:00",
      modified: "2020-10-15T09:05:00+03:00",
      slug: "lavrov-turkiye-stratejik-ortak",
      type: "post",
      status: "publish",
      author: "Ayşe Yılmaz",
      categories: ["Gündem", "Dünya"],
      tags: ["Rusya"],
      taxonomies: { bolge: ["Kafkasya"] },
      excerpt: "Rusya Dışişleri Bakanı Sergey Lavrov, Dağlık Karabağ’daki son gelişmeleri değerlendirdi.",
      link: "https://haber.example.com.tr/2020/10/14/lavrov-turkiye-stratejik-ortak/",
      featured_image: "https://haber.example.com.tr/wp-content/uploads/2020/10/lavrov.jpg",
      sticky: true,
    });
    expect(body.startsWith("\nRusya Dışişleri Bakanı")).toBe(true);
    expect(body).toContain("<!--more-->");
    const page = readPost(path.join(dir, "site/pages/hakkimizda.md")).fm;
    expect(page).toMatchObject({ type: "page", parent: 0, menu_order: expect.any(Number) });
    const draft = readPost(path.join(dir, "site/posts/ekonomi-notlari-103.md")).fm;
    expect(draft).toMatchObject({ id: 103, status: "draft", slug: "" });
    // a second run finds every file up to date and writes the same
    const again = await run(dir, ["export.xml", "--out-dir", "site"]);
    expect(again.code).toBe(0);
    expect(filesUnder(path.join(dir, "site"))).toHaveLength(5);
  });

  test("--path, --status, --post-type, --meta: the template names the files, the filters choose the posts, custom fields go under meta", async () => {
    const dir = await tree({ "export.xml": EXPORT });
    const r = await run(dir, [
      "export.xml",
      "-o",
      "out",
      "--path",
      "{type}/{yyyy}/{mm}/{slug}.md",
      "--status",
      "publish",
      "--post-type",
      "post",
      "--meta",
      "kaynak",
    ]);
    expect(r.code).toBe(0);
    expect(filesUnder(path.join(dir, "out"))).toEqual([
      "post/2015/01/lavrov-turkiye-stratejik-ortak.md",
      "post/2020/10/lavrov-turkiye-stratejik-ortak.md",
      "post/2020/10/moskova-ateskes-fotograflar.md",
    ]);
    // the same slug in another year's folder takes no other post's file: no rename then
    expect(r.stderr).not.toContain("wxr-collision");
    const { fm } = readPost(path.join(dir, "out/post/2020/10/lavrov-turkiye-stratejik-ortak.md"));
    expect(fm.meta).toEqual({ kaynak: 'a:2:{s:4:"ajan";s:2:"AA";s:3:"url";s:0:"";}' });
  });

  test("--to json: a { version, meta, blocks } document per post, valid against the schema", async () => {
    const dir = await tree({ "export.xml": EXPORT });
    const r = await run(dir, ["export.xml", "-o", "out", "--to", "json"]);
    expect(r.code).toBe(0);
    const files = filesUnder(path.join(dir, "out"));
    expect(files).toContain("posts/lavrov-turkiye-stratejik-ortak.json");
    expect(files).toHaveLength(5);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(fileURLToPath(new URL("../../schema/article.schema.json", import.meta.url)), "utf8")) as object,
    );
    for (const file of files) {
      const doc = JSON.parse(readFileSync(path.join(dir, "out", file), "utf8")) as { meta: { id: number }; blocks: unknown[] };
      expect(Object.keys(doc)).toEqual(["version", "meta", "blocks"]);
      expect(validate(doc) ? [] : validate.errors).toEqual([]);
      expect(doc.blocks.length).toBeGreaterThan(0);
    }
  });

  test("a truncated export: the error at its line and column, exit 1, the posts before the break converted and kept", async () => {
    const dir = await tree({ "export.xml": TRUNCATED });
    const r = await run(dir, ["export.xml", "--out-dir", "site"]);
    expect(r.code).toBe(1);
    expect(filesUnder(path.join(dir, "site"))).toEqual(["posts/lavrov-turkiye-stratejik-ortak.md", "posts/moskova-ateskes-fotograflar.md"]);
    expect(r.stderr).toMatch(
      /export\.xml:136:57 {2}error {2}malformed XML: unclosed tag: content:encoded; the item \(“Ekonomi notları”\) that starts at 129:8 is cut off and not read {2}wxr-malformed/,
    );
    expect(r.stderr).toContain("2 posts: 2 converted");
    expect(r.last).toBe("✖ exit 1: 1 post failed (malformed export: export.xml:136:57)");
  });

  test("a post whose file cannot be written is a failed post (exit 2), named in the summary and the report; posts stop coming after it", async () => {
    // `posts` is a file where the folder of the posts would go
    const dir = await tree({ "export.xml": EXPORT, "site/posts": "not a folder" });
    const r = await run(dir, ["export.xml", "--out-dir", "site", "--report", "report.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write site\/posts\/[^ ]+\.md: /);
    expect(r.stderr).toMatch(/\d+ failed \(not written: export\.xml#1\d\d/);
    // as on a full disk, the posts after a failed write are not converted
    expect(filesUnder(path.join(dir, "site"))).toEqual(["posts"]);
    const report = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as { summary: { failed: Array<{ file: string; reason: string }> } };
    expect(report.summary.failed.length).toBeGreaterThan(0);
    for (const f of report.summary.failed) expect(f).toEqual({ file: expect.stringMatching(/^export\.xml#\d+$/), reason: "not written" });
  });

  test("a missing version tag is a warning; the posts are converted", async () => {
    const dir = await tree({ "export.xml": EXPORT.replace(/\s*<wp:wxr_version>1\.2<\/wp:wxr_version>/, "") });
    const r = await run(dir, ["export.xml"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/export\.xml:\d+:\d+ {2}warning {2}the export has no <wp:wxr_version>.* {2}wxr-missing-version/);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(5);
  });

  test("--input-format wxr reads an export from stdin (one pass)", async () => {
    const dir = await tree({});
    const r = await run(dir, ["-", "--input-format", "wxr"], { stdinText: EXPORT });
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([101, 102, 103, 104, 105]);
  });

  test.each([
    [["--post-type", "attachment"], '--post-type: post type "attachment" is not a post'],
    [["--post-type", ""], "--post-type: no post type given"],
    [["--status", ""], '--status "": expected statuses'],
    [["--path", "{bogus}.md", "-o", "out"], "--path: unknown placeholder {bogus}"],
    [["--path", "{type}.md", "-o", "out"], "has neither {slug} nor {id}"],
    [["--write"], "--write is not available for WordPress exports"],
    [["--to", "mdast"], "--to mdast is not available for WordPress exports"],
    [["--utc-offset", "3"], '--utc-offset: UTC offset "3" is not an offset: expected e.g. +03:00'],
  ])("bad flags %j: a usage error (exit 2) before any work", async (args, message) => {
    const dir = await tree({ "export.xml": EXPORT });
    const r = await run(dir, ["export.xml", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
    expect(filesUnder(path.join(dir, "out"))).toEqual([]);
  });

  test("export flags on inputs that are no export are a usage error; an .xml that is no export stays text", async () => {
    const dir = await tree({ "a.txt": "metin", "feed.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>' });
    const r = await run(dir, ["a.txt", "--post-type", "post"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--post-type applies to WordPress exports only");
    // (--keep-block-comments is not among them: it keeps Gutenberg's comments in any body)
    for (const flag of [["--utc-offset", "+03:00"]]) {
      const other = await run(dir, ["a.txt", ...flag]);
      expect([other.code, other.stderr]).toEqual([2, expect.stringContaining(`${flag[0]} applies to WordPress exports only`)]);
    }
    const feed = await run(dir, ["feed.xml"]);
    expect(feed.code).toBe(0);
    expect(feed.stdout).toContain("<rss");
  });
});

(a11yPresent ? describe : describe.skip)("convert a11y-unit-test-data.xml (../shared/realworld/wxr/)", () => {
  test("the front matter of every post and page read back with a YAML parser equals its WXR metadata; no attachment or menu item written as a post", async () => {
    const expected = a11yExpected(A11Y);
    const dir = await tree({});
    const r = await run(dir, [A11Y, "--out-dir", "site"]);
    expect(r.code).toBe(0);
    const files = filesUnder(path.join(dir, "site"));
    expect(files).toHaveLength(expected.size);
    expect(files.every((f) => f.startsWith("posts/") || f.startsWith("pages/"))).toBe(true);
    const seen: number[] = [];
    for (const file of files) {
      const { fm } = readPost(path.join(dir, "site", file));
      seen.push(fm.id as number);
      expect({ file, ...fm }).toEqual({ file, ...expected.get(fm.id as number) });
    }
    expect(seen.sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
  });
});

const corpus = existsSync(SHARED)
  ? readdirSync(SHARED)
      .filter((f) => f.endsWith(".xml"))
      .sort()
  : [];
(corpus.length ? describe : describe.skip)("convert every export of ../shared/realworld/wxr/", () => {
  test.each(corpus)("%s: one NDJSON record per post or page the library reads; exit 1 only for a malformed export", async (file) => {
    const { readWxrPosts } = await import("../../src/wxr/index.js");
    const { createReadStream } = await import("node:fs");
    const ids: number[] = [];
    let complete = true;
    for await (const e of readWxrPosts(() => createReadStream(path.join(SHARED, file)))) {
      if (e.kind === "post") ids.push(e.post.id);
      if (e.kind === "summary") complete = e.summary.complete;
    }
    const r = await run(SHARED, [file]);
    expect(r.code).toBe(complete ? 0 : 1);
    const records =
      r.stdout === ""
        ? []
        : r.stdout
            .trimEnd()
            .split("\n")
            .map((l) => JSON.parse(l) as { id: number; type: string; body: string });
    expect(records.map((x) => x.id)).toEqual(ids);
    for (const x of records) {
      expect(["attachment", "nav_menu_item", "revision", "wp_block"]).not.toContain(x.type);
      expect(typeof x.body).toBe("string");
    }
    if (!complete) expect(r.stderr).toMatch(new RegExp(`${file.replace(/\./g, "\\.")}:\\d+:\\d+ {2}error .* {2}wxr-malformed`));
  });
});

describe("convert export.xml: the site's offset, block comments", () => {
  test("--utc-offset dates the draft that has no GMT date; --keep-block-comments keeps them in the body", async () => {
    const dir = await tree({ "export.xml": EXPORT });
    const records = async (args: string[]) => {
      const r = await run(dir, ["export.xml", ...args]);
      expect(r.code).toBe(0);
      return r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as { id: number; date: string; body: string });
    };
    const plain = await records([]);
    const shifted = await records(["--utc-offset", "-05:30"]);
    expect(plain.find((x) => x.id === 103)!.date).toMatch(/\+03:00$/);
    expect(shifted.find((x) => x.id === 103)!.date).toMatch(/-05:30$/);
    expect(shifted.find((x) => x.id === 101)!.date).toBe(plain.find((x) => x.id === 101)!.date);
    expect(plain.find((x) => x.id === 102)!.body).not.toContain("wp:");
    expect((await records(["--keep-block-comments"])).find((x) => x.id === 102)!.body).toContain("<!-- wp:code");
  });
});

describe("convert export.xml --cache", () => {
  const MEDIA = readFileSync(path.join(FIXTURES, "medya-arsivi.xml"), "utf8");
  test("a post unchanged since the last run is up to date without converting; an edited one is converted; a moved post's messages move with it", async () => {
    const dir = await tree({ "export.xml": MEDIA });
    const args = ["export.xml", "-o", "out", "--cache", "--cache-location", "c.json"];
    const first = await run(dir, args);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("converted: 3 new");
    const written = Object.fromEntries(filesUnder(path.join(dir, "out")).map((f) => [f, readFileSync(path.join(dir, "out", f), "utf8")]));
    const again = await run(dir, args);
    expect(again.stderr).toContain("cache: 3 unchanged since the last run (skipped)");
    expect(again.stderr).toContain("3 posts: 0 converted, 3 up to date");
    // the body's warning (an attachment the export lacks) is told again, at the same place
    const warning = (r: CliResult) => r.stderr.split("\n").find((l) => l.includes("missing-attachment"));
    expect(warning(first)).toMatch(/^export\.xml#401:\d+:\d+ {2}warning {2}attachment 599 /);
    expect(warning(again)).toBe(warning(first));
    // one post edited and a line added above every post: that post converted, the others from the cache, their messages moved
    const edited = MEDIA.replace(
      "<description>Fotoğraf, ses ve video haberleri</description>",
      "<description>Fotoğraf, ses\nve video haberleri</description>",
    ).replace("Yalnızca editörler için.", "Yalnızca editörler için, dedi.");
    writeFileSync(path.join(dir, "export.xml"), edited);
    const third = await run(dir, args);
    expect(third.stderr).toContain("cache: 2 unchanged since the last run (skipped); converted: 1 changed since the last run");
    const fresh = await run(dir, ["export.xml", "-o", "fresh"]);
    expect(warning(third)).toBe(warning(fresh));
    expect(warning(third)).not.toBe(warning(first));
    // what the cache skipped is what a fresh run writes
    for (const [file, text] of Object.entries(written)) if (!file.includes("muhabir")) expect(readFileSync(path.join(dir, "fresh", file), "utf8")).toBe(text);
    // an output deleted since is written again
    rmSync(path.join(dir, "out", "posts", "kapalicarsi-kareler.md"));
    const fourth = await run(dir, args);
    expect(fourth.stderr).toContain("1 whose output was deleted or modified");
    expect(readFileSync(path.join(dir, "out", "posts", "kapalicarsi-kareler.md"), "utf8")).toBe(written["posts/kapalicarsi-kareler.md"]);
  });
});

describe("check export.xml", () => {
  test("every post checked as convert would convert it; findings placed in the export file as export.xml#<post id>:line:column", async () => {
    const dir = await tree({ "export.xml": EXPORT });
    const r = await cli(["check", "export.xml"], { cwd: dir, engine });
    expect(r.code).toBe(1);
    const lines = EXPORT.split("\n");
    const boxes = [...r.stdout.matchAll(/^export\.xml#101:(\d+):(\d+) {2}error {2}\[old_news_related_template\] would be converted {2}would-change$/gm)];
    expect(boxes).toHaveLength(2);
    for (const [, line, column] of boxes) expect(lines[Number(line) - 1]!.slice(Number(column) - 1)).toMatch(/^\[old_news_related_template title=/);
    // posts whose body converts to itself (but the final newline every file gets) are unchanged
    expect(r.stderr).toContain("5 posts: 2 would change, 3 up to date");
    // the [gallery] of post 102 is one of them: rendered from the export's attachments
    expect(r.stdout).toMatch(/^export\.xml#102:.*"!\[Kremlin sarayı\]\(https:\/\/haber\.example\.com\.tr\/wp-content\/up…" would be added/m);
    expect(r.last).toBe("✖ exit 1: 2 posts would change (12 places); run `shortcode-migrate convert export.xml --out-dir DIR`");
  });

  test("a truncated export: the break is an error with its line and column; the posts before it are checked", async () => {
    const dir = await tree({ "export.xml": TRUNCATED });
    const r = await cli(["check", "export.xml"], { cwd: dir, engine });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^export\.xml#101:/m);
    expect(r.stdout).toMatch(/^export\.xml#102:/m);
    expect(r.stderr).toMatch(/export\.xml:136:57 {2}error {2}malformed XML/);
  });
});

describe("scan export.xml", () => {
  test("every post and page counted; a malformed use located as export.xml#<post id>:line:column in the export file", async () => {
    const broken = EXPORT.replace(
      "Örnek Haber, 2019’dan beri yayında.",
      'Örnek Haber, 2019’dan beri [old_news_related_template title="kırık desc=""] yayında.',
    );
    const dir = await tree({ "export.xml": broken });
    const r = await cli(["scan", "export.xml"], { cwd: dir, engine });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^old_news_related_template {2}3 uses in 2 files/m);
    expect(r.stdout).toMatch(/^caption {2}1 use in 1 file/m);
    const at = /unterminated-quote {2}warning {2}1× {2}first at export\.xml#105:(\d+):(\d+)/.exec(r.stdout);
    expect(at).not.toBeNull();
    const line = broken.split("\n")[Number(at![1]) - 1]!;
    expect([...line].slice(Number(at![2]) - 1).join("")).toMatch(/^"kırık desc=""\] yayında\./);
    expect(r.stderr).toContain("5 posts: 5 scanned");
  });

  test("a truncated export: the posts before the break counted, the break an error (exit 1)", async () => {
    const dir = await tree({ "export.xml": TRUNCATED });
    const r = await cli(["scan", "export.xml"], { cwd: dir, engine });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^old_news_related_template {2}2 uses in 1 file/m);
    expect(r.stderr).toMatch(/export\.xml:136:57 {2}error {2}malformed XML/);
  });
});

describe("convert archive.ndjson --front-matter", () => {
  const records = [
    {
      id: "lavrov-1",
      title: "Lavrov: Türkiye stratejik ortağımız değil",
      date: "2020-10-14T14:30:00+03:00",
      tags: ["Rusya"],
      body: `Giriş.\n\n[old_news_related_template title="Dugin: 'Türkiye ve Rusya'" desc="" image="https://cdn.example.com.tr/d.jpg" link="https://haber.example.com.tr/dugin/"]`,
    },
    { id: "notlar-2", title: "Ekonomi notları", body: "Enflasyon verileri açıklandı." },
  ];
  test("the fields given head each record's markdown file (those it has, in the order given)", async () => {
    const dir = await tree({ "arsiv.ndjson": records.map((r) => JSON.stringify(r)).join("\n") + "\n" });
    const r = await run(dir, ["arsiv.ndjson", "--out-dir", "out", "--front-matter", "title,date,tags"]);
    expect(r.code).toBe(0);
    expect(filesUnder(path.join(dir, "out"))).toEqual(["lavrov-1.md", "notlar-2.md"]);
    const first = readPost(path.join(dir, "out/lavrov-1.md"));
    expect(first.fm).toEqual({ title: records[0]!.title, date: records[0]!.date, tags: ["Rusya"] });
    expect(Object.keys(first.fm)).toEqual(["title", "date", "tags"]);
    expect(first.body).toContain("> **İlgili Haber**");
    expect(readPost(path.join(dir, "out/notlar-2.md"))).toEqual({ fm: { title: "Ekonomi notları" }, body: "\nEnflasyon verileri açıklandı.\n" });
  });
  test.each([
    [["arsiv.ndjson", "--front-matter", "title"], "--front-matter needs --out-dir DIR and --to markdown"],
    [["arsiv.ndjson", "-o", "out", "--to", "json", "--front-matter", "title"], "--front-matter needs --out-dir DIR and --to markdown"],
    [["a.txt", "-o", "out", "--front-matter", "title"], "--front-matter applies to NDJSON archives"],
  ])("%j: a usage error", async (args, message) => {
    const dir = await tree({ "arsiv.ndjson": JSON.stringify(records[1]) + "\n", "a.txt": "metin" });
    const r = await run(dir, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
