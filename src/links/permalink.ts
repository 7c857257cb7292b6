/**
 * `--permalink "/haber/{yyyy}/{slug}/"`: an article's new public URL from its fields.
 */

/** The fields a permalink pattern may use. */
export interface PermalinkFields {
  id: string;
  /** ISO 8601 date (`2019-11-18`, `2019-11-18T10:00:00+03:00`, `2019-11-18 10:00:00`). */
  date?: string;
  slug?: string;
  /** The output path (`posts/2019/x.md`): `{slug}` falls back to its base name without extension. */
  outputPath: string;
}

/** The placeholders a pattern may hold. */
const PERMALINK_PLACEHOLDERS = ["yyyy", "mm", "dd", "slug", "id"] as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Checks a pattern once, before any work: every `{…}` must be a known placeholder.
 * @param pattern e.g. `/haber/{yyyy}/{slug}/`
 * @throws TypeError quoting the pattern and the unknown placeholder
 */
export function validatePermalink(pattern: string): void {
  if (!pattern.startsWith("/") && !/^https?:\/\//.test(pattern)) {
    throw new TypeError(`--permalink "${pattern}" must start with "/" or "http(s)://"`);
  }
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    if (!(PERMALINK_PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      throw new TypeError(
        `--permalink "${pattern}": unknown placeholder {${match[1]}}; expected one of ${PERMALINK_PLACEHOLDERS.map((name) => `{${name}}`).join(", ")}`,
      );
    }
  }
}

/**
 * Expands a permalink pattern for one article. Slugs are used as written (the index keeps
 * what the source said); `{yyyy}`, `{mm}`, `{dd}` come from the date's own digits, never
 * from a time-zone conversion, so `2019-12-31T23:30:00+03:00` stays in 2019.
 *
 * @throws Error naming the article and the missing field when the pattern needs a date the article lacks
 */
export function expandPermalink(pattern: string, fields: PermalinkFields): string {
  return pattern.replace(PLACEHOLDER, (_whole, name: string) => {
    switch (name) {
      case "slug":
        return encodeSegment(fields.slug || baseName(fields.outputPath));
      case "id":
        return encodeSegment(fields.id);
      case "yyyy":
      case "mm":
      case "dd": {
        const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(fields.date ?? "");
        if (!match)
          throw new Error(
            `article ${fields.id}: --permalink needs {${name}} but its date is ${fields.date === undefined ? "missing" : `"${fields.date}"`} (expected YYYY-MM-DD…)`,
          );
        return name === "yyyy" ? match[1]! : name === "mm" ? match[2]! : match[3]!;
      }
      default:
        throw new TypeError(`unknown placeholder {${name}}`);
    }
  });
}

function baseName(outputPath: string): string {
  const base = outputPath.slice(outputPath.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Characters a path segment may not carry literally are percent-encoded; letters of any script stay. */
function encodeSegment(value: string): string {
  return value.replace(/[\s/?#%"<>\\^`{|}]/gu, (character) => encodeURIComponent(character));
}
