import type { PresetName } from "../convert/types.js";
import { audio } from "./handlers/audio.js";
import { caption } from "./handlers/caption.js";
import { embed } from "./handlers/embed.js";
import { gallery } from "./handlers/gallery.js";
import { oldNewsRelatedTemplate } from "./handlers/old-news-related-template.js";
import { playlist } from "./handlers/playlist.js";
import { video } from "./handlers/video.js";
import type { Rule } from "./types.js";

/** Rules by tag name; later registrations win. */
export class Registry {
  readonly #rules = new Map<string, Rule>();
  #names: readonly string[] | undefined;

  /** @param rules initial rules (default: none) */
  constructor(rules: readonly Rule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds or replaces the rule for `rule.name`. */
  add(rule: Rule): this {
    this.#rules.set(rule.name, rule);
    this.#names = undefined;
    return this;
  }

  /** The rule for a tag, if any. */
  get(name: string): Rule | undefined {
    return this.#rules.get(name);
  }

  /** Registered tag names, in registration order. */
  names(): string[] {
    return [...this.#rules.keys()];
  }

  /** The same names, as one array that stays the same object until the next {@link add} (a key for caches). */
  get nameList(): readonly string[] {
    return (this.#names ??= this.names());
  }
}

/** Rules of each preset. `sozcu` also turns on the archive's conventions (quoted all-caps subheadings). */
export const PRESETS: Record<PresetName, readonly Rule[]> = {
  sozcu: [oldNewsRelatedTemplate],
  wordpress: [caption, embed, video, audio, gallery, playlist],
  none: [],
};

/** Default label locale of each preset. */
export const PRESET_LOCALE: Record<PresetName, string> = { sozcu: "tr", wordpress: "en", none: "en" };

/** A fresh registry holding a preset's rules. */
export function presetRegistry(preset: PresetName): Registry {
  const rules = PRESETS[preset];
  if (!rules) throw new Error(`Unknown preset "${String(preset)}": expected one of ${Object.keys(PRESETS).join(", ")}`);
  return new Registry(rules);
}
