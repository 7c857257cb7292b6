import { presetRules, type PresetName } from "./presets.js";
import type { Rule } from "./types.js";

/** Rules by tag name; later registrations win. */
export class Registry {
  readonly #rules = new Map<string, Rule>();
  #names: readonly string[] | undefined;
  #contentless: readonly string[] | undefined;
  #rendering: readonly string[] | undefined;

  /** @param rules initial rules (default: none) */
  constructor(rules: readonly Rule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds or replaces the rule for `rule.name`. */
  add(rule: Rule): this {
    this.#rules.set(rule.name, rule);
    this.#names = undefined;
    this.#contentless = undefined;
    this.#rendering = undefined;
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

  /** Names of the rules that never take content (see {@link Rule.content}), as one array until the next {@link add}. */
  get contentless(): readonly string[] {
    return (this.#contentless ??= [...this.#rules.values()].filter((rule) => rule.content === "never").map((rule) => rule.name));
  }

  /** Names of the rules that can render something (not {@link Rule.keepsVerbatim}), as one array until the next {@link add}. */
  get renderingNames(): readonly string[] {
    return (this.#rendering ??= [...this.#rules.values()].filter((rule) => !rule.keepsVerbatim).map((rule) => rule.name));
  }

  /** The same names, as one array that stays the same object until the next {@link add} (a key for caches). */
  get nameList(): readonly string[] {
    return (this.#names ??= this.names());
  }
}

export { PRESETS, parsePresetList, type PresetName } from "./presets.js";

/**
 * A fresh registry holding the rules of a preset or a list of presets (later presets win).
 * @throws TypeError for an unknown preset name, listing the valid ones
 */
export function presetRegistry(presets: PresetName | readonly PresetName[]): Registry {
  return new Registry(presetRules(typeof presets === "string" ? [presets] : presets));
}
