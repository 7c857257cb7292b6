/**
 * On the real exports' posts and pages (../shared/realworld/bodies: the WordPress importer's
 * a11y theme-test site and the hexo demo site; skipped with a notice where that folder is
 * absent): every link to the old site is rewritten or reported, every file of the old site
 * is in the manifest and rewritten. Checked against the output converted without rewriting,
 * by a pattern of the test's own, not by the walker under test.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "@jest/globals";
import { AssetMap } from "../../src/assets/asset-map.js";
import { AssetManifest } from "../../src/assets/manifest.js";
import { rewriteAssets } from "../../src/assets/rewrite-assets.js";
import { LinkIndex } from "../../src/links/link-index.js";
import { rewriteLinks } from "../../src/links/rewrite-links.js";
import { trees } from "./convert-trees.js";

const folder = new URL("../../../shared/realworld/bodies/", import.meta.url);
const present = existsSync(folder);
if (!present) console.warn("skipped: ../shared/realworld/bodies is absent (the real-world corpus is not next to the project)");

interface Post {
  id: string;
  post_id: number;
  type: string;
  slug: string;
  date: string;
  link: string;
  body: string;
}

const SITES = [
  { file: "a11y-unit-test-data.ndjson", host: String.raw`wpthemetestdata\.(?:files\.)?wordpress\.com`, home: "http://wpthemetestdata.wordpress.com" },
  { file: "hexo-demo-site.ndjson", host: String.raw`s1\.demo\.opensourcecms\.com`, home: "https://s1.demo.opensourcecms.com/wordpress" },
];

/**
 * Old-site URLs the output uses as URLs: a markdown link or image destination, an autolink,
 * an HTML attribute, a Gutenberg comment's JSON, CSS `url(`. (A URL mentioned in running
 * text is text, not a link, and stays as written.)
 */
function usedUrls(markdown: string, host: string): string[] {
  const pattern = new RegExp(String.raw`(?:\]\(|<|=\s*["']|":"|url\()(https?://${host}[^\s"'<>()]*)`, "g");
  return [...markdown.matchAll(pattern)].map((match) => match[1]!);
}

(present ? describe : describe.skip)("the real exports' bodies", () => {
  test.each(SITES.flatMap((site) => (["wordpress"] as const).map((preset) => ({ ...site, preset }))))(
    "$file, preset $preset: every old-site link rewritten or reported, every old-site file in the manifest and rewritten",
    ({ file, host, home, preset }) => {
      const posts = readFileSync(new URL(file, folder), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Post);
      const outputPath = (post: Post) => `${post.type}s/${post.slug || post.id}.md`;
      const index = LinkIndex.from(
        posts.map((post) => ({
          id: post.id,
          oldUrls: [post.link, `${home}/?p=${post.post_id}`],
          outputPath: outputPath(post),
          date: post.date,
          slug: post.slug,
        })),
      );
      const assets = new AssetMap();
      const isAsset = (url: string) => assets.target(url) !== null;
      const manifest = new AssetManifest();
      const counts = { links: 0, rewritten: 0, dead: 0, files: 0 };
      for (const post of posts) {
        const from = outputPath(post);
        const before = trees(post.body, { preset }).markdown();
        const { intermediate, markdown } = trees(post.body, { preset });
        const linkResult = rewriteLinks(intermediate, (url) => index.resolve(url, from), { isAsset });
        const assetResult = rewriteAssets(intermediate, assets, from);
        manifest.add(post.id, assetResult.uses, (key) => assets.href(key, from));
        const after = markdown();
        const reported = new Set(linkResult.messages.map((message) => /"([^"]+)" points at the old site/.exec(message.reason)![1]));
        const listed = new Set(manifest.entries().flatMap((entry) => entry.urls));
        const left = new Set(usedUrls(after, host));
        for (const url of new Set(usedUrls(before, host).map((value) => value.replace(/&amp;/g, "&")))) {
          if (isAsset(url)) {
            counts.files++;
            expect([post.id, url, listed.has(url), left.has(url)]).toEqual([post.id, url, true, false]);
          } else {
            counts.links++;
            if (reported.has(url)) counts.dead++;
            else counts.rewritten++;
            // rewritten (no longer in the output), or kept and reported
            expect([post.id, url, reported.has(url) ? "reported" : left.has(url) ? "left" : "rewritten"]).not.toEqual([post.id, url, "left"]);
          }
        }
      }
      // what each corpus holds (a change in the converter that drops or adds URLs shows here)
      if (file.startsWith("a11y")) expect(counts.files).toBeGreaterThan(30);
      else expect(counts.links).toBeGreaterThan(3);
      console.info(
        `${file} (${preset}): ${posts.length} bodies; old-site links ${counts.links} (${counts.rewritten} rewritten, ${counts.dead} dead, reported); old-site files ${counts.files}, manifest ${manifest.size}`,
      );
    },
  );
});
