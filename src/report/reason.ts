/**
 * A diagnostic's reason as written: prose with code spans in backticks
 * (`` `[old_news_related_template` is never closed with `]` ``). Reporters show the spans as
 * code (HTML `<code>`, markdown code spans) instead of printing the backticks, or escaping them.
 */

/** One run of a reason: prose, or the inside of a code span. */
export interface ReasonPart {
  code: boolean;
  text: string;
}

/**
 * Split a reason into prose and code spans. A span is a backtick run, text without that run,
 * and the same run again (as in markdown, so `` `` `a`b` `` `` holds a backtick); a backtick
 * that opens nothing stays prose.
 *
 * @param reason a diagnostic's reason
 */
export function reasonParts(reason: string): ReasonPart[] {
  const parts: ReasonPart[] = [];
  let prose = "";
  let i = 0;
  while (i < reason.length) {
    if (reason[i] !== "`") {
      prose += reason[i++];
      continue;
    }
    let run = 1;
    while (reason[i + run] === "`") run++;
    const close = closingRun(reason, i + run, run);
    if (close === -1 || close === i + run) {
      prose += "`".repeat(run);
      i += run;
      continue;
    }
    if (prose) parts.push({ code: false, text: prose });
    prose = "";
    let inner = reason.slice(i + run, close);
    // Markdown strips one space each side when both are there (so a span can start with a backtick).
    if (inner.length > 2 && inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== "") inner = inner.slice(1, -1);
    parts.push({ code: true, text: inner });
    i = close + run;
  }
  if (prose) parts.push({ code: false, text: prose });
  return parts;
}

/** Where the next backtick run of exactly `length` starts at or after `from`; -1 if none. */
function closingRun(text: string, from: number, length: number): number {
  for (let j = text.indexOf("`", from); j !== -1; j = text.indexOf("`", j)) {
    let end = j;
    while (text[end] === "`") end++;
    if (end - j === length) return j;
    j = end;
  }
  return -1;
}
