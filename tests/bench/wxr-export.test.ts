import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "@jest/globals";
import { indexWxr } from "../../src/wxr/export-index.js";
import { attachmentsForPost } from "../../src/wxr/gallery.js";
import { readWxrPosts } from "../../src/wxr/posts.js";

/** The benchmark's generated WordPress export (bench/lib/wxr-export.mjs): what it holds, never how fast it converts. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "smig-wxr-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { prepareWxrExport } = (await import(path.join(ROOT, "bench/lib/wxr-export.mjs"))) as {
  prepareWxrExport: (o: { cacheRoot: string; targetBytes: number; seed: number }) => {
    file: string;
    posts: number;
    drafts: number;
    attachments: number;
    bytes: number;
    fileBytes: number;
    cached: boolean;
  };
};

describe("the generated WordPress export", () => {
  test("a well-formed export of the size asked: every post read, drafts among them, every gallery id an attachment; the same file for the same seed", async () => {
    const made = prepareWxrExport({ cacheRoot: dir, targetBytes: 300_000, seed: 7 });
    expect(made.cached).toBe(false);
    expect(statSync(made.file).size).toBe(made.fileBytes);
    expect(made.fileBytes).toBeGreaterThanOrEqual(300_000);
    const index = await indexWxr(createReadStream(made.file));
    expect(index.attachments.size).toBe(made.attachments);
    let posts = 0;
    let drafts = 0;
    let galleries = 0;
    let problems = 0;
    for await (const e of readWxrPosts(() => createReadStream(made.file), {}, index)) {
      if (e.kind === "problem" && e.problem.ruleId !== "wxr-date-offset") problems++;
      if (e.kind !== "post") continue;
      posts++;
      if (e.post.status === "draft") drafts++;
      for (const m of e.post.content.matchAll(/\[gallery\b[^\]]*\bids="([\d,]+)"/g)) {
        galleries++;
        const carried = new Set(attachmentsForPost(index, e.post).map((a) => a.id));
        for (const id of m[1]!.split(",")) expect(carried.has(Number(id))).toBe(true);
      }
    }
    expect([posts, drafts, problems]).toEqual([made.posts, made.drafts, 0]);
    expect(galleries).toBeGreaterThan(0);
    expect(prepareWxrExport({ cacheRoot: dir, targetBytes: 300_000, seed: 7 })).toMatchObject({ cached: true, posts: made.posts });
  });
});
