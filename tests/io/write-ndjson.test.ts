import * as nodeFs from "node:fs/promises";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { expect, test } from "@jest/globals";
import { isInside, safeFileStem, splitLines } from "../../src/io/ndjson.js";
import { describeWriteError, writeFileAtomic } from "../../src/io/write.js";

test("writeFileAtomic creates folders, keeps the mode, leaves no temp file on failure", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "smio-"));
  try {
    const file = path.join(dir, "a/b/c.md");
    await writeFileAtomic(file, "bir", nodeFs);
    expect(await readFile(file, "utf8")).toBe("bir");
    await nodeFs.chmod(file, 0o640);
    await writeFileAtomic(file, "iki", nodeFs);
    expect(await readFile(file, "utf8")).toBe("iki");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    const failing = { ...nodeFs, rename: async () => Promise.reject(Object.assign(new Error("x"), { code: "ENOSPC" })) };
    await expect(writeFileAtomic(file, "üç", failing as typeof nodeFs)).rejects.toMatchObject({ code: "ENOSPC" });
    expect(await readdir(path.dirname(file))).toEqual(["c.md"]);
    expect(await readFile(file, "utf8")).toBe("iki");
    expect(describeWriteError({ code: "ENOSPC" })).toContain("disk is full");
    // both write paths describe a folder at the temporary name alike (fs.rm says ERR_FS_EISDIR)
    expect(describeWriteError({ code: "ERR_FS_EISDIR" })).toBe(describeWriteError({ code: "EISDIR" }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("splitLines: chunks split anywhere, CRLF, no final newline", async () => {
  const text = 'a\r\n{"b":"ğ"}\n\nlast';
  const bytes = Buffer.from(text);
  const chunks = [bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)];
  const lines: Array<[number, string]> = [];
  for await (const { line, bytes: b } of splitLines(Readable.from(chunks))) lines.push([line, b.toString()]);
  expect(lines).toEqual([
    [1, "a"],
    [2, '{"b":"ğ"}'],
    [3, ""],
    [4, "last"],
  ]);
});

test("safeFileStem never leaves the folder; a sanitized id carries a hash of the original", () => {
  expect(safeFileStem("../../x", 1)).toBe("___.._x~c9fb83208c7b");
  expect(safeFileStem("a/b\\c:d", 1)).toBe("a_b_c_d~1ee0d668cf5e");
  expect(safeFileStem("", 5)).toBe("record~5");
  expect(safeFileStem(undefined, 6)).toBe("record~6");
  expect(safeFileStem("CON", 1)).toBe("_CON~00831bf9bbb8");
  expect(safeFileStem(42, 1)).toBe("42");
  expect(safeFileStem("haber-2024-01", 1)).toBe("haber-2024-01");
  for (const id of ["..", "/etc/passwd", "..\\..\\w", "a/../../b"]) {
    expect(isInside("/out", path.join("/out", safeFileStem(id, 1) + ".md"))).toBe(true);
  }
});
