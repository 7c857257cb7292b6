import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { AssetMap } from "../../src/assets/asset-map.js";
import { AssetManifest, writeManifest } from "../../src/assets/manifest.js";
import { LinkCensus, formatLinkCensus } from "../../src/links/census.js";
import { LinkIndex } from "../../src/links/link-index.js";
import { parseRedirects, writeRedirects } from "../../src/redirects/formats.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "sm-write-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writing the redirects and the manifest", () => {
  const index = LinkIndex.from([
    { id: "a", oldUrls: ["https://www.sozcu.com.tr/2019/gundem/a-1000001/", "https://www.sozcu.com.tr/?p=1000001"], outputPath: "2019/gundem/a.md" },
    { id: "b", oldUrls: ["https://www.sozcu.com.tr/2020/dunya/b-1000002/"], outputPath: "2020/dunya/b.md" },
  ]);

  test("writeRedirects: the format by the name, the count of old requests, nothing else left in the folder", async () => {
    expect(await writeRedirects(path.join(dir, "_redirects"), index.redirects())).toBe(3);
    expect(parseRedirects(await readFile(path.join(dir, "_redirects"), "utf8"), "netlify")).toEqual([
      { from: "/2019/gundem/a-1000001/", to: "/2019/gundem/a/" },
      { from: "/?p=1000001", to: "/2019/gundem/a/" },
      { from: "/2020/dunya/b-1000002/", to: "/2020/dunya/b/" },
    ]);
    await expect(writeRedirects(path.join(dir, "redirects.txt"), index.redirects())).rejects.toThrow(/the format is chosen by the name/);
    expect(await readdir(dir)).toEqual(["_redirects"]);
  });

  test("writeManifest: JSON and CSV by the name", async () => {
    const assets = new AssetMap();
    const manifest = new AssetManifest();
    const url = "https://sozcuo01.sozcucdn.com/wp-content/uploads/2016/07/dugin.jpg";
    manifest.add("a", [{ ...assets.target(url)!, url, where: "related-news image" }], (key) => assets.href(key, ""));
    await writeManifest(path.join(dir, "assets.json"), manifest.entries());
    await writeManifest(path.join(dir, "assets.csv"), manifest.entries());
    expect(JSON.parse(await readFile(path.join(dir, "assets.json"), "utf8")).assets[0]).toMatchObject({
      source: url,
      path: "/images/2016/07/dugin.jpg",
      posts: ["a"],
    });
    expect(await readFile(path.join(dir, "assets.csv"), "utf8")).toBe(`source,path,posts,urls\r\n${url},/images/2016/07/dugin.jpg,a,${url}\r\n`);
  });

  test("formatLinkCensus: counts, most linked, dead links with their places", () => {
    const census = new LinkCensus();
    const position = (line: number, column: number) => ({ start: { line, column, offset: 0 }, end: { line, column, offset: 0 } });
    census.add("archive.ndjson#7", [
      {
        url: "https://www.sozcu.com.tr/2019/gundem/a-1000001/",
        where: "related-news link",
        resolution: index.resolve("https://www.sozcu.com.tr/2019/gundem/a-1000001/", "x.md"),
        position: position(3, 1),
      },
      {
        url: "https://www.sozcu.com.tr/yok-5/",
        where: "related-news link",
        resolution: index.resolve("https://www.sozcu.com.tr/yok-5/", "x.md"),
        position: position(5, 120),
      },
      { url: "https://www.sozcu.com.tr/yok-6/", where: "link", resolution: index.resolve("https://www.sozcu.com.tr/yok-6/", "x.md"), position: undefined },
    ]);
    expect(formatLinkCensus(census.summary(), 1)).toBe(
      [
        "Related-news boxes: 2 linking to the old site · 1 resolve · 1 dead",
        "All links to the old site: 3 · 1 resolve · 2 dead",
        "Most linked: a (1)",
        "Dead links:",
        "  archive.ndjson#7:5:120  https://www.sozcu.com.tr/yok-5/  (related-news link)",
        "  … and 1 more",
        "",
      ].join("\n"),
    );
  });
});
