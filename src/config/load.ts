import { defaultFileSystem } from "../io/fs.js";
import { pathExists as existsSync } from "../io/sync-fs.js";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { UserConfig } from "./types.js";

/** The config file name looked for in each directory from the working folder upward. */
const CONFIG_FILE = "shortcode-migrate.config.json";

/**
 * Config file names, in the order they are looked for in each directory. Only JSON is
 * searched for: a folder (a checked-out archive, a downloaded tree) must not be able to run
 * code by holding a `.js` file with the right name. A JS config is loaded only when the user
 * names it (`loadConfig({ path })`, `--config`).
 */
const CONFIG_FILES = [CONFIG_FILE];

/** JS config names that are found but never loaded implicitly (see {@link findIgnoredJsConfig}). */
const JS_CONFIG_FILES = ["shortcode-migrate.config.mjs", "shortcode-migrate.config.js"];

/** Finds the nearest JSON config file from `cwd` upward; `undefined` if there is none. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A JS config that a search upward from `cwd` passes before any JSON one: it is not loaded,
 * so the caller can say so ("pass --config FILE to use it").
 */
export function findIgnoredJsConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return undefined;
    for (const name of JS_CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads and validates a config: `path` if given (`--config`; JSON, or JS that is imported and
 * so runs), else the nearest JSON config upward from `cwd` (never JS: see {@link CONFIG_FILES}).
 * @returns the config and its file, or `undefined` when none exists and no path was given
 * @throws ConfigError for a config that does not match the schema; Error for unreadable JSON
 */
export async function loadConfig(options: { cwd: string; path?: string }): Promise<{ config: UserConfig; file: string } | undefined> {
  const file = options.path ? resolve(options.cwd, options.path) : findConfig(options.cwd);
  if (!file) return undefined;
  let value: unknown;
  if (!options.path || file.endsWith(".json")) {
    const text = await defaultFileSystem.readFile(file, "utf8");
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`Cannot read config ${file}: ${(error as Error).message}`);
    }
  } else {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    value = module.default;
  }
  // ajv is loaded only when there is a config to validate (most runs have none: ~90 ms of start-up).
  const { validateConfig } = await import("./schema.js");
  return { config: validateConfig(value, file), file };
}
