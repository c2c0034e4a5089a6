import type { Assignment } from '../formats/alembic/types.js';

/** Python source for a list of revision ids in the style Alembic writes: a string for one, a tuple for several. */
export function pythonRevisionValue(ids: string[], quote: "'" | '"' = "'"): string {
  const q = (s: string) => `${quote}${s}${quote}`;
  if (ids.length === 0) return 'None';
  if (ids.length === 1) return q(ids[0]);
  return `(${ids.map(q).join(', ')})`;
}

/** The replacement statement for `down_revision`, keeping the file's name, annotation and quote style. */
export function downRevisionLine(assignment: Assignment<string[]>, ids: string[]): string {
  const target = assignment.text.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)/)?.[1] ?? 'down_revision';
  const indent = assignment.text.match(/^\s*/)?.[0] ?? '';
  const annotation = assignment.annotation ? `: ${assignment.annotation}` : '';
  return `${indent}${target}${annotation} = ${pythonRevisionValue(ids, assignment.quote ?? "'")}`;
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

/** The `alembic` command prefix for an environment whose config is not the default `alembic.ini` at the root. */
export function alembicCommand(configFile: string | undefined): string {
  return configFile && configFile !== 'alembic.ini' ? `alembic -c ${configFile}` : 'alembic';
}
