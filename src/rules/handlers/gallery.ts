import type { Rule } from "../types.js";

/**
 * `[gallery ids="1,2,3"]`: the images live in WordPress's media library, not in the body, so
 * there is nothing to render. The shortcode is kept verbatim and reported.
 */
export const gallery: Rule = {
  name: "gallery",
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
