import { describe, expect, test } from "@jest/globals";
import { inShard, parseShard } from "../../src/scale/shard.js";

const keys = Array.from({ length: 5000 }, (_, i) => `articles/${i % 37}/${i}-haber.txt`);

describe("--shard K/N", () => {
  test("parses K/N and rejects anything else with the expected form in the message", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "2", "a/b", "2/0", "-1/3", ""]) {
      expect(() => parseShard(bad)).toThrow(/--shard takes K\/N with 1 <= K <= N \(e\.g\. 1\/4\), got/);
    }
  });

  test.each([2, 3, 7])("the %i shards are disjoint and their union is every input", (count) => {
    const owners = keys.map((key) => {
      const hits = [];
      for (let k = 1; k <= count; k++) if (inShard(key, { index: k, count })) hits.push(k);
      return hits;
    });
    expect(owners.every((hits) => hits.length === 1)).toBe(true);
  });

  test("shards are balanced within 10% and do not depend on listing order", () => {
    const count = 4;
    const sizes = [1, 2, 3, 4].map((k) => keys.filter((key) => inShard(key, { index: k, count })).length);
    for (const size of sizes) expect(Math.abs(size - keys.length / count)).toBeLessThan(keys.length / count / 10);
    const reversed = [...keys].reverse().filter((key) => inShard(key, { index: 1, count }));
    expect(reversed.reverse()).toEqual(keys.filter((key) => inShard(key, { index: 1, count })));
  });

  test("no shard (or 1/1) takes everything", () => {
    expect(keys.every((key) => inShard(key, undefined) && inShard(key, { index: 1, count: 1 }))).toBe(true);
  });
});
