/**
 * What only an export can resolve, over our own export `fixtures/wxr/medya-arsivi.xml` (a
 * Turkish news site's media posts): galleries, playlists and `[audio]` from its attachments,
 * Gutenberg block attributes made explicit, the `<!--more-->` excerpt as plain text, the
 * progress total under a status filter, the site's UTC offset and kept block comments.
 */
import { describe, expect, test } from "@jest/globals";
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { convert } from "../../src/convert/index.js";
import { placeInExport } from "../../src/wxr/posts.js";
import { wxrUnits, type WxrUnit, type WxrUnitEvent, type WxrUnitOptions } from "../../src/wxr/units.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/wxr/medya-arsivi.xml", import.meta.url));
const LINES = readFileSync(FIXTURE, "utf8").split("\n");
const U = "https://haber.example.com.tr/wp-content/uploads/2021/05/";

async function events(options: WxrUnitOptions = {}): Promise<WxrUnitEvent[]> {
  const out: WxrUnitEvent[] = [];
  for await (const e of wxrUnits(() => createReadStream(FIXTURE), "medya-arsivi.xml", options)) out.push(e);
  return out;
}
const unitsOf = (es: WxrUnitEvent[]): WxrUnit[] => es.flatMap((e) => (e.kind === "unit" ? [e.unit] : []));
/** A post converted as the run converts it: with its attachments as the media library. */
const converted = (unit: WxrUnit, to: "markdown" | "json" = "markdown") =>
  convert(unit.post.content, { to, media: { postId: unit.post.id, attachments: unit.attachments } });

describe("an export's attachments rendered", () => {
  test("[gallery] without ids: the post's images by menu order, linked to the file; [gallery ids] in order, a missing id reported; [audio], [playlist type=video]", async () => {
    const [p401] = unitsOf(await events());
    const r = converted(p401!);
    const images = [...r.output.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].filter((m) => m[2]!.startsWith(U)).map((m) => [m[1], m[2]!.slice(U.length)]);
    expect(images).toEqual([
      ["Kuyumcu vitrinleri", "kuyumcular.jpg"], // menu order 1
      ["Çarşının giriş kapısı", "giris-kapisi.jpg"], // 2
      ["", "hali.png"], // 3 (the mp3 and mp4 children are no gallery items)
      ["", "hali.png"], // [gallery ids="503,599"]: 599 is not in the export
    ]);
    expect(r.output).toContain(`[![Kuyumcu vitrinleri](${U}kuyumcular.jpg)](${U}kuyumcular.jpg)\\\n_Kuyumcular Caddesi’nde sabah_`);
    expect(r.output).toContain(`<${U}aciklama.mp3>`);
    expect(r.output).toContain(`[Çarşıda bir gün](${U}carsida-bir-gun.mp4)`);
    expect(r.output).not.toMatch(/\[(?:gallery|audio|playlist)\b/);
    expect(r.messages).toContainEqual(expect.objectContaining({ ruleId: "missing-attachment", reason: expect.stringMatching(/attachment 599/) }));
    // reported where it is in the export file
    const missing = r.messages.find((m) => m.ruleId === "missing-attachment")!;
    const place = placeInExport(p401!.post, missing.position!.start.offset);
    expect(LINES[place!.line - 1]!.slice(place!.column - 1)).toMatch(/^\[gallery ids="503,599"/);
    // the Turkish text around them as the seed shape has it
    expect(r.output).toContain("Esnaf, “Bu sabah kepenkleri 'umutla' açtık’’ dedi.");
  });

  test("JSON: gallery and playlist blocks with their items", async () => {
    const [p401] = unitsOf(await events());
    const blocks = JSON.parse(converted(p401!, "json").output).blocks as Array<{
      type: string;
      tag?: string;
      images?: Array<{ url: string }>;
      data?: { type: string; tracks?: Array<{ id: number }> };
    }>;
    const media = blocks
      .filter((b) => b.type === "gallery" || b.type === "custom")
      .map((b) => [b.tag ?? b.type, b.images ? b.images.map((i) => i.url.slice(U.length)) : (b.data?.tracks ?? []).map((t) => t.id)]);
    expect(media).toEqual([
      ["gallery", ["kuyumcular.jpg", "giris-kapisi.jpg", "hali.png"]],
      ["gallery", ["hali.png"]],
      ["playlist", [505]],
    ]);
    expect(blocks).toContainEqual(expect.objectContaining({ type: "embed", kind: "audio", url: `${U}aciklama.mp3` }));
  });
});

describe("Gutenberg block attributes used", () => {
  test("wp:code language → the fence's; wp:embed url with an empty wrapper → an embed; wp:gallery ids without images → the gallery", async () => {
    const [, p402] = unitsOf(await events());
    const r = converted(p402!);
    expect(r.output).toContain('```php\n<?php echo "merhaba dünya"; ?>\n```');
    expect(r.output).toContain("<https://www.youtube.com/watch?v=xyz789>");
    // ids [502, 501] in their order, linkTo media → linked to the file
    const gallery = [...r.output.matchAll(/\[!\[[^\]]*\]\(([^)]+)\)\]\(([^)]+)\)/g)].map((m) => [m[1]!.slice(U.length), m[2]!.slice(U.length)]);
    expect(gallery).toEqual([
      ["kuyumcular.jpg", "kuyumcular.jpg"],
      ["giris-kapisi.jpg", "giris-kapisi.jpg"],
    ]);
    expect(r.output).not.toContain("wp:");
    const json = JSON.parse(converted(p402!, "json").output).blocks;
    expect(json).toContainEqual(expect.objectContaining({ type: "embed", url: "https://www.youtube.com/watch?v=xyz789", provider: "youtube" }));
    expect(json).toContainEqual(expect.objectContaining({ type: "code", lang: "php" }));
  });

  test("places after what the attributes inserted still map to the export's line and column", async () => {
    const [, p402] = unitsOf(await events());
    const post = p402!.post;
    expect(post.contentInserted?.length).toBe(3);
    for (const tag of ["<p>Kodun tamamı", '<figure class="wp-block-gallery', '<figure class="wp-block-embed', '<pre class="wp-block-code">']) {
      const at = post.content.indexOf(tag);
      expect(at).toBeGreaterThan(-1);
      const place = placeInExport(post, at)!;
      expect(LINES[place.line - 1]!.slice(place.column - 1)).toMatch(new RegExp(`^${tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    }
  });

  test("--keep-block-comments (keepBlockDelimiters): the comments stay and nothing is inserted", async () => {
    const [, p402] = unitsOf(await events({ keepBlockDelimiters: true }));
    expect(p402!.post.content).toBe(p402!.post.rawContent);
    expect(p402!.post.contentInserted).toBeUndefined();
  });
});

describe("front matter and progress", () => {
  test("the <!--more--> excerpt is plain text (tags out, entities decoded), the marker stays in the body", async () => {
    const [p401, p402, p403] = unitsOf(await events());
    expect(p401!.frontMatter.excerpt).toBe("İstanbul’un tarihi çarşısı ‘‘yeniden’’ açıldı.");
    expect(p402!.frontMatter.excerpt).toBe("Bugün yazılım dünyasında ‘‘yeni’’ bir dönem başlıyor.");
    expect(p403!.frontMatter.excerpt).toBeUndefined();
    expect(p401!.post.content).toContain("<!--more-->");
  });

  test("the progress total counts only the posts the type and status filters let through", async () => {
    const listed = (es: WxrUnitEvent[]) => es.find((e) => e.kind === "listed");
    const all = await events();
    expect(listed(all)).toEqual({ kind: "listed", posts: 3 });
    expect(unitsOf(all)).toHaveLength(3);
    const published = await events({ statuses: ["publish"] });
    expect(listed(published)).toEqual({ kind: "listed", posts: 1 });
    expect(unitsOf(published).map((u) => u.post.id)).toEqual([401]);
    const two = await events({ statuses: ["publish", "draft"] });
    expect(listed(two)).toEqual({ kind: "listed", posts: unitsOf(two).length });
    expect(listed(await events({ postTypes: ["page"] }))).toEqual({ kind: "listed", posts: 0 });
  });

  test("the site's UTC offset (--utc-offset) dates a draft without a GMT date; dates with one keep their own offset", async () => {
    const dates = (es: WxrUnitEvent[]) => unitsOf(es).map((u) => u.frontMatter.date);
    expect(dates(await events())).toEqual(["2021-05-03T12:00:00+03:00", "2021-05-04T08:30:00+03:00", "2021-05-05T10:00:00+03:00"]);
    expect(dates(await events({ utcOffset: "+05:30" }))).toEqual(["2021-05-03T12:00:00+03:00", "2021-05-04T08:30:00+05:30", "2021-05-05T10:00:00+03:00"]);
  });
});
