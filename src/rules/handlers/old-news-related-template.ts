import type { Rule } from "../types.js";

/**
 * `[old_news_related_template title="…" desc="…" image="…" link="…"]`: a related-news box.
 * Becomes a `relatedNews` node; the chosen style decides its markdown (consecutive boxes are
 * grouped there), JSON gets a `related-news` block. An empty `desc` is simply left out.
 */
export const oldNewsRelatedTemplate: Rule = {
  name: "old_news_related_template",
  display: "block",
  render(node, context) {
    const attributes = context.source.attributes;
    context.reportUnrendered(["title", "desc", "image", "link"]);
    if (node.content !== null && node.content.trim() !== "") {
      context.report(
        `Content of [${node.name}] is not rendered: "${node.content.trim().slice(0, 60)}"`,
        "unrendered-content",
      );
    }
    return {
      nodes: [
        {
          type: "relatedNews",
          title: (attributes["title"] ?? "").trim(),
          description: (attributes["desc"] ?? "").trim(),
          image: (attributes["image"] ?? "").trim(),
          url: (attributes["link"] ?? "").trim(),
          data: { shortcode: context.source },
          position: node.position,
        },
      ],
    };
  },
};
