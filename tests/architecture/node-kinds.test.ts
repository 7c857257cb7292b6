/**
 * A node kind is one file in `src/convert/kinds/`, registered in the `KINDS` map: the
 * converters that dispatch through the map never name a kind themselves.
 */
import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { KINDS } from "../../src/convert/kinds/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const KINDS_DIR = path.join(ROOT, "src/convert/kinds");
/** The files that dispatch through the map (the HTML converter does too, but makes `embed` nodes of `<iframe>`s). */
const DISPATCHERS = ["src/convert/lower.ts", "src/convert/to-json.ts"];

describe("node kinds", () => {
  test("every kind file is in the map, under its own type", () => {
    const files = readdirSync(KINDS_DIR).filter((name) => name.endsWith(".ts") && name !== "index.ts" && name !== "kind.ts");
    expect(files.length).toBeGreaterThan(0);
    expect(KINDS.size).toBe(files.length);
    for (const [type, kind] of KINDS) {
      expect(kind.type).toBe(type);
      // relatedNews → related-news.ts
      const file = `${type.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.ts`;
      expect(files).toContain(file);
      expect(readFileSync(path.join(KINDS_DIR, file), "utf8")).toContain(`type: "${type}"`);
    }
  });

  test.each(DISPATCHERS)("%s names no kind", (file) => {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    for (const type of KINDS.keys()) expect({ file, named: text.includes(`"${type}"`) }).toEqual({ file, named: false });
  });
});
