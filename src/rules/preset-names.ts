/**
 * The built-in presets' names and how a list of them is read; no rules here, so the CLI can
 * check `--preset` without loading any (the rules are in `presets.ts`).
 */

import { PRESETS, type PresetName } from "../config/enums.js";

/** Names of the built-in presets, in the order the README documents them (defined once, in config/enums.ts). */
const PRESET_NAMES = PRESETS;

export type { PresetName };

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
