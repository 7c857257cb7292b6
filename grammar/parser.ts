/**
 * The shortcode parser: names the structure the lexer's plan already fixed.
 *
 *   document  := shortcode*
 *   shortcode := OpenTag Attribute* ( TagEnd | SelfCloseEnd | TagEndOpen Content? CloseTag ) EscapeEnd?
 *
 * Text and HTML elements never reach the parser: the lexer skips text and puts `Html` tokens
 * in a group of their own (see tokens.ts); the document is the shortcodes, and between them
 * the elements and the text.
 *
 * No meaning lives here: src/ast/from-cst.ts turns the CST into the AST.
 */
import { CstParser } from "./chevrotain.js";
import * as T from "./tokens.js";

class ShortcodeParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public document = this.RULE("document", () => {
    this.MANY(() => this.SUBRULE(this.shortcode));
  });

  public shortcode = this.RULE("shortcode", () => {
    this.CONSUME(T.OpenTag);
    this.MANY(() => this.CONSUME(T.Attribute));
    this.OR([
      { ALT: () => this.CONSUME(T.TagEnd) },
      { ALT: () => this.CONSUME(T.SelfCloseEnd) },
      {
        ALT: () => {
          this.CONSUME(T.TagEndOpen);
          this.OPTION(() => this.CONSUME(T.Content));
          this.CONSUME(T.CloseTag);
        },
      },
    ]);
    this.OPTION2(() => this.CONSUME(T.EscapeEnd));
  });
}

/** One parser instance, reused (Chevrotain parsers are stateful but resettable via `input`). */
export const shortcodeParser = new ShortcodeParser();
