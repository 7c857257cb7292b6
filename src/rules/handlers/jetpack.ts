import type { RootContent } from "mdast";
import type { Embed } from "../../convert/kinds/embed.js";
import type { Rule, RuleContext, RuleResult } from "../types.js";
import type { ShortcodeNode } from "../../ast/types.js";
import { audio as coreAudio } from "./audio.js";
import { video as coreVideo } from "./video.js";

/**
 * Jetpack's (and WordPress.com's) media shortcodes: `[youtube=URL]`, `[youtube URL]`,
 * `[vimeo ID|URL]`, `[gist ID|URL]`, and the positional `[audio URL|titles=…]` / `[video URL]`
 * forms. Each becomes an `embed` node linking to the media; sizes and player options, which a
 * link cannot carry, are reported (info), never dropped silently: the JSON keeps the shortcode.
 */

/** Player-only options in a YouTube URL's query (`&w=320&h=240`) or in the attributes. */
const YOUTUBE_LAYOUT = ["w", "h", "width", "height"];

/**
 * The first positional value with WordPress's leading `=` of `[tag=value]` taken off; any
 * further positional value is reported (only the first is rendered).
 */
function firstPositional(context: RuleContext): string {
  const [first = "", ...rest] = context.source.positional;
  if (rest.length)
    context.report(
      `Positional value${rest.length > 1 ? "s" : ""} ${rest.map((v) => JSON.stringify(v)).join(", ")} of [${context.source.tag}] not rendered`,
      "unrendered-attribute",
      "warning",
    );
  return first.replace(/^=\s*/, "").trim();
}

/** The enclosed text when it is one URL-like word (`[gist]https://…[/gist]`). */
function contentWord(context: RuleContext): string {
  const content = (context.source.content ?? "").trim();
  return /^\S+$/.test(content) ? content : "";
}

function embedNode(node: ShortcodeNode, context: RuleContext, kind: Embed["kind"], url: string, title: string | null): RootContent {
  return { type: "embed", kind, url, title, data: { shortcode: context.source }, position: node.position };
}

function missing(node: ShortcodeNode, context: RuleContext, what: string): RuleResult {
  context.report(`[${node.name}] has no ${what} to link to: kept as written`, "missing-attribute", "warning");
  return { nodes: [], handled: false };
}

/** Reports the `w`/`h`… query parameters of a player URL that a link does not render. */
function reportQueryLayout(context: RuleContext, url: string, names: readonly string[]): void {
  const query = url.split("#")[0]!.split("?")[1];
  if (!query) return;
  const found = query.split("&").filter((pair) => names.includes(pair.split("=")[0]!.toLowerCase()));
  if (found.length) {
    context.report(`Player size ${found.join("&")} in the URL of [${context.source.tag}] is not rendered (the URL keeps it)`, "unrendered-attribute", "info");
  }
}

/** `[youtube=URL]`, `[youtube URL]` (also `[youtube]URL[/youtube]`, or a bare video id). */
const youtube: Rule = {
  name: "youtube",
  display: "block",
  render(node, context) {
    let url = firstPositional(context) || contentWord(context);
    if (!url) return missing(node, context, "video URL");
    if (/^[\w-]{11}$/.test(url)) url = `https://www.youtube.com/watch?v=${url}`;
    context.reportUnrendered([], { positional: true, presentational: YOUTUBE_LAYOUT });
    reportQueryLayout(context, url, YOUTUBE_LAYOUT);
    return { nodes: [embedNode(node, context, "video", url, null)] };
  },
};

/** `[vimeo 141358]`, `[vimeo https://vimeo.com/141358]`, `[vimeo id=141358 w=500 h=280]`. */
const vimeo: Rule = {
  name: "vimeo",
  display: "block",
  render(node, context) {
    const value = (context.source.attributes["id"] ?? "").trim() || firstPositional(context) || contentWord(context);
    if (!value) return missing(node, context, "video id or URL");
    const url = /^\d+$/.test(value) ? `https://vimeo.com/${value}` : value;
    context.reportUnrendered(["id"], { positional: true, presentational: ["w", "h", "width", "height", "autoplay", "loop"] });
    return { nodes: [embedNode(node, context, "video", url, null)] };
  },
};

/** `[gist https://gist.github.com/user/abc]`, `[gist abc]`, `[gist]URL[/gist]`, with an optional `file`. */
const gist: Rule = {
  name: "gist",
  display: "block",
  render(node, context) {
    const value = (context.source.attributes["id"] ?? "").trim() || firstPositional(context) || contentWord(context);
    if (!value) return missing(node, context, "gist id or URL");
    let url = /^[\w-]+(?:\/[\w-]+)?$/.test(value) ? `https://gist.github.com/${value}` : value;
    const file = (context.source.attributes["file"] ?? "").trim();
    // GitHub's anchor for a file of a gist: `#file-` and the name, lower-cased, non-alphanumerics as `-`.
    if (file && !url.includes("#")) url += `#file-${file.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    context.reportUnrendered(["id", "file"], { positional: true, presentational: ["ts"] });
    return { nodes: [embedNode(node, context, "embed", url, file || null)] };
  },
};

/**
 * WordPress.com's positional form, `[audio URL]` or `[audio URL1,URL2|titles=A,B|artists=C,D]`
 * (the options of its old player after `|`): one embed per file, titled from `titles` and
 * `artists`; other options reported. With named sources (`src=`, `mp3=` …) core's rule renders it.
 */
function positionalMedia(core: Rule, kind: "audio" | "video"): Rule {
  return {
    name: core.name,
    display: "block",
    render(node, context) {
      if (!context.source.positional.length) return core.render(node, context);
      const named = Object.keys(context.source.attributes);
      // WordPress splits at spaces; the `|` options may hold spaces (`titles=Bir Şarkı`).
      const [files = "", ...options] = context.source.positional.join(" ").replace(/^=\s*/, "").split("|");
      const urls = files
        .split(",")
        .map((url) => url.trim())
        .filter(Boolean);
      if (!urls.length) return core.render(node, context);
      const values: Record<string, string[]> = {};
      for (const option of options) {
        const at = option.indexOf("=");
        const key = (at === -1 ? option : option.slice(0, at)).trim().toLowerCase();
        values[key] =
          at === -1
            ? []
            : option
                .slice(at + 1)
                .split(",")
                .map((v) => v.trim());
      }
      const unrendered = Object.keys(values).filter((key) => key !== "titles" && key !== "artists");
      if (unrendered.length) {
        context.report(
          `Player option${unrendered.length > 1 ? "s" : ""} ${unrendered.join(", ")} of [${node.name}] not rendered`,
          "unrendered-attribute",
          "info",
        );
      }
      if (named.length)
        context.reportUnrendered(kind === "video" ? ["poster"] : [], {
          positional: true,
          presentational: ["width", "height", "poster", "loop", "autoplay", "preload", "class", "id", "muted"],
        });
      const nodes = urls.map((url, index) => {
        const title = [values["titles"]?.[index], values["artists"]?.[index]].filter((v) => v).join(" — ");
        return embedNode(node, context, kind, url, title || null);
      });
      return { nodes };
    },
  };
}

/** `[audio URL]` (and core's named forms). */
const jetpackAudio = positionalMedia(coreAudio, "audio");
/** `[video URL]` (and core's named forms). */
const jetpackVideo = positionalMedia(coreVideo, "video");

/** `jetpack` preset. */
export const JETPACK_RULES: readonly Rule[] = [youtube, vimeo, gist, jetpackAudio, jetpackVideo];
