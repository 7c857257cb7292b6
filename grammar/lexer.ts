/** The multi-mode lexer: one instance, reused for every text. */
import { Lexer } from "./chevrotain.js";
import { contentModeTokens, tagModeTokens, textModeTokens } from "./tokens.js";

export const shortcodeLexer = new Lexer(
  {
    modes: { text: textModeTokens, tag: tagModeTokens, content: contentModeTokens },
    defaultMode: "text",
  },
  {
    // Offsets only: lines and columns are computed lazily from offsets (2.5x faster).
    positionTracking: "onlyOffset",
    // Every token has a first-character hint (see tokens.ts): fail at start-up if one goes missing.
    ensureOptimizations: true,
    safeMode: false,
  },
);
