import { describe, expect, test } from "@jest/globals";
import { decodeUtf8, firstInvalidUtf8Byte, isCrlf, restoreByteFacts } from "../../src/io/decode.js";
import { decodeInput } from "../../src/io/read.js";

describe("decodeUtf8", () => {
  test("strips and remembers a BOM, detects CRLF", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a\r\nb\r\n")]);
    expect(decodeUtf8(bytes)).toEqual({ text: "a\r\nb\r\n", bom: true, crlf: true, eol: "crlf", notes: [] });
  });

  test("invalid UTF-8 names the byte and its line:column", () => {
    const bytes = Buffer.concat([Buffer.from("İlk satır\nGü"), Buffer.from([0xfc]), Buffer.from("ney")]);
    expect(decodeUtf8(bytes)).toMatchObject({ kind: "invalid-utf8", line: 2, column: 3, reason: expect.stringContaining("byte 0xFC at byte 15") });
  });

  test("a NUL byte means binary", () => {
    expect(decodeUtf8(Buffer.from([0x41, 0x00]))).toMatchObject({ kind: "binary", line: 1, column: 2 });
  });

  test("firstInvalidUtf8Byte agrees with TextDecoder on edge cases", () => {
    const cases: number[][] = [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0x41, 0xf0, 0x9f, 0x98, 0x80],
    ];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      let valid = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Byte(bytes) === bytes.length).toBe(valid);
    }
  });

  test("empty and whitespace-only inputs are skipped as info", () => {
    expect(decodeInput(new Uint8Array())).toMatchObject({ kind: "empty", severity: "info" });
    expect(decodeInput(Buffer.from(" \n\t"))).toMatchObject({ kind: "empty", severity: "info" });
  });
});

test("isCrlf and restoreByteFacts", () => {
  expect(isCrlf("a\r\nb")).toBe(true);
  expect(isCrlf("a\r\nb\nc")).toBe(false);
  expect(isCrlf("abc")).toBe(false);
  expect(restoreByteFacts("a\nb\r\n", { bom: true, crlf: true })).toBe("\uFEFFa\r\nb\r\n");
  expect(restoreByteFacts("a\nb", { bom: false, crlf: false })).toBe("a\nb");
});
