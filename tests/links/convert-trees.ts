/**
 * The converter's trees, reached through its library modules (read only): the
 * intermediate tree (before lowering; what a link hook would see) and the final mdast.
 */
import type { Root } from "mdast";
import { Builder } from "../../src/convert/build.js";
import { buildTree, finalMdast } from "../../src/convert/index.js";
import { normalizeOptions } from "../../src/convert/settings.js";
import { toMarkdown } from "../../src/convert/stringify.js";
import { toJson } from "../../src/convert/to-json.js";
import type { ConvertOptions } from "../../src/convert/types.js";

/** A body's trees and the ways out of them, as `convert()` runs them. */
export function trees(text: string, options: ConvertOptions = {}) {
  const builder = new Builder(text, normalizeOptions(options));
  const intermediate = buildTree(text, builder);
  return {
    intermediate,
    /** Lowers (in place) and stringifies, as `convert(text, { to: "markdown" })` does. */
    markdown(): string {
      return toMarkdown(finalMdast(intermediate, builder), builder.settings.style === "directive");
    },
    /** The final mdast (lowers in place). */
    mdast(): Root {
      return finalMdast(intermediate, builder);
    },
    json(): unknown {
      return toJson(intermediate, { positions: false, reportUnsafe: () => undefined });
    },
  };
}
