/**
 * The link index of WordPress exports (issue 16): the first pass. It rides on the export's own
 * index pass (attachments, reusable blocks), so an export is still read twice in all: once here
 * (the link facts and the export index together), once for the posts, which get the export
 * index handed over. Each post is recorded under its unit's id (`export.xml#101`) with its
 * `<link>`, `guid`, `?p=ID` (and `?page_id=ID` for pages) and the path the out-dir sink will
 * write it to; each attachment with its page, `?attachment_id=ID` and file URL, leading to
 * its file under the asset base. With `--cache` the index is remembered beside the cache.
 */
import type { InputFile } from "../io/expand.js";
import { AssetMap } from "../assets/asset-map.js";
import { LinkIndex, type ArticleRecord, type LinkIndexOptions } from "../links/link-index.js";
import { indexWxr, WxrArticleCollector, type WxrIndex, type WxrUnitOptions } from "../wxr/index.js";
import { cachedLinkIndex } from "./cache.js";
import type { RunEnv } from "./env.js";
import { LinkRun, type LinkSettings } from "./links.js";
import type { RunReporter } from "./outcome.js";

/** The link index of a run's exports, and the export indexes read on the way (keyed by export path) for the conversion to reuse. */
export async function exportLinkRun(
  links: LinkSettings,
  wxr: WxrUnitOptions,
  cache: { location: string | undefined } | undefined,
  env: RunEnv,
  exports: readonly InputFile[],
  reporter: RunReporter,
): Promise<{ run: LinkRun; indexes: Map<string, WxrIndex> }> {
  const indexes = new Map<string, WxrIndex>();
  const build = async () => (await LinkIndex.fromAsync(exportArticles(links, wxr, env, exports, indexes), links.index)).toJSON();
  if (cache === undefined) return { run: new LinkRun(links, LinkIndex.fromJSON(await build())), indexes };
  const stamps = [];
  for (const file of exports) {
    try {
      const { size, mtimeMs } = await env.fs.stat(file.path);
      stamps.push([file.path, file.display, size, mtimeMs]);
    } catch {
      stamps.push([file.path, file.display, null, null]);
    }
  }
  const key = { source: "wxr", stamps, wxr, index: links.index, assets: links.assets };
  const { data, cached, note } = await cachedLinkIndex(env, cache.location, key, build);
  if (note) reporter.event({ kind: "warn", text: note });
  const index = LinkIndex.fromJSON(data);
  if (cached)
    reporter.event({
      kind: "info",
      text: `links: the link index of ${index.size} article${index.size === 1 ? "" : "s"} taken from the cache (the exports did not change)`,
    });
  return { run: new LinkRun(links, index), indexes };
}

/**
 * `scan`'s link index of exports (its related-news census): posts and attachments as `convert`
 * indexes them, default names and asset options; `indexes` receives each export's first pass for the scan to reuse.
 */
export async function exportScanIndex(
  env: RunEnv,
  exports: readonly InputFile[],
  options: LinkIndexOptions,
  indexes: Map<string, WxrIndex>,
): Promise<LinkIndex> {
  return LinkIndex.fromAsync(exportArticles({ assets: {} }, {}, env, exports, indexes), options);
}

/**
 * The exports' articles, one export after the other: the first pass over each (its export
 * index kept in `indexes`), then its posts and attachments. An export that cannot be opened is
 * left out here (the conversion reports it).
 */
async function* exportArticles(
  links: Pick<LinkSettings, "assets">,
  wxr: WxrUnitOptions,
  env: RunEnv,
  exports: readonly InputFile[],
  indexes: Map<string, WxrIndex>,
): AsyncGenerator<ArticleRecord> {
  const assets = new AssetMap(links.assets);
  const base = assets.options.assetBase;
  for (const file of exports) {
    let handle;
    try {
      handle = await env.fs.open(file.path, "r");
    } catch {
      continue;
    }
    const collector = new WxrArticleCollector(wxr);
    let index: WxrIndex;
    try {
      index = await indexWxr(handle.createReadStream({ highWaterMark: 1 << 16, autoClose: false, start: 0 }), collector.add);
    } finally {
      await handle.close().catch(() => undefined);
    }
    indexes.set(file.path, index);
    const { articles, attachments } = collector.finish(index.siteOffset);
    for (const article of articles) {
      yield {
        id: `${file.display}#${article.id}`,
        oldUrls: article.oldUrls,
        outputPath: article.path,
        ...(article.date === null ? {} : { date: article.date }),
        ...(article.slug === "" ? {} : { slug: article.slug }),
      };
    }
    for (const attachment of attachments) {
      const target = assets.target(attachment.url);
      // a file that is no old-site asset stays where it is: links to its page are the old site's, reported if they stay
      if (target === null) continue;
      // where links to its page go: the asset's public URL (a folder base is taken as below the site's root)
      const href = assets.href(target.key, "");
      yield {
        id: `${file.display}#${attachment.id}`,
        oldUrls: attachment.oldUrls,
        outputPath: `${base.replace(/^\/+/, "").replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/?/i, "")}${target.key}`,
        newUrl: base.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(base) ? href : `/${href}`,
      };
    }
  }
}
