/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and
 * past about 10^5 items (the line breaks of one long paragraph, the nodes of a huge body) that
 * overflows the stack with a RangeError. A loop has no such limit.
 *
 * @returns `target`
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}
