/**
 * Links, images and redirects of a WordPress export through the CLI (in-process, the real
 * converter), on our own Turkish export `fixtures/wxr/haber-arsivi.xml`: five posts and pages
 * linking to each other by permalink (with and without `www.`, `http`), `?p=ID`, `?page_id=ID`
 * and an attachment page; two posts sharing a slug (the second renamed); a related-news box
 * to a post the archive no longer has; uploads images (a resized one with `srcset`).
 */
import { readFileSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { parseRedirects } from "../../src/redirects/formats.js";
import { loadEngine } from "../../src/run/engine.js";
import { bytesOf, startServer } from "../assets/http-server.js";
import { cleanupTrees, cli, tree } from "./helpers.js";

const engine = await loadEngine();
afterEach(cleanupTrees);

const EXPORT = readFileSync(new URL("../../fixtures/wxr/haber-arsivi.xml", import.meta.url), "utf8");
const SITE = "https://www.haber.example.com.tr";
const REMOVED = `${SITE}/2020/12/31/yilbasi-tedbirleri-aciklandi/`;

interface JsonReport {
  files: { file: string; messages: { file: string; line: number; column: number; ruleId: string; reason: string }[] }[];
}

/** A post's markdown without its front matter. */
async function body(dir: string, rel: string): Promise<string> {
  const text = await readFile(path.join(dir, "out", rel), "utf8");
  return text.replace(/^---\n[\s\S]*?\n---\n/, "");
}

describe("convert export.xml with links, images and redirects", () => {
  test("posts link to each other's output files (the renamed one too), the removed post is reported at its place in the export, images move under /images/", async () => {
    const dir = await tree({ "haber-arsivi.xml": EXPORT });
    const run = await cli(
      ["convert", "haber-arsivi.xml", "--out-dir", "out", "--asset-manifest", "assets.json", "--redirects", "redirects.conf", "--report", "report.json"],
      { cwd: dir, engine },
    );
    expect(run.code).toBe(0);
    // 5 posts and pages + 3 attachments
    expect(run.stderr).toContain("links: 8 articles indexed");
    expect(run.stderr).toContain("related-news boxes 2: 1 rewritten, 1 dead");

    const kabine = await body(dir, "posts/kabine-toplantisi-sona-erdi.md");
    // ?p=503 → the post that kept the slug; its permalink with a fragment → the same file, fragment kept
    expect(kabine).toContain("[son durumu](deprem-bolgesinde-son-durum.md)");
    expect(kabine).toContain("[yardım kampanyasını](deprem-bolgesinde-son-durum.md#yardim)");
    // a box link spelled http:// and without www.
    expect(kabine).toContain("**[Merkez Bankası faiz kararını açıkladı](merkez-bankasi-faiz-karari.md)**");
    // the removed post: kept as written
    expect(kabine).toContain(`(${REMOVED})`);
    // uploads → /images/, the resized copy as written (no --originals)
    expect(kabine).toContain("![Kabine toplantısı](/images/2021/03/kabine-300x200.jpg)");
    expect(kabine).toContain("(/images/2021/03/faiz.jpg)");
    expect(kabine).not.toContain("wp-content/uploads");

    // the second post with the slug was renamed, and the link to it follows the rename
    expect(await body(dir, "posts/deprem-bolgesinde-son-durum.md")).toContain("[geçen yıl](deprem-bolgesinde-son-durum-504.md)");
    // ?page_id=505 → the page; the page → a post (another folder)
    expect(await body(dir, "posts/merkez-bankasi-faiz-karari.md")).toContain("[künye](../pages/kunye.md)");
    expect(await body(dir, "pages/kunye.md")).toContain("[kabine toplantısı](../posts/kabine-toplantisi-sona-erdi.md)");
    // the gallery's link to the attachment page now leads to the file
    expect(await body(dir, "posts/merkez-bankasi-faiz-karari.md")).toContain("](/images/2021/03/faiz.jpg)");

    // the dead box: one message, named by the post, at the first character of its link= value in the export
    const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as JsonReport;
    const dead = report.files.flatMap((file) => file.messages.filter((message) => message.ruleId === "dead-internal-link"));
    expect(dead.map((message) => message.file)).toEqual(["haber-arsivi.xml#501"]);
    const line = EXPORT.split("\n")[dead[0]!.line - 1]!;
    expect(line.slice(dead[0]!.column - 1).startsWith(`${REMOVED}"]`)).toBe(true);
    expect(run.stderr).toContain(`haber-arsivi.xml#501:${dead[0]!.line}:${dead[0]!.column}`);

    // the manifest: every uploads file with the posts that use it (faiz.jpg by its box and by the gallery's attachment link)
    const manifest = JSON.parse(await readFile(path.join(dir, "assets.json"), "utf8")) as { assets: { key: string; path: string; posts: string[] }[] };
    const byKey = new Map(manifest.assets.map((entry) => [entry.key, entry]));
    // (the srcset's kabine.jpg is not in the output: the converter makes the <img> a markdown image without srcset;
    // the cover's background-image doviz.jpg is: the converter makes it an image)
    expect([...byKey.keys()].sort()).toEqual([
      "2020/12/yilbasi.jpg",
      "2021/03/doviz.jpg",
      "2021/03/faiz-1024x683.jpg",
      "2021/03/faiz.jpg",
      "2021/03/kabine-300x200.jpg",
    ]);
    expect(byKey.get("2021/03/faiz.jpg")!.posts.sort()).toEqual(["haber-arsivi.xml#501", "haber-arsivi.xml#502"]);
    expect(byKey.get("2021/03/kabine-300x200.jpg")).toMatchObject({ path: "/images/2021/03/kabine-300x200.jpg", posts: ["haber-arsivi.xml#501"] });

    // the nginx map, read back: permalinks, ?p=, ?page_id=, the attachment pages and files
    const rules = new Map(parseRedirects(await readFile(path.join(dir, "redirects.conf"), "utf8"), "nginx").map((rule) => [rule.from, rule.to]));
    expect(rules.get("/2021/03/01/merkez-bankasi-faiz-karari/")).toBe("/posts/merkez-bankasi-faiz-karari/");
    expect(rules.get("/2022/02/10/deprem-bolgesinde-son-durum/")).toBe("/posts/deprem-bolgesinde-son-durum-504/");
    expect(rules.get("/?p=503")).toBe("/posts/deprem-bolgesinde-son-durum/");
    expect(rules.get("/?page_id=505")).toBe("/pages/kunye/");
    expect(rules.get("/kunye/")).toBe("/pages/kunye/");
    expect(rules.get("/2021/03/01/merkez-bankasi-faiz-karari/faiz/")).toBe("/images/2021/03/faiz.jpg");
    expect(rules.get("/?attachment_id=603")).toBe("/images/2021/03/doviz.jpg");
    expect(rules.get("/wp-content/uploads/2021/03/kabine.jpg")).toBe("/images/2021/03/kabine.jpg");
    // the removed post has no redirect
    expect([...rules.keys()].some((from) => from.includes("yilbasi"))).toBe(false);
  });

  test("a dead link inside HTML is reported at its own first character in the export, not at the start of the HTML it came from", async () => {
    const REMOVED_LINK = `${SITE}/2021/01/01/silinen-haber/`;
    const edited = EXPORT.replace(`haberi: <a href="${SITE}/2022/02/10/deprem-bolgesinde-son-durum/">`, `haberi: <a href="${REMOVED_LINK}">`);
    expect(edited).not.toBe(EXPORT);
    const dir = await tree({ "haber-arsivi.xml": edited });
    const run = await cli(["convert", "haber-arsivi.xml", "--out-dir", "out", "--redirects", "r.conf", "--report", "report.json"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as JsonReport;
    const dead = report.files.flatMap((file) =>
      file.messages.filter((message) => message.ruleId === "dead-internal-link" && message.file === "haber-arsivi.xml#503"),
    );
    expect(dead).toHaveLength(1);
    const line = edited.split("\n")[dead[0]!.line - 1]!;
    expect(line.slice(dead[0]!.column - 1).startsWith(`${REMOVED_LINK}">geçen yıl</a>`)).toBe(true);
  });

  test("Netlify _redirects, CSV and JSON hold the same redirects; --permalink writes links and redirects to the new URLs", async () => {
    const dir = await tree({ "haber-arsivi.xml": EXPORT });
    const maps: Map<string, string>[] = [];
    for (const [file, format] of [
      ["_redirects", "netlify"],
      ["r.csv", "csv"],
      ["r.json", "json"],
    ] as const) {
      const run = await cli(["convert", "haber-arsivi.xml", "--out-dir", "out", "--redirects", file], { cwd: dir, engine });
      expect(run.code).toBe(0);
      maps.push(new Map(parseRedirects(await readFile(path.join(dir, file), "utf8"), format).map((rule) => [rule.from, rule.to])));
    }
    expect(maps[0]!.size).toBeGreaterThan(10);
    expect(maps[1]).toEqual(maps[0]);
    expect(maps[2]).toEqual(maps[0]);

    const run = await cli(["convert", "haber-arsivi.xml", "--out-dir", "out", "--permalink", "/haber/{yyyy}/{slug}/", "--redirects", "_redirects"], {
      cwd: dir,
      engine,
    });
    expect(run.code).toBe(0);
    expect(await body(dir, "posts/kabine-toplantisi-sona-erdi.md")).toContain("[son durumu](/haber/2023/deprem-bolgesinde-son-durum/)");
    const rules = new Map(parseRedirects(await readFile(path.join(dir, "_redirects"), "utf8"), "netlify").map((rule) => [rule.from, rule.to]));
    expect(rules.get("/2021/03/02/kabine-toplantisi-sona-erdi/")).toBe("/haber/2021/kabine-toplantisi-sona-erdi/");
  });

  test("--assets-from copies the export's files from an uploads backup; one missing is listed (exit 1)", async () => {
    const dir = await tree({
      "haber-arsivi.xml": EXPORT,
      "yedek/2021/03/kabine-300x200.jpg": "kabine-küçük",
      "yedek/2021/03/faiz.jpg": "faiz",
      "yedek/2021/03/faiz-1024x683.jpg": "faiz-orta",
      "yedek/2021/03/doviz.jpg": "doviz",
    });
    const run = await cli(["convert", "haber-arsivi.xml", "--out-dir", "out", "--assets-from", "yedek"], { cwd: dir, engine });
    expect(await readFile(path.join(dir, "out/images/2021/03/faiz.jpg"), "utf8")).toBe("faiz");
    expect(await readFile(path.join(dir, "out/images/2021/03/kabine-300x200.jpg"), "utf8")).toBe("kabine-küçük");
    expect(run.stderr).toContain("assets: 4 copied, 0 already there, 1 failed");
    expect(run.stderr).toMatch(/asset not copied: .*2020\/12\/yilbasi\.jpg/);
    expect(run.code).toBe(1);
  });

  test("--download-assets fetches the export's files (a server on 127.0.0.1), the attachment page's file included", async () => {
    const server = await startServer();
    try {
      const uploads = `${server.base}/ok/700/`;
      const dir = await tree({ "haber-arsivi.xml": EXPORT.replaceAll(`${SITE}/wp-content/uploads/`, uploads) });
      const run = await cli(
        ["convert", "haber-arsivi.xml", "--out-dir", "out", "--asset-host", new URL(server.base).hostname, "--download-assets", "--download-retries", "0"],
        { cwd: dir, engine },
      );
      expect(run.stderr).toContain("assets: 5 downloaded, 0 already there, 0 failed");
      expect(run.code).toBe(0);
      for (const name of ["2021/03/faiz.jpg", "2021/03/faiz-1024x683.jpg", "2021/03/kabine-300x200.jpg", "2020/12/yilbasi.jpg", "2021/03/doviz.jpg"]) {
        expect(await readFile(path.join(dir, "out/images/ok/700", name))).toEqual(bytesOf(name, 700));
      }
      // the gallery's attachment page leads to the file fetched
      expect(await body(dir, "posts/merkez-bankasi-faiz-karari.md")).toContain("](/images/ok/700/2021/03/faiz.jpg)");
    } finally {
      await server.close();
    }
  });

  test("--cache: a second run takes the link index from the cache; a changed export builds it again", async () => {
    const dir = await tree({ "haber-arsivi.xml": EXPORT });
    const args = ["convert", "haber-arsivi.xml", "--out-dir", "out", "--redirects", "r.conf", "--cache", "--cache-location", "c/cache.json"];
    const first = await cli(args, { cwd: dir, engine });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain("taken from the cache");
    const cacheFile = path.join(dir, "c/cache.links.json");
    expect((await stat(cacheFile)).size).toBeGreaterThan(0);
    const before = await body(dir, "posts/kabine-toplantisi-sona-erdi.md");

    const second = await cli(args, { cwd: dir, engine });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("links: the link index of 8 articles taken from the cache");
    expect(await body(dir, "posts/kabine-toplantisi-sona-erdi.md")).toBe(before);

    // the cached index is what the run uses: an edited cache entry shows in the output
    const cached = JSON.parse(await readFile(cacheFile, "utf8")) as { index: { articles: [string, string, ...unknown[]][] } };
    for (const article of cached.index.articles) if (article[0] === "haber-arsivi.xml#503") article[1] = "posts/elle-degisti.md";
    await writeFile(cacheFile, JSON.stringify(cached));
    await cli(args, { cwd: dir, engine });
    expect(await body(dir, "posts/kabine-toplantisi-sona-erdi.md")).toContain("[son durumu](elle-degisti.md)");

    // the export changes (post 503 gets another slug): the index is built again and the links follow
    await writeFile(
      path.join(dir, "haber-arsivi.xml"),
      EXPORT.replace("<wp:post_name><![CDATA[deprem-bolgesinde-son-durum]]></wp:post_name>", "<wp:post_name><![CDATA[deprem-son-durum]]></wp:post_name>"),
    );
    const changed = await cli(args, { cwd: dir, engine });
    expect(changed.stderr).not.toContain("taken from the cache");
    expect(await body(dir, "posts/kabine-toplantisi-sona-erdi.md")).toContain("[son durumu](deprem-son-durum.md)");
    // other link settings build it again too
    const other = await cli([...args, "--permalink", "/haber/{slug}/"], { cwd: dir, engine });
    expect(other.stderr).not.toContain("taken from the cache");
  });

  test("scan prints the export's related-news link census: the dead box placed in the export", async () => {
    const dir = await tree({ "haber-arsivi.xml": EXPORT });
    const run = await cli(["scan", "haber-arsivi.xml"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Related-news boxes: 2 linking to the old site · 1 resolve · 1 dead");
    const at = new RegExp(`haber-arsivi\\.xml#501:(\\d+):(\\d+) {2}${REMOVED.replace(/[.?]/g, "\\$&")}`).exec(run.stdout)!;
    expect(
      EXPORT.split("\n")
        [Number(at[1]) - 1]!.slice(Number(at[2]) - 1)
        .startsWith(REMOVED),
    ).toBe(true);
    const json = JSON.parse((await cli(["scan", "haber-arsivi.xml", "--format", "json"], { cwd: dir, engine })).stdout) as {
      links: { boxes: { total: number; resolved: number; dead: number } };
    };
    expect(json.links.boxes).toMatchObject({ total: 2, resolved: 1, dead: 1 });
  });

  test("an export on stdin with links is a usage error (the index needs the whole export first)", async () => {
    const dir = await tree({});
    const run = await cli(["convert", "-", "--input-format", "wxr", "--redirects", "r.conf"], { cwd: dir, engine, stdinText: EXPORT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("save it to an .xml file");
  });
});
