import { baseType } from './lib/pg.js';
import { columnList, columnsOfType } from './lib/new-columns.js';
import type { SqlRule } from './lib/types.js';

export const preferTimestamptz: SqlRule = {
  id: 'prefer-timestamptz',
  severity: 'notice',
  dialects: ['postgresql'],
  doc: 'A new `timestamp without time zone` column: its values mean different instants to clients in different time zones; `timestamptz` stores an instant.',
  safe: 'Use `timestamptz` (`sa.DateTime(timezone=True)`).',
  example: {
    unsafe: "op.add_column('orders', sa.Column('shipped_at', sa.DateTime()))",
    safe: "op.add_column('orders', sa.Column('shipped_at', sa.DateTime(timezone=True)))",
  },
  check(s) {
    const cols = columnsOfType(s, (c) => baseType(c.type) === 'timestamp');
    if (!cols.length) return;
    return {
      message: `${columnList(cols)} ${cols.length === 1 ? 'is' : 'are'} \`timestamp without time zone\`: the stored value carries no zone, so each client reads it in its own.`,
    };
  },
};
