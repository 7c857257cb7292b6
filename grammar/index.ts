/**
 * The grammar's facade: text → tokens → CST. Never throws on input: lexing cannot
 * fail (every character belongs to some token) and parse errors, which would mean a
 * bug in the plan, are returned for the caller to report.
 */
import type { CstNode, ILexingError, IRecognitionException, IToken } from "chevrotain";
import { ScanContext, type ScanOptions } from "./recognizer.js";
import { shortcodeLexer } from "./lexer.js";
import { shortcodeParser } from "./parser.js";
import { HTML_GROUP, setScanContext } from "./tokens.js";

export type { Compat, ScanNote } from "./attributes.js";
export type { Plan, ScanOptions } from "./recognizer.js";
export * as tokens from "./tokens.js";

/** What {@link parseToCst} returns. */
export interface CstResult {
  cst: CstNode;
  /** The shortcodes' tokens, in source order (text is skipped, elements are in {@link CstResult.html}). */
  tokens: IToken[];
  /** The HTML elements' tokens, in source order. */
  html: IToken[];
  lexErrors: ILexingError[];
  parseErrors: IRecognitionException[];
  context: ScanContext;
}

/** Tokenize and parse `text` under `options`. */
export function parseToCst(text: string, options: ScanOptions): CstResult {
  const context = new ScanContext(text, options);
  setScanContext(context);
  let lexed;
  try {
    lexed = shortcodeLexer.tokenize(text);
  } finally {
    setScanContext(null);
  }
  shortcodeParser.input = lexed.tokens;
  const cst = shortcodeParser.document();
  return {
    cst,
    tokens: lexed.tokens,
    html: lexed.groups[HTML_GROUP] ?? [],
    lexErrors: lexed.errors,
    parseErrors: shortcodeParser.errors.slice(),
    context,
  };
}
