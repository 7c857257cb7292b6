/**
 * The converter's trees: through the public `transform` hook ({@link transformed}), and,
 * for tests that look at the trees themselves, through its library modules (read only):
 * the intermediate tree (before lowering; what the hook sees) and the final mdast.
 */
import type { Root } from "mdast";
import { Builder } from "../../src/convert/build.js";
import type { Message } from "../../src/ast/types.js";
import { buildTree, convert, finalMdast } from "../../src/convert/index.js";
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

/**
 * `convert(text, options)` with `fn` run on its intermediate tree through the public
 * `transform` hook: what `fn` returned, and the output and messages `convert` gave.
 */
export function transformed<T>(text: string, options: ConvertOptions, fn: (tree: Root) => T): { result: T; output: string; messages: Message[] } {
  let result: T | undefined;
  let called = 0;
  const converted = convert(text, {
    ...options,
    transform: (tree) => {
      called++;
      result = fn(tree);
      const messages = (result as { messages?: unknown })?.messages;
      return Array.isArray(messages) ? (messages as Message[]) : undefined;
    },
  });
  if (called !== 1) throw new Error(`the transform hook ran ${called} times`);
  return { result: result as T, output: converted.output, messages: converted.messages };
}
