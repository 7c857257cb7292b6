import type { Message, RootNode } from "../ast/types.js";
import type { ConvertOptions, ConvertResult } from "../convert/types.js";
import type { ParseOptions } from "../parse.js";

/** The parts of the library a run drives; tests inject a stand-in. */
export interface Engine {
  /** Convert one body; synchronous, as `processUnit` runs it on the converting thread. */
  convert(text: string, options?: ConvertOptions): ConvertResult;
  parse(text: string, options?: ParseOptions): { tree: RootNode; messages: Message[] };
}

/**
 * Load the parser and converter on first use: the grammar (chevrotain) and remark are the
 * slow imports, and `--help`/`--version` must not pay for them.
 */
export async function loadEngine(): Promise<Engine> {
  // One after the other: they share the grammar, and jest's ESM loader fails on parallel imports of shared modules.
  const { convert } = await import("../convert/index.js");
  const { parse } = await import("../parse.js");
  return { convert, parse };
}
