import type { Rule } from "../types.js";
import { renderMedia } from "./media.js";

/** `[audio src|mp3|ogg|flac|m4a|wav="…" …]`: an `embed` node of kind `audio`. */
export const audio: Rule = {
  name: "audio",
  display: "block",
  render: (node, context) =>
    renderMedia(node, context, "audio", ["src", "mp3", "ogg", "flac", "m4a", "wav"], ["loop", "autoplay", "preload", "class", "id", "style"]),
};
