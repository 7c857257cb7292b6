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
    expect(r.last).toBe("✖ exit 1: 1 record failed (broken NDJSON line: <stdin>:2)");
  });

  test("an operand named *.ndjson or *.jsonl is read as an archive without --input-format; mixed with articles, a usage error", async () => {
    const t = await tempTree({ "dump.ndjson": LINES.join("\n") + "\n", "DUMP2.JSONL": LINES[0]! + "\n", "a.txt": "Metin.\n" });
    cleanups.push(t.cleanup);
    const auto = await cli(["convert", "dump.ndjson", "DUMP2.JSONL"], { cwd: t.dir });
    const explicit = await cli(["convert", "dump.ndjson", "DUMP2.JSONL", "--input-format", "ndjson"], { cwd: t.dir });
    expect(auto.stdout).toBe(explicit.stdout);
    expect(JSON.parse(auto.stdout.split("\n")[0]!)).toEqual({ id: 7, title: "Yedi", body: "Metin.\n\n> **Bağlantı**" });
    expect(auto.code).toBe(1);
    const checked = await cli(["check", "dump.ndjson"], { cwd: t.dir });
    expect(checked.stdout).toMatch(/^dump\.ndjson#7:3:1 {2}error {2}\[old_news_related_template\] would be converted/);
    for (const command of ["convert", "check"]) {
      const mixed = await cli([command, "dump.ndjson", "a.txt"], { cwd: t.dir });
      expect(mixed.code).toBe(2);
      expect(mixed.last).toMatch(/^shortcode-migrate: dump\.ndjson is an NDJSON archive but a\.txt is not: run them separately, or pass --input-format ndjson/);
    }
    // a folder of archives: auto goes by the operand's own name, so the message says what to add
    const t2 = await tempTree({ "dumps/a.ndjson": LINES[0]! + "\n", "dumps/b.jsonl": LINES[2]! + "\n" });
    cleanups.push(t2.cleanup);
    for (const command of ["convert", "check", "scan"]) {
      const folder = await cli([command, "dumps"], { cwd: t2.dir });
      expect(folder.code).toBe(2);
      expect(folder.last).toMatch(
        /^shortcode-migrate: no input files found in "dumps" \(folders are searched for \.txt, .*\); 2 NDJSON archives are there: add --input-format ndjson to read them/,
      );
    }
    expect((await cli(["convert", "dumps", "--input-format", "ndjson"], { cwd: t2.dir })).stdout.split("\n").filter(Boolean)).toHaveLength(2);
    // an explicit text format reads the archive as one article text, as asked
    const asText = await cli(["convert", "dump.ndjson", "--input-format", "text"], { cwd: t.dir });
    expect(asText.stdout.split("\n")[1]).toBe("{not json");
    expect(asText.stdout).not.toBe(auto.stdout);
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
    expect(r.last).toMatch(/1 record \(dry run: nothing written\): 1 would change/);
    const w = await cli(["convert", "-", "--input-format", "ndjson", "--write"]);
    expect(w.code).toBe(2);
  });
});
