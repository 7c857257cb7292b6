import type { Rule } from "../types.js";

/**
 * `[playlist ids="1,2" type="audio"]`: the tracks live in WordPress's media library, not in the body, so
 * there is nothing to render. The shortcode is kept verbatim and reported.
 */
export const playlist: Rule = {
  name: "playlist",
  display: "inline",
  keepsVerbatim: true,
  render(node, context) {
    context.report(
      `[${node.name}] refers to media-library items (${context.source.attributes["ids"] ?? "no ids"}) that are not in the body: kept as written`,
      "no-render-data",
      "warning",
    );
    return { nodes: [], handled: false };
  },
};
