/**
 * `--redirects FILE`: old URL → new path in the format the file name asks for — Netlify
 * `_redirects`, an nginx `map` (`.conf`), Apache (`.htaccess`), `.csv`, `.json` — and each
 * read back (the tests, and a tool that wants to check a map it was given). Pure.
 */

import { defaultFileSystem, type FileSystem } from "../io/fs.js";
import { writeFileAtomic } from "../io/write.js";

/** One redirect: the old request (path, or `/?p=ID`) → the new path. */
export interface RedirectRule {
  /** The old request target: `/2019/gundem/x-5458424/` or `/?p=123` (percent-encoded as on the wire). */
  from: string;
  /** The new path or URL. */
  to: string;
  /** The old URL as recorded (CSV and JSON only). */
  url?: string;
  /** The article's id (CSV and JSON only). */
  id?: string;
}

/** The formats, by file name. */
export type RedirectFormat = "netlify" | "nginx" | "apache" | "csv" | "json";

/** HTTP status of the redirects (default: 301). */
export type RedirectStatus = 301 | 302 | 307 | 308;

/**
 * The format a `--redirects` file name asks for: `_redirects` (Netlify), `*.conf` (nginx
 * map), `.htaccess` or `*.htaccess` (Apache), `*.csv`, `*.json`.
 * @throws TypeError quoting the name and listing the names understood
 */
export function redirectFormat(file: string): RedirectFormat {
  const base = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1).toLowerCase();
  if (base === "_redirects") return "netlify";
  if (base.endsWith(".conf")) return "nginx";
  if (base.endsWith(".htaccess")) return "apache";
  if (base.endsWith(".csv")) return "csv";
  if (base.endsWith(".json")) return "json";
  throw new TypeError(
    `--redirects "${file}": the format is chosen by the name; expected _redirects (Netlify), *.conf (nginx map), .htaccess (Apache), *.csv or *.json`,
  );
}

/** The id parameters WordPress answers on `/`. */
const ID_QUERY = /^(\/[^?]*)\?(p|page_id|attachment_id)=(\d+)$/;

/** The nginx variable holding the new location (see the header of the `.conf` file). */
export const NGINX_VARIABLE = "$shortcode_migrate_redirect";

/**
 * The redirects as the text of a file in `format`.
 * @param rules old → new; the first rule for an old request wins, later ones are left out
 * @param format see {@link redirectFormat}
 * @param status the HTTP status (default: 301)
 */
export function serializeRedirects(rules: Iterable<RedirectRule>, format: RedirectFormat, status: RedirectStatus = 301): string {
  const unique: RedirectRule[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const from = encodeRequest(rule.from);
    if (seen.has(from)) continue;
    seen.add(from);
    unique.push({ ...rule, from, to: encodeTarget(rule.to) });
  }
  switch (format) {
    case "netlify":
      return netlify(unique, status);
    case "nginx":
      return nginx(unique);
    case "apache":
      return apache(unique, status);
    case "csv":
      return csv(unique);
    case "json":
      return `${JSON.stringify({ version: 1, status, redirects: unique.map(({ from, to, url, id }) => ({ from, to, ...(url === undefined ? {} : { url }), ...(id === undefined ? {} : { id }) })) }, null, 2)}\n`;
  }
}

/**
 * Writes the redirects to `file` (absolute), the format chosen by its name, atomically.
 * @returns the number of redirects written
 * @throws TypeError for a name of no known format (before anything is written); the fs error when it cannot be written
 */
export async function writeRedirects(
  file: string,
  rules: Iterable<RedirectRule>,
  status: RedirectStatus = 301,
  fs: FileSystem = defaultFileSystem,
): Promise<number> {
  const format = redirectFormat(file);
  const list = [...rules];
  await writeFileAtomic(file, serializeRedirects(list, format, status), fs);
  return new Set(list.map((rule) => rule.from)).size;
}

/** `# `-comment lines of a header. */
const HEADER = "Old URLs → new paths, written by shortcode-migrate.";

function netlify(rules: RedirectRule[], status: RedirectStatus): string {
  const lines = [`# ${HEADER}`];
  for (const rule of rules) {
    const id = ID_QUERY.exec(rule.from);
    // Netlify matches a query parameter written after the path: `/ p=123 /new 301`
    lines.push(id ? `${id[1]}  ${id[2]}=${id[3]}  ${rule.to}  ${status}!` : `${rule.from}  ${rule.to}  ${status}!`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * nginx: `map`s from the decoded path (`$uri`, with and without the trailing slash) and from
 * each id parameter to one variable; the `server` block then says
 * `if ($shortcode_migrate_redirect) { return 301 $shortcode_migrate_redirect; }`.
 */
function nginx(rules: RedirectRule[]): string {
  const byPath = new Map<string, string>();
  const byId = new Map<string, Map<string, string>>();
  for (const rule of rules) {
    const id = ID_QUERY.exec(rule.from);
    if (id) {
      let map = byId.get(id[2]!);
      if (map === undefined) byId.set(id[2]!, (map = new Map()));
      if (!map.has(id[3]!)) map.set(id[3]!, rule.to);
      continue;
    }
    const path = safeDecode(rule.from);
    for (const variant of path.length > 1 && path.endsWith("/") ? [path, path.slice(0, -1)] : [path, `${path}/`]) {
      if (!byPath.has(variant)) byPath.set(variant, rule.to);
    }
  }
  // nginx refuses a map whose longest key does not fit its hash bucket ("could not build
  // map_hash"): the sizes are set here, from the keys (remove them if your http { } sets larger ones)
  const keys = [...byPath.keys(), ...[...byId.values()].flatMap((map) => [...map.keys()])];
  const longest = Math.max(0, ...keys.map((key) => Buffer.byteLength(key)));
  const bucket = powerOfTwo(Math.max(64, 8 + align8(longest + 2) + 8));
  const maxSize = powerOfTwo(Math.max(2048, keys.length * 2));
  const lines = [
    `# ${HEADER}`,
    "# Include this file inside http { }, then in the server { } of the old site:",
    `#   if (${NGINX_VARIABLE}) { return 301 ${NGINX_VARIABLE}; }`,
    `map_hash_bucket_size ${bucket};`,
    `map_hash_max_size ${maxSize};`,
  ];
  const idNames = [...byId.keys()];
  const pathVariable = idNames.length === 0 ? NGINX_VARIABLE : "$shortcode_migrate_by_path";
  lines.push(`map $uri ${pathVariable} {`, '    default "";');
  for (const [from, to] of byPath) lines.push(`    ${nginxString(from)} ${nginxString(to)};`);
  lines.push("}");
  for (const name of idNames) {
    lines.push(`map $arg_${name} $shortcode_migrate_by_${name} {`, '    default "";');
    for (const [id, to] of byId.get(name)!) lines.push(`    ${nginxString(id)} ${nginxString(to)};`);
    lines.push("}");
  }
  if (idNames.length > 0) {
    // the first non-empty of the path map and the id maps
    const sources = [pathVariable, ...idNames.map((name) => `$shortcode_migrate_by_${name}`)];
    lines.push(
      `map "${sources.map((variable) => `${variable}|`).join("")}" ${NGINX_VARIABLE} {`,
      '    default "";',
      '    "~^\\|*(?<shortcode_migrate_first>[^|]+)" $shortcode_migrate_first;',
      "}",
    );
  }
  return `${lines.join("\n")}\n`;
}

function align8(value: number): number {
  return Math.ceil(value / 8) * 8;
}

function powerOfTwo(value: number): number {
  return 2 ** Math.ceil(Math.log2(value));
}

/** A double-quoted nginx string; `$` cannot be escaped in a map value, so it was percent-encoded before. */
function nginxString(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

function apache(rules: RedirectRule[], status: RedirectStatus): string {
  const lines = [`# ${HEADER}`, "RewriteEngine On"];
  for (const rule of rules) {
    const id = ID_QUERY.exec(rule.from);
    if (id) {
      lines.push(
        `RewriteCond %{QUERY_STRING} (^|&)${id[2]}=${id[3]}(&|$)`,
        `RewriteRule ^${regexEscape(safeDecode(id[1]!).slice(1))}$ ${rule.to} [R=${status},L,NE,QSD]`,
      );
    } else {
      // in .htaccess the pattern sees the decoded path without its leading "/"; the trailing slash is optional
      const path = safeDecode(rule.from).slice(1).replace(/\/$/, "");
      lines.push(`RewriteRule ^${regexEscape(path)}/?$ ${rule.to} [R=${status},L,NE]`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function csv(rules: RedirectRule[]): string {
  const rows = [["from", "to", "url", "id"], ...rules.map((rule) => [rule.from, rule.to, rule.url ?? "", rule.id ?? ""])];
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Reads a redirects file back: `{ from, to }` per old request, as {@link serializeRedirects}
 * wrote them (for nginx, both spellings of the trailing slash; decoded paths).
 */
export function parseRedirects(text: string, format: RedirectFormat): RedirectRule[] {
  switch (format) {
    case "json":
      return (JSON.parse(text) as { redirects: RedirectRule[] }).redirects;
    case "csv":
      return parseCsv(text)
        .slice(1)
        .map(([from, to, url, id]) => ({ from: from!, to: to!, ...(url ? { url } : {}), ...(id ? { id } : {}) }));
    case "netlify":
      return text
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("#"))
        .map((line) => {
          const fields = line.trim().split(/\s+/);
          return fields.length === 4 ? { from: `${fields[0]}?${fields[1]}`, to: fields[2]! } : { from: fields[0]!, to: fields[1]! };
        });
    case "nginx": {
      const out: RedirectRule[] = [];
      let map: string | null = null;
      for (const line of text.split("\n")) {
        const open = /^map \$(uri|arg_(\w+)) /.exec(line);
        if (open) map = open[2] ?? "";
        else if (line === "}") map = null;
        else if (map !== null) {
          const entry = /^\s+("(?:[^"\\]|\\.)*")\s+("(?:[^"\\]|\\.)*");$/.exec(line);
          if (entry) {
            const [from, to] = [unquote(entry[1]!), unquote(entry[2]!)];
            out.push({ from: map === "" ? from : `/?${map}=${from}`, to });
          }
        }
      }
      return out;
    }
    case "apache": {
      const out: RedirectRule[] = [];
      let condition: string | null = null;
      for (const line of text.split("\n")) {
        const cond = /^RewriteCond %\{QUERY_STRING\} \(\^\|&\)(\w+=\d+)\(&\|\$\)$/.exec(line);
        if (cond) {
          condition = cond[1]!;
          continue;
        }
        const rule = /^RewriteRule \^(.*?)(\/\?)?\$ (\S+) \[/.exec(line);
        if (rule) {
          const path = `/${regexUnescape(rule[1]!)}${rule[2] ? "/" : ""}`;
          out.push({ from: condition ? `${path}?${condition}` : path, to: rule[3]! });
          condition = null;
        }
      }
      return out;
    }
  }
}

/** RFC 4180 CSV → rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const character = text[at]!;
    if (quoted) {
      if (character === '"' && text[at + 1] === '"') {
        field += '"';
        at++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\n" || character === "\r") {
      if (character === "\r" && text[at + 1] === "\n") at++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += character;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function unquote(value: string): string {
  return value.slice(1, -1).replace(/\\(.)/g, "$1");
}

/** The request target as a client sends it: non-ASCII and spaces percent-encoded, what is encoded kept. */
function encodeRequest(from: string): string {
  const value = from.startsWith("/") ? from : `/${from}`;
  return encodeURI(safeDecode(value));
}

/** A target with `$` and spaces encoded (nginx would read `$x` as a variable). */
function encodeTarget(to: string): string {
  return encodeURI(safeDecode(to)).replace(/\$/g, "%24");
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

/** PCRE-escaped, and spaces too (a space would end the RewriteRule pattern). */
function regexEscape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\ ]/g, (character) => (character === " " ? "\\x20" : `\\${character}`));
}

function regexUnescape(value: string): string {
  return value.replace(/\\x20/g, " ").replace(/\\(.)/g, "$1");
}
