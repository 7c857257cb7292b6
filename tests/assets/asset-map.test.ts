import { readFileSync } from "node:fs";
import { describe, expect, test } from "@jest/globals";
import { AssetMap } from "../../src/assets/asset-map.js";
import { AssetManifest, manifestFormat, serializeManifest } from "../../src/assets/manifest.js";
import { rewriteAssets } from "../../src/assets/rewrite-assets.js";
import { parseCsv } from "../../src/redirects/formats.js";
import { trees } from "../links/convert-trees.js";

const seed = readFileSync(new URL("../../fixtures/articles/seed.txt", import.meta.url), "utf8");

describe("AssetMap.target", () => {
  const assets = new AssetMap();

  test("wp-content/uploads on any host keeps the uploads path", () => {
    expect(assets.target("https://sozcuo01.sozcucdn.com/wp-content/uploads/2019/11/18/iecrop/5_16_9_1574117890.jpg")).toEqual({
      source: "https://sozcuo01.sozcucdn.com/wp-content/uploads/2019/11/18/iecrop/5_16_9_1574117890.jpg",
      key: "2019/11/18/iecrop/5_16_9_1574117890.jpg",
    });
    expect(assets.target("/wp-content/uploads/2016/07/dugin.jpg#x")).toEqual({ source: "/wp-content/uploads/2016/07/dugin.jpg", key: "2016/07/dugin.jpg" });
    expect(assets.target("//www.sozcu.com.tr/wp-content/uploads/2016/07/d%C3%BCgin.jpg")).toMatchObject({ key: "2016/07/dügin.jpg" });
  });

  test("files.wordpress.com keeps its whole path; --asset-host hosts count whole", () => {
    expect(assets.target("http://wpthemetestdata.files.wordpress.com/2013/03/image-alignment-150x150.jpg")).toMatchObject({
      key: "2013/03/image-alignment-150x150.jpg",
    });
    const withHosts = new AssetMap({ assetHosts: ["img.sozcu.com.tr"] });
    expect(withHosts.target("https://IMG.sozcu.com.tr/foto/2020/a.png?w=300")).toEqual({
      source: "https://img.sozcu.com.tr/foto/2020/a.png?w=300",
      key: "foto/2020/a.png",
    });
    expect(assets.target("https://img.sozcu.com.tr/foto/2020/a.png")).toBeNull();
  });

  test("what is no asset of the old site gives null", () => {
    for (const url of [
      "https://www.sozcu.com.tr/2019/gundem/x-1/",
      "https://example.com/a.jpg",
      "a.jpg",
      "mailto:x@y",
      "https://x.com/wp-content/uploads/",
      "data:image/png;base64,AA",
    ]) {
      expect(assets.target(url)).toBeNull();
    }
  });

  test("uploadHosts restricts wp-content/uploads to the old site's hosts", () => {
    const strict = new AssetMap({ uploadHosts: ["*.sozcucdn.com", "sozcu.com.tr"] });
    expect(strict.target("https://sozcuo01.sozcucdn.com/wp-content/uploads/a.jpg")).not.toBeNull();
    expect(strict.target("https://www.sozcu.com.tr/wp-content/uploads/a.jpg")).not.toBeNull();
    expect(strict.target("https://other.blog/wp-content/uploads/a.jpg")).toBeNull();
  });

  test("--originals maps resized copies to the original, URL and key", () => {
    const originals = new AssetMap({ originals: true });
    expect(originals.target("https://s.example/wp-content/uploads/2019/11/kare-300x200.jpg")).toEqual({
      source: "https://s.example/wp-content/uploads/2019/11/kare.jpg",
      key: "2019/11/kare.jpg",
    });
    expect(originals.target("https://s.wordpress.com/x.jpg")).toBeNull();
    expect(new AssetMap().target("https://s.example/wp-content/uploads/2019/11/kare-300x200.jpg")).toMatchObject({ key: "2019/11/kare-300x200.jpg" });
  });

  test("a key never leaves the asset folder", () => {
    expect(assets.target("https://s.example/wp-content/uploads/..%2f..%2fetc/passwd")).toMatchObject({ key: "etc/passwd" });
    // the URL parser itself resolves dot segments: this one is no uploads path any more
    expect(assets.target("https://s.example/wp-content/uploads/%2e%2e/%2e%2e/etc/passwd")).toBeNull();
  });

  test("href: an absolute base as written, a relative base from the output file", () => {
    expect(assets.href("2019/11/a b.jpg", "x/y.md")).toBe("/images/2019/11/a%20b.jpg");
    expect(new AssetMap({ assetBase: "https://cdn.example/m" }).href("a.jpg", "x.md")).toBe("https://cdn.example/m/a.jpg");
    expect(new AssetMap({ assetBase: "images/" }).href("2019/a.jpg", "2020/dunya/x.md")).toBe("../../images/2019/a.jpg");
    expect(() => new AssetMap({ assetBase: " " })).toThrow('--asset-base " " is empty');
  });
});

describe("rewriteAssets and the manifest", () => {
  test("the seed's box images move under /images/ and are listed with the article", () => {
    const assets = new AssetMap();
    const seedTrees = trees(seed);
    const result = rewriteAssets(seedTrees.intermediate, assets, "2020/dunya/lavrov.md");
    expect(result.rewritten).toBe(3);
    expect(result.uses.map((use) => [use.where, use.key])).toEqual([
      ["related-news image", "2019/11/18/iecrop/5_16_9_1574117890.jpg"],
      ["related-news image", "2020/05/12/iecrop/ugur-dundar-son_16_9_1589323123.jpg"],
      ["related-news image", "2016/07/dugin.jpg"],
    ]);
    const markdown = seedTrees.markdown();
    expect(markdown).toContain("](/images/2016/07/dugin.jpg)");
    expect(markdown).not.toContain("wp-content/uploads");
  });

  test("raw HTML src, srcset candidates and links to files are rewritten; --originals merges the sizes", () => {
    const body =
      '[caption id="attachment_1" width="300"]<a href="https://s.example/wp-content/uploads/2019/11/kare.jpg"><img src="https://s.example/wp-content/uploads/2019/11/kare-300x200.jpg" srcset="https://s.example/wp-content/uploads/2019/11/kare-300x200.jpg 300w, https://s.example/wp-content/uploads/2019/11/kare.jpg 1024w" alt="Kare" /></a> Bir fotoğraf[/caption]';
    const assets = new AssetMap({ originals: true });
    // (the caption kept as raw HTML: under the default preset, which holds WordPress core, it is converted)
    const { intermediate, markdown } = trees(body, { preset: "none" });
    const result = rewriteAssets(intermediate, assets, "a.md");
    expect(result.uses.map((use) => use.where)).toEqual(["html href", "html src", "html srcset", "html srcset"]);
    expect(new Set(result.uses.map((use) => use.key))).toEqual(new Set(["2019/11/kare.jpg"]));
    const out = markdown();
    expect(out).toContain('src="/images/2019/11/kare.jpg" srcset="/images/2019/11/kare.jpg 300w, /images/2019/11/kare.jpg 1024w"');
    expect(out).not.toContain("s.example");

    const manifest = new AssetManifest();
    manifest.add("kare-haberi", result.uses, (key) => assets.href(key, ""));
    expect(manifest.entries()).toEqual([
      {
        source: "https://s.example/wp-content/uploads/2019/11/kare.jpg",
        urls: ["https://s.example/wp-content/uploads/2019/11/kare-300x200.jpg", "https://s.example/wp-content/uploads/2019/11/kare.jpg"],
        path: "/images/2019/11/kare.jpg",
        key: "2019/11/kare.jpg",
        posts: ["kare-haberi"],
      },
    ]);
  });

  test("the manifest merges articles and workers, reports two files wanting one path, reads back from JSON and CSV", () => {
    const assets = new AssetMap();
    const use = (url: string) => ({ ...assets.target(url)!, url, where: "image" });
    const a = new AssetManifest();
    a.add("b-haber", [use("https://s.example/wp-content/uploads/2019/a.jpg")], (key) => assets.href(key, ""));
    const b = new AssetManifest();
    b.add("a-haber", [use("http://www.s.example/wp-content/uploads/2019/a.jpg"), use('https://s.example/wp-content/uploads/2020/b,"c".jpg')], (key) =>
      assets.href(key, ""),
    );
    a.merge(b.entries());
    const entries = a.entries();
    expect(entries.map((entry) => [entry.key, entry.posts])).toEqual([
      ["2019/a.jpg", ["a-haber", "b-haber"]],
      ['2020/b,"c".jpg', ["a-haber"]],
    ]);
    expect(a.conflicts()).toEqual([]);
    a.add("c-haber", [use("https://other.example/wp-content/uploads/2019/a.jpg")], (key) => assets.href(key, ""));
    expect(a.conflicts()).toEqual([
      { key: "2019/a.jpg", sources: ["//other.example/wp-content/uploads/2019/a.jpg", "//s.example/wp-content/uploads/2019/a.jpg"] },
    ]);

    expect(JSON.parse(serializeManifest(entries, "json"))).toEqual({ version: 1, assets: entries });
    const rows = parseCsv(serializeManifest(entries, "csv"));
    expect(rows[0]).toEqual(["source", "path", "posts", "urls"]);
    expect(rows.slice(1)).toEqual(entries.map((entry) => [entry.source, entry.path, entry.posts.join(";"), entry.urls.join(" ")]));
    expect(manifestFormat("out/assets.CSV")).toBe("csv");
    expect(() => manifestFormat("assets.txt")).toThrow('--asset-manifest "assets.txt": expected a .json or .csv file name');
  });
});
