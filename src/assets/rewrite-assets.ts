/**
 * Old-site images and files of one converted article → their new place under the asset base.
 */
import { forEachUrl } from "../links/url-slots.js";
import type { AssetMap, AssetTarget } from "./asset-map.js";

/** An asset one article uses. */
export interface AssetUse extends AssetTarget {
  /** The URL as written in the article. */
  url: string;
  /** `image`, `html srcset`, `link` … */
  where: string;
}

/** The result of {@link rewriteAssets}. */
export interface RewriteAssetsResult {
  /** Every old-site asset of the article, in document order (repeats included): the manifest is fed with these. */
  uses: AssetUse[];
  /** How many URLs were rewritten. */
  rewritten: number;
}

/**
 * Rewrites, in place, every URL of `tree` that is an old-site asset (images, `srcset`
 * candidates, video posters, and links to uploaded files) to its new URL.
 *
 * @param tree the article's mdast (final or the converter's intermediate tree)
 * @param assets the asset map (`--asset-base`, `--asset-host`, `--originals`)
 * @param fromOutputPath the article's output path, for a relative asset base
 */
export function rewriteAssets(tree: unknown, assets: AssetMap, fromOutputPath: string): RewriteAssetsResult {
  const uses: AssetUse[] = [];
  let rewritten = 0;
  forEachUrl(tree, (slot) => {
    const target = assets.target(slot.url);
    if (target === null) return;
    uses.push({ ...target, url: slot.url, where: slot.where });
    const href = assets.href(target.key, fromOutputPath);
    if (href !== slot.url) {
      slot.set(href);
      rewritten++;
    }
  });
  return { uses, rewritten };
}
