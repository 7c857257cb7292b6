import type { Rule } from "../types.js";
import { renderGallery } from "./library.js";

/**
 * `[gallery ids="1,2,3"]`: the images live in WordPress's media library, not in the body. With
 * the library (a WordPress export's attachments, {@link RuleContext.media}) they are rendered as
 * figures in WordPress's order; without it the shortcode is kept verbatim and reported.
 * (Its output never holds `[gallery]` again, so a second pass has nothing to redo.)
 */
export const gallery: Rule = {
  name: "gallery",
  display: "block",
  keepsVerbatim: true,
  render: renderGallery,
};
