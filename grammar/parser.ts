/**
 * The shortcode parser: names the structure the lexer's plan already fixed.
 *
 *   document  := (shortcode | Text | Html | LBracketRun | LBracket | LessThan | StrayCloser)*
 *   shortcode := OpenTag Attribute* ( TagEnd | SelfCloseEnd | TagEndOpen Content? CloseTag ) EscapeEnd?
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
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.shortcode) },
        { ALT: () => this.CONSUME(T.Text) },
        { ALT: () => this.CONSUME(T.Html) },
        { ALT: () => this.CONSUME(T.LBracketRun) },
        { ALT: () => this.CONSUME(T.LBracket) },
        { ALT: () => this.CONSUME(T.LessThan) },
        { ALT: () => this.CONSUME(T.StrayCloser) },
      ]);
    });
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
