import type { Rule } from "../types.js";
import { renderPlaylist } from "./library.js";

/**
 * `[playlist ids="1,2" type="audio"]`: the tracks live in WordPress's media library, not in the
 * body. With the library (a WordPress export's attachments) each track becomes a media link;
 * without it the shortcode is kept verbatim and reported.
 */
export const playlist: Rule = {
  name: "playlist",
  display: "block",
  keepsVerbatim: true,
  render: renderPlaylist,
};
