/**
 * The reader streams: what it holds after garbage collection does not grow with the export.
 * Two generated exports, 1 MB and 10 MB, are read through both passes; the heap is sampled
 * after a forced collection every few hundred posts. Not a timed test.
 */
import { describe, expect, test } from "@jest/globals";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readWxrPosts } from "../../src/wxr/posts.js";
import { generateExport as generate } from "./generate.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap held (after a full collection) at its highest while reading, above what was held before; and the number of posts read. */
async function peakHeld(file: string): Promise<{ peak: number; posts: number; resolved: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let posts = 0;
  let resolved = 0;
  for await (const e of readWxrPosts(() => createReadStream(file))) {
    if (e.kind !== "post") continue;
    posts++;
    if (e.post.featuredImage) resolved++;
    if (posts % 250 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  return { peak, posts, resolved };
}

describe("memory", () => {
  test("the heap held while reading a 10 MB export is not ten times that of a 1 MB one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wxr-mem-"));
    try {
      const small = path.join(dir, "small.xml");
      const large = path.join(dir, "large.xml");
      // 1 MB and 10 MB (were 2 and 20: the same ratio, half the time): bodies held would add
      // ~10 MB (4,470 more bodies of 1,150 chars, two-byte strings), far above the bound below
      const nSmall = generate(small, 1024 * 1024);
      const nLarge = generate(large, 10 * 1024 * 1024);
      const a = await peakHeld(small);
      const b = await peakHeld(large);
      if (process.env.WXR_MEMORY_REPORT) console.log(JSON.stringify({ small: { items: nSmall, ...a }, large: { items: nLarge, ...b } }));
      expect(a.posts).toBe(nSmall);
      expect(b.posts).toBe(nLarge);
      // The featured images come after their posts: resolved through the first pass.
      expect(b.resolved).toBe(Math.floor(nLarge / 10) * 10);
      // Ten times the input; what is held may grow by the first pass's index of attachments
      // (a few hundred bytes each: at most 600 B an extra attachment, plus 1 MB for the
      // collector's slack) and by nothing that grows with the posts' bodies.
      const extraAttachments = Math.floor(nLarge / 10) * 10 - Math.floor(nSmall / 10) * 10;
      expect(b.peak - a.peak).toBeLessThan(extraAttachments * 600 + 1024 * 1024);
      expect(b.peak).toBeLessThan(8 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
