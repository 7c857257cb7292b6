import { describe, expect, test } from "@jest/globals";
import { convert } from "../../src/convert/index.js";

const box = '[old_news_related_template title="Başlık" desc="" image="https://x.test/i.jpg" link="https://x.test/haber/"]';

describe("markdown input to JSON and mdast", () => {
  test("markdown syntax is read as markdown; a box mid-paragraph splits it, nothing is lost", () => {
    const { output, messages } = convert(`# Konu\n\nÖnce **kalın** metin ${box} sonra metin.\n`, { inputFormat: "markdown", to: "json" });
    const blocks = JSON.parse(output).blocks as Array<Record<string, unknown>>;
    expect(blocks.map((b) => b["type"])).toEqual(["heading", "paragraph", "related-news", "paragraph"]);
    expect(JSON.stringify(blocks[1])).toContain("kalın");
    expect(blocks[2]).toMatchObject({ title: "Başlık", url: "https://x.test/haber/", image: "https://x.test/i.jpg" });
    expect((blocks[2]!["shortcode"] as { raw: string }).raw).toBe(box);
    expect(JSON.stringify(blocks[3])).toContain("sonra metin.");
    expect(messages.filter((m) => m.severity === "error")).toEqual([]);
  });

  test("a shortcode in a code span or behind a backslash stays text", () => {
    const { output } = convert(`Kod: \`${box}\` ve \\${box}\n`, { inputFormat: "markdown", to: "json" });
    expect(output).not.toContain('"related-news"');
    expect(output).toContain("old_news_related_template title=");
  });

  test("--to mdast gives mdast with the box lowered to CommonMark nodes", () => {
    const tree = JSON.parse(convert(`${box}\n`, { inputFormat: "markdown", to: "mdast" }).output);
    expect(tree.type).toBe("root");
    expect(JSON.stringify(tree)).toContain('"type":"link"');
    expect(JSON.stringify(tree)).toContain("https://x.test/haber/");
  });
});
