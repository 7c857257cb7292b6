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
import { PRESETS as PRESET_NAMES, type PresetName } from "../config/enums.js";

export { parsePresetList, type PresetName } from "./preset-names.js";

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
