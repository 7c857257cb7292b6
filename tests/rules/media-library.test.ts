import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { convert } from "../../src/convert/index.js";
import type { MediaAttachment, MediaLibrary } from "../../src/convert/types.js";

// A Turkish news post (id 102) with three images and an audio file of its own, and an image of another post.
const att = (id: number, name: string, parent: number, menuOrder: number, caption = "", alt = ""): MediaAttachment => ({
  id,
  url: `https://haber.example.com.tr/wp-content/uploads/2020/10/${name}`,
  parent,
  menuOrder,
  title: name.replace(/\.\w+$/, ""),
  caption,
  alt,
});
const LIBRARY: MediaLibrary = {
  postId: 102,
  attachments: [
    att(202, "masa.jpg", 102, 2, "Müzakere masası", "Müzakere masası"),
    att(203, "kremlin.jpg", 102, 1, "Kremlin’den bir görünüm", "Kremlin sarayı"),
    att(204, "lavrov.jpg", 102, 3),
    att(205, "aciklama.mp3", 102, 4, "Bakanın açıklaması"),
    att(206, "roportaj.mp4", 102, 5),
    att(301, "baska.jpg", 101, 0, "Başka haber"),
  ],
};
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(new URL("../../schema/article.schema.json", import.meta.url), "utf8")) as object);
const md = (text: string, media: MediaLibrary | null = LIBRARY) => convert(text, { preset: "wordpress", ...(media ? { media } : {}) });
const urls = (output: string) => [...output.matchAll(/uploads\/2020\/10\/([\w.]+)[)>]/g)].map((m) => m[1]);
const rules = (messages: ReadonlyArray<{ ruleId?: string | null }>) => messages.map((m) => m.ruleId);

describe("[gallery] from the media library", () => {
  test("ids in their own order, each image a figure with its caption", () => {
    const r = md('Dışişleri Bakanı ‘‘açıklama’’ yaptı.\n\n[gallery ids="203,202" columns="2"]\n');
    expect(r.output).toBe(
      "Dışişleri Bakanı ‘‘açıklama’’ yaptı.\n\n" +
        "![Kremlin sarayı](https://haber.example.com.tr/wp-content/uploads/2020/10/kremlin.jpg)\\\n_Kremlin’den bir görünüm_\n\n" +
        "![Müzakere masası](https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg)\\\n_Müzakere masası_\n",
    );
    // columns is reported (layout only), nothing is kept as [gallery]
    expect(r.messages).toContainEqual(
      expect.objectContaining({ ruleId: "unrendered-attribute", severity: "info", reason: expect.stringMatching(/columns="2"/) }),
    );
    expect(rules(r.messages)).not.toContain("no-render-data");
  });

  test("without ids: the post's child images by menu order; exclude, include, id, order and link=file honoured", () => {
    // images only, as WordPress shows them (the post's audio and video are no gallery items)
    expect(urls(md("[gallery]").output)).toEqual(["kremlin.jpg", "masa.jpg", "lavrov.jpg"]);
    expect(urls(md('[gallery exclude="204"]').output)).toEqual(["kremlin.jpg", "masa.jpg"]);
    const named = md('[gallery ids="205,202"]');
    expect(urls(named.output)).toEqual(["masa.jpg"]);
    expect(named.messages).toContainEqual(expect.objectContaining({ severity: "info", reason: expect.stringMatching(/attachment 205 .*not of its kind/) }));
    expect(urls(md('[gallery include="204,203"]').output)).toEqual(["kremlin.jpg", "lavrov.jpg"]);
    expect(urls(md('[gallery id="101"]').output)).toEqual(["baska.jpg"]);
    expect(urls(md('[gallery ids="202,203" order="DESC"]').output)).toEqual(["kremlin.jpg", "masa.jpg"]);
    const linked = md('[gallery ids="202" link="file"]').output;
    expect(linked).toContain(
      "[![Müzakere masası](https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg)](https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg)",
    );
    // a link to attachment pages (not migrated) is reported
    const page = md('[gallery ids="202" link="attachment"]');
    expect(page.output).not.toContain("](https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg)](");
    expect(page.messages).toContainEqual(expect.objectContaining({ ruleId: "unrendered-attribute", reason: expect.stringMatching(/link="attachment"/) }));
  });

  test("ids the export lacks are reported; none found keeps the shortcode; no library keeps it as before", () => {
    const some = md('[gallery ids="999,202"]');
    expect(urls(some.output)).toEqual(["masa.jpg"]);
    expect(some.messages).toContainEqual(expect.objectContaining({ ruleId: "missing-attachment", reason: expect.stringMatching(/999/) }));
    const none = md('[gallery ids="998,999"]');
    expect(none.output).toBe('[gallery ids="998,999"]\n');
    expect(rules(none.messages)).toContain("no-render-data");
    const plain = md('[gallery ids="203,202"]', null);
    expect(plain.output).toBe('[gallery ids="203,202"]\n');
    expect(plain.messages).toContainEqual(expect.objectContaining({ ruleId: "no-render-data" }));
  });

  test("JSON: one gallery block with its images in order, layout attributes kept, valid against the schema", () => {
    const r = convert('[gallery ids="203,202" columns="2" size="medium" link="file"]', { preset: "wordpress", to: "json", media: LIBRARY });
    const document = JSON.parse(r.output);
    expect(validate(document)).toBe(true);
    const blocks = document.blocks;
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ type: "gallery", columns: "2", size: "medium", shortcode: { tag: "gallery" } });
    expect(blocks[0].images).toEqual([
      {
        type: "image",
        url: "https://haber.example.com.tr/wp-content/uploads/2020/10/kremlin.jpg",
        alt: "Kremlin sarayı",
        link: "https://haber.example.com.tr/wp-content/uploads/2020/10/kremlin.jpg",
        caption: [{ type: "text", text: "Kremlin’den bir görünüm" }],
      },
      {
        type: "image",
        url: "https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg",
        alt: "Müzakere masası",
        link: "https://haber.example.com.tr/wp-content/uploads/2020/10/masa.jpg",
        caption: [{ type: "text", text: "Müzakere masası" }],
      },
    ]);
  });
});

describe("[playlist], [audio], [video] from the media library", () => {
  test("playlist: ids in order as media links; without ids the post's files of its type", () => {
    expect(md('[playlist ids="205,204"]').output).toBe("[aciklama](https://haber.example.com.tr/wp-content/uploads/2020/10/aciklama.mp3)\n");
    expect(md('[playlist type="video" ids="206"]').output).toBe("[roportaj](https://haber.example.com.tr/wp-content/uploads/2020/10/roportaj.mp4)\n");
    expect(urls(md("[playlist]").output)).toEqual(["aciklama.mp3"]);
    expect(urls(md('[playlist type="video"]').output)).toEqual(["roportaj.mp4"]);
    const json = JSON.parse(convert('[playlist type="video" tracklist="false"]', { preset: "wordpress", to: "json", media: LIBRARY }).output).blocks;
    expect(json[0]).toMatchObject({ type: "custom", tag: "playlist", data: { type: "playlist", kind: "video", tracks: [{ id: 206, title: "roportaj" }] } });
    expect(validate({ version: 1, blocks: json })).toBe(true);
    expect(md("[playlist]", null).output).toBe("[playlist]\n");
  });

  test("[audio]/[video] without a URL play the post's first attached file of their kind, reported as info", () => {
    const audio = md("[audio]");
    expect(urls(audio.output)).toEqual(["aciklama.mp3"]);
    expect(audio.messages).toContainEqual(expect.objectContaining({ ruleId: "attached-media", severity: "info" }));
    expect(urls(md("[video]").output)).toEqual(["roportaj.mp4"]);
    // a URL given wins; no library: kept as before
    expect(md('[audio src="https://x.example/a.mp3"]').output).toContain("https://x.example/a.mp3");
    expect(md("[audio]", null).output).toBe("[audio]\n");
  });
});
