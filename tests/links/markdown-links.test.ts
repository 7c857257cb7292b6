import { describe, expect, test } from "@jest/globals";
import { AssetMap } from "../../src/assets/asset-map.js";
import { LinkIndex, SOZCU_ID_PATTERN } from "../../src/links/link-index.js";
import { rewriteMarkdownLinks } from "../../src/links/markdown-links.js";

const index = LinkIndex.from([{ id: "m", oldUrls: ["https://www.sozcu.com.tr/2019/gundem/moskova-5458424/"], outputPath: "2019/gundem/moskova.md" }], {
  idPattern: SOZCU_ID_PATTERN,
});
const assets = new AssetMap();
const resolver = (url: string) => index.resolve(url, "2020/dunya/lavrov.md");
const options = {
  isAsset: (url: string) => assets.target(url) !== null,
  asset: (url: string) => {
    const target = assets.target(url);
    return target && assets.href(target.key, "2020/dunya/lavrov.md");
  },
};

describe("rewriteMarkdownLinks", () => {
  test("inline links, images, definitions, autolinks and raw HTML are spliced; everything else stays byte for byte", () => {
    const text = [
      "# Başlık",
      "",
      'Bkz. [Moskova *ile* [bağımlı]](https://www.sozcu.com.tr/2019/gundem/moskova-5458424/ "başlık") ve [ölü](https://www.sozcu.com.tr/yok-1/).',
      "",
      "![Kare](https://sozcuo01.sozcucdn.com/wp-content/uploads/2019/11/kare.jpg)",
      "",
      "<https://www.sozcu.com.tr/2019/gundem/eski-5458424/> ve <https://example.com/>",
      "",
      '<a href="https://www.sozcu.com.tr/2019/gundem/moskova-5458424/#son"><img src="https://sozcuo01.sozcucdn.com/wp-content/uploads/2019/11/kare.jpg"></a>',
      "",
      "[ref]: <https://www.sozcu.com.tr/2019/gundem/moskova-5458424/>",
      "",
      "Kaçışlı: [x](https://www.sozcu.com.tr/2019/gundem/moskova\\-5458424/) ve düz metin https://www.sozcu.com.tr/2019/gundem/moskova-5458424/\r\n",
    ].join("\n");
    const result = rewriteMarkdownLinks(text, resolver, options);
    expect(result.output).toBe(
      [
        "# Başlık",
        "",
        'Bkz. [Moskova *ile* [bağımlı]](../../2019/gundem/moskova.md "başlık") ve [ölü](https://www.sozcu.com.tr/yok-1/).',
        "",
        "![Kare](/images/2019/11/kare.jpg)",
        "",
        "[https://www.sozcu.com.tr/2019/gundem/eski-5458424/](../../2019/gundem/moskova.md) ve <https://example.com/>",
        "",
        '<a href="../../2019/gundem/moskova.md#son"><img src="/images/2019/11/kare.jpg"></a>',
        "",
        "[ref]: ../../2019/gundem/moskova.md",
        "",
        "Kaçışlı: [x](https://www.sozcu.com.tr/2019/gundem/moskova\\-5458424/) ve düz metin https://www.sozcu.com.tr/2019/gundem/moskova-5458424/\r\n",
      ].join("\n"),
    );
    // link, image, autolink, the anchor's href and the img's src, the definition
    expect(result.rewritten).toBe(6);
    expect(result.messages.map((message) => [message.ruleId, message.position.start.line])).toEqual([
      ["dead-internal-link", 3],
      ["link-not-rewritten", 13],
    ]);
    expect(result.outcomes.map((outcome) => outcome.resolution.kind)).toEqual(["article", "dead", "article", "article", "article", "article"]);
  });

  test("a text with nothing to rewrite comes back as it is", () => {
    const text = "Düz [bağlantı](https://example.com/) ve ![r](https://example.com/r.png)\n";
    expect(rewriteMarkdownLinks(text, resolver, options)).toEqual({ output: text, rewritten: 0, messages: [], outcomes: [] });
  });
});
