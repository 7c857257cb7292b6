/**
 * The common `[caption]` content read without an HTML parser: an `<img>`, optionally inside an
 * `<a href>`, then plain caption text — what WordPress's media inserter writes. Converting it
 * through rehype took most of a captioned body's time. Anything else (other markup, entities,
 * line breaks, brackets, unusual spacing) answers `null` and the caption goes through the full
 * path; the result is the same as that path's (tested, `tests/rules/caption-simple.test.ts`).
 */
import type { Image, PhrasingContent } from "mdast";

/** Kill switch: `false` sends every caption through the full path (the equivalence test uses it). */
export const simpleCaptionPath = { enabled: true };

/** A value with single spaces between words, no quotes, markup, entities or white space runs. */
const VALUE = String.raw`[^"<>&\s]*(?: [^"<>&\s]+)*`;
const A_OPEN = new RegExp(String.raw`^<a href="(${VALUE})">`);
const IMG = new RegExp(String.raw`^<img((?: [a-z-]+="${VALUE}")+) ?/?>`);
const ATTRIBUTE = new RegExp(String.raw` ([a-z-]+)="(${VALUE})"`, "g");
/** Caption text: no markup, entities, brackets, line ends or special spaces. */
const TEXT = /^[^<>&[\]\r\n\t\f\v\u00a0\u202f\u200b\ufeff]*$/;

/** What the caption rule needs from its content. */
export interface CaptionParts {
  image: Image;
  link: string | null;
  rest: PhrasingContent[];
}

/** The parts of a simple caption's content, or `null` when it is not one. */
export function simpleCaption(content: string | null): CaptionParts | null {
  if (!simpleCaptionPath.enabled || content === null) return null;
  let at = content.length - content.trimStart().length;
  let link: string | null = null;
  const a = A_OPEN.exec(content.slice(at));
  if (a) {
    link = a[1]!;
    at += a[0].length;
  }
  const img = IMG.exec(content.slice(at));
  if (!img) return null;
  at += img[0].length;
  if (link !== null) {
    if (!content.startsWith("</a>", at)) return null;
    at += 4;
  }
  const text = content.slice(at);
  if (!TEXT.test(text)) return null;
  const attributes = new Map<string, string>();
  for (const [, name, value] of img[1]!.matchAll(ATTRIBUTE)) {
    if (attributes.has(name!)) return null; // a repeated attribute: HTML keeps the first, leave it to the parser
    attributes.set(name!, value!);
  }
  const src = attributes.get("src");
  if (!src || (link !== null && link === "")) return null;
  const image: Image = { type: "image", url: src, alt: attributes.get("alt") ?? null, title: attributes.get("title") || null };
  const value = text.replace(/ {2,}/g, " ").trim();
  return { image, link, rest: value ? [{ type: "text", value }] : [] };
}
