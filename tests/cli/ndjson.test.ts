import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { box, cli, tempTree } from "./helpers.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const LINES = [
  JSON.stringify({ id: 7, title: "Yedi", body: `Metin.\n\n${box("Bağlantı")}` }),
  "{not json",
  JSON.stringify({ id: "../../etc/passwd", body: "Düz metin." }),
  JSON.stringify({ id: 9, text: "no body" }),
];

describe("convert --input-format ndjson", () => {
  test("stdin → NDJSON on stdout, same objects with the field converted; broken lines passed through, exit 1", async () => {
    const r = await cli(["convert", "-", "--input-format", "ndjson"], { stdinText: LINES.join("\n") + "\n" });
    expect(r.code).toBe(1);
    const out = r.stdout.trimEnd().split("\n");
    expect(out).toHaveLength(4);
    expect(JSON.parse(out[0]!)).toEqual({ id: 7, title: "Yedi", body: "Metin.\n\n> **Bağlantı**" });
    expect(out[1]).toBe("{not json");
    expect(JSON.parse(out[2]!)).toEqual({ id: "../../etc/passwd", body: "Düz metin." });
    expect(r.stderr).toContain("<stdin>:2:1  error  line 2 is not valid JSON");
    expect(r.stderr).toContain('<stdin>:4:1  warning  record <stdin>#9 has no string field "body" (passed through unchanged)');
    expect(r.last).toBe("✖ exit 1: 1 input could not be read or decoded");
  });

  test("--out-dir: one file per record named from the id, never outside the folder", async () => {
    const t = await tempTree({ "dump.ndjson": LINES.join("\r\n") });
    cleanups.push(t.cleanup);
    const r = await cli(["convert", "dump.ndjson", "--input-format", "ndjson", "--out-dir", "out", "--id-field", "id"], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect((await readdir(path.join(t.dir, "out"))).sort()).toEqual(["7.md", "___.._etc_passwd~833ba4aa8a80.md"]);
    expect(await readFile(path.join(t.dir, "out/7.md"), "utf8")).toBe("Metin.\n\n> **Bağlantı**");
  });

  test("--field picks the body; --write is refused", async () => {
    const r = await cli(["convert", "-", "--input-format", "ndjson", "--field", "text", "--dry-run"], {
      stdinText: JSON.stringify({ id: 1, text: box("x") }),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.last).toMatch(/1 file \(dry run: nothing written\): 1 would change/);
    const w = await cli(["convert", "-", "--input-format", "ndjson", "--write"]);
    expect(w.code).toBe(2);
  });
});
