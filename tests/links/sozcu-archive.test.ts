/**
 * On a generated Sözcü-shaped archive whose boxes link to each other, some targets removed:
 * every box that can resolve does (to its own target), every dead one is reported at its
 * `link=` value, and the counts match the generator's truth.
 */
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import { LinkCensus } from "../../src/links/census.js";
import { relatedNewsLinks } from "../../src/links/related-news.js";
import { LinkIndex, SOZCU_ID_PATTERN, type ArticleRecord } from "../../src/links/link-index.js";
import { rewriteLinks } from "../../src/links/rewrite-links.js";
import { AssetMap } from "../../src/assets/asset-map.js";
import { AssetManifest } from "../../src/assets/manifest.js";
import { rewriteAssets } from "../../src/assets/rewrite-assets.js";
import { transformed, trees } from "./convert-trees.js";
import { generateArchive } from "./sozcu-archive.js";

interface ArchiveRecord {
  id: string;
  url: string;
  date: string;
  slug: string;
  category: string;
  body: string;
}

const archive = generateArchive(400, 20261203);
const records: ArchiveRecord[] = archive.ndjson
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as ArchiveRecord);
const outputPath = (record: ArchiveRecord) => `${record.date.slice(0, 4)}/${record.category}/${record.slug}.md`;

describe("a generated Sözcü archive (400 articles, boxes linking to each other, some removed)", () => {
  // first pass: the index from the records alone
  const toRecord = (record: ArchiveRecord): ArticleRecord => ({
    id: record.id,
    oldUrls: [record.url],
    outputPath: outputPath(record),
    date: record.date,
    slug: record.slug,
  });
  const index = LinkIndex.from(records.map(toRecord), { idPattern: SOZCU_ID_PATTERN });
  const assets = new AssetMap();
  const isAsset = (url: string) => assets.target(url) !== null;

  test("the generator made every kind of box, and removed some targets", () => {
    expect(archive.removed.length).toBeGreaterThan(20);
    expect(records.length + archive.removed.length).toBe(400);
    expect(new Set(archive.boxes.map((box) => box.spelling))).toEqual(new Set(["exact", "http-no-www", "no-trailing-slash", "slug-changed"]));
    expect(archive.boxes.some((box) => !box.targetKept && records.some((record) => record.id === box.from))).toBe(true);
  });

  test("every box that can resolve does, to its own target; every dead one is reported at its link= value; the counts match", () => {
    const removed = new Set(archive.removed);
    const truth = archive.boxes.filter((box) => !removed.has(box.from));
    const census = new LinkCensus();
    let checked = 0;
    for (const record of records) {
      const from = outputPath(record);
      const { intermediate } = trees(record.body);
      const result = rewriteLinks(intermediate, (url) => index.resolve(url, from), { isAsset });
      census.add(record.id, result.outcomes);
      const expected = truth.filter((box) => box.from === record.id);
      expect(result.outcomes).toHaveLength(expected.length);
      const dead = result.messages.map((message) => message.position.start.offset);
      result.outcomes.forEach((outcome, at) => {
        const box = expected[at]!;
        expect(outcome.where).toBe("related-news link");
        expect(outcome.url).toBe(box.url);
        if (box.targetKept) {
          expect(outcome.resolution).toMatchObject({ kind: "article", id: box.to, via: box.spelling === "slug-changed" ? "id" : "url" });
          // the new link, read from the article's folder, is the target's output file
          const target = records.find((other) => other.id === box.to)!;
          const href = outcome.resolution.kind === "article" ? outcome.resolution.href : "";
          expect(path.posix.join(path.posix.dirname(from), href)).toBe(outputPath(target));
        } else {
          expect(outcome.resolution.kind).toBe("dead");
          // reported exactly where the URL is written in the body
          expect(dead.some((offset) => record.body.startsWith(box.url, offset))).toBe(true);
        }
        checked++;
      });
      expect(result.messages).toHaveLength(expected.filter((box) => !box.targetKept).length);
    }
    const summary = census.summary(Infinity);
    expect(checked).toBe(truth.length);
    expect(summary.boxes).toEqual({
      total: truth.length,
      resolved: truth.filter((box) => box.targetKept).length,
      dead: truth.filter((box) => !box.targetKept).length,
    });
    expect(summary.boxes.dead).toBeGreaterThan(0);
    expect(summary.boxes.resolved).toBeGreaterThan(summary.boxes.dead);
    // the most-linked article is the generator's most-linked kept target
    const counts = new Map<string, number>();
    for (const box of truth) if (box.targetKept) counts.set(box.to, (counts.get(box.to) ?? 0) + 1);
    expect(summary.mostLinked[0]!.count).toBe(Math.max(...counts.values()));
    expect(Object.fromEntries(summary.mostLinked.map(({ id, count }) => [id, count]))).toEqual(Object.fromEntries(counts));
  });

  test("scan's census straight from the parser (no conversion) counts the same boxes, dead ones at the same places", () => {
    const converted = new LinkCensus();
    const parsed = new LinkCensus();
    for (const record of records) {
      const from = outputPath(record);
      const resolver = (url: string) => index.resolve(url, from);
      converted.add(record.id, rewriteLinks(trees(record.body).intermediate, resolver, { isAsset }).outcomes);
      parsed.add(record.id, relatedNewsLinks(record.body, resolver));
    }
    expect(parsed.summary(Infinity)).toEqual(converted.summary(Infinity));
    const { boxes, mostLinked } = parsed.summary(3);
    console.info(
      `generated archive: ${records.length} articles kept of 400; boxes ${boxes.total}: ${boxes.resolved} resolve, ${boxes.dead} dead; most linked ${mostLinked.map(({ id, count }) => `${id}×${count}`).join(", ")}`,
    );
  });

  test("in the markdown written, resolved boxes carry their new link and the dead ones their old URL; box images are in the manifest", () => {
    const manifest = new AssetManifest();
    let images = 0;
    for (const record of records.slice(0, 60)) {
      const from = outputPath(record);
      const { result, output: out } = transformed(record.body, {}, (tree) => ({
        links: rewriteLinks(tree, (url) => index.resolve(url, from), { isAsset }),
        used: rewriteAssets(tree, assets, from),
      }));
      const { links, used } = result;
      images += used.uses.length;
      manifest.add(record.id, used.uses, (key) => assets.href(key, from));
      for (const outcome of links.outcomes) {
        if (outcome.resolution.kind === "article") {
          expect(out).toContain(`](${outcome.resolution.href})`);
          expect(out).not.toContain(outcome.url);
        } else expect(out).toContain(`](${outcome.url})`);
      }
      expect(out).not.toContain("sozcucdn.com");
    }
    expect(images).toBeGreaterThan(0);
    const entries = manifest.entries();
    expect(entries.reduce((sum, entry) => sum + entry.posts.length, 0)).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.path).toBe(`/images/${entry.key}`);
  });
});
