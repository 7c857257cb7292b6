import type { Image, PhrasingContent, RootContent } from "mdast";
import type { Rule } from "../types.js";
import { simpleCaption } from "./caption-simple.js";

/** Attributes that only shape WordPress's HTML (`id`, `align`, `width`, `class`): reported as info. */
const PRESENTATIONAL = ["id", "align", "width", "class"];

/**
 * `[caption id=… align=… width=…]<a><img …></a> Caption text[/caption]` (or the old
 * `caption="…"` attribute): a `figure` with the image, its link and the caption as phrasing.
 */
export const caption: Rule = {
  name: "caption",
  display: "block",
  render(node, context) {
    context.reportUnrendered(["caption"], { presentational: PRESENTATIONAL });
    // (the usual `<a><img></a> text` is read directly; anything else goes through the HTML converter)
    const simple = simpleCaption(node.content);
    const phrasing = simple ? [] : context.blocks().flatMap((block) => ("children" in block && block.type === "paragraph" ? block.children : []));
    let image: Image | undefined = simple?.image;
    let link: string | null = simple?.link ?? null;
    const rest: PhrasingContent[] = simple?.rest ?? [];
    for (const child of phrasing) {
      if (!image && child.type === "image") image = child;
      else if (!image && child.type === "link" && child.children.length === 1 && child.children[0]!.type === "image") {
        image = child.children[0] as Image;
        link = child.url;
      } else rest.push(child);
    }
    const attributeCaption = (context.source.attributes["caption"] ?? "").trim();
    const inner = trim(rest);
    const captionNodes: PhrasingContent[] = attributeCaption ? [{ type: "text", value: attributeCaption }] : inner;
    // With `caption="…"`, text beside the image is not the caption: WordPress shows it in the
    // figure, so it is kept as a paragraph after it.
    const after: RootContent[] = attributeCaption && inner.length ? [{ type: "paragraph", children: inner, position: node.position }] : [];
    if (!image) {
      // Nothing to show as a figure: keep the caption text as a paragraph rather than losing it.
      const nodes: RootContent[] = captionNodes.length ? [{ type: "paragraph", children: captionNodes, position: node.position }] : [];
      context.report(`[caption] without an image: only its text is kept`, "missing-image", "warning");
      return { nodes: [...nodes, ...after] };
    }
    return {
      nodes: [
        {
          type: "figure",
          url: image.url,
          alt:
            image.alt ||
            captionNodes
              .map((n) => ("value" in n ? n.value : ""))
              .join("")
              .trim(),
          title: image.title ?? null,
          link,
          caption: captionNodes,
          data: { shortcode: context.source },
          position: node.position,
        },
        ...after,
      ],
    };
  },
};

/** Drops leading/trailing breaks and the whitespace around them. */
function trim(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  while (out.length && out[0]!.type === "break") out.shift();
  while (out.length && out[out.length - 1]!.type === "break") out.pop();
  const first = out[0];
  if (first?.type === "text") out[0] = { ...first, value: first.value.replace(/^\s+/, "") };
  const last = out[out.length - 1];
  if (last?.type === "text") out[out.length - 1] = { ...last, value: last.value.trimEnd() };
  return out.filter((n) => !(n.type === "text" && n.value === ""));
}
