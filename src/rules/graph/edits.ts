import type { Assignment } from '../../formats/alembic/types.js';
import { shellQuote } from '../../report/shell.js';

/** Python source for a list of revision ids in the style Alembic writes: a string for one, a tuple for several. */
export function pythonRevisionValue(ids: string[], quote: "'" | '"' = "'"): string {
  const q = (s: string) => `${quote}${s}${quote}`;
  if (ids.length === 0) return 'None';
  if (ids.length === 1) return q(ids[0]);
  return `(${ids.map(q).join(', ')})`;
}

/**
 * The whole-line edit that sets `down_revision` to `ids`: only the value's expression is replaced, so the
 * target, its annotation, chained or unpacked names, other statements sharing the lines and comments stay.
 * Undefined when the value comes from elsewhere (an import): there is no line to change then.
 */
export function downRevisionEdit(
  assignment: Assignment<string[]>,
  ids: string[],
): { line: number; endLine: number; replacement: string; original: string } | undefined {
  const { lines, valueAt, line, endLine } = assignment;
  if (lines === undefined || valueAt === undefined) return undefined;
  const value = pythonRevisionValue(ids, assignment.quote ?? "'");
  return {
    line,
    endLine,
    replacement: lines.slice(0, valueAt.from) + value + lines.slice(valueAt.to),
    original: lines,
  };
}

/** The docstring's `Revises:` line with the old parent replaced by the new one. */
export function revisesLine(text: string, ids: string[]): string {
  const prefix = text.match(/^(\s*Revises:)/)?.[1] ?? 'Revises:';
  return `${prefix} ${ids.join(', ')}`;
}

/** Replace `from` by `to` in a parent list, without duplicates, keeping positions. */
export function replaceParent(parents: string[], from: string, to: string): string[] {
  const out: string[] = [];
  for (const p of parents) {
    const next = p === from ? to : p;
    if (!out.includes(next)) out.push(next);
  }
  return out;
}

/**
 * The `alembic` command for an environment: `-c` for a config that is not the default `alembic.ini`, run
 * in the folder its relative paths are read from (`cd svc && alembic`). Paths come from the repository,
 * so they are shell-quoted.
 */
export function alembicCommand(env: {
  configFile?: string;
  runFrom?: string;
  configSection?: string;
}): string {
  const { configFile, runFrom, configSection } = env;
  const section = configSection ? ` -n ${shellQuote(configSection)}` : '';
  if (configFile && runFrom && configFile.startsWith(`${runFrom}/`)) {
    const name = configFile.slice(runFrom.length + 1);
    return `cd ${shellQuote(runFrom)} && alembic${name === 'alembic.ini' ? '' : ` -c ${shellQuote(name)}`}${section}`;
  }
  return `${configFile && configFile !== 'alembic.ini' ? `alembic -c ${shellQuote(configFile)}` : 'alembic'}${section}`;
}
