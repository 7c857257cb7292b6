import type { RootContent } from "mdast";
import type { Rule } from "../types.js";

/**
 * `[old_news_related_template title="…" desc="…" image="…" link="…"]`: a related-news box.
 * Becomes a `relatedNews` node; the chosen style decides its markdown (consecutive boxes are
 * grouped there), JSON gets a `related-news` block. An empty `desc` is simply left out.
 * The box takes no content: text found between an opener and a `[/old_news_related_template]`
 * is kept after the box (and reported), never dropped.
 */
export const oldNewsRelatedTemplate: Rule = {
  name: "old_news_related_template",
  display: "block",
  content: "never",
  render(node, context) {
    const attributes = context.source.attributes;
    context.reportUnrendered(["title", "desc", "image", "link"]);
    const title = (attributes["title"] ?? "").trim();
    const url = (attributes["link"] ?? "").trim();
    const image = (attributes["image"] ?? "").trim();
    if (!url && !image) {
      context.report(`[${node.name}] "${title.slice(0, 60)}" has neither link nor image: only its text is kept`, "missing-attribute", "warning");
    }
    const nodes: RootContent[] = [
      {
        type: "relatedNews",
        title,
        description: (attributes["desc"] ?? "").trim(),
        image,
        url,
        data: { shortcode: context.source },
        position: node.position,
      },
    ];
    if (node.content !== null && node.content.trim() !== "") {
      context.report(`Content of [${node.name}] is not part of the box: kept as text after it ("${node.content.trim().slice(0, 60)}")`, "unrendered-content");
      nodes.push(...context.blocks());
    }
    return { nodes };
  },
};
