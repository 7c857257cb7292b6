import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import { CONFIG_SCHEMA, ConfigError, validateConfig } from "../../src/config/schema.js";
import { findConfig, loadConfig } from "../../src/config/load.js";
import { convert } from "../../src/convert/index.js";
import { PRESETS, Registry, parsePresetList, presetRegistry } from "../../src/rules/registry.js";
import { normalizeOptions } from "../../src/convert/settings.js";
import { codeText } from "../../src/rules/handlers/syntaxhighlighter.js";
import { relatedNewsLabel } from "../../src/rules/labels.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/convert");

describe("registry and presets", () => {
  const CORE = ["caption", "embed", "video", "audio", "gallery", "playlist"];
  test("presets hold the documented rules; sozcu includes WordPress core", () => {
    expect(presetRegistry("sozcu").names()).toEqual(["old_news_related_template", ...CORE]);
    expect(presetRegistry("wordpress").names()).toEqual(CORE);
    expect(presetRegistry("jetpack").names()).toEqual(["youtube", "vimeo", "gist", "audio", "video"]);
    expect(presetRegistry("syntaxhighlighter").names()).toEqual(
      expect.arrayContaining(["code", "sourcecode", "source", "php", "java", "js", "shell", "cpp", "delphi"]),
    );
    // the plugin keeps `latex` and `r` as language values only
    expect(presetRegistry("syntaxhighlighter").names()).not.toEqual(expect.arrayContaining(["latex"]));
    expect(presetRegistry("syntaxhighlighter").get("r")).toBeUndefined();
    expect(presetRegistry("none").names()).toEqual([]);
    expect(() => presetRegistry("x" as never)).toThrow('unknown preset "x"');
  });
  test("preset lists combine in order; for the same tag the later preset wins", () => {
    const both = presetRegistry(["wordpress", "jetpack"]);
    expect(both.get("audio")).toBe(PRESETS.jetpack.find((rule) => rule.name === "audio"));
    expect(presetRegistry(["jetpack", "wordpress"]).get("audio")).toBe(PRESETS.wordpress.find((rule) => rule.name === "audio"));
    expect(both.names()).toEqual([...CORE, "youtube", "vimeo", "gist"]);
    // the positional WordPress.com form only renders when jetpack's rule is the one in force
    expect(convert("[audio https://a.example/b.mp3]", { preset: "wordpress,jetpack" }).output).toBe("<https://a.example/b.mp3>\n");
    expect(convert("[audio https://a.example/b.mp3]", { preset: "jetpack,wordpress" }).output).toBe("[audio https://a.example/b.mp3]\n");
  });
  test("parsePresetList reads a name, a comma list or an array; bad names list the valid ones", () => {
    expect(parsePresetList("sozcu")).toEqual(["sozcu"]);
    expect(parsePresetList(" sozcu , syntaxhighlighter ")).toEqual(["sozcu", "syntaxhighlighter"]);
    expect(parsePresetList(["wordpress", "jetpack", "wordpress"])).toEqual(["wordpress", "jetpack"]);
    expect(() => parsePresetList("sozcu,foo")).toThrow('unknown preset "foo": expected one or more of sozcu, wordpress, syntaxhighlighter, jetpack, none');
    expect(() => parsePresetList("sozcu,")).toThrow("an empty preset name");
    expect(() => parsePresetList([])).toThrow("no preset given");
    expect(() => convert("x", { preset: "wordpres" })).toThrow('Invalid option preset: unknown preset "wordpres"');
  });
  test("the default locale and the subheading convention follow sozcu being in the list", () => {
    expect(normalizeOptions({ preset: ["wordpress", "sozcu"] })).toMatchObject({ locale: "tr", subheadings: true });
    expect(normalizeOptions({ preset: "wordpress,jetpack" })).toMatchObject({ locale: "en", subheadings: false, preset: ["wordpress", "jetpack"] });
    expect(normalizeOptions({ config: { preset: ["sozcu", "syntaxhighlighter"] } }).registry.get("php")).toBeDefined();
  });
  test("every built-in handler has a fixture folder using one of its tags", () => {
    const inputs = readdirSync(FIXTURES)
      .map((dir) => {
        const file = ["input.txt", "input.md", "input.html"].map((name) => join(FIXTURES, dir, name)).find((path) => existsSync(path));
        return file ? readFileSync(file, "utf8") : "";
      })
      .join("\n");
    const byHandler = new Map<unknown, string[]>();
    for (const rule of Object.values(PRESETS).flat()) byHandler.set(rule.render, [...(byHandler.get(rule.render) ?? []), rule.name]);
    for (const names of byHandler.values()) {
      const used = names.some((name) => inputs.includes(`[${name}`));
      expect({ rule: names.slice(0, 3).join(" | "), used }).toEqual({ rule: names.slice(0, 3).join(" | "), used: true });
    }
  });
  test("later registrations win", () => {
    const registry = new Registry([{ name: "a", display: "inline", render: () => ({ nodes: [] }) }]);
    registry.add({ name: "a", display: "block", render: () => ({ nodes: [] }) });
    expect(registry.get("a")!.display).toBe("block");
  });
  test("labels are localized with a fallback", () => {
    expect(relatedNewsLabel("tr-TR", 2)).toBe("İlgili Haberler");
    expect(relatedNewsLabel("xx", 1)).toBe("Related article");
  });
});

describe("wordpress handlers", () => {
  const wp = (input: string) => convert(input, { preset: "wordpress" });
  test("caption → image (with its link) and the caption text", () => {
    expect(wp('[caption id="1" width="300"]<img src="https://i/a.jpg" alt="Alt"> Yazı[/caption]').output).toBe("![Alt](https://i/a.jpg)\\\n_Yazı_\n");
    expect(wp('[caption caption="Eski stil"]<img src="https://i/a.jpg">[/caption]').output).toBe("![Eski stil](https://i/a.jpg)\\\n_Eski stil_\n");
  });
  test("embed, video and audio → a link; without a URL they are kept", () => {
    expect(wp("[embed]https://youtu.be/x[/embed]").output).toBe("<https://youtu.be/x>\n");
    expect(wp('[video src="https://v/a.mp4" title="Tanıtım"]').output).toBe("[Tanıtım](https://v/a.mp4)\n");
    expect(wp('[audio mp3="https://a/b.mp3" ogg="https://a/b.ogg"]').messages.map((m) => m.ruleId)).toEqual(["unrendered-attribute"]);
    const kept = wp('[video width="1"]');
    expect(kept.output).toBe('[video width="1"]\n');
    expect(kept.stats).toMatchObject({ kept: 1, converted: 0 });
  });
  test("gallery and playlist are kept with a message", () => {
    const result = wp('[gallery ids="1,2"] [playlist ids="3"]');
    expect(result.output).toBe('[gallery ids="1,2"] [playlist ids="3"]\n');
    expect(result.messages.map((m) => m.ruleId)).toEqual(["no-render-data", "no-render-data"]);
  });
  test("JSON forms", () => {
    const document = JSON.parse(
      convert('[caption]<img src="https://i/a.jpg" alt="A"> B[/caption]\n\n[embed]https://e/x[/embed]', { preset: "wordpress", to: "json" }).output,
    ) as { blocks: unknown[] };
    expect(document.blocks).toMatchObject([
      { type: "image", url: "https://i/a.jpg", alt: "A", caption: [{ type: "text", text: "B" }], shortcode: { tag: "caption" } },
      { type: "embed", kind: "embed", url: "https://e/x", shortcode: { tag: "embed", raw: "[embed]https://e/x[/embed]" } },
    ]);
  });
});

describe("syntaxhighlighter handlers", () => {
  const sh = (input: string) => convert(input, { preset: "syntaxhighlighter" });
  test('[code]/[sourcecode] with language, lang, [code="x"] or none; language tags', () => {
    expect(sh('[code language="php"]echo 1;[/code]').output).toBe("```php\necho 1;\n```\n");
    expect(sh('[sourcecode lang="Python"]x = 1[/sourcecode]').output).toBe("```python\nx = 1\n```\n");
    expect(sh('[code="java"]a();[/code]').output).toBe("```java\na();\n```\n");
    expect(sh("[code]düz[/code]").output).toBe("```text\ndüz\n```\n");
    for (const tag of ["php", "java", "js", "shell", "cpp", "delphi", "source"])
      expect(sh(`[${tag}]x[/${tag}]`).output).toBe(`\`\`\`${tag === "source" ? "text" : tag}\nx\n\`\`\`\n`);
  });
  test("entities are decoded as the plugin shows them; code with < or > is verbatim; blank edge lines go", () => {
    expect(codeText("\n&lt;?php echo &quot;a&quot;; ?&gt;\n\n")).toBe('<?php echo "a"; ?>');
    expect(codeText("if (a < b) { x = '&amp;'; }")).toBe("if (a < b) { x = '&amp;'; }");
    expect(codeText("\r\n  girintili\r\n    satır\r\n")).toBe("  girintili\n    satır");
  });
  test("code is verbatim: shortcodes, markdown and blank lines inside stay as written", () => {
    const result = sh("[code]a *b* [gallery ids=1]\n\n[x]y[/x][/code]");
    expect(result.output).toBe("```text\na *b* [gallery ids=1]\n\n[x]y[/x]\n```\n");
    expect(result.messages.filter((m) => m.ruleId === "unknown-shortcode")).toEqual([]);
  });
  test("title goes to the info string and the JSON; display options are reported as info", () => {
    const result = sh('[php title="Örnek" gutter="false"]x[/php]');
    expect(result.output).toBe('```php title="Örnek"\nx\n```\n');
    expect(result.messages.map((m) => [m.ruleId, m.severity])).toEqual([["unrendered-attribute", "info"]]);
    const document = JSON.parse(convert('[php title="Örnek"]x[/php]', { preset: "syntaxhighlighter", to: "json" }).output) as { blocks: unknown[] };
    expect(document.blocks).toEqual([
      {
        type: "code",
        lang: "php",
        value: "x",
        title: "Örnek",
        shortcode: { tag: "php", attributes: { title: "Örnek" }, positional: [], content: "x", raw: '[php title="Örnek"]x[/php]' },
      },
    ]);
  });
  test("a lone language tag is text, not code; a markdown-looking one stays text", () => {
    const lone = sh("Bu [php] etiketi.");
    expect(lone.output).toBe("Bu [php] etiketi.\n");
    expect(lone.messages.map((m) => m.ruleId)).toEqual(["missing-content"]);
    // (as an unknown tag's would: text, its URL a working autolink)
    expect(sh("[js](https://x.example)").output).toBe(convert("[bilinmeyen](https://x.example)", { preset: "none" }).output.replace("bilinmeyen", "js"));
    expect(sh("[js](https://x.example)").output).toMatch(/^\\\[js\]/);
  });
});

describe("jetpack handlers", () => {
  const jp = (input: string) => convert(input, { preset: "jetpack" });
  const json = (input: string) => (JSON.parse(convert(input, { preset: "jetpack", to: "json" }).output) as { blocks: Array<Record<string, unknown>> }).blocks;
  test("[youtube=URL], [youtube URL], a bare id; player size in the URL reported", () => {
    const eq = jp("[youtube=https://www.youtube.com/watch?v=abcdefghijk&amp;w=320&amp;h=240]");
    expect(eq.output).toBe("<https://www.youtube.com/watch?v=abcdefghijk&w=320&h=240>\n");
    expect(eq.messages.map((m) => [m.ruleId, m.severity])).toEqual([["unrendered-attribute", "info"]]);
    expect(jp("[youtube https://youtu.be/abcdefghijk]").output).toBe("<https://youtu.be/abcdefghijk>\n");
    expect(jp("[youtube abcdefghijk]").output).toBe("<https://www.youtube.com/watch?v=abcdefghijk>\n");
    expect(jp("[youtube https://youtu.be/abcdefghijk fazla]").messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ["unrendered-attribute", 'Positional value "fazla" of [youtube] not rendered'],
    ]);
    expect(json("[youtube https://youtu.be/x]")).toMatchObject([
      { type: "embed", kind: "video", url: "https://youtu.be/x", shortcode: { raw: "[youtube https://youtu.be/x]" } },
    ]);
  });
  test("[vimeo], [gist]: ids become URLs; sizes reported", () => {
    const vimeo = jp("[vimeo 141358 w=500 h=280]");
    expect(vimeo.output).toBe("<https://vimeo.com/141358>\n");
    expect(vimeo.messages.map((m) => m.severity)).toEqual(["info", "info"]);
    expect(jp("[vimeo https://vimeo.com/1]").output).toBe("<https://vimeo.com/1>\n");
    expect(jp("[gist https://gist.github.com/u/abc]").output).toBe("<https://gist.github.com/u/abc>\n");
    expect(jp('[gist abc file="Kur.sh"]').output).toBe("[Kur.sh](https://gist.github.com/abc#file-kur-sh)\n");
    expect(jp("[gist]https://gist.github.com/u/abc[/gist]").output).toBe("<https://gist.github.com/u/abc>\n");
  });
  test("WordPress.com positional [audio URL|titles=…] and [video URL]; named forms go to core's rule", () => {
    expect(jp("[audio https://a.example/1.mp3,https://a.example/2.mp3|titles=Bir Şarkı,İki|artists=Grup]").output).toBe(
      "[Bir Şarkı — Grup](https://a.example/1.mp3)\n\n[İki](https://a.example/2.mp3)\n",
    );
    const video = jp('[video https://v.example/a.mp4 poster="https://v.example/p.jpg"]');
    // the poster is shown, linked to the video (so it is not reported as unrendered)
    expect(video.output).toBe("[![](https://v.example/p.jpg)](https://v.example/a.mp4)\n");
    expect(video.messages.map((m) => [m.ruleId, m.severity])).toEqual([]);
    expect(jp('[video https://v.example/a.mp4 poster="https://v.example/p.jpg" width="640"]').messages.map((m) => m.reason)).toEqual([
      expect.stringMatching(/width/),
    ]);
    expect(json('[video https://v.example/a.mp4 poster="https://v.example/p.jpg"]')[0]).toMatchObject({
      shortcode: { attributes: { poster: "https://v.example/p.jpg" } },
    });
    expect(jp('[video mp4="https://v.example/b.mp4"]').output).toBe("<https://v.example/b.mp4>\n");
    const bare = jp("[youtube]");
    expect(bare.output).toBe("[youtube]\n");
    expect(bare.messages.map((m) => m.ruleId)).toEqual(["missing-attribute"]);
  });
});

describe("related-news box", () => {
  test("javascript: link → the title as plain text, reported; no URL shown", () => {
    const result = convert('[old_news_related_template title="Başlık" desc="" image="" link="javascript:alert(1)"]');
    expect(result.output).toBe("> **İlgili Haber**\n>\n> **Başlık**\n");
    expect(result.messages.map((m) => m.ruleId)).toEqual(["unsafe-url"]);
  });
  test("a box with neither link nor image is reported", () => {
    const result = convert('[old_news_related_template title="Başlık" desc="Açıklama"]');
    expect(result.output).toBe("> **İlgili Haber**\n>\n> **Başlık**\\\n> Açıklama\n");
    expect(result.messages.map((m) => [m.ruleId, m.severity])).toEqual([["missing-attribute", "warning"]]);
  });
  test("content between a box and its closer is kept after the box, reported", () => {
    const result = convert('[old_news_related_template title="A" link="https://x.example/a"]İçerik *metni*[/old_news_related_template]');
    expect(result.output).toBe("> **İlgili Haber**\n>\n> **[A](https://x.example/a)**\n\nİçerik \\*metni\\*\n");
    expect(result.messages.map((m) => m.ruleId)).toEqual(["unrendered-content"]);
  });
});

describe("user rules from a config", () => {
  const config = validateConfig(JSON.parse(readFileSync(join(FIXTURES, "user-rules/options.json"), "utf8")).config);
  test("templates render with escaped values; required attributes are enforced", () => {
    const result = convert('[youtube id="a_b" baslik="*Gol* [1]"] ve [skor ev="2" dep="1"]', { config });
    expect(result.output).toBe("[▶ \\*Gol\\* \\[1\\]](https://www.youtube.com/watch?v=a_b)\n\nve **2-1**\n");
    const missing = convert('[youtube baslik="x"]', { config });
    expect(missing.output).toBe('[youtube baslik="x"]\n');
    expect(missing.messages.map((m) => m.ruleId)).toEqual(["missing-attribute"]);
  });
  test("{{name}} fills a fenced code block's info string, and cannot break the fence", () => {
    const kod = validateConfig({ rules: { kod: { markdown: "```{{dil}} {{baslik}}\n{{content}}\n```" } } });
    expect(convert('[kod dil="bash" baslik="Kurulum"]npm ci[/kod]', { config: kod }).output).toBe("```bash Kurulum\nnpm ci\n```\n");
    expect(convert('[kod dil="a b`c"]x[/kod]', { config: kod }).output).toBe("```abc\nx\n```\n");
    expect(convert("[kod]x[/kod]", { config: kod }).output).toBe("```\nx\n```\n");
  });
  test("JSON mapping", () => {
    const document = JSON.parse(convert('[youtube id="x" baslik="T"]', { config, to: "json" }).output) as { blocks: unknown[] };
    expect(document.blocks).toMatchObject([{ type: "custom", tag: "youtube", data: { kind: "video", provider: "youtube", id: "x", title: "T" } }]);
  });
  test("config options apply; explicit options win", () => {
    expect(convert("[x]", { config: { unknown: "strip" } }).output).toBe("");
    expect(convert("[x]", { config: { unknown: "strip" }, unknown: "keep" }).output).toBe("[x]\n");
  });
  test("a bad config is rejected naming the key and what was expected", () => {
    expect(() => validateConfig({ unknown: "drop", rules: { a: { display: "wide", extra: 1 } }, colour: 1 })).toThrow(ConfigError);
    try {
      validateConfig({ unknown: "drop", rules: { a: { display: "wide", extra: 1 } }, colour: 1 });
    } catch (error) {
      expect((error as ConfigError).errors).toEqual(
        expect.arrayContaining([
          "colour: unknown key",
          'unknown: expected one of "keep", "strip", "comment", "error"',
          'rules.a.display: expected one of "block", "inline"',
          "rules.a.extra: unknown key",
        ]),
      );
    }
  });
  test("preset: a name or a list of names", () => {
    expect(validateConfig({ preset: "jetpack" })).toEqual({ preset: "jetpack" });
    expect(validateConfig({ preset: ["sozcu", "syntaxhighlighter"] })).toEqual({ preset: ["sozcu", "syntaxhighlighter"] });
    for (const preset of ["bogus", ["sozcu", "bogus"], [], ["sozcu", "sozcu"], 3]) {
      expect(() => validateConfig({ preset })).toThrow(
        /preset: expected one of "sozcu", "wordpress", "syntaxhighlighter", "jetpack", "none", or a non-empty list/,
      );
    }
  });
  test("the shipped schema file is the one the code validates with", () => {
    expect(JSON.parse(readFileSync(join(import.meta.dirname, "../../schema/config.schema.json"), "utf8"))).toEqual(CONFIG_SCHEMA);
  });
  test("config files are found upward and loaded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scm-"));
    const nested = join(dir, "a", "b");
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(dir, "shortcode-migrate.config.json"), JSON.stringify({ unknown: "comment" }));
    expect(findConfig(nested)).toBe(join(dir, "shortcode-migrate.config.json"));
    await expect(loadConfig({ cwd: nested })).resolves.toMatchObject({ config: { unknown: "comment" } });
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ style: 3 }));
    await expect(loadConfig({ cwd: dir, path: "bad.json" })).rejects.toThrow("style: expected one of");
    expect(existsSync(dir)).toBe(true);
  });
});
