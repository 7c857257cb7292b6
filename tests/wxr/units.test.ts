import { describe, expect, test } from "@jest/globals";
import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { WxrOptionError } from "../../src/wxr/posts.js";
import { wxrUnits, type WxrUnitEvent } from "../../src/wxr/units.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/wxr/haber-sitesi.xml", import.meta.url));
const TRUNCATED = fileURLToPath(new URL("../../fixtures/wxr/haber-sitesi-truncated.xml", import.meta.url));

async function collect(gen: AsyncGenerator<WxrUnitEvent>): Promise<WxrUnitEvent[]> {
  const out: WxrUnitEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

describe("wxrUnits: an export as units of work", () => {
  test("one unit per post: id export#post, unique path, front matter, the attachments it refers to, its body", async () => {
    const events = await collect(wxrUnits(() => createReadStream(FIXTURE), "haber-sitesi.xml", { meta: ["kaynak"] }));
    const units = events.flatMap((e) => (e.kind === "unit" ? [e.unit] : []));
    expect(units.map((u) => [u.id, u.outPath])).toEqual([
      ["haber-sitesi.xml#101", "posts/lavrov-turkiye-stratejik-ortak.md"],
      ["haber-sitesi.xml#102", "posts/moskova-ateskes-fotograflar.md"],
      ["haber-sitesi.xml#103", "posts/ekonomi-notlari-103.md"],
      ["haber-sitesi.xml#104", "posts/lavrov-turkiye-stratejik-ortak-104.md"],
      ["haber-sitesi.xml#105", "pages/hakkimizda.md"],
    ]);
    expect(units[0]!.frontMatter).toMatchObject({
      id: 101,
      featured_image: "https://haber.example.com.tr/wp-content/uploads/2020/10/lavrov.jpg",
      meta: { kaynak: expect.stringMatching(/^a:2:/) },
    });
    expect(units[1]!.attachments.map((a) => a.id).sort()).toEqual([202, 203]);
    expect(await units[4]!.read()).toBe("Örnek Haber, 2019’dan beri yayında.");
    const renamed = events.flatMap((e) =>
      e.kind === "problem" && e.problem.ruleId.startsWith("wxr-no-slug")
        ? [e.where]
        : e.kind === "problem" && e.problem.ruleId === "wxr-collision"
          ? [e.where]
          : [],
    );
    expect(renamed).toHaveLength(2);
    for (const w of renamed) expect(w).toMatch(/^haber-sitesi\.xml:\d+:\d+$/);
    expect(events.at(-1)).toMatchObject({ kind: "summary", summary: { posts: 5, complete: true } });
  });

  test("read once (stdin): the same units; attachments that come later are not known, and that is reported", async () => {
    const events = await collect(wxrUnits({ once: createReadStream(FIXTURE) }, "-"));
    const units = events.flatMap((e) => (e.kind === "unit" ? [e.unit] : []));
    expect(units.map((u) => u.id)).toEqual(["-#101", "-#102", "-#103", "-#104", "-#105"]);
    expect(units[0]!.attachments).toEqual([]);
    expect(events.some((e) => e.kind === "problem" && e.problem.ruleId === "wxr-featured-missing")).toBe(true);
  });

  test("a truncated export: the units before the break, then the error at file:line:column", async () => {
    const events = await collect(wxrUnits(() => createReadStream(TRUNCATED), "cut.xml"));
    expect(events.flatMap((e) => (e.kind === "unit" ? [e.unit.id] : []))).toEqual(["cut.xml#101", "cut.xml#102"]);
    const error = events.find((e) => e.kind === "problem" && e.problem.severity === "error");
    expect(error).toMatchObject({ where: "cut.xml:136:57" });
  });

  test("bad options are refused before any reading", () => {
    expect(() => wxrUnits(() => createReadStream(FIXTURE), "x", { postTypes: ["revision"] })).toThrow(WxrOptionError);
    expect(() => wxrUnits(() => createReadStream(FIXTURE), "x", { pathTemplate: "{yyyy}.md" })).toThrow(/neither \{slug\} nor \{id\}/);
  });
});

describe("output shapes", () => {
  test("markdown with front matter, JSON with meta, an NDJSON record the archive tools read back", async () => {
    const { markdownWithFrontMatter, jsonWithMeta, ndjsonRecord } = await import("../../src/wxr/outputs.js");
    const { parse } = await import("yaml");
    const meta = { id: 105, title: "Hakkımızda", type: "page", status: "publish" };
    const md = markdownWithFrontMatter(meta, "Örnek Haber, 2019’dan beri yayında.");
    expect(md).toBe(`---\nid: 105\ntitle: Hakkımızda\ntype: page\nstatus: publish\n---\n\nÖrnek Haber, 2019’dan beri yayında.\n`);
    expect(parse(md.split("---\n")[1]!)).toEqual(meta);
    expect(Object.keys(jsonWithMeta(meta, { version: 1, blocks: [] }))).toEqual(["version", "meta", "blocks"]);
    const line = ndjsonRecord(meta, "x");
    expect(line.endsWith("\n") && !line.slice(0, -1).includes("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({ ...meta, body: "x" });
  });
});
