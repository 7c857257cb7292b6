/**
 * gitignore syntax for the `.shortcode-migrate-ignore` file and `--ignore`, by the `ignore`
 * package (the matcher eslint and prettier use): `#` comments, `!` negation (last match wins),
 * a leading or inner `/` anchors the pattern to the working folder, a trailing `/` matches
 * folders only, `*`, `?`, `[…]`, `**`; a path inside an ignored folder is ignored.
 */
import ignore from "ignore";

/** Whether a path is left out. */
export interface IgnoreMatcher {
  /** @param relPath path relative to the base, `/`-separated; @param isDir it is a folder */
  ignores(relPath: string, isDir: boolean): boolean;
}

/** Build a matcher from gitignore lines. */
export function createIgnoreMatcher(lines: readonly string[]): IgnoreMatcher {
  const patterns = lines.map((line) => line.replace(/\r$/, "")).filter((line) => line.trim() !== "" && !line.startsWith("#"));
  // most runs: no ignore file, no --ignore
  if (patterns.length === 0) return { ignores: () => false };
  const matcher = ignore().add(patterns);
  return {
    ignores(relPath: string, isDir: boolean): boolean {
      const clean = relPath.split("/").filter(Boolean).join("/");
      if (clean === "") return false;
      // the package tells a folder by its trailing slash
      return matcher.ignores(isDir ? `${clean}/` : clean);
    },
  };
}
