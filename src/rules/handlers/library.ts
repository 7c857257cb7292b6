/**
 * Shortcodes whose media live in WordPress's media library, not in the body (`[gallery]`,
 * `[playlist]`, `[audio]`/`[video]` without a URL): rendered from the attachments the caller
 * gave ({@link RuleContext.media}, a WordPress export's), else kept as written and reported.
 */
import type { PhrasingContent, RootContent } from "mdast";
import type { ShortcodeNode } from "../../ast/types.js";
import type { Figure } from "../../convert/kinds/figure.js";
import type { MediaAttachment } from "../../convert/types.js";
import { galleryAttachments, mediaIndex } from "../../wxr/gallery.js";
import type { RuleContext, RuleResult } from "../types.js";

/** The extensions WordPress plays as audio and video (`wp_get_audio_extensions()`, `wp_get_video_extensions()`). */
const EXTENSIONS = {
  audio: ["mp3", "ogg", "flac", "m4a", "wav"],
  video: ["mp4", "m4v", "webm", "ogv", "flv"],
} as const;

/** Image extensions (WordPress's `image/*` types): `[gallery]` shows images only. */
const IMAGES = ["jpg", "jpeg", "jpe", "gif", "png", "bmp", "tif", "tiff", "ico", "webp", "avif", "heic", "heif", "svg"];

/** Whether an attachment's file is an image, audio or video, by its extension (an export does not say its MIME type). */
function mediaKind(url: string): "image" | "audio" | "video" | null {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase() ?? "";
  if (IMAGES.includes(ext)) return "image";
  if ((EXTENSIONS.audio as readonly string[]).includes(ext)) return "audio";
  if ((EXTENSIONS.video as readonly string[]).includes(ext)) return "video";
  return null;
}

/** Kept as written: there is no media library to render from. */
function noLibrary(node: ShortcodeNode, context: RuleContext): RuleResult {
  context.report(
    `[${node.name}] refers to media-library items (${context.source.attributes["ids"] ?? "no ids"}) that are not in the body: kept as written (convert the WordPress export to render it)`,
    "no-render-data",
    "warning",
  );
  return { nodes: [], handled: false };
}

/** The attachments `[gallery]`/`[playlist]` choose (WordPress's order), with what is missing reported. */
function chosen(node: ShortcodeNode, context: RuleContext, filter?: (a: MediaAttachment) => boolean): MediaAttachment[] | null {
  const media = context.media!;
  const a = context.source.attributes;
  const result = galleryAttachments(mediaIndex(media), media.postId, {
    ids: a["ids"],
    include: a["include"],
    exclude: a["exclude"],
    id: a["id"],
    orderby: a["orderby"],
    order: a["order"],
  });
  for (const id of result.missing) context.report(`attachment ${id} of [${node.name}] is not in the export: left out`, "missing-attachment", "warning");
  for (const note of result.notes) context.report(`[${node.name}] ${note}`, "unrendered-attribute", "info");
  const list = filter ? result.attachments.filter(filter) : result.attachments;
  const explicit = (a["ids"] ?? a["include"] ?? "").trim() !== "";
  // Named by id but of another kind: said (WordPress leaves them out silently).
  if (filter && explicit)
    for (const att of result.attachments)
      if (!filter(att))
        context.report(`attachment ${att.id} of [${node.name}] (${att.url}) is not of its kind: left out, as WordPress does`, "unrendered-attribute", "info");
  if (list.length === 0) {
    context.report(
      `[${node.name}] shows no attachment of the export (${a["ids"] ? `ids ${a["ids"]}` : `post ${a["id"] ?? media.postId} has none`}): kept as written`,
      "no-render-data",
      "warning",
    );
    return null;
  }
  return list;
}

const CHOOSING = ["ids", "include", "exclude", "id", "orderby", "order"];

/**
 * `[gallery]`: its images as figures (caption from the attachment, linked to the file with
 * `link="file"`), in WordPress's order; JSON: a `gallery` block with its images.
 * `columns`, `size` and the like are reported (info); `link` to attachment pages too.
 */
export function renderGallery(node: ShortcodeNode, context: RuleContext): RuleResult {
  if (!context.media) return noLibrary(node, context);
  // WordPress shows image attachments only.
  const list = chosen(node, context, (att) => mediaKind(att.url) === "image");
  if (!list) return { nodes: [], handled: false };
  const a = context.source.attributes;
  const link = (a["link"] ?? "").trim().toLowerCase();
  const linked = link === "file";
  context.reportUnrendered(link === "file" || link === "none" ? [...CHOOSING, "link"] : CHOOSING, {
    presentational: ["columns", "size", "itemtag", "icontag", "captiontag"],
  });
  const source = context.source;
  // the images carry no source of their own: the gallery does
  const images: Figure[] = list.map((att) => ({
    type: "figure",
    url: att.url,
    alt: att.alt,
    title: null,
    link: linked ? att.url : null,
    caption: captionOf(att),
    position: node.position,
  }));
  const layout = (name: string) => (a[name] ?? "").trim() || null;
  return { nodes: [{ type: "gallery", images, columns: layout("columns"), size: layout("size"), data: { shortcode: source }, position: node.position }] };
}

/**
 * `[playlist ids=… type="audio|video"]`: each track as a media link (`embed`), in WordPress's
 * order; without ids the post's own audio (or video) attachments. JSON: a `playlist` custom block.
 */
export function renderPlaylist(node: ShortcodeNode, context: RuleContext): RuleResult {
  if (!context.media) return noLibrary(node, context);
  const a = context.source.attributes;
  const kind = (a["type"] ?? "").trim().toLowerCase() === "video" ? "video" : "audio";
  // WordPress lists the attachments of the playlist's type only.
  const list = chosen(node, context, (att) => mediaKind(att.url) === kind);
  if (!list) return { nodes: [], handled: false };
  context.reportUnrendered([...CHOOSING, "type"], { presentational: ["style", "tracklist", "tracknumbers", "images", "artists"] });
  const source = context.source;
  const embeds: RootContent[] = list.map((att) => ({
    type: "embed",
    kind,
    url: att.url,
    title: att.title.trim() || null,
    data: { shortcode: source },
    position: node.position,
  }));
  const tracks = list.map((att) => ({
    id: att.id,
    url: att.url,
    ...(att.title.trim() ? { title: att.title.trim() } : {}),
    ...(att.caption.trim() ? { caption: att.caption.trim() } : {}),
  }));
  return { nodes: [ruleOutput("playlist", embeds, { kind, tracks }, context, node)] };
}

/**
 * `[audio]`/`[video]` without a URL: WordPress plays the post's first attached file of that
 * kind. The attachment's URL, or `null` when the caller gave no library or the post has none.
 */
export function attachedMediaUrl(context: RuleContext, kind: "audio" | "video"): string | null {
  const media = context.media;
  if (!media) return null;
  const own = media.attachments
    .filter((att) => att.parent === media.postId && mediaKind(att.url) === kind)
    .sort((x, y) => x.menuOrder - y.menuOrder || x.id - y.id);
  return own[0]?.url ?? null;
}

function captionOf(att: MediaAttachment): PhrasingContent[] {
  const caption = att.caption.trim();
  return caption ? [{ type: "text", value: caption }] : [];
}

function ruleOutput(name: string, children: RootContent[], json: Record<string, unknown>, context: RuleContext, node: ShortcodeNode): RootContent {
  return {
    type: "ruleOutput",
    display: "block",
    children,
    json: { type: name, ...json },
    data: { shortcode: context.source },
    position: node.position,
  } as RootContent;
}
