import type { UserConfig } from "../config/types.js";
import { userRule } from "../config/user-rule.js";
import { assertTagNames } from "../../grammar/tag-name.js";
import { PRESET_LOCALE, presetRegistry, type Registry } from "../rules/registry.js";
import type {
  ConvertOptions,
  InputFormat,
  OutputFormat,
  PresetName,
  RelatedNewsStyle,
  UnknownPolicy,
} from "./types.js";

/** {@link ConvertOptions} with every default applied, normalized once per call. */
export interface Settings {
  to: OutputFormat;
  inputFormat: InputFormat;
  preset: PresetName;
  compat: "wordpress" | "repair";
  locale: string;
  style: RelatedNewsStyle;
  positions: boolean;
  unknown: UnknownPolicy;
  registry: Registry;
  /** The archive's convention: a quoted all-caps paragraph is a subheading (`sozcu` preset). */
  subheadings: boolean;
}

const FORMATS: readonly OutputFormat[] = ["markdown", "json", "mdast"];
const INPUTS: readonly InputFormat[] = ["text", "markdown", "html"];
const STYLES: readonly RelatedNewsStyle[] = ["block", "list", "directive"];
const POLICIES: readonly UnknownPolicy[] = ["keep", "strip", "comment", "error"];

function oneOf<T extends string>(key: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new TypeError(`Invalid option ${key}: "${String(value)}"; expected one of ${allowed.join(", ")}`);
  }
  return value;
}

/** Registries are cached per preset + config object: building one per body would waste time in batches. */
const cache = new WeakMap<UserConfig, Map<PresetName, Registry>>();
const plain = new Map<PresetName, Registry>();

function registryFor(preset: PresetName, config: UserConfig | undefined): Registry {
  if (!config) {
    let registry = plain.get(preset);
    if (!registry) plain.set(preset, (registry = presetRegistry(preset)));
    return registry;
  }
  let byPreset = cache.get(config);
  if (!byPreset) cache.set(config, (byPreset = new Map()));
  let registry = byPreset.get(preset);
  if (!registry) {
    // A rule under a name WordPress refuses would never match: say so instead of ignoring it.
    assertTagNames(Object.keys(config.rules ?? {}), "config.rules");
    registry = presetRegistry(preset);
    for (const [name, rule] of Object.entries(config.rules ?? {})) registry.add(userRule(name, rule));
    byPreset.set(preset, registry);
  }
  return registry;
}

/**
 * Applies defaults: explicit options win over the config, the config over the preset.
 * @throws TypeError naming the option and the allowed values when one is invalid, or a rule's
 *   tag name WordPress's add_shortcode() refuses.
 */
export function normalizeOptions(options: ConvertOptions = {}): Settings {
  const config = options.config;
  const preset = oneOf("preset", options.preset ?? config?.preset, ["sozcu", "wordpress", "none"], "sozcu");
  return {
    to: oneOf("to", options.to, FORMATS, "markdown"),
    inputFormat: oneOf("inputFormat", options.inputFormat, INPUTS, "text"),
    preset,
    compat: oneOf("compat", options.compat, ["wordpress", "repair"], "repair"),
    locale: options.locale ?? config?.locale ?? PRESET_LOCALE[preset],
    style: oneOf("style", options.style ?? config?.style, STYLES, "block"),
    positions: options.positions ?? false,
    unknown: oneOf("unknown", options.unknown ?? config?.unknown, POLICIES, "keep"),
    registry: registryFor(preset, config),
    subheadings: preset === "sozcu",
  };
}
