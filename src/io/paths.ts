import path from "node:path";

let lastNormal: string | undefined;

/** Whether `dir` is absolute and already as `path.normalize` gives it (the last folder that was is remembered). */
function isNormalAbsolute(dir: string): boolean {
  if (dir === lastNormal) return true;
  if (!path.isAbsolute(dir) || path.normalize(dir) !== dir) return false;
  lastNormal = dir;
  return true;
}

/** `/`-separated, relative, and nothing for `path.join` to normalize (no `.`, `..` or empty segment, no `\`). */
function isCleanRelative(rel: string): boolean {
  if (rel === "" || rel.startsWith("/") || rel.endsWith("/") || rel.includes("//") || rel.includes("\\")) return false;
  return !(
    rel === "." ||
    rel === ".." ||
    rel.startsWith("./") ||
    rel.startsWith("../") ||
    rel.includes("/./") ||
    rel.includes("/../") ||
    rel.endsWith("/.") ||
    rel.endsWith("/..")
  );
}

/**
 * `path.join(dir, ...rel.split("/"))`, by concatenation when nothing is there to normalize: `dir`
 * absolute and normalized (a folder we resolved or built), `rel` clean. The listing, the
 * `--out-dir` targets and the temporary names join a path per file, and `join`'s normalizing
 * pass over the whole path was half of listing a 20,000-file folder. Anything else goes to
 * `path.join` (property-tested against it, `tests/io/path-join.test.ts`).
 */
export function joinClean(dir: string, rel: string): string {
  if (!isCleanRelative(rel) || !isNormalAbsolute(dir)) return path.join(dir, ...rel.split("/"));
  const native = path.sep === "/" ? rel : rel.split("/").join(path.sep);
  return dir.endsWith(path.sep) ? dir + native : dir + path.sep + native;
}
