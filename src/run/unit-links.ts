/**
 * The converting thread's side of links and assets (issue 16): the link index and the asset
 * map, rebuilt once per thread from plain data ({@link LinkData}, sent to each worker as its
 * `workerData`), and, per unit, the converter's `transform` hooks that rewrite the unit's
 * links and old-site files and collect what they found ({@link UnitLinkFindings}) for the
 * census and the manifest on the main thread.
 */
import type { Root } from "mdast";
import { AssetMap, type AssetOptions, type AssetTarget } from "../assets/asset-map.js";
import { rewriteAssets, type AssetUse } from "../assets/rewrite-assets.js";
import type { ConvertOptions } from "../convert/types.js";
import { LinkIndex, type SerializedLinkIndex } from "../links/link-index.js";
import { rewriteMarkdownLinks } from "../links/markdown-links.js";
import { rewriteLinks, type LinkOutcome } from "../links/rewrite-links.js";
import { placeInSource } from "../links/source-place.js";
import type { Message } from "../ast/types.js";

/** What a converting thread needs to rewrite links and assets: plain data (it crosses a thread boundary). */
export interface LinkData {
  index: SerializedLinkIndex;
  assets: AssetOptions;
}

/** The index and asset map of one thread. */
export interface UnitLinks {
  index: LinkIndex;
  assets: AssetMap;
}

/** What the rewrite found in one unit: the links to the old site (census) and its old-site files (manifest). */
export interface UnitLinkFindings {
  outcomes: LinkOutcome[];
  assets: AssetUse[];
}

/** Rebuilds the index and asset map from their data (once per thread). */
export function unitLinks(data: LinkData): UnitLinks {
  return { index: LinkIndex.fromJSON(data.index), assets: new AssetMap(data.assets) };
}

/**
 * The converter's options with the link and asset rewrite of one article added, and where
 * its findings go once the conversion has run.
 *
 * @param options the run's options (shared; not changed)
 * @param links this thread's index and asset map
 * @param outputPath the article's output path (`/`-separated, relative to the output folder)
 * @param source the body being converted: dead links are reported at their place in it (the markdown route's too, whose positions are the output's)
 */
export function withLinkRewrite(
  options: ConvertOptions,
  links: UnitLinks,
  outputPath: string,
  source?: string,
): { options: ConvertOptions; findings: UnitLinkFindings } {
  const findings: UnitLinkFindings = { outcomes: [], assets: [] };
  const { index, assets } = links;
  const resolver = (url: string) => index.resolve(url, outputPath);
  // an old-site file is never an article link (else every upload would be a dead link)
  const isAsset = (url: string) => assets.target(url) !== null;
  // an article whose old URLs name a file of the old site is an attachment (its page leads to that file now):
  // a link to it uses the file, which the manifest must list
  const files = new Map<string, AssetTarget | null>();
  const fileOf = (id: string): AssetTarget | null => {
    let file = files.get(id);
    if (file === undefined) {
      file = null;
      for (const url of index.article(id)?.oldUrls ?? []) if ((file = assets.target(url)) !== null) break;
      files.set(id, file);
    }
    return file;
  };
  const transform = (tree: Root) => {
    const linked = rewriteLinks(tree, resolver, { isAsset, ...(source === undefined ? {} : { source }) });
    for (const outcome of linked.outcomes) {
      findings.outcomes.push(outcome);
      const file = outcome.resolution.kind === "article" ? fileOf(outcome.resolution.id) : null;
      if (file) findings.assets.push({ ...file, url: outcome.url, where: outcome.where });
    }
    for (const use of rewriteAssets(tree, assets, outputPath).uses) findings.assets.push(use);
    return linked.messages;
  };
  const transformMarkdown = (markdown: string) => {
    const result = rewriteMarkdownLinks(markdown, resolver, {
      isAsset,
      asset: (url) => {
        const target = assets.target(url);
        if (target === null) return null;
        findings.assets.push({ ...target, url, where: "markdown" });
        return assets.href(target.key, outputPath);
      },
    });
    for (const outcome of result.outcomes) findings.outcomes.push(outcome);
    if (source === undefined) return result;
    // the positions are the output's: the user edits the source
    const place = (message: Message): Message => {
      const url = message.ruleId === "dead-internal-link" ? /"([^"]+)"/.exec(message.reason)?.[1] : undefined;
      const position = url === undefined ? undefined : placeInSource(source, url, message.position);
      return position ? { ...message, position } : message;
    };
    return { ...result, messages: result.messages.map(place) };
  };
  return { options: { ...options, transform, transformMarkdown }, findings };
}
