import type { Rule } from "../types.js";
import { renderMedia } from "./media.js";

/** `[embed width=… height=…]https://…[/embed]` (or `src=`): an `embed` node linking to the URL. */
export const embed: Rule = {
  name: "embed",
  display: "block",
  render: (node, context) => renderMedia(node, context, "embed", ["src", "url"], ["width", "height"]),
};
