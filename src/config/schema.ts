import { Ajv, type ErrorObject } from "ajv";
import { REFUSED_IN_TAG_NAME, tagNameProblem } from "../../grammar/tag-name.js";
import { PRESETS, RULE_DISPLAYS, STYLES, UNKNOWN_POLICIES } from "./enums.js";
import type { UserConfig } from "./types.js";

/** JSON Schema of `shortcode-migrate.config.json` (also shipped as `schema/config.schema.json`). */
export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "shortcode-migrate config",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    preset: {
      description: "A rule preset, or a list of presets combined in order (a later preset's rule wins for the same tag).",
      anyOf: [{ enum: PRESETS }, { type: "array", items: { enum: PRESETS }, minItems: 1, uniqueItems: true }],
    },
    locale: { type: "string", minLength: 2 },
    style: { enum: STYLES },
    unknown: { enum: UNKNOWN_POLICIES },
    stripTags: {
      description: "HTML elements removed with their content, by tag name (e.g. script, style); each one is reported.",
      type: "array",
      items: { type: "string", pattern: "^[a-zA-Z][a-zA-Z0-9-]*$" },
      uniqueItems: true,
    },
    rules: {
      type: "object",
      propertyNames: { pattern: "^[^<>&/\\[\\]\\x00-\\x20=]+$" },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: {
          markdown: { type: "string" },
          json: { type: "object" },
          required: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
          display: { enum: RULE_DISPLAYS },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
const check = ajv.compile(CONFIG_SCHEMA);

/** A config that does not match the schema; `message` names every bad key and what was expected. */
export class ConfigError extends Error {
  readonly errors: string[];
  constructor(source: string, errors: string[]) {
    super(`Invalid config ${source}:\n${errors.map((error) => `  - ${error}`).join("\n")}`);
    this.name = "ConfigError";
    this.errors = errors;
  }
}

function describe(error: ErrorObject): string | undefined {
  // `preset` is one name or a list: one line naming the valid presets, not one per branch.
  if (/^\/preset(?:\/\d+)?$/.test(error.instancePath)) {
    return error.keyword === "anyOf" || error.keyword === "enum" || error.keyword === "type" || error.keyword === "minItems" || error.keyword === "uniqueItems"
      ? `preset: expected one of ${PRESETS.map((name) => JSON.stringify(name)).join(", ")}, or a non-empty list of them without repeats`
      : undefined;
  }
  const key = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "(root)";
  switch (error.keyword) {
    case "additionalProperties":
      return `${key === "(root)" ? "" : `${key}.`}${String(error.params["additionalProperty"])}: unknown key`;
    case "enum":
      return `${key}: expected one of ${(error.params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `${key}: expected ${String(error.params["type"])}`;
    case "pattern":
    case "propertyNames":
      if (error.propertyName === undefined) return `${key}: not a valid shortcode name`;
      return `${key}: ${JSON.stringify(error.propertyName)} is not a shortcode name WordPress accepts (${tagNameProblem(error.propertyName) ?? "refused"}; add_shortcode() refuses ${REFUSED_IN_TAG_NAME})`;
    default:
      return `${key}: ${error.message ?? "invalid"}`;
  }
}

/**
 * Validates a config object.
 * @param value the parsed config
 * @param source where it came from, for the message (default: `"config"`)
 * @throws ConfigError naming each offending key and what was expected
 */
export function validateConfig(value: unknown, source = "config"): UserConfig {
  if (check(value)) return value as UserConfig;
  // ajv reports a bad rule name twice: once naming it (pattern), once for the whole object (propertyNames).
  const named = new Set((check.errors ?? []).filter((error) => error.propertyName !== undefined).map((error) => error.instancePath));
  const errors = (check.errors ?? [])
    .filter((error) => error.keyword !== "if" && !(error.keyword === "propertyNames" && named.has(error.instancePath)))
    .map(describe)
    .filter((error) => error !== undefined);
  throw new ConfigError(source, [...new Set(errors)]);
}
