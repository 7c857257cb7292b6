import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { validateConfig } from "./schema.js";
import type { UserConfig } from "./types.js";

/** Config file names, in the order they are looked for in each directory. */
export const CONFIG_FILES = ["shortcode-migrate.config.json", "shortcode-migrate.config.mjs", "shortcode-migrate.config.js"];

/** Finds the nearest config file from `cwd` upward; `undefined` if there is none. */
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
 * Loads and validates a config: `path` if given (`--config`), else the nearest one upward from `cwd`.
 * @returns the config and its file, or `undefined` when none exists and no path was given
 * @throws ConfigError for a config that does not match the schema; Error for unreadable JSON
 */
export async function loadConfig(options: { cwd: string; path?: string }): Promise<{ config: UserConfig; file: string } | undefined> {
  const file = options.path ? resolve(options.cwd, options.path) : findConfig(options.cwd);
  if (!file) return undefined;
  let value: unknown;
  if (file.endsWith(".json")) {
    const text = await readFile(file, "utf8");
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`Cannot read config ${file}: ${(error as Error).message}`);
    }
  } else {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    value = module.default;
  }
  return { config: validateConfig(value, file), file };
}
