import type { Rule } from "../types.js";
import { renderMedia } from "./media.js";

/** `[video src|mp4|m4v|webm|ogv|wmv|flv="…" poster=… …]`: an `embed` node of kind `video`. */
export const video: Rule = {
  name: "video",
  display: "block",
  render: (node, context) =>
    renderMedia(
      node,
      context,
      "video",
      ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"],
      ["width", "height", "poster", "loop", "autoplay", "muted", "preload", "class", "id"],
    ),
};
