/**
 * Users' declarative rules: a markdown template and a JSON mapping per tag.
 *
 * A markdown template is parsed once (remark-parse, cached: templates are tiny and few, so this
 * is off the hot path); values are then substituted into the template's text, link and image
 * nodes, so remark-stringify escapes them and a value can never inject markup.
 */
import type { PhrasingContent, Root, RootContent } from "mdast";
import type { Rule } from "../rules/types.js";
import type { UserRule } from "./types.js";
import { onDemand, once, unifiedPackage } from "../convert/on-demand.js";

// Templates are parsed only when a config has rules: remark-parse is loaded when first needed.
const remarkParse = await onDemand<typeof import("remark-parse")>("remark-parse");
const parser = once(() => unifiedPackage().unified().use(remarkParse().default));
const templates = new Map<string, Root>();
const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

function template(source: string): Root {
  let tree = templates.get(source);
  if (!tree) templates.set(source, (tree = parser().parse(source) as Root));
  return tree;
}

/** Replaces `{{name}}` by `values[name]` (missing → empty). */
function fill(value: string, values: Record<string, string>): string {
  return value.replace(PLACEHOLDER, (_match, name: string) => values[name] ?? "");
}

function substitute<T>(node: T, values: Record<string, string>): T {
  if (Array.isArray(node)) return node.map((child) => substitute(child, values)) as T;
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(node)) {
      if (key === "position") continue;
      if (typeof inner === "string" && (key === "lang" || key === "meta")) {
        // A fence's info string (```{{language}}): a value cannot end the fence or add to it.
        const filled = fill(inner, values).replace(key === "lang" ? /[\s`]+/g : /[`\r\n]+/g, key === "lang" ? "" : " ");
        out[key] = filled === "" ? null : filled;
      } else {
        out[key] = typeof inner === "string" && ["value", "url", "alt", "title"].includes(key) ? fill(inner, values) : substitute(inner, values);
      }
    }
    return out as T;
  }
  return node;
}

function mapJson(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === "string") return fill(value, values);
  if (Array.isArray(value)) return value.map((inner) => mapJson(inner, values));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapJson(inner, values)]));
  }
  return value;
}

/** Builds a {@link Rule} from a config entry. */
export function userRule(name: string, rule: UserRule): Rule {
  const display = rule.display ?? "block";
  return {
    name,
    display,
    render(node, context) {
      const source = context.source;
      const values: Record<string, string> = { ...source.attributes, content: (source.content ?? "").trim() };
      source.positional.forEach((value, index) => (values[String(index)] = value));
      const missing = (rule.required ?? []).filter((key) => !(values[key] ?? "").trim());
      if (missing.length) {
        context.report(
          `[${name}] lacks required attribute${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: kept as written`,
          "missing-attribute",
          "warning",
        );
        return { nodes: [], handled: false };
      }
      const used = new Set<string>();
      for (const text of [rule.markdown ?? "{{content}}", JSON.stringify(rule.json ?? {})]) {
        for (const match of text.matchAll(PLACEHOLDER)) used.add(match[1]!);
      }
      context.reportUnrendered([...used], { positional: [...used].some((key) => /^\d+$/.test(key)) });
      const tree = substitute(template(rule.markdown ?? "{{content}}"), values);
      const children: RootContent[] =
        display === "inline" ? tree.children.flatMap((child) => (child.type === "paragraph" ? (child.children as PhrasingContent[]) : [])) : tree.children;
      const json = (rule.json ? mapJson(rule.json, values) : { ...source.attributes }) as Record<string, unknown>;
      return {
        nodes: [{ type: "ruleOutput", display, json, children, data: { shortcode: source }, position: node.position }],
      };
    },
  };
}
