/**
 * Raw HTML the converter keeps (an `html` node) with the URLs Gutenberg writes outside `href`
 * and `src`: a gallery image's `data-link` (its attachment page) and `data-full-url`, a cover's
 * `style="background-image:url(…)"` (plain, entity-quoted, root-relative). Whether the converter
 * keeps them is its business; when they survive, the rewriters must reach them.
 */
import { describe, expect, test } from "@jest/globals";
import { AssetMap } from "../../src/assets/asset-map.js";
import { rewriteAssets } from "../../src/assets/rewrite-assets.js";
import { LinkIndex } from "../../src/links/link-index.js";
import { rewriteLinks } from "../../src/links/rewrite-links.js";

const SITE = "https://www.haber.example.com.tr";
const UPLOADS = `${SITE}/wp-content/uploads/2021/03`;
const index = LinkIndex.from([
  { id: "502", oldUrls: [`${SITE}/2021/03/01/merkez-bankasi-faiz-karari/`], outputPath: "posts/merkez-bankasi-faiz-karari.md" },
  {
    id: "601",
    oldUrls: [`${SITE}/2021/03/01/merkez-bankasi-faiz-karari/faiz/`, `${UPLOADS}/faiz.jpg`],
    outputPath: "images/2021/03/faiz.jpg",
    newUrl: "/images/2021/03/faiz.jpg",
  },
]);
const assets = new AssetMap();
const isAsset = (url: string) => assets.target(url) !== null;

/** One raw HTML node starting at line 3, column 1 of a body. */
function htmlTree(value: string) {
  const start = { line: 3, column: 1, offset: 40 };
  return { type: "root", children: [{ type: "html", value, position: { start, end: { ...start, offset: start.offset + value.length } } }] };
}

const GALLERY =
  `<figure class="wp-block-gallery"><ul><li class="blocks-gallery-item"><figure>` +
  `<img src="${UPLOADS}/faiz-1024x683.jpg" alt="Faiz kararı" data-id="601" data-full-url="${UPLOADS}/faiz.jpg" data-link="${SITE}/2021/03/01/merkez-bankasi-faiz-karari/faiz/" class="wp-image-601"/>` +
  `<img src="${UPLOADS}/silinen.jpg" alt="" data-link="${SITE}/2021/03/01/silinen-haber/ek/"/>` +
  `</figure></li></ul></figure>`;

describe("rewriters on raw HTML attributes Gutenberg writes", () => {
  test("gallery: data-link to an attachment page → its file; to a page the archive no longer has → kept and reported at the value; data-full-url and src → under /images/", () => {
    const tree = htmlTree(GALLERY);
    const links = rewriteLinks(tree, (url) => index.resolve(url, "posts/merkez-bankasi-faiz-karari.md"), { isAsset });
    const files = rewriteAssets(tree, assets, "posts/merkez-bankasi-faiz-karari.md");
    const value = tree.children[0]!.value;
    expect(value).toContain(`data-link="/images/2021/03/faiz.jpg"`);
    expect(value).toContain(`data-full-url="/images/2021/03/faiz.jpg"`);
    expect(value).toContain(`src="/images/2021/03/faiz-1024x683.jpg"`);
    expect(value).toContain(`src="/images/2021/03/silinen.jpg"`);
    expect(value).toContain(`data-link="${SITE}/2021/03/01/silinen-haber/ek/"`);
    expect(links.outcomes.map((outcome) => [outcome.where, outcome.resolution.kind])).toEqual([
      ["html data-link", "article"],
      ["html data-link", "dead"],
    ]);
    expect(links.messages).toHaveLength(1);
    // the message's column is the value's first character
    const column = links.messages[0]!.position.start.column;
    expect(GALLERY.slice(column - 1).startsWith(`${SITE}/2021/03/01/silinen-haber/ek/"`)).toBe(true);
    expect(files.uses.map((use) => [use.where, use.key])).toEqual([
      ["html src", "2021/03/faiz-1024x683.jpg"],
      ["html data-full-url", "2021/03/faiz.jpg"],
      ["html src", "2021/03/silinen.jpg"],
    ]);
  });

  test("a [gallery] rendered from the media library (a gallery node): its figures' images and links are reached", () => {
    const figure = { type: "figure", url: `${UPLOADS}/faiz.jpg`, link: `${SITE}/2021/03/01/merkez-bankasi-faiz-karari/faiz/`, caption: [] };
    const tree = { type: "root", children: [{ type: "gallery", images: [figure] }] };
    const links = rewriteLinks(tree, (url) => index.resolve(url, "posts/x.md"), { isAsset });
    const files = rewriteAssets(tree, assets, "posts/x.md");
    expect(links.outcomes.map((outcome) => outcome.resolution.kind)).toEqual(["article"]);
    expect(files.uses.map((use) => use.key)).toEqual(["2021/03/faiz.jpg"]);
    expect(figure).toMatchObject({ url: "/images/2021/03/faiz.jpg", link: "/images/2021/03/faiz.jpg" });
  });

  test("cover: background-image url() plain, entity-quoted, single-quoted and root-relative → under /images/, nothing else of the style touched", () => {
    const covers = [
      `<div class="wp-block-cover" style="background-image:url(${UPLOADS}/doviz.jpg)"></div>`,
      `<div class="wp-block-cover" style="background-image:url(&quot;${UPLOADS}/doviz.jpg&quot;);background-position:50% 50%"></div>`,
      `<div class="wp-block-cover" style="background-image:url('${UPLOADS}/doviz.jpg')"></div>`,
      `<div class="wp-block-cover" style="background-image:url(/wp-content/uploads/2021/03/doviz.jpg)"></div>`,
    ];
    const expected = [
      `<div class="wp-block-cover" style="background-image:url(/images/2021/03/doviz.jpg)"></div>`,
      `<div class="wp-block-cover" style="background-image:url(&quot;/images/2021/03/doviz.jpg&quot;);background-position:50% 50%"></div>`,
      `<div class="wp-block-cover" style="background-image:url('/images/2021/03/doviz.jpg')"></div>`,
      `<div class="wp-block-cover" style="background-image:url(/images/2021/03/doviz.jpg)"></div>`,
    ];
    covers.forEach((cover, i) => {
      const tree = htmlTree(cover);
      const files = rewriteAssets(tree, assets, "posts/x.md");
      expect(tree.children[0]!.value).toBe(expected[i]);
      expect(files.uses.map((use) => [use.key, use.source])).toEqual([
        ["2021/03/doviz.jpg", i === 3 ? "/wp-content/uploads/2021/03/doviz.jpg" : `${UPLOADS}/doviz.jpg`],
      ]);
      // an image, never a dead article link
      expect(rewriteLinks(htmlTree(cover), (url) => index.resolve(url, "posts/x.md"), { isAsset }).outcomes).toEqual([]);
    });
  });
});
