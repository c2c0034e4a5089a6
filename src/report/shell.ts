/**
 * Shell commands built from repository data (revision ids, branch labels, config paths). Alembic lets an id
 * hold `;`, `$(…)`, quotes and spaces, so a suggested command a maintainer copies must quote what it names.
 */

/** Characters no POSIX shell (nor zsh/bash) treats specially anywhere in a word. `=`, `^`, `~` are left out: zsh expands `=cmd`, `^` and `~`. */
const SAFE = /^[A-Za-z0-9_@%+:,./-]+$/;

/** One argument as the shell must see it: bare when harmless (plain hex ids), else POSIX single-quoted. */
export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Arguments quoted one by one and joined with spaces. */
export function shellArgs(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
