/**
 * Listing, `--out-dir` and temporary names build paths by concatenation where `path.join` would
 * only redo work (`joinClean`, through `entryPath`, `targetPath`, `tempPathFor`); for every input, clean or not, they must give `path.join`'s string.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { expect, test } from "@jest/globals";
import fc from "fast-check";
import { targetPath } from "../../src/run/sinks/out-dir.js";
import { entryPath } from "../../src/io/expand.js";
import { joinClean } from "../../src/io/paths.js";
import { TEMP_SUFFIX, tempPathFor } from "../../src/io/write.js";

/** Path segments, clean and not: dots, empty, separators, spaces, Turkish letters, a backslash. */
const segment = fc.constantFrom("a", "haber", "ğüşıöç", "2020", ".", "..", "", ".gizli", "a b", "x\\y", "..z", "n.", "é");
const relPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/"));
const name = fc.oneof(segment, fc.constantFrom("makale.txt", "a/b.txt", "..txt", "x.md"));
const dir = fc.oneof(
  fc.constantFrom("/", "/tmp", "/tmp/out", "/tmp/out/", "/a/./b", "/a/../b", "/a//b", "relative/out"),
  fc.array(segment, { minLength: 0, maxLength: 3 }).map((parts) => "/" + parts.join("/")),
);

test("entryPath(dir, name) is path.join(dir, name)", () => {
  fc.assert(
    fc.property(dir, name, (d, n) => {
      // the listing only calls it with folders it resolved or built itself
      const folder = path.resolve(d);
      expect(entryPath(folder, n)).toBe(path.join(folder, n));
    }),
    { numRuns: 2000 },
  );
});

test("joinClean(dir, rel) is path.join(dir, …rel split at /)", () => {
  fc.assert(
    fc.property(dir, relPath, (d, rel) => expect(joinClean(d, rel)).toBe(path.join(d, ...rel.split("/")))),
    { numRuns: 3000 },
  );
});

test("targetPath(outDir, rel) is path.join(outDir, …rel) with the output extension", () => {
  fc.assert(
    fc.property(dir, relPath, fc.constantFrom("markdown", "json", "mdast") as fc.Arbitrary<"markdown" | "json" | "mdast">, (outDir, rel, to) => {
      const ext = path.extname(rel);
      const stem = ext ? rel.slice(0, -ext.length) : rel;
      const suffix = { markdown: ".md", json: ".json", mdast: ".mdast.json" }[to];
      expect(targetPath(outDir, rel, to)).toBe(path.join(outDir, ...(stem + suffix).split("/")));
    }),
    { numRuns: 3000 },
  );
});

test("tempPathFor(file) is path.join of the folder and the dot-name, for any file path", () => {
  const longName = fc.constantFrom("a".repeat(66) + ".md", "ğ".repeat(67) + ".md", "ş".repeat(120) + ".md", "x".repeat(199) + ".md");
  fc.assert(
    fc.property(dir, fc.oneof(name, longName), (d, n) => {
      const file = d + "/" + n;
      const base = path.basename(file);
      const temp = tempPathFor(file);
      const stem = Buffer.byteLength(base) <= 200 ? base : createHash("sha256").update(base).digest("hex").slice(0, 32);
      expect(temp).toBe(path.join(path.dirname(file), `.${stem}${TEMP_SUFFIX}`));
    }),
    { numRuns: 2000 },
  );
});

test("the usual case: a listed file under a resolved --out-dir", () => {
  expect(targetPath("/srv/out", "2020/gundem/makale.txt", "markdown")).toBe("/srv/out/2020/gundem/makale.md");
  expect(entryPath("/srv/in", "makale.txt")).toBe("/srv/in/makale.txt");
  expect(entryPath("/", "makale.txt")).toBe("/makale.txt");
});
