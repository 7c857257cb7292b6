/**
 * The simple caption path (src/rules/handlers/caption-simple.ts) gives what the full path gives:
 * every caption of the generated corpus and of the fixtures, hand-written edge cases and
 * generated ones, converted with the path on and off (markdown and JSON), must be equal.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { convert } from "../../src/convert/index.js";
import { simpleCaption, simpleCaptionPath } from "../../src/rules/handlers/caption-simple.js";

const ROOT = join(import.meta.dirname, "../..");

/** Markdown, JSON and mdast of `text`, with the simple path on or off. */
function outputs(text: string, enabled: boolean): string[] {
  simpleCaptionPath.enabled = enabled;
  try {
    return (["markdown", "json", "mdast"] as const).map((to) => {
      const result = convert(text, { to });
      return result.output + JSON.stringify(result.messages) + JSON.stringify(result.stats);
    });
  } finally {
    simpleCaptionPath.enabled = true;
  }
}

function captionsIn(text: string): string[] {
  return text.match(/\[caption[^\]]*\][\s\S]*?\[\/caption\]/g) ?? [];
}

describe("simple caption path equals the full path", () => {
  test("the generated corpus's and the fixtures' captions", async () => {
    const { generateCorpus } = (await import(join(ROOT, "bench/corpus.mjs"))) as { generateCorpus: (o: { articles: number }) => { body: string }[] };
    const fixtures = readdirSync(join(ROOT, "fixtures/convert"))
      .map((dir) => join(ROOT, "fixtures/convert", dir, "input.txt"))
      .filter(existsSync);
    const captions = [
      ...generateCorpus({ articles: 600 }).flatMap((a) => captionsIn(a.body)),
      ...fixtures.flatMap((file) => captionsIn(readFileSync(file, "utf8"))),
    ];
    expect(captions.length).toBeGreaterThan(50);
    let simple = 0;
    for (const caption of captions) {
      if (simpleCaption(caption.slice(caption.indexOf("]") + 1, -"[/caption]".length))) simple++;
      expect(outputs(caption, true)).toEqual(outputs(caption, false));
    }
    // the path is taken for the corpus's captions (else it would be pointless)
    expect(simple / captions.length).toBeGreaterThan(0.9);
  });

  test.each([
    '[caption id="1" width="300"]<img src="https://i.example/a.jpg" alt="Alt"> Yazı[/caption]',
    '[caption]<a href="https://i.example/b.jpg"><img src="https://i.example/a.jpg" title="Başlık" /></a>  İki  boşluk [/caption]',
    '[caption caption="Eski stil"]<img src="https://i.example/a.jpg">[/caption]',
    '[caption]<img src="https://i.example/a.jpg" alt="">[/caption]',
    '[caption]<img src="" alt="boş">Metin[/caption]',
    '[caption]<img src="https://i.example/a.jpg" src="https://i.example/b.jpg"> x[/caption]',
    '[caption]<a href=""><img src="https://i.example/a.jpg"></a> x[/caption]',
    '[caption]<img alt="resim"> x[/caption]',
    '[caption]<img src="https://i.example/a.jpg"> *yıldız* _alt_ `kod` # 1. Lig[/caption]',
    '[caption] <img src="https://i.example/a.jpg">Metin[/caption]',
    '[caption]<img src="javascript:alert(1)" alt="x"> y[/caption]',
  ])("%s", (text) => {
    expect(outputs(text, true)).toEqual(outputs(text, false));
  });

  test("generated captions", () => {
    const word = fc.stringMatching(/^[a-zA-ZçğışöüÇĞİŞÖÜ0-9.:/*_#-]{1,8}$/);
    const words = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(" "));
    const spaced = fc.tuple(fc.constantFrom("", " ", "  "), words, fc.constantFrom("", " ", "  ")).map(([a, w, b]) => a + w + b);
    fc.assert(
      fc.property(fc.boolean(), spaced, fc.option(words), fc.option(words), spaced, (linked, src, alt, title, text) => {
        let img = `<img src="${src}"`;
        if (alt !== null) img += ` alt="${alt}"`;
        if (title !== null) img += ` title="${title}"`;
        img += " />";
        const inner = linked ? `<a href="https://l.example/${src.trim()}">${img}</a>` : img;
        const caption = `[caption id="attachment_1" width="300"]${inner}${text}[/caption]`;
        expect(outputs(caption, true)).toEqual(outputs(caption, false));
      }),
      { numRuns: 300 },
    );
  });
});
