/**
 * The links, images and redirects flags of `convert` (one block, `run/links.ts` reads them).
 */
import { type Command, InvalidArgumentError, Option } from "commander";

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function wholeNumber(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got "${value}".`);
    return Number(value);
  };
}

function positiveSeconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || Number(value) <= 0) throw new InvalidArgumentError(`expected seconds above 0 (e.g. 30), got "${value}".`);
  return Number(value);
}

function withDefault(flags: string, description: string, shown: string): Option {
  const created = new Option(flags, description);
  created.defaultValueDescription = shown;
  return created;
}

/** Adds the links and assets block to `convert`. */
export function addLinkOptions(command: Command): Command {
  return command
    .addOption(
      withDefault("--url-field <name>", "links, NDJSON: a field holding a record's old URL (a string or a list); repeatable", "url").argParser(collect),
    )
    .addOption(withDefault("--date-field <name>", "links, NDJSON: the field holding a record's date, for --permalink's {yyyy} {mm} {dd}", "date"))
    .addOption(withDefault("--slug-field <name>", "links, NDJSON: the field holding a record's slug, for --permalink's {slug}", "slug"))
    .option(
      "--site-host <host>",
      "links: a host of the old site besides the records' own (a link there that names no article is reported dead); repeatable",
      collect,
    )
    .addOption(
      withDefault(
        "--link-id-pattern <regex>",
        'links: finds an old URL\'s article by the number its first group captures, when the slug changed; "" turns it off',
        "-(\\d{4,})$ under the sozcu preset, else none",
      ),
    )
    .addOption(withDefault("--permalink <pattern>", "links: the new URL of an article, e.g. /haber/{yyyy}/{slug}/", "a path relative to the output file"))
    .addOption(
      withDefault(
        "--asset-base <path>",
        "assets: where old-site images and files go, keeping their uploads path (a path, a URL, or a folder relative to the output)",
        "/images/",
      ),
    )
    .option("--asset-host <host>", "assets: a host whose every URL is an asset (a CDN); repeatable", collect)
    .option("--originals", "assets: map resized copies (photo-300x200.jpg) to their original (photo.jpg)")
    .option("--asset-manifest <file>", "assets: write the list of old-site files, their new paths and the articles using them (.json or .csv)")
    .option("--assets-from <dir>", "assets: copy the files from this local backup of wp-content/uploads")
    .option("--download-assets", "assets: download the files from the old site after the conversion (resumes; failures listed, exit 1)")
    .addOption(withDefault("--asset-dir <dir>", "assets: where --assets-from and --download-assets put the files", "the --out-dir folder + --asset-base"))
    .addOption(withDefault("--download-concurrency <n>", "assets: downloads at once", "4").argParser(wholeNumber(1)))
    .addOption(
      withDefault("--download-timeout <seconds>", "assets: longest wait for a response, and between two chunks of it", "30").argParser(positiveSeconds),
    )
    .addOption(withDefault("--download-retries <n>", "assets: tries after the first for a network error, a timeout or HTTP 5xx", "3").argParser(wholeNumber(0)))
    .option(
      "--redirects <file>",
      "write old URL → new path; the format by the name: _redirects (Netlify), *.conf (nginx map), .htaccess (Apache), *.csv, *.json",
    )
    .addOption(withDefault("--redirect-status <code>", "the redirects' HTTP status (301, 302, 307 or 308)", "301").argParser(wholeNumber(0)));
}

/** `scan`'s related-news link census over NDJSON archives: how records name their old URLs. */
export function addScanLinkOptions(command: Command): Command {
  return command
    .addOption(withDefault("--url-field <name>", "link census, NDJSON: a field holding a record's old URL; repeatable", "url").argParser(collect))
    .option("--site-host <host>", "link census: a host of the old site besides the records' own; repeatable", collect)
    .addOption(
      withDefault(
        "--link-id-pattern <regex>",
        'link census: finds an old URL\'s article by the number its first group captures; "" turns it off',
        "-(\\d{4,})$ under the sozcu preset, else none",
      ),
    );
}
