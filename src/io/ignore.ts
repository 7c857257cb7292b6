/**
 * A small matcher for gitignore syntax (the `.shortcode-migrate-ignore` file and `--ignore`):
 * `#` comments, `!` negation (last match wins), a leading `/` or an inner `/` anchors the
 * pattern to the base folder, a trailing `/` matches folders only, `*`, `?`, `[…]`, `**`.
 * Paths are given relative to the base folder, with `/` separators.
 */
export interface IgnoreMatcher {
  /** @param relPath path relative to the base, `/`-separated; @param isDir it is a folder */
  ignores(relPath: string, isDir: boolean): boolean;
}

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

/** Build a matcher from gitignore lines. */
export function createIgnoreMatcher(lines: readonly string[]): IgnoreMatcher {
  const rules: Rule[] = [];
  for (const raw of lines) {
    let line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.startsWith("#")) continue;
    line = line.replace(/(?<!\\)\s+$/, "");
    let negate = false;
    if (line.startsWith("!")) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith("/")) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    const anchored = line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    if (line === "") continue;
    const body = globToRegexSource(line);
    // An unanchored pattern matches at any depth; any match also covers everything below it.
    const source = `^${anchored ? "" : "(?:.*/)?"}${body}$`;
    rules.push({ negate, dirOnly, regex: new RegExp(source) });
  }
  return {
    ignores(relPath: string, isDir: boolean): boolean {
      if (rules.length === 0) return false; // most runs: no ignore file, no --ignore
      // A path is ignored when it or one of its parent folders is.
      const parts = relPath.split("/").filter(Boolean);
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join("/");
        const prefixIsDir = i < parts.length || isDir;
        if (matchOne(rules, prefix, prefixIsDir)) return true;
      }
      return false;
    },
  };
}

function matchOne(rules: readonly Rule[], relPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (rule.regex.test(relPath)) ignored = !rule.negate;
  }
  return ignored;
}

function globToRegexSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        // `**/` = zero or more folders, a trailing `/**` = everything inside
        if (glob[i + 2] === "/") {
          out += "(?:.*/)?";
          i += 2;
        } else {
          out += ".*";
          i += 1;
        }
      } else {
        out += "[^/]*";
      }
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close === -1) {
        out += "\\[";
      } else {
        let cls = glob.slice(i + 1, close);
        if (cls.startsWith("!")) cls = "^" + cls.slice(1);
        out += `[${cls.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]!);
      i++;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
