#!/usr/bin/env node
/**
 * The baselines of the convert suite, each a plain Node script over the same inputs as
 * `shortcode-migrate convert`, spawned and timed as a whole process like the CLI:
 *
 *   floor-sync  read every input and write it unchanged, synchronously: files with a
 *               readFileSync/writeFileSync loop, NDJSON in 1 MiB readSync chunks cut at line ends
 *               and written with writeSync (the fastest plain Node copy: the I/O floor)
 *   floor       the same with fs/promises, 64 files in flight, NDJSON through readline and a
 *               write stream (what a careful async script does; slower than the synchronous loop)
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
 * Async files: read and written with a window of 64 in flight. Async NDJSON: streamed line by
 * line, written with back-pressure. On a RAM disk a plain synchronous loop copied the same
 * files 2–3× faster (no promise per file, no thread-pool round trips), so the
 * floor every ratio is taken against is the faster of the two measured in the same run.
 * Single-threaded, like the originals.
 */
import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeFileSync, writeSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
// The baselines' libraries are imported only by the modes that use them (below), so the
// floors' processes pay for no module they do not run.

const TAG = "old_news_related_template";

/** `[title](link)`: the markdown link a migration script writes for a related-news box. */
function link(title, href) {
  return `[${title ?? ""}](${href ?? ""})`;
}

async function coreRegexTransform() {
  const { parseAtts, shortcodeRegex } = await import("./wp-core-regex.mjs");
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

async function wordpressTransform(clear) {
  const wordpress = await import("@wordpress/shortcode");
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

/** The synchronous floor over files: one readFileSync and one writeFileSync per file, bytes as they are. */
function filesSync(dir, out) {
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(dir).sort()) {
    writeFileSync(join(out, name.replace(/\.txt$/, ".md")), readFileSync(join(dir, name)));
  }
}

/**
 * The synchronous floor over NDJSON: 1 MiB reads, every line end found (as a line reader
 * must), the whole lines of each chunk written with one writeSync, the partial last line
 * carried over (the buffer grows for a line longer than it). Returns the number of lines.
 */
function ndjsonSync(file, out) {
  const input = openSync(file, "r");
  const output = openSync(out, "w");
  let buffer = Buffer.allocUnsafe(1 << 20);
  let carry = 0;
  let lines = 0;
  try {
    for (;;) {
      if (carry === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carry);
        buffer = bigger;
      }
      const read = readSync(input, buffer, carry, buffer.length - carry, null);
      const end = carry + read;
      if (read === 0) {
        if (end > 0) {
          writeSync(output, buffer, 0, end);
          lines++;
        }
        return lines;
      }
      let start = 0;
      for (let nl = buffer.indexOf(10, start); nl !== -1 && nl < end; nl = buffer.indexOf(10, start)) {
        lines++;
        start = nl + 1;
      }
      if (start > 0) writeSync(output, buffer, 0, start);
      buffer.copy(buffer, 0, start, end);
      carry = end - start;
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { files: { type: "string" }, ndjson: { type: "string" }, out: { type: "string" } },
});
const make = TRANSFORMS[positionals[0]];
if ((!make && positionals[0] !== "floor-sync") || !values.out || !(values.files || values.ndjson)) {
  console.error("usage: node bench/lib/baseline.mjs floor-sync|floor|floor-atomic|regex|wp|wp-cleared (--files DIR | --ndjson FILE) --out PATH");
  process.exit(2);
}
const transform = await make?.();
if (positionals[0] === "floor-sync") {
  if (values.files) filesSync(values.files, values.out);
  else ndjsonSync(values.ndjson, values.out);
} else if (values.files) await overFiles(transform, values.files, values.out, positionals[0] === "floor-atomic");
else await overNdjson(transform, values.ndjson, values.out);
