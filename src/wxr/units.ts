import { attachmentsForPost } from "./gallery.js";
import { frontMatterOf, type FrontMatterOptions } from "./front-matter.js";
import { emptyWxrIndex, indexWxr, type WxrAttachment, type WxrIndex } from "./export-index.js";
import { WxrPathNamer, type WxrPostPath } from "./paths.js";
import { readWxrPosts, wxrPostSettings, type ReadWxrPostsOptions, type WxrPost, type WxrSummary } from "./posts.js";
import type { WxrChannel, WxrProblem, WxrSource } from "./types.js";

/** Options of {@link wxrUnits}: what to read, how to name, what goes into the front matter. */
export interface WxrUnitOptions extends ReadWxrPostsOptions, FrontMatterOptions {
  /** Output path template (default: `{section}/{slug}.md`; see {@link WxrPathNamer}). */
  pathTemplate?: string;
}

/** One post as a unit of work: everything a converter and a sink need, nothing of the export besides. */
export interface WxrUnit {
  /** `<label>#<post id>`, e.g. `export.xml#101`: how reports name the post. */
  id: string;
  /** Relative output path, unique within the export (`posts/<slug>.md`). */
  outPath: string;
  /** Set when the path is not the plain one (no slug, taken slug): report it. */
  renamed: WxrPostPath["renamed"];
  post: WxrPost;
  /** The front matter (see {@link frontMatterOf}); also the `meta` of JSON and NDJSON output. */
  frontMatter: Record<string, unknown>;
  /** The attachments the post refers to (featured image, galleries, captions), for rules that render them. */
  attachments: WxrAttachment[];
  /** The body to convert ({@link WxrPost.content}). */
  read(): Promise<string>;
}

/** What {@link wxrUnits} yields. */
export type WxrUnitEvent =
  | { kind: "channel"; channel: WxrChannel }
  /** After the first pass (a file, not stdin): how many items of the post types and statuses asked for the export holds, for a progress bar. */
  | { kind: "listed"; posts: number }
  | { kind: "unit"; unit: WxrUnit }
  | { kind: "problem"; problem: WxrProblem; /** `label:line:column`, or `label#id:line:column` inside a post. */ where: string }
  | { kind: "summary"; summary: WxrSummary };

/**
 * An export as units of work, one per post, in export order: the WXR source of a run. The
 * first pass's index is built here (when `open` can be called twice) and each unit carries
 * only the attachments its post refers to, so units can go to workers.
 *
 * @param open a fresh stream of the export on each call (a file), or `{ once }` (stdin)
 * @param label how the export is named in ids and messages (its path as the user gave it)
 * @param options see {@link WxrUnitOptions}
 * @param given the first pass's index when the caller has read it already (the link index's pass): `open` is then called once
 * @throws WxrOptionError or Error (bad path template) before reading
 */
export function wxrUnits(
  open: (() => WxrSource) | { once: WxrSource },
  label: string,
  options: WxrUnitOptions = {},
  given?: WxrIndex,
): AsyncGenerator<WxrUnitEvent, void, undefined> {
  // Bad options and templates are refused now, before any reading.
  wxrPostSettings(options);
  const namer = new WxrPathNamer(options.pathTemplate);
  return units(open, label, namer, options, given);
}

async function* units(
  open: (() => WxrSource) | { once: WxrSource },
  label: string,
  namer: WxrPathNamer,
  options: WxrUnitOptions,
  given: WxrIndex | undefined,
): AsyncGenerator<WxrUnitEvent, void, undefined> {
  // One index for both: the post resolution and the attachments each unit carries. Read
  // once, it fills as the export streams by (readWxrPosts adds each item to it).
  const index = given ?? (typeof open === "function" ? await indexWxr(open()) : emptyWxrIndex());
  if (typeof open === "function") {
    const { postTypes, statuses } = wxrPostSettings(options);
    let posts = 0;
    for (const [type, n] of index.counts) {
      if (!postTypes.has(type)) continue;
      if (!statuses) posts += n;
      else for (const [status, m] of index.statusCounts.get(type) ?? []) if (statuses.has(status)) posts += m;
    }
    yield { kind: "listed", posts };
  }
  for await (const event of readWxrPosts(open, options, index)) {
    if (event.kind === "post") {
      const post = event.post;
      const { path, renamed } = namer.pathOf(post);
      if (renamed)
        yield {
          kind: "problem",
          problem: { severity: "warning", reason: renamed.note, ruleId: `wxr-${renamed.reason}`, place: post.place, postId: post.id },
          where: `${label}:${post.place.line}:${post.place.column}`,
        };
      yield {
        kind: "unit",
        unit: {
          id: `${label}#${post.id}`,
          outPath: path,
          renamed,
          post,
          frontMatter: frontMatterOf(post, options),
          attachments: attachmentsForPost(index, post),
          read: () => Promise.resolve(post.content),
        },
      };
    } else if (event.kind === "problem") {
      yield { ...event, where: `${label}:${event.problem.place.line}:${event.problem.place.column}` };
    } else yield event;
  }
}
