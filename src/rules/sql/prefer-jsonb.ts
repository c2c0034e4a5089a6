import { baseType } from './lib/pg.js';
import { columnList, columnsOfType } from './lib/new-columns.js';
import type { SqlRule } from './lib/types.js';

export const preferJsonb: SqlRule = {
  id: 'prefer-jsonb',
  severity: 'notice',
  dialects: ['postgresql'],
  doc: 'A new `json` column: `jsonb` is stored parsed, can be indexed (GIN) and compared, and is what most code expects.',
  safe: 'Use `jsonb` (`sqlalchemy.dialects.postgresql.JSONB`).',
  example: {
    unsafe: "op.add_column('events', sa.Column('payload', sa.JSON()))",
    safe: "op.add_column('events', sa.Column('payload', postgresql.JSONB()))",
  },
  check(s) {
    const cols = columnsOfType(s, (c) => baseType(c.type) === 'json');
    if (!cols.length) return;
    return {
      message: `${columnList(cols)} ${cols.length === 1 ? 'is' : 'are'} \`json\`: stored as text, re-parsed on every read, with no equality operator and no GIN index.`,
    };
  },
};
