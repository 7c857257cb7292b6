import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import { CONFIG_SCHEMA, ConfigError, validateConfig } from "../../src/config/schema.js";
import { findConfig, loadConfig } from "../../src/config/load.js";
import { convert } from "../../src/convert/index.js";
import { PRESETS, Registry, presetRegistry } from "../../src/rules/registry.js";
import { relatedNewsLabel } from "../../src/rules/labels.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/convert");

describe("registry and presets", () => {
  test("presets hold the documented rules", () => {
    expect(presetRegistry("sozcu").names()).toEqual(["old_news_related_template"]);
    expect(presetRegistry("wordpress").names()).toEqual(["caption", "embed", "video", "audio", "gallery", "playlist"]);
    expect(presetRegistry("none").names()).toEqual([]);
    expect(() => presetRegistry("x" as never)).toThrow('Unknown preset "x"');
  });
  test("every built-in rule has a fixture folder using it", () => {
    const all = Object.values(PRESETS).flat();
    for (const rule of all) {
      const used = ["wordpress-media", "seed"].some((dir) => readFileSync(join(FIXTURES, dir, "input.txt"), "utf8").includes(`[${rule.name}`));
      expect({ rule: rule.name, used }).toEqual({ rule: rule.name, used: true });
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
    const document = JSON.parse(convert('[caption]<img src="https://i/a.jpg" alt="A"> B[/caption]\n\n[embed]https://e/x[/embed]', { preset: "wordpress", to: "json" }).output) as { blocks: unknown[] };
    expect(document.blocks).toMatchObject([
      { type: "image", url: "https://i/a.jpg", alt: "A", caption: [{ type: "text", text: "B" }], shortcode: { tag: "caption" } },
      { type: "embed", kind: "embed", url: "https://e/x", shortcode: { tag: "embed", raw: "[embed]https://e/x[/embed]" } },
    ]);
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

