#!/usr/bin/env node
/**
 * The baselines of the convert suite, each a plain Node script over the same inputs as
 * `shortcode-migrate convert`, spawned and timed as a whole process like the CLI:
 *
 *   floor       read every input and write it unchanged (the I/O floor)
 *   floor-atomic  the same, each file written to a temporary name and renamed into place, with
 *               one `sync -f` of the output at the end (what shortcode-migrate's writes cost
 *               without converting anything; --files only)
 *   regex       WordPress core's get_shortcode_regex() (lib/wp-core-regex.mjs) replacing the
 *               related-news boxes with markdown links
 *   wp          @wordpress/shortcode's replace() doing the same, its memoized attrs() as is
 *   wp-cleared  the same, with attrs.clear() after every article
 *
 *   node bench/lib/baseline.mjs <mode> --files DIR --out DIR
 *   node bench/lib/baseline.mjs <mode> --ndjson FILE --out FILE
 *
 * Files: read and written with a window of 64 in flight (what a careful Node script does;
 * one at a time is slower and would flatter everything measured against it). NDJSON:
 * streamed line by line, written with back-pressure. Single-threaded, like the originals.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import * as wordpress from "@wordpress/shortcode";
import { parseAtts, shortcodeRegex } from "./wp-core-regex.mjs";

const TAG = "old_news_related_template";

/** `[title](link)`: the markdown link a migration script writes for a related-news box. */
function link(title, href) {
  return `[${title ?? ""}](${href ?? ""})`;
}

function coreRegexTransform() {
  const regex = shortcodeRegex([TAG]);
  return (body) => {
    // do_shortcode()'s pre-filter: no `[` or no tag name, nothing to do.
    if (!body.includes("[") || !body.includes(TAG)) return body;
    regex.lastIndex = 0;
    return body.replace(regex, (match, open, _name, atts, _slash, _content, close) => {
      if (open === "[" && close === "]") return match.slice(1, -1); // escaped [[…]]
      const { named } = parseAtts(atts);
      return link(named.title, named.link);
    });
  };
}

function wordpressTransform(clear) {
  return (body) => {
    const out = wordpress.replace(TAG, body, (shortcode) => link(shortcode.attrs.named.title, shortcode.attrs.named.link));
    if (clear) wordpress.attrs.clear();
    return out;
  };
}

const FLOOR = (body) => body;

const TRANSFORMS = {
  floor: () => FLOOR,
  regex: coreRegexTransform,
  wp: () => wordpressTransform(false),
  "wp-cleared": () => wordpressTransform(true),
  "floor-atomic": () => FLOOR,
};

async function overFiles(transform, dir, out, atomic = false) {
  await mkdir(out, { recursive: true });
  const names = (await readdir(dir)).sort();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const body = await readFile(join(dir, name), "utf8");
      const target = join(out, name.replace(/\.txt$/, ".md"));
      if (!atomic) {
        await writeFile(target, transform(body));
        continue;
      }
      const temp = join(out, `.${name}.tmp`);
      await writeFile(temp, transform(body), { flag: "wx" });
      await rename(temp, target);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  if (atomic) execFileSync("sync", ["-f", out]);
}

async function overNdjson(transform, file, out) {
  const output = createWriteStream(out);
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  const copy = transform === FLOOR;
  for await (const line of lines) {
    if (!line) continue;
    if (copy) {
      // The floor copies each line as it is: no JSON work, only the streaming.
      if (!output.write(line + "\n")) await new Promise((resolve) => output.once("drain", resolve));
      continue;
    }
    const record = JSON.parse(line);
    record.body = transform(record.body);
    if (!output.write(JSON.stringify(record) + "\n")) await new Promise((resolve) => output.once("drain", resolve));
  }
  await new Promise((resolve, reject) => output.end((error) => (error ? reject(error) : resolve())));
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { files: { type: "string" }, ndjson: { type: "string" }, out: { type: "string" } },
});
const make = TRANSFORMS[positionals[0]];
if (!make || !values.out || !(values.files || values.ndjson)) {
  console.error("usage: node bench/lib/baseline.mjs floor|floor-atomic|regex|wp|wp-cleared (--files DIR | --ndjson FILE) --out PATH");
  process.exit(2);
}
const transform = make();
if (values.files) await overFiles(transform, values.files, values.out, positionals[0] === "floor-atomic");
else await overNdjson(transform, values.ndjson, values.out);
