import { describe, expect, test } from "@jest/globals";
import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { indexWxr, type WxrIndex } from "../../src/wxr/export-index.js";
import { attachmentsForPost, galleryAttachments } from "../../src/wxr/gallery.js";
import { readWxrPosts, type WxrPost } from "../../src/wxr/posts.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/wxr/haber-sitesi.xml", import.meta.url));

async function load(): Promise<{ index: WxrIndex; posts: WxrPost[] }> {
  const index = await indexWxr(createReadStream(FIXTURE));
  const posts: WxrPost[] = [];
  for await (const e of readWxrPosts(() => createReadStream(FIXTURE))) if (e.kind === "post") posts.push(e.post);
  return { index, posts };
}

describe("galleryAttachments (WordPress's gallery_shortcode choice and order)", () => {
  test("ids in their own order; the post's children by menu order without ids; include, exclude, id, order", async () => {
    const { index } = await load();
    const ids = (q: Parameters<typeof galleryAttachments>[2], post = 102) => galleryAttachments(index, post, q).attachments.map((a) => a.id);
    expect(ids({ ids: "203,202" })).toEqual([203, 202]);
    expect(ids({ ids: "202, 203" })).toEqual([202, 203]);
    expect(ids({})).toEqual([203, 202]); // menu_order 1, 2
    expect(ids({ order: "DESC" })).toEqual([202, 203]);
    expect(ids({ exclude: "203" })).toEqual([202]);
    expect(ids({ include: "202,203" })).toEqual([203, 202]); // include without ids: menu order
    expect(ids({ ids: "202,203", orderby: "menu_order" })).toEqual([203, 202]);
    expect(ids({ id: "102" }, 101)).toEqual([203, 202]);
    expect(ids({}, 101)).toEqual([201]);
    const r = galleryAttachments(index, 102, { ids: "203,999", orderby: "rand" });
    expect(r.attachments.map((a) => a.id)).toEqual([203]);
    expect(r.missing).toEqual([999]);
    expect(r.notes).toEqual([expect.stringMatching(/rand/)]);
  });

  test("attachmentsForPost: what a unit of work must carry for its post", async () => {
    const { index, posts } = await load();
    const find = (id: number) => posts.find((p) => p.id === id)!;
    expect(attachmentsForPost(index, find(101)).map((a) => a.id)).toEqual([201]);
    expect(
      attachmentsForPost(index, find(102))
        .map((a) => a.id)
        .sort(),
    ).toEqual([202, 203]);
    expect(attachmentsForPost(index, find(104))).toEqual([]);
  });
});
