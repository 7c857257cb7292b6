import { COMPAT_MODES, INPUT_FORMATS, OUTPUT_FORMATS, STYLES, UNKNOWN_POLICIES } from "../config/enums.js";
import type { UserConfig } from "../config/types.js";
import { userRule } from "../config/user-rule.js";
import { assertTagNames } from "../../grammar/tag-name.js";
import { hasSozcuConventions, parsePresetList, presetLocale } from "../rules/presets.js";
import { presetRegistry, type Registry } from "../rules/registry.js";
import type { ConvertOptions, InputFormat, MediaLibrary, OutputFormat, PresetName, RelatedNewsStyle, UnknownPolicy } from "./types.js";

/** {@link ConvertOptions} with every default applied, normalized once per call. */
export interface Settings {
  to: OutputFormat;
  inputFormat: InputFormat;
  /** The preset list, in order (a later preset's rule wins for the same tag). */
  preset: readonly PresetName[];
  compat: "wordpress" | "repair";
  locale: string;
  style: RelatedNewsStyle;
  positions: boolean;
  unknown: UnknownPolicy;
  registry: Registry;
  /** The archive's convention: a quoted all-caps paragraph is a subheading (`sozcu` preset). */
  subheadings: boolean;
  /** Remove Gutenberg block delimiter comments. */
  removeBlockComments: boolean;
  /** Lower-case tag names of HTML elements to strip (none: `undefined`). */
  stripTags: ReadonlySet<string> | undefined;
  /** {@link ConvertOptions.media}. */
  media: MediaLibrary | undefined;
}

function oneOf<T extends string>(key: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new TypeError(`Invalid option ${key}: "${String(value)}"; expected one of ${allowed.join(", ")}`);
  }
  return value;
}

/** Registries are cached per preset list + config object: building one per body would waste time in batches. */
const cache = new WeakMap<UserConfig, Map<string, Registry>>();
const plain = new Map<string, Registry>();

function registryFor(presets: readonly PresetName[], config: UserConfig | undefined): Registry {
  const key = presets.join(",");
  if (!config) {
    let registry = plain.get(key);
    if (!registry) plain.set(key, (registry = presetRegistry(presets)));
    return registry;
  }
  let byPreset = cache.get(config);
  if (!byPreset) cache.set(config, (byPreset = new Map()));
  let registry = byPreset.get(key);
  if (!registry) {
    // A rule under a name WordPress refuses would never match: say so instead of ignoring it.
    assertTagNames(Object.keys(config.rules ?? {}), "config.rules");
    registry = presetRegistry(presets);
    for (const [name, rule] of Object.entries(config.rules ?? {})) registry.add(userRule(name, rule));
    byPreset.set(key, registry);
  }
  return registry;
}

/** Preset lists already read, by the value given (most runs give the same one for every body). */
const presetLists = new Map<unknown, readonly PresetName[]>();

function presetList(value: ConvertOptions["preset"] | UserConfig["preset"]): readonly PresetName[] {
  if (value === undefined) return DEFAULT_PRESETS;
  const key = typeof value === "string" ? value : value.join(",");
  let list = presetLists.get(key);
  if (!list) {
    try {
      list = parsePresetList(value);
    } catch (error) {
      throw new TypeError(`Invalid option preset: ${(error as Error).message}`);
    }
    if (presetLists.size > 64) presetLists.clear();
    presetLists.set(key, list);
  }
  return list;
}

const DEFAULT_PRESETS: readonly PresetName[] = ["sozcu"];

/**
 * Applies defaults: explicit options win over the config, the config over the preset.
 * @throws TypeError naming the option and the allowed values when one is invalid, or a rule's
 *   tag name WordPress's add_shortcode() refuses.
 */
export function normalizeOptions(options: ConvertOptions = {}): Settings {
  const config = options.config;
  const preset = presetList(options.preset ?? config?.preset);
  return {
    to: oneOf("to", options.to, OUTPUT_FORMATS, "markdown"),
    inputFormat: oneOf("inputFormat", options.inputFormat, INPUT_FORMATS, "text"),
    preset,
    compat: oneOf("compat", options.compat, COMPAT_MODES, "repair"),
    locale: options.locale ?? config?.locale ?? presetLocale(preset),
    style: oneOf("style", options.style ?? config?.style, STYLES, "block"),
    positions: options.positions ?? false,
    unknown: oneOf("unknown", options.unknown ?? config?.unknown, UNKNOWN_POLICIES, "keep"),
    registry: registryFor(preset, config),
    subheadings: hasSozcuConventions(preset),
    removeBlockComments:
      oneOf("blockComments", options.blockComments, BLOCK_COMMENTS, preset.includes("sozcu") || preset.includes("wordpress") ? "remove" : "keep") === "remove",
    stripTags: tagSet(options.stripTags ?? config?.stripTags),
    media: options.media,
  };
}

const BLOCK_COMMENTS = ["keep", "remove"] as const;

/** Tag sets already made, by the list given (a run gives the same list for every body). */
const tagSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** `stripTags` as a set of lower-case names; `undefined` when empty. */
function tagSet(tags: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!tags?.length) return undefined;
  let set = tagSets.get(tags);
  if (!set) {
    for (const tag of tags) {
      if (typeof tag !== "string" || !/^[a-zA-Z][a-zA-Z0-9-]*$/.test(tag))
        throw new TypeError(`Invalid option stripTags: "${String(tag)}" is not an HTML tag name`);
    }
    tagSets.set(tags, (set = new Set(tags.map((tag) => tag.toLowerCase()))));
  }
  return set;
}
