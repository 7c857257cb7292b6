/** Bare URLs in text (src/convert/urls.ts): where a URL ends, which provider a lone URL names. */
import { describe, expect, test } from "@jest/globals";
import { convert } from "../../src/convert/index.js";
import { linkify, providerOf } from "../../src/convert/urls.js";

const urls = (value: string) => (linkify(value) ?? []).flatMap((node) => (node.type === "link" ? [node.url] : []));

describe("bare URLs", () => {
  test("a URL ends where GFM ends a literal autolink", () => {
    expect(urls("Bak: https://ornek.com/a_b?x=1&y=2.")).toEqual(["https://ornek.com/a_b?x=1&y=2"]);
    expect(urls("(https://ornek.com/a)")).toEqual(["https://ornek.com/a"]);
    expect(urls("https://tr.wikipedia.org/wiki/Kapadokya_(bölge), sonra")).toEqual(["https://tr.wikipedia.org/wiki/Kapadokya_(bölge)"]);
    expect(urls("düz metin, adres yok")).toEqual([]);
    expect(linkify("https:// boş")).toBeUndefined();
  });

  test("the common oEmbed providers are named, others not", () => {
    expect(providerOf("https://youtu.be/dQw4w9WgXcQ")).toBe("youtube");
    expect(providerOf("https://www.youtube.com/watch?v=x")).toBe("youtube");
    expect(providerOf("https://x.com/a/status/1")).toBe("twitter");
    expect(providerOf("https://www.instagram.com/p/BpmueLLgEn_/")).toBe("instagram");
    expect(providerOf("https://notyoutube.com/x")).toBeUndefined();
    expect(providerOf("https://ornek.com/haber/1")).toBeUndefined();
  });

  test("a URL alone on its line is an embed block in JSON and an autolink in markdown; in a sentence, a link", () => {
    const text = "Özet:\nhttps://vimeo.com/76979871\n\nBak https://ornek.com/a_b?x=1&y=2 dedi.";
    expect(convert(text).output).toBe("Özet:\n\n<https://vimeo.com/76979871>\n\nBak <https://ornek.com/a_b?x=1&y=2> dedi.\n");
    const blocks = JSON.parse(convert(text, { to: "json" }).output).blocks as Array<Record<string, unknown>>;
    expect(blocks[1]).toEqual({ type: "embed", kind: "embed", url: "https://vimeo.com/76979871", provider: "vimeo" });
    expect(JSON.stringify(blocks[2])).toContain('{"type":"link","url":"https://ornek.com/a_b?x=1&y=2"}');
  });
});
