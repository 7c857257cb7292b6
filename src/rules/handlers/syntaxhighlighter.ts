import type { Code } from "mdast";
import { decodeHTML } from "entities";
import type { Rule, RuleContext, RuleResult } from "../types.js";
import type { ShortcodeNode } from "../../ast/types.js";

/**
 * SyntaxHighlighter Evolved's brush aliases (plugin 3.6, `syntaxhighlighter_brushes`): each is
 * also a shortcode of its own (`[php]…[/php]`), except `latex` and `r`, which the plugin accepts
 * only as a `language` value.
 */
const BRUSH_ALIASES: readonly string[] = [
  "as3",
  "actionscript3",
  "arduino",
  "bash",
  "shell",
  "coldfusion",
  "cf",
  "clojure",
  "clj",
  "cpp",
  "c",
  "c-sharp",
  "csharp",
  "css",
  "delphi",
  "pas",
  "pascal",
  "diff",
  "patch",
  "erl",
  "erlang",
  "fsharp",
  "go",
  "golang",
  "groovy",
  "haskell",
  "java",
  "jfx",
  "javafx",
  "js",
  "jscript",
  "javascript",
  "latex",
  "tex",
  "matlab",
  "matlabkey",
  "objc",
  "obj-c",
  "perl",
  "pl",
  "php",
  "plain",
  "text",
  "ps",
  "powershell",
  "py",
  "python",
  "r",
  "splus",
  "rails",
  "rb",
  "ror",
  "ruby",
  "ts",
  "typescript",
  "scala",
  "sql",
  "swift",
  "vb",
  "vbnet",
  "xml",
  "xhtml",
  "xslt",
  "html",
  "yaml",
  "yml",
];

const ALIASES = new Set(BRUSH_ALIASES);

/** The plugin's generic tags: the language comes from `language`, `lang` or `[code="x"]` (default `text`). */
const GENERIC_TAGS = ["sourcecode", "source", "code"];

/** The plugin's display options: layout only, reported as info. */
const PRESENTATIONAL = [
  "autolinks",
  "classname",
  "collapse",
  "firstline",
  "fontsize",
  "gutter",
  "highlight",
  "htmlscript",
  "light",
  "padlinenumbers",
  "smarttabs",
  "tabsize",
  "toolbar",
  "wraplines",
  "quickcode",
];

/** `[code="php"]`, `[code='php']`, `[code=php]`: WordPress reads the whole `="php"` as a positional value. */
const POSITIONAL_LANGUAGE = /^=?\s*(["']?)([\w#+.-]+)\1$/;

/**
 * The code as the plugin shows it. Stored the plugin's current way (encoded on save), code without
 * `<` or `>` is printed as it is, so a browser decodes its entities (`&lt;?php` shows `<?php`);
 * code holding `<` or `>` is escaped whole, so it shows exactly as written. SyntaxHighlighter's
 * script then drops the blank lines before and after the code.
 */
export function codeText(content: string): string {
  const lines = content.replace(/\r\n?/g, "\n");
  const shown = lines.includes("<") || lines.includes(">") ? lines : decodeHTML(lines);
  return shown.replace(/^[ ]*\n+/, "").replace(/\n*[ ]*$/, "");
}

function renderCode(node: ShortcodeNode, context: RuleContext): RuleResult {
  const { attributes, positional, content } = context.source;
  if (content === null) {
    context.report(`[${node.name}] has no [/${node.name}] and so no code: kept as written`, "missing-content", "info");
    return { nodes: [], handled: false };
  }
  let language = ALIASES.has(node.name) ? node.name : "";
  let positionalLanguage = false;
  if (!language) {
    const fromPositional = positional.length === 1 ? POSITIONAL_LANGUAGE.exec(positional[0]!.trim())?.[2] : undefined;
    language = (attributes["language"] ?? attributes["lang"] ?? fromPositional ?? "text").trim().toLowerCase();
    positionalLanguage = fromPositional !== undefined && attributes["language"] === undefined && attributes["lang"] === undefined;
    if (language && !ALIASES.has(language)) {
      context.report(
        `Language "${language}" of [${node.name}] is not one SyntaxHighlighter knows: the fence is labelled with it as written`,
        "unknown-language",
        "info",
      );
    }
  }
  context.reportUnrendered(["language", "lang", "title"], { presentational: PRESENTATIONAL, positional: positionalLanguage });
  // A fence's info string ends at white space and cannot hold a backtick in a backtick fence.
  const lang = language.replace(/[\s`]+/g, "") || null;
  const title = (attributes["title"] ?? "").trim();
  const code: Code = {
    type: "code",
    lang,
    meta: title ? `title=${JSON.stringify(title)}` : null,
    value: codeText(content),
    data: { shortcode: context.source, title: title || undefined } as Code["data"],
    position: node.position,
  };
  return { nodes: [code] };
}

function codeRule(name: string): Rule {
  return { name, display: "block", content: "required", render: renderCode };
}

/** `syntaxhighlighter` preset: `[code]`, `[sourcecode]`, `[source]` and every language tag → fenced code. */
export const SYNTAXHIGHLIGHTER_RULES: readonly Rule[] = [...GENERIC_TAGS, ...BRUSH_ALIASES.filter((alias) => alias !== "latex" && alias !== "r")].map(codeRule);
