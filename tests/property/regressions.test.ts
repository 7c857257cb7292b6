/** Converter bugs the pipeline fuzzer found, pinned. */
import { expect, test } from "@jest/globals";
import { convert } from "../../src/convert/index.js";

const TAG = "old_news_related_template";

test("a link whose text is a kept shortcode stays a link and converts to itself again", () => {
  const text = '<a href="https://example.com/a">[video src="https://example.com/v.mp4"][/video]';
  // (kept only where no preset in force handles [video]: the default preset holds WordPress core)
  const once = convert(text, { preset: "none" }).output;
  // (the kept shortcode is the link's text, escaped as text: raw, its `]` would end the link text)
  expect(once).toBe('[\\[video src="https://example.com/v.mp4"\\]\\[/video\\]](https://example.com/a)\n');
  expect(convert(once, { inputFormat: "markdown", preset: "none" }).output).toBe(once);
});

test('a stray `[tag["]` before a box that moves onto its own line is escaped, not converted on a second pass', () => {
  const text = `[${TAG}["][${TAG} title="Başlık" link="https://example.com/y/"][${TAG} title="`;
  const once = convert(text, { inputFormat: "markdown" }).output;
  expect(once.startsWith(`\\[${TAG}["]\n\n> **İlgili Haber**`)).toBe(true);
  expect(convert(once, { inputFormat: "markdown" }).output).toBe(once);
});

test("a newline inside an HTML attribute is not a <br>: no `<br data-nl>` marker inside a URL", () => {
  const out = convert('Metin <a href="https://example.com/a\nb">tık</a> <img src="x\ny.jpg" alt="bir\niki">\n').output;
  expect(out).not.toContain("data-nl");
  const unsafe = convert('<a href="java\nscript:alert(1)">tık</a>\n');
  expect(unsafe.output).not.toMatch(/\]\(/);
  expect(unsafe.messages.map((m) => m.ruleId)).toContain("unsafe-url");
});

test("a [caption] inside an HTML paragraph (HTML input, wordpress preset) converts instead of looping forever", () => {
  const started = Date.now();
  const out = convert('[caption]<a href="https://x.com"><img src="https://x.com/a.jpg" alt="r"></a> T[/caption]\n', {
    inputFormat: "html",
    preset: "wordpress",
  });
  expect(out.output).toBe("[![r](https://x.com/a.jpg)](https://x.com)\\\n_T_\n");
  expect(Date.now() - started).toBeLessThan(5000);
});

test("a kept shortcode inside a caption's text is lowered (it threw: Cannot handle unknown node `keptShortcode`)", () => {
  const text =
    '[[caption]][playlist ids="4,5"][caption id="attachment_1" width="300"]<img src="https://example.com/c.jpg" alt="alt metin" /> Altyazı[/caption]';
  for (const inputFormat of ["html", "text"] as const) {
    const once = convert(text, { inputFormat, preset: "wordpress" }).output;
    expect(once).toContain('[playlist ids="4,5"]');
    expect(convert(once, { inputFormat: "markdown", preset: "wordpress" }).output).toBe(once);
  }
});
