/**
 * Ids and paths from data can never leave --out-dir, and two distinct ids never share a file.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { isInside, safeFileStem } from "../../src/io/ndjson.js";
import { isTempName, tempPathFor } from "../../src/io/write.js";
import { cli } from "../cli/helpers.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const HOSTILE_IDS = [
  "../../etc/passwd",
  "..",
  ".",
  "...",
  "/etc/passwd",
  "C:\\Windows\\win.ini",
  "\\\\server\\share\\x",
  "a/../../b",
  "a\u0000b",
  "a\u0000",
  "\u0000",
  "CON",
  "con",
  "Con.txt",
  "NUL",
  "nul.md",
  "COM1",
  "com¹",
  "LPT9",
  "PRN",
  "AUX.tar.gz",
  "CONIN$",
  "a.",
  "a ",
  " a",
  ".hidden",
  "~",
  "a~b",
  "record~5",
  "x".repeat(300),
  "ğ".repeat(200),
  "😀".repeat(100),
  "e\u0301",
  "\u00e9",
  "\ud800",
  "\udc00",
  "\ud800x",
  "a\nb",
  "a\rb",
  "a\u2028b",
  "a\u200bb",
  "a:b",
  "a*b",
  "a?b",
  "a|b",
  'a"b',
  "<x>",
  "%2e%2e%2f",
  "..%2f",
  "\u202e",
  "-rf",
  "42",
  "Haber-12",
  "haber-12",
];

const idArbitrary = fc.oneof(
  fc.constantFrom(...HOSTILE_IDS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."./\\:~ \u0000aAbB.-_çÇ"), maxLength: 12 }),
);

describe("safeFileStem", () => {
  test("hostile ids: inside the folder, at most 255 bytes with extension and temp affixes, no separators or NUL", () => {
    for (const id of HOSTILE_IDS) {
      const stem = safeFileStem(id, 1);
      expect(stem).not.toMatch(/[\u0000-\u001f/\\]/);
      expect(stem).not.toMatch(/^\.|[. ]$/);
      expect(stem).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
      expect(isInside("/out", path.join("/out", stem + ".md"))).toBe(true);
      expect(Buffer.byteLength(path.basename(tempPathFor(path.join("/out", stem + ".mdast.json"))))).toBeLessThanOrEqual(255);
    }
  });

  test(`collision-proof: distinct ids never share a stem (${RUNS} generated pairs + the hostile list)`, () => {
    const seen = new Map<string, string>();
    for (const id of HOSTILE_IDS) {
      const stem = safeFileStem(id, 1);
      expect(seen.get(stem) ?? id).toBe(id);
      seen.set(stem, id);
    }
    fc.assert(
      fc.property(idArbitrary, idArbitrary, (a, b) => {
        if (a !== b && a !== "" && b !== "") expect(safeFileStem(a, 1)).not.toBe(safeFileStem(b, 1));
        const stem = safeFileStem(a, 1);
        expect(isInside("/out", path.join("/out", stem + ".md"))).toBe(true);
        expect(isTempName(stem + ".md")).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  test("clean ids are kept as they are; numbers too", () => {
    expect(safeFileStem("haber-2024-01", 1)).toBe("haber-2024-01");
    expect(safeFileStem(42, 1)).toBe("42");
    expect(safeFileStem("Çarşı_İzmir", 1)).toBe("Çarşı_İzmir");
  });
});

test("NDJSON --out-dir with hostile ids: every record gets its own file, all inside the folder", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "smsec-"));
  try {
    const ids = [...HOSTILE_IDS, "Haber-12", "haber-12"];
    const lines = ids.map((id, i) => JSON.stringify({ id, body: `Metin ${i}.` }));
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(dir, "dump.ndjson"), lines.join("\n"));
    const r = await cli(["convert", "dump.ndjson", "--input-format", "ndjson", "-o", "out/records"], { cwd: dir });
    expect(r.code).toBe(0);
    // nothing outside out/records
    expect((await readdir(dir)).sort()).toEqual(["dump.ndjson", "out"]);
    expect(await readdir(path.join(dir, "out"))).toEqual(["records"]);
    const files = await readdir(path.join(dir, "out/records"));
    // one file per record: no two ids overwrote each other (case-only twins included)
    expect(files.length).toBe(ids.length);
    const bodies = new Set(await Promise.all(files.map((f) => readFile(path.join(dir, "out/records", f), "utf8"))));
    expect(bodies.size).toBe(ids.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
