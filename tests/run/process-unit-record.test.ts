/**
 * `record.ts` and `processUnit` with a `line` input: one NDJSON line read as a record,
 * converted and serialized, as a worker (or `--concurrency 1`) does it for NDJSON on stdout. The CLI-level equivalence with the main
 * thread's own path is in tests/cli/ndjson-direct.test.ts.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { convert } from "../../src/convert/index.js";
import type { ConvertOptions, ConvertResult } from "../../src/convert/types.js";
import { nodeSyncFileSystem } from "../../src/io/sync-fs.js";
import { processUnit, type UnitOutcome } from "../../src/run/process-unit.js";
import { isBlankLine, readRecord, type RecordSettings } from "../../src/run/record.js";
import { inShard, parseShard } from "../../src/scale/shard.js";

const markdown: RecordSettings & { markdown: boolean } = { field: "body", idField: "id", markdown: true };

/** {@link processUnit} on a `line` unit. */
function convertRecord(
  t: { line: number; bytes: Uint8Array },
  settings: RecordSettings & { markdown: boolean },
  options: ConvertOptions,
  convertFn: (text: string, options: ConvertOptions) => ConvertResult,
): UnitOutcome {
  const { markdown: md, ...record } = settings;
  return processUnit({ input: { kind: "line", ...t } }, { markdown: md, record }, options, {
    convert: convertFn,
    fs: nodeSyncFileSystem,
    knownDirs: new Set(),
  });
}
const task = (text: string | Buffer, line = 1) => ({ line, bytes: typeof text === "string" ? Buffer.from(text) : text });
const box = (title: string) => `[old_news_related_template title="${title}" desc="" image="https://example.com/i.jpg" link="https://example.com/a/"]`;

describe("isBlankLine", () => {
  test("is what the main thread used to test: the line read as Latin-1, trimmed, is empty", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 12 }).map((a) => a.map((b) => [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x85, 0x1c, 0x00, 0x7b][b % 11]!)),
        (bytes) => {
          expect(isBlankLine(bytes)).toBe(Buffer.from(bytes).toString("latin1").trim() === "");
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), (bytes) => {
        expect(isBlankLine(bytes)).toBe(Buffer.from(bytes).toString("latin1").trim() === "");
      }),
    );
  });
});

describe("readRecord", () => {
  test("a record: its object, id, body; the key is the id, or line-N without one; a byte-order mark is dropped", () => {
    expect(readRecord(task('{"id":7,"body":"Metin."}', 3), markdown)).toEqual({
      kind: "record",
      object: { id: 7, body: "Metin." },
      key: "7",
      id: 7,
      body: "Metin.",
    });
    expect(readRecord(task('{"body":"Metin."}', 3), markdown)).toMatchObject({ kind: "record", key: "record~3", id: undefined });
    expect(readRecord(task('{"id":null,"body":1}', 4), markdown)).toMatchObject({ kind: "record", key: "record~4", body: 1 });
    expect(readRecord(task(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"a","body":"x"}')])), markdown)).toMatchObject({
      kind: "record",
      key: "a",
    });
  });

  test("lines that are no record say why, naming the line", () => {
    expect(readRecord(task("  \t"), markdown)).toEqual({ kind: "blank" });
    expect(readRecord(task(Buffer.from([0x7b, 0xff, 0x7d]), 5), markdown)).toEqual({
      kind: "broken",
      ruleId: "ndjson-invalid-utf8",
      reason: "line 5 is not valid UTF-8; re-encode the archive as UTF-8",
      skip: "invalid UTF-8",
    });
    expect(readRecord(task("{not json", 6), markdown)).toMatchObject({ kind: "broken", ruleId: "ndjson-invalid-line", skip: "broken NDJSON line" });
    expect((readRecord(task("{not json", 6), markdown) as { reason: string }).reason).toMatch(
      /^line 6 is not valid JSON \(.+\); fix or remove the line \(passed through unchanged\)$/,
    );
    for (const line of ["[1,2]", "null", "42", '"metin"']) {
      expect(readRecord(task(line, 2), markdown)).toEqual({
        kind: "broken",
        ruleId: "ndjson-invalid-line",
        reason: "line 2 is not a JSON object; each line must be one object (passed through unchanged)",
        skip: "broken NDJSON line",
      });
    }
  });

  test("--shard: a record by its id, a line without one (or no record) by its number", () => {
    for (let index = 1; index <= 3; index++) {
      const shard = parseShard(`${index}/3`);
      const settings = { ...markdown, shard };
      for (let line = 1; line <= 20; line++) {
        const withId = readRecord(task(`{"id":"h${line}","body":"x"}`, line), settings);
        expect(withId.kind).toBe(inShard(`h${line}`, shard) ? "record" : "other-shard");
        const noId = readRecord(task('{"body":"x"}', line), settings);
        expect(noId.kind).toBe(inShard(`line-${line}`, shard) ? "record" : "other-shard");
        const broken = readRecord(task("{x", line), settings);
        expect(broken.kind).toBe(inShard(`line-${line}`, shard) ? "broken" : "other-shard");
      }
    }
  });
});

describe("convertRecord", () => {
  const options: ConvertOptions = {};
  test("the record's line with the field converted, every other key kept in its place; the encoding notes before the converter's messages", () => {
    const body = `DÄ±ÅŸiÅŸleri açıklama yaptı.\n\n${box("Bakü’de ‘müzakere’ turu")}\n\n[bilinmeyen a="b"]`;
    const outcome = convertRecord(task(JSON.stringify({ id: "h1", title: "Başlık", body, tags: ["a"] })), markdown, options, convert);
    const expected = convert(body, options);
    expect(outcome).toMatchObject({ kind: "done", key: "h1", changed: true });
    if (outcome.kind !== "done") throw new Error("not done");
    // the body had no final newline: the converted body has none either (the converter's output ends with one)
    expect(expected.output.endsWith("\n")).toBe(true);
    expect(outcome.line).toBe(JSON.stringify({ id: "h1", title: "Başlık", body: expected.output.slice(0, -1), tags: ["a"] }) + "\n");
    expect(expected.messages.length).toBeGreaterThan(0);
    expect(outcome.messages[0]!.ruleId).toBe("mojibake");
    expect(outcome.messages.slice(1)).toEqual(expected.messages);
    expect(outcome.shortcodes).toEqual(expected.stats?.shortcodes ?? {});
  });

  test("--to json: the field becomes the document object; an unchanged markdown body is not counted as changed", () => {
    const body = "Düz metin.";
    const json = convertRecord(task(JSON.stringify({ id: 1, body })), { ...markdown, markdown: false }, { to: "json" }, convert);
    if (json.kind !== "done") throw new Error("not done");
    expect(JSON.parse(json.line!).body).toEqual(JSON.parse(convert(body, { to: "json" }).output));
    expect(json.changed).toBe(true);
    const same = convertRecord(task(JSON.stringify({ id: 1, body: "Düz metin.\n" })), markdown, options, convert);
    expect(same).toMatchObject({ kind: "done", changed: false });
  });

  test("no string field, and a converter that throws, are outcomes (never a throw)", () => {
    expect(convertRecord(task('{"id":9,"text":"x"}'), markdown, options, convert)).toEqual({ kind: "no-field", key: "9" });
    expect(convertRecord(task('{"id":9,"body":["x"]}'), markdown, options, convert)).toEqual({ kind: "no-field", key: "9" });
    const throwing = (): ConvertResult => {
      throw new Error("patladı");
    };
    expect(convertRecord(task('{"id":9,"body":"x"}'), markdown, options, throwing)).toEqual({ kind: "crash", key: "9", error: "patladı" });
    expect(convertRecord(task("{x", 4), markdown, options, throwing)).toMatchObject({ kind: "broken" });
  });
});

describe("processUnit: a unit's media library", () => {
  test("a `text` unit carrying its post's attachments renders [gallery] (structured-cloned, as it crosses to a worker); the run's options are left as they were", () => {
    const media = {
      postId: 401,
      attachments: [
        {
          id: 502,
          url: "https://haber.example.com.tr/wp-content/uploads/2021/05/kuyumcular.jpg",
          parent: 401,
          menuOrder: 1,
          title: "Kuyumcular",
          caption: "Kuyumcular Caddesi’nde sabah",
          alt: "Kuyumcu vitrinleri",
        },
      ],
    };
    const options: ConvertOptions = {};
    const env = { convert, fs: nodeSyncFileSystem, knownDirs: new Set<string>() };
    const body = "Çarşı ‘‘yeniden’’ açıldı.\n\n[gallery]";
    const withMedia = processUnit(structuredClone({ input: { kind: "text" as const, text: body }, media }), { markdown: true, keepOutput: true }, options, env);
    expect(withMedia).toMatchObject({
      kind: "done",
      output:
        "Çarşı ‘‘yeniden’’ açıldı.\n\n![Kuyumcu vitrinleri](https://haber.example.com.tr/wp-content/uploads/2021/05/kuyumcular.jpg)\\\n_Kuyumcular Caddesi’nde sabah_\n",
    });
    expect(options).toEqual({});
    const without = processUnit({ input: { kind: "text", text: body } }, { markdown: true, keepOutput: true }, options, env);
    expect(without).toMatchObject({ kind: "done", output: `${body}\n` });
  });
});
