import { existing, myAlterOfExisting } from './lib/common.js';
import { columnName, obj, text } from './lib/my.js';
import type { SqlRule } from './lib/types.js';
import { atLeast, versionWords } from './lib/version.js';

export const mysqlAddColumnNotLast: SqlRule = {
  id: 'mysql-add-column-not-last',
  severity: 'warning',
  dialects: ['mysql'],
  doc: 'ADD COLUMN … FIRST/AFTER on a table that existed before the PR: before MySQL 8.0.29 and MariaDB 10.4 only a column added last is instant; anywhere else the table is rebuilt.',
  safe: 'Add the column at the end (drop FIRST/AFTER: column order does not matter to SQL), or upgrade to a server that adds it instantly anywhere.',
  example: {
    unsafe: "op.execute('ALTER TABLE users ADD COLUMN nickname VARCHAR(50) AFTER email')",
    safe: "op.add_column('users', sa.Column('nickname', sa.String(50)))",
  },
  check(s, ctx) {
    const v = ctx.version;
    if (v.mariadb ? atLeast(v, 10, 4) : atLeast(v, 8, 0, 29)) return;
    const { clauses, table } = myAlterOfExisting(s, ctx) ?? {};
    if (!clauses || !table) return;
    const c = clauses.find(
      (x) => x.action === 'add' && x.resource === 'column' && text(obj(x.suffix)?.keyword),
    );
    if (!c) return;
    const where = text(obj(c.suffix)?.keyword)!.toUpperCase();
    return {
      message: `\`${columnName(c.column)}\` is added ${where} rather than last on ${existing(ctx, table)}: on ${versionWords(v)}, only a last column is instant, so the table is rebuilt.`,
    };
  },
};
