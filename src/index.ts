/**
 * shortcode-migrate's public API.
 *
 * - {@link parse} / {@link print}: lossless, positioned AST of a body.
 * - {@link parseShortcodes}: the top-level shortcodes, WordPress-style.
 * - {@link convert}: a body to clean markdown or documented JSON.
 */
export type * from "./ast/types.js";
export type * from "./convert/types.js";
export { parse, parseShortcodes, type ParseOptions, type ParseResult, type ShortcodeInfo } from "./parse.js";
export { print } from "./ast/print.js";
export { convert } from "./convert/index.js";
