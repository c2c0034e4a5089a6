import { baseType } from './lib/pg.js';
import { columnList, columnsOfType } from './lib/new-columns.js';
import type { SqlRule } from './lib/types.js';

const SMALL = new Set(['integer', 'smallint', 'serial', 'smallserial']);

export const preferBigintPrimaryKey: SqlRule = {
  id: 'prefer-bigint-primary-key',
  severity: 'notice',
  dialects: ['postgresql'],
  doc: 'A new primary key of `integer` (or `serial`) type: 2.1 billion ids run out on busy tables, and widening the key later rewrites the table and every referencing one.',
  safe: 'Use `bigint`, as an identity column: `sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True)`.',
  example: {
    unsafe: "op.create_table('invoices', sa.Column('id', sa.Integer(), primary_key=True))",
    safe: "op.create_table('invoices', sa.Column('id', sa.BigInteger(), sa.Identity(), primary_key=True))",
  },
  check(s) {
    const cols = columnsOfType(s, (c) => c.primaryKey && c.how !== 'retype' && SMALL.has(baseType(c.type)));
    if (!cols.length) return;
    const serial = cols.some((c) => baseType(c.type).endsWith('serial'));
    return {
      message:
        `The primary key ${columnList(cols)} is \`${baseType(cols[0].type)}\`: at most 2,147,483,647 ids, and moving to bigint later rewrites the table and every foreign key to it.` +
        (serial ? ' A serial is also a separate sequence; an identity column replaces it.' : ''),
    };
  },
};
