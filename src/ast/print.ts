import type { Node } from "./types.js";

/**
 * Print a node back to its exact source text: `print(parse(x).tree) === x` for every `x`.
 *
 * @param node Any node of the AST (root, text, html, shortcode or attribute).
 * @returns The source text the node was parsed from.
 */
export function print(node: Node): string {
  switch (node.type) {
    case "root":
      return printAll(node.children);
    case "text":
    case "html":
      return node.value;
    case "shortcode":
      return node.opening + printAll(node.children) + (node.closing ?? "");
    case "attribute":
      return node.raw;
  }
}

function printAll(nodes: readonly Node[]): string {
  let out = "";
  for (const node of nodes) out += print(node);
  return out;
}
