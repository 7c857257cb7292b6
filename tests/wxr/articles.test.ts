/**
 * The link index's facts of an export (WxrArticleCollector, fed by the first pass) name every
 * post exactly as the conversion's units do (same namer, same order, same renames), on our own
 * exports and, where `../shared/realworld/wxr` is present, on all of the shared ones (skipped
 * with a notice otherwise), under the default options and under filters and a dated template.
 */
import { existsSync, readdirSync, createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "@jest/globals";
import { WxrArticleCollector } from "../../src/wxr/articles.js";
import { indexWxr } from "../../src/wxr/export-index.js";
import { wxrUnits, type WxrUnitOptions } from "../../src/wxr/units.js";

const own = ["haber-sitesi.xml", "haber-sitesi-truncated.xml", "haber-arsivi.xml"].map((name) =>
  fileURLToPath(new URL(`../../fixtures/wxr/${name}`, import.meta.url)),
);
const shared = fileURLToPath(new URL("../../../shared/realworld/wxr/", import.meta.url));
const present = existsSync(shared);
if (!present) console.warn("skipped (shared exports): ../shared/realworld/wxr is absent (the real-world corpus is not next to the project)");
const files = [
  ...own,
  ...(present
    ? readdirSync(shared)
        .filter((name) => name.endsWith(".xml"))
        .map((name) => `${shared}${name}`)
    : []),
];

const OPTIONS: WxrUnitOptions[] = [
  {},
  { postTypes: ["post"], statuses: ["publish", "draft"], pathTemplate: "{yyyy}/{mm}/{slug}.md" },
  { pathTemplate: "{type}/{id}-{slug}.md", utcOffset: "+03:00" },
];

/** Both sides: the collector's articles, the units' ids and paths. */
async function sides(file: string, options: WxrUnitOptions) {
  const collector = new WxrArticleCollector(options);
  const index = await indexWxr(createReadStream(file), collector.add);
  const { articles, attachments } = collector.finish(index.siteOffset);
  const units: Array<[number, string, string]> = [];
  for await (const event of wxrUnits(() => createReadStream(file), "x.xml", options))
    if (event.kind === "unit") units.push([event.unit.post.id, event.unit.outPath, event.unit.post.link]);
  return { articles, attachments, units, index };
}

describe("WxrArticleCollector names posts as the conversion does", () => {
  test.each(files.flatMap((file) => OPTIONS.map((options, n) => ({ file, options, n, name: file.split("/").pop() }))))(
    "$name, options #$n",
    async ({ file, options }) => {
      const { articles, attachments, units, index } = await sides(file, options);
      expect(articles.map((article) => [article.id, article.path])).toEqual(units.map(([id, outPath]) => [id, outPath]));
      // the permalink is among each post's old URLs; every attachment of the export index is there, with its file
      for (const [i, [, , link]] of units.entries()) if (link) expect(articles[i]!.oldUrls).toContain(link.trim());
      expect(attachments.map((attachment) => [attachment.id, attachment.url])).toEqual(
        [...index.attachments.values()].filter((a) => a.url).map((a) => [a.id, a.url]),
      );
    },
  );

  test("?p=ID on the site's address for every post, ?page_id=ID for pages; attachments by ?attachment_id=ID", async () => {
    const { articles, attachments } = await sides(own[2]!, {});
    const site = "https://www.haber.example.com.tr";
    expect(articles.find((article) => article.id === 503)!.oldUrls).toEqual([`${site}/2023/02/10/deprem-bolgesinde-son-durum/`, `${site}/?p=503`]);
    expect(articles.find((article) => article.id === 505)!.oldUrls).toEqual([`${site}/kunye/`, `${site}/?page_id=505`, `${site}/?p=505`]);
    expect(attachments.find((attachment) => attachment.id === 601)!.oldUrls).toEqual([
      `${site}/2021/03/01/merkez-bankasi-faiz-karari/faiz/`,
      `${site}/?attachment_id=601`,
      `${site}/wp-content/uploads/2021/03/faiz.jpg`,
    ]);
  });
});
