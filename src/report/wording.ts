/**
 * Lists in messages and reports: the first few items, then how many more. A PR with thousands of revisions (or a
 * base with thousands of heads) must not turn one finding into a megabyte of ids; JSON keeps every id.
 */
export function someOf(items: readonly string[], max = 10, separator = ', '): string {
  if (items.length <= max) return items.join(separator);
  // "a, b and 3 more", but "x; y; and 3 more": after a semicolon list the count is an item of its own.
  const and = separator === ', ' ? ' and' : `${separator.trimEnd()} and`;
  return `${items.slice(0, max).join(separator)}${and} ${items.length - max} more`;
}

/** "1 revision", "2 revisions". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
