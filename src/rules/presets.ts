/**
 * Built-in rule presets and how a list of them combines.
 *
 * A preset is an ordered list of rules; a list of presets is their rules in order, and when two
 * presets define the same tag, the later preset's rule wins (`wordpress,jetpack`: Jetpack's
 * `[audio]` and `[video]`, which also read WordPress.com's positional URL, replace core's).
 */
import { audio } from "./handlers/audio.js";
import { caption } from "./handlers/caption.js";
import { embed } from "./handlers/embed.js";
import { gallery } from "./handlers/gallery.js";
import { JETPACK_RULES } from "./handlers/jetpack.js";
import { oldNewsRelatedTemplate } from "./handlers/old-news-related-template.js";
import { playlist } from "./handlers/playlist.js";
import { SYNTAXHIGHLIGHTER_RULES } from "./handlers/syntaxhighlighter.js";
import { video } from "./handlers/video.js";
import type { Rule } from "./types.js";

/** Names of the built-in presets, in the order the README documents them. */
export const PRESET_NAMES = ["sozcu", "wordpress", "syntaxhighlighter", "jetpack", "none"] as const;

/** A built-in preset's name. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** WordPress core's media shortcodes. */
const WORDPRESS_CORE: readonly Rule[] = [caption, embed, video, audio, gallery, playlist];

/**
 * Rules of each preset. `sozcu` is the archive's related-news box plus WordPress core (the
 * archive is a WordPress one: its bodies hold `[caption]` and `[gallery]` too), and it also turns
 * on the archive's conventions (quoted all-caps subheadings).
 */
export const PRESETS: Record<PresetName, readonly Rule[]> = {
  sozcu: [oldNewsRelatedTemplate, ...WORDPRESS_CORE],
  wordpress: WORDPRESS_CORE,
  syntaxhighlighter: SYNTAXHIGHLIGHTER_RULES,
  jetpack: JETPACK_RULES,
  none: [],
};

/** Default label locale of a preset list: Turkish when it holds `sozcu`, else English. */
export function presetLocale(presets: readonly PresetName[]): string {
  return presets.includes("sozcu") ? "tr" : "en";
}

/** Whether the archive's conventions (quoted all-caps subheadings) apply: only under `sozcu`. */
export function hasSozcuConventions(presets: readonly PresetName[]): boolean {
  return presets.includes("sozcu");
}

function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value);
}

/**
 * Reads a preset list: `"sozcu"`, `"sozcu,syntaxhighlighter"` (the CLI's `--preset a,b`) or an
 * array (a config's `"preset": ["sozcu", "jetpack"]`). Spaces around names are ignored; a name
 * given twice counts once, at its first place.
 * @throws TypeError quoting the unknown or empty name and listing the valid ones
 */
export function parsePresetList(value: string | readonly string[]): PresetName[] {
  const names = typeof value === "string" ? value.split(",") : [...value];
  const out: PresetName[] = [];
  for (const raw of names) {
    const name = String(raw).trim();
    if (!isPresetName(name)) {
      const what = name === "" ? "an empty preset name" : `unknown preset "${name}"`;
      throw new TypeError(`${what}: expected one or more of ${PRESET_NAMES.join(", ")} (comma-separated)`);
    }
    if (!out.includes(name)) out.push(name);
  }
  if (!out.length) throw new TypeError(`no preset given: expected one or more of ${PRESET_NAMES.join(", ")}`);
  return out;
}

/** The rules of a preset list, in order; for a tag defined twice, the later preset's rule. */
export function presetRules(presets: readonly PresetName[]): Rule[] {
  const byName = new Map<string, Rule>();
  for (const preset of presets) {
    const rules = PRESETS[preset];
    if (!rules) throw new TypeError(`unknown preset "${String(preset)}": expected one of ${PRESET_NAMES.join(", ")}`);
    for (const rule of rules) byName.set(rule.name, rule);
  }
  return [...byName.values()];
}
