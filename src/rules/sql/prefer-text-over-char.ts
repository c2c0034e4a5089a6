import { baseType } from './lib/pg.js';
import { columnList, columnsOfType } from './lib/new-columns.js';
import type { SqlRule } from './lib/types.js';

export const preferTextOverChar: SqlRule = {
  id: 'prefer-text-over-char',
  severity: 'notice',
  dialects: ['postgresql'],
  doc: 'A new `char(n)` column: it pads values with spaces, compares them oddly and is no faster than `text` or `varchar` in PostgreSQL.',
  safe: 'Use `text` or `varchar(n)` (`sa.Text()`, `sa.String(n)`), with a CHECK if the length must be exact.',
  example: {
    unsafe: "op.add_column('countries', sa.Column('code', sa.CHAR(2)))",
    safe: "op.add_column('countries', sa.Column('code', sa.String(2)))",
  },
  check(s) {
    const cols = columnsOfType(s, (c) => baseType(c.type) === 'char');
    if (!cols.length) return;
    return {
      message: `${columnList(cols)} ${cols.length === 1 ? 'is' : 'are'} \`char(n)\`: values are blank-padded to the length, and trailing spaces vanish in comparisons.`,
    };
  },
};
