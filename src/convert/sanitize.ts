import type { Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { Position } from "../ast/types.js";
import { isUnsafeUrl } from "./text.js";
import { pushAll } from "./push-all.js";

/** Reports an unsafe URL. */
export type ReportUnsafe = (reason: string, position: Position | undefined) => void;

/**
 * Turns links and images whose URL is `javascript:`, `vbscript:` or `data:` into plain text
 * (the link's text or the image's alt, then the URL in parentheses), so they never go live.
 * Works on plain mdast and on directive attributes.
 */
export function sanitizeUrls(tree: Root, report: ReportUnsafe): Root {
  walk(tree, undefined, report);
  return tree;
}

function walk(parent: Parent, inherited: Position | undefined, report: ReportUnsafe): void {
  const here = (parent.position as Position | undefined) ?? inherited;
  // A new children array only once a link is replaced (most parents have none: no copy).
  let out: RootContent[] | undefined;
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    const position = (child.position as Position | undefined) ?? here;
    if ((child.type === "link" || child.type === "image") && isUnsafeUrl(child.url)) {
      out ??= children.slice(0, index);
      report(`Unsafe ${child.type} URL "${child.url.slice(0, 80)}" kept as text`, position);
      const label: PhrasingContent[] = child.type === "link" ? child.children : child.alt ? [{ type: "text", value: child.alt }] : [];
      // the label is walked too: an unsafe image inside an unsafe link must not survive as the link's text
      const holder = { type: "paragraph", children: label } as Parent;
      walk(holder, position, report);
      const walked = holder.children as PhrasingContent[];
      pushAll(out, walked).push({ type: "text", value: `${walked.length ? " " : ""}(${child.url})` });
      continue;
    }
    if (child.type === "leafDirective" || child.type === "containerDirective" || child.type === "textDirective") {
      for (const [key, value] of Object.entries(child.attributes ?? {})) {
        if (typeof value === "string" && isUnsafeUrl(value)) {
          report(`Unsafe URL in ${key}="${value.slice(0, 80)}" kept as text`, position);
          child.attributes![`${key}-unsafe`] = value;
          delete child.attributes![key];
        }
      }
    }
    // (a property read, not `in`: on nodes of many shapes `in` was a tenth of this walk)
    if ((child as Partial<Parent>).children !== undefined) walk(child as Parent, position, report);
    out?.push(child);
  }
  if (out) parent.children = out;
}
