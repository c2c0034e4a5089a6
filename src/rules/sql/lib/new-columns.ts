/** The columns a statement chooses a type for, across the type rules. */
import { newColumns, type NewColumn } from './pg.js';
import { quoteList } from './common.js';
import type { Statement } from './types.js';

/** Columns the PR creates or retypes whose type satisfies `test`. */
export function columnsOfType(s: Statement, test: (c: NewColumn) => boolean): NewColumn[] {
  return newColumns(s).filter(test);
}

/** `` `users.meta` `` or `` `events.payload` and `events.extra` ``. */
export function columnList(cols: NewColumn[]): string {
  return quoteList(cols.map((c) => `${c.table}.${c.column}`));
}
