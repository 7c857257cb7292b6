/**
 * Links, images and redirects through the CLI (in-process, the real converter): a generated
 * Sözcü-shaped NDJSON archive whose related-news boxes link to each other, some targets
 * removed; the manifest and the redirect map read back; downloads from a server on 127.0.0.1.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import { parseRedirects } from "../../src/redirects/formats.js";
import { loadEngine } from "../../src/run/engine.js";
import { bytesOf, startServer, type TestServer } from "../assets/http-server.js";
import { generateArchive } from "../links/sozcu-archive.js";
import { cleanupTrees, cli, tree } from "./helpers.js";

const engine = await loadEngine();
afterEach(cleanupTrees);

interface ArchiveRecord {
  id: string;
  url: string;
  date: string;
  slug: string;
  body: string;
}

interface JsonReport {
  files: { file: string; output: string | null; messages: { file: string; line: number; column: number; ruleId: string; reason: string }[] }[];
}

const archive = generateArchive(150, 20261204);
const records: ArchiveRecord[] = archive.ndjson
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as ArchiveRecord);
const byId = new Map(records.map((record) => [record.id, record]));
const removed = new Set(archive.removed);
// the boxes of the articles still in the archive: the truth the run is checked against
const boxes = archive.boxes.filter((box) => !removed.has(box.from));
const dead = boxes.filter((box) => !box.targetKept);
const alive = boxes.filter((box) => box.targetKept);

describe("convert: a generated Sözcü archive (150 articles, boxes linking to each other, some removed)", () => {
  test("the generator's truth has both kinds", () => {
    expect(dead.length).toBeGreaterThan(5);
    expect(alive.length).toBeGreaterThan(50);
    expect(new Set(alive.map((box) => box.spelling)).size).toBe(4);
  });

  test("every box that can resolve does, to its own target; every dead one is reported at its link= value; the counts match", async () => {
    const dir = await tree({ "dump.ndjson": archive.ndjson });
    const run = await cli(
      ["convert", "dump.ndjson", "--out-dir", "out", "--asset-manifest", "assets.json", "--redirects", "redirects.json", "--report", "report.json"],
      { cwd: dir, engine },
    );
    expect(run.stderr).toContain(`links: ${records.length} articles indexed`);
    expect(run.code).toBe(0); // dead links are warnings
    // the summary's census is the truth's
    expect(run.stderr).toContain(`related-news boxes ${boxes.length}: ${alive.length} rewritten, ${dead.length} dead`);

    // resolved: every box's link is its target's output file, relative to the article's (all in out/)
    for (const box of alive) {
      const output = await readFile(path.join(dir, "out", `${box.from}.md`), "utf8");
      expect(output).toContain(`](${box.to}.md)`);
      expect(output).not.toContain(`(${box.url})`);
    }
    // dead: kept as they were and reported, one message per box, at the first character of the URL in the body
    const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as JsonReport;
    const reported = report.files.flatMap((file) => file.messages.filter((message) => message.ruleId === "dead-internal-link"));
    expect(reported).toHaveLength(dead.length);
    const expected = dead.map((box) => `${box.from} ${box.url}`).sort();
    expect(reported.map((message) => `${message.file.replace(/^dump\.ndjson#/, "")} ${/"([^"]+)"/.exec(message.reason)![1]}`).sort()).toEqual(expected);
    for (const message of reported) {
      const body = byId.get(message.file.replace(/^dump\.ndjson#/, ""))!.body;
      const line = body.split("\n")[message.line - 1]!;
      expect(line.slice(message.column - 1)).toMatch(/^https?:\/\/(www\.)?sozcu\.com\.tr\//);
      const output = await readFile(path.join(dir, "out", `${message.file.replace(/^dump\.ndjson#/, "")}.md`), "utf8");
      expect(output).toContain(`(${/"([^"]+)"/.exec(message.reason)![1]})`);
    }

    // the manifest, read back: every box image (old uploads) under /images/, with the articles using it
    const manifest = JSON.parse(await readFile(path.join(dir, "assets.json"), "utf8")) as {
      assets: { urls: string[]; path: string; key: string; posts: string[] }[];
    };
    const images = new Map<string, Set<string>>();
    for (const record of records) {
      for (const match of record.body.matchAll(/image="([^"]+)"/g)) images.set(match[1]!, (images.get(match[1]!) ?? new Set()).add(record.id));
    }
    const listed = new Map(manifest.assets.flatMap((entry) => entry.urls.map((url) => [url, entry] as const)));
    expect(listed.size).toBe(images.size);
    for (const [url, posts] of images) {
      const entry = listed.get(url)!;
      expect(entry.path).toBe(`/images/${entry.key}`);
      expect(url.endsWith(`/wp-content/uploads/${entry.key}`)).toBe(true);
      for (const post of posts) expect(entry.posts).toContain(post);
    }
    // …and the outputs no longer point at the old uploads
    const one = await readFile(path.join(dir, "out", `${records[0]!.id}.md`), "utf8");
    expect(one).not.toContain("sozcucdn.com");

    // the redirect map, read back: each kept article's old URL → its new path
    const redirects = parseRedirects(await readFile(path.join(dir, "redirects.json"), "utf8"), "json");
    expect(redirects).toHaveLength(records.length);
    for (const rule of redirects) {
      const record = byId.get(rule.id!)!;
      expect(rule.from).toBe(new URL(record.url).pathname);
      expect(rule.to).toBe(`/${record.id}/`);
    }
  });

  test("--permalink: links and redirects go to the new URLs; the nginx map (with and without the trailing slash) and the Netlify file read back alike", async () => {
    const dir = await tree({ "dump.ndjson": archive.ndjson });
    const run = await cli(["convert", "dump.ndjson", "--out-dir", "out", "--permalink", "/haber/{yyyy}/{slug}/", "--redirects", "map.conf", "-q"], {
      cwd: dir,
      engine,
    });
    expect(run.code).toBe(0);
    const box = alive[0]!;
    const target = byId.get(box.to)!;
    const permalink = `/haber/${target.date.slice(0, 4)}/${target.slug}/`;
    expect(await readFile(path.join(dir, "out", `${box.from}.md`), "utf8")).toContain(`](${permalink})`);
    const rules = parseRedirects(await readFile(path.join(dir, "map.conf"), "utf8"), "nginx");
    // the map answers each old path with and without its trailing slash
    expect(new Set(rules.map((rule) => rule.from.replace(/\/$/, ""))).size).toBe(records.length);
    expect(rules).toContainEqual(expect.objectContaining({ from: new URL(target.url).pathname, to: permalink }));
    const netlify = await cli(["convert", "dump.ndjson", "--out-dir", "out2", "--permalink", "/haber/{yyyy}/{slug}/", "--redirects", "_redirects", "-q"], {
      cwd: dir,
      engine,
    });
    expect(netlify.code).toBe(0);
    expect(parseRedirects(await readFile(path.join(dir, "_redirects"), "utf8"), "netlify").map(({ from, to }) => ({ from, to }))).toEqual(
      rules.filter(({ from }) => from.endsWith("/")).map(({ from, to }) => ({ from, to })),
    );
  });

  test("scan prints the related-news link census: the same counts, the dead boxes listed", async () => {
    const dir = await tree({ "dump.ndjson": archive.ndjson });
    const run = await cli(["scan", "dump.ndjson", "--format", "json"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    const census = (
      JSON.parse(run.stdout) as {
        links: {
          boxes: { total: number; resolved: number; dead: number };
          dead: { article: string; url: string }[];
          mostLinked: { id: string; count: number }[];
        };
      }
    ).links;
    expect(census.boxes).toEqual({ total: boxes.length, resolved: alive.length, dead: dead.length });
    expect(census.dead.map((link) => `${link.article.replace(/^dump\.ndjson#/, "")} ${link.url}`).sort()).toEqual(
      dead.map((box) => `${box.from} ${box.url}`).sort(),
    );
    const counts = new Map<string, number>();
    for (const box of alive) counts.set(box.to, (counts.get(box.to) ?? 0) + 1);
    const top = Math.max(...counts.values());
    expect(census.mostLinked[0]!.count).toBe(top);
    expect(counts.get(census.mostLinked[0]!.id)).toBe(top);
    const text = await cli(["scan", "dump.ndjson"], { cwd: dir, engine });
    expect(text.stdout).toContain(`Related-news boxes: ${boxes.length} linking to the old site · ${alive.length} resolve · ${dead.length} dead`);
  });
});

describe("convert: bad link and asset values are usage errors before any work", () => {
  test.each([
    [["--link-id-pattern", "("], /--link-id-pattern "\(" is no regular expression/],
    [["--link-id-pattern", "\\d+"], /needs a capture group/],
    [["--permalink", "/haber/{nope}/"], /nope/],
    [["--asset-manifest", "assets.txt"], /expected a \.json or \.csv file name/],
    [["--redirects", "redirects.txt"], /the format is chosen by the name/],
    [["--redirects", "r.json", "--redirect-status", "200"], /--redirect-status 200: expected one of 301, 302, 307, 308/],
    [["--site-host", "not a host"], /--site-host "not a host": expected a host name/],
    [["--download-assets", "--assets-from", "backup"], /choose one/],
  ])("%j", async (flags, message) => {
    const dir = await tree({ "dump.ndjson": archive.ndjson });
    const run = await cli(["convert", "dump.ndjson", "--out-dir", "out", ...(flags as string[])], { cwd: dir, engine });
    expect(run.code).toBe(2);
    expect(run.last).toMatch(message as RegExp);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("--download-assets without a folder for the files, and links on stdin", async () => {
    const dir = await tree({ "dump.ndjson": archive.ndjson });
    const noDir = await cli(["convert", "dump.ndjson", "--download-assets"], { cwd: dir, engine });
    expect(noDir.code).toBe(2);
    expect(noDir.last).toContain("--download-assets needs a folder for the files");
    const stdin = await cli(["convert", "-", "--input-format", "ndjson", "--site-host", "www.sozcu.com.tr"], { cwd: dir, engine, stdinText: archive.ndjson });
    expect(stdin.code).toBe(2);
    expect(stdin.last).toContain("stdin can be read only once");
  });
});

describe("convert --download-assets against a server on 127.0.0.1", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test("files are fetched under the asset folder, failures listed (exit 1), a second run keeps what is there", async () => {
    const { host } = new URL(server.base);
    const body = [
      `Enflasyon rakamları açıklandı. <img src="${server.base}/ok/2048/2020/12/grafik.png" alt="grafik">`,
      "",
      `[old_news_related_template title="Lavrov’dan açıklama" desc="" image="${server.base}/moved/512/2020/10/lavrov.jpg" link="https://www.sozcu.com.tr/2020/dunya/lavrov-5810704/"]`,
      "",
      `<img src="${server.base}/missing/2019/yok.jpg" alt="kayıp">`,
      "",
    ].join("\n");
    const dir = await tree({ "haber.txt": body });
    const flags = [
      "convert",
      "haber.txt",
      "--out-dir",
      "out",
      "--asset-host",
      host.replace(/:\d+$/, ""),
      "--download-assets",
      "--download-retries",
      "0",
      "--asset-manifest",
      "assets.csv",
    ];
    const first = await cli(flags, { cwd: dir, engine });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("assets: 2 downloaded, 0 already there, 1 failed");
    expect(first.stderr).toMatch(/asset not downloaded: missing\/2019\/yok\.jpg: HTTP 404/);
    expect(first.last).toContain("1 asset could not be downloaded");
    expect(await readFile(path.join(dir, "out/images/ok/2048/2020/12/grafik.png"))).toEqual(bytesOf("2020/12/grafik.png", 2048));
    expect(await readFile(path.join(dir, "out/images/moved/512/2020/10/lavrov.jpg"))).toEqual(bytesOf("2020/10/lavrov.jpg", 512));
    const output = await readFile(path.join(dir, "out/haber.md"), "utf8");
    expect(output).toContain("/images/ok/2048/2020/12/grafik.png");
    expect(output).not.toContain(server.base);
    const csv = await readFile(path.join(dir, "assets.csv"), "utf8");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
    expect(csv).toContain("/images/missing/2019/yok.jpg,haber.txt");

    const second = await cli(flags, { cwd: dir, engine });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("assets: 0 downloaded, 2 already there, 1 failed");
  });

  test("a text file: links to the old site that name no article are reported dead (--site-host)", async () => {
    const dir = await tree({
      "a.txt": `Bkz. [old_news_related_template title="Eski" desc="" image="" link="https://www.sozcu.com.tr/2019/gundem/eski-5458424/"]\n`,
    });
    const run = await cli(["convert", "a.txt", "--site-host", "www.sozcu.com.tr"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /a\.txt:1:\d+ {2}warning {2}Dead internal link: related-news link "https:\/\/www\.sozcu\.com\.tr\/2019\/gundem\/eski-5458424\/"/,
    );
    expect(run.stdout).toContain("(https://www.sozcu.com.tr/2019/gundem/eski-5458424/)");
  });

  test("markdown files (--write): links and images spliced into the text, everything else byte for byte", async () => {
    const text =
      "# Başlık\n\nBkz. [eski haber](https://www.sozcu.com.tr/2019/gundem/eski-5458424/) ve ![grafik](https://www.sozcu.com.tr/wp-content/uploads/2019/11/g.png).\n\n*Vurgu* aynen kalır.\n";
    const dir = await tree({ "a.md": text });
    const run = await cli(["convert", "a.md", "--write", "--site-host", "www.sozcu.com.tr"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/a\.md:3:\d+ {2}warning {2}Dead internal link: link "https:\/\/www\.sozcu\.com\.tr\/2019\/gundem\/eski-5458424\/"/);
    expect(await readFile(path.join(dir, "a.md"), "utf8")).toBe(
      text.replace("https://www.sozcu.com.tr/wp-content/uploads/2019/11/g.png", "/images/2019/11/g.png"),
    );
  });

  test("markdown files: a dead link is reported at its place in the input, though a box converted before it moved it in the output", async () => {
    const dead = "https://www.sozcu.com.tr/2019/gundem/eski-5458424/";
    const text = `# Başlık\n\n[old_news_related_template title="Kısa" desc="" image="" link="https://example.com/x/"] Bkz. [eski haber](${dead}).\n`;
    const dir = await tree({ "a.md": text });
    const run = await cli(["convert", "a.md", "--site-host", "www.sozcu.com.tr"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    const at = /a\.md:(\d+):(\d+) {2}warning {2}Dead internal link/.exec(run.stderr)!;
    const line = text.split("\n")[Number(at[1]) - 1]!;
    expect(line.slice(Number(at[2]) - 1).startsWith(`${dead})`)).toBe(true);
    // the output moved it (the box became several lines): its place there is another
    expect(
      run.stdout
        .split("\n")
        [Number(at[1]) - 1]?.slice(Number(at[2]) - 1)
        .startsWith(dead) ?? false,
    ).toBe(false);
  });

  test("--cache keeps an archive's link index: the second run takes it from the cache, a changed archive builds it again", async () => {
    const sample = await readFile(new URL("../../fixtures/links/sozcu-sample.ndjson", import.meta.url), "utf8");
    const dir = await tree({ "dump.ndjson": sample });
    const args = ["convert", "dump.ndjson", "--out-dir", "out", "--redirects", "_redirects", "--cache"];
    const first = await cli(args, { cwd: dir, engine });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain("taken from the cache");
    expect(existsSync(path.join(dir, "node_modules/.cache/shortcode-migrate/convert.links.json"))).toBe(true);
    const redirects = await readFile(path.join(dir, "_redirects"), "utf8");
    const second = await cli(args, { cwd: dir, engine });
    expect(second.stderr).toContain("links: the link index of 3 articles taken from the cache");
    expect(await readFile(path.join(dir, "_redirects"), "utf8")).toBe(redirects);
    // one more record: built again, and it is in the index
    const extra = JSON.stringify({
      id: "7000001",
      url: "https://www.sozcu.com.tr/2021/gundem/yeni-haber-7000001/",
      date: "2021-01-01",
      slug: "yeni-haber",
      body: "Yeni haber.",
    });
    await writeFile(path.join(dir, "dump.ndjson"), `${sample.trimEnd()}\n${extra}\n`);
    const third = await cli(args, { cwd: dir, engine });
    expect(third.stderr).not.toContain("taken from the cache");
    expect(third.stderr).toContain("links: 4 articles indexed");
  });

  test("scan of a text file with --site-host: its boxes to the old site are counted dead; without it no census", async () => {
    const dir = await tree({
      "a.txt": `Bkz. [old_news_related_template title="Eski" desc="" image="" link="https://www.sozcu.com.tr/2019/gundem/eski-5458424/"]\n\n[old_news_related_template title="Başka" desc="" image="" link="https://example.com/x/"]\n`,
    });
    const run = await cli(["scan", "a.txt", "--site-host", "sozcu.com.tr"], { cwd: dir, engine });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Related-news boxes: 1 linking to the old site · 0 resolve · 1 dead");
    expect(run.stdout).toMatch(/a\.txt:1:\d+ {2}https:\/\/www\.sozcu\.com\.tr\/2019\/gundem\/eski-5458424\//);
    expect((await cli(["scan", "a.txt"], { cwd: dir, engine })).stdout).not.toContain("Related-news boxes");
  });
});
