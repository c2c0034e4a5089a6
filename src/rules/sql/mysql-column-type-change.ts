import { existing, myAlterOfExisting } from './lib/common.js';
import { columnName, columnType, obj, text } from './lib/my.js';
import type { SqlRule } from './lib/types.js';

/**
 * One spelling per type, as MySQL 8 and MariaDB print them and as migrations write them: `INTEGER` and
 * `int(11)` are `int`, `NUMERIC` is `decimal`, `BOOLEAN` is `tinyint(1)`.
 */
function canonical(type: string): string {
  const t = type.replace(/\s+/g, '').toLowerCase();
  if (t === 'bool' || t === 'boolean') return 'tinyint(1)';
  return t
    .replace(/^integer/, 'int')
    .replace(/^numeric/, 'decimal')
    .replace(/^(tinyint|smallint|mediumint|int|bigint)\((?!1\)$)\d+\)/, '$1');
}

/** `varchar(300)` → 300. */
function varchar(type: string): number | undefined {
  const m = /^varchar\((\d+)\)$/.exec(type);
  return m ? Number(m[1]) : undefined;
}

/**
 * Changes InnoDB makes in place: the same type, or a VARCHAR widened within its length-prefix size (up to 255
 * bytes, or from 256 up), counted for utf8mb4 (4 bytes a character; MySQL 8's default).
 */
function inPlace(from: string, to: string): boolean {
  const [a, b] = [canonical(from), canonical(to)];
  if (a === b) return true;
  const [n, m] = [varchar(a), varchar(b)];
  return n !== undefined && m !== undefined && m >= n && (m * 4 <= 255 || n * 4 > 255);
}

export const mysqlColumnTypeChange: SqlRule = {
  id: 'mysql-column-type-change',
  severity: 'warning',
  dialects: ['mysql'],
  doc: 'MODIFY/CHANGE to another column type on a table that existed before the PR: MySQL/MariaDB copies the whole table and blocks writes meanwhile (only a VARCHAR widened within its length-prefix size is in place).',
  safe: 'Add a new column, backfill it, switch the code and drop the old one; or run the change with gh-ost or pt-online-schema-change.',
  example: {
    unsafe: "op.alter_column('orders', 'total', type_=sa.BigInteger(), existing_type=sa.Integer())",
    safe: "op.add_column('orders', sa.Column('total_big', sa.BigInteger()))\n# backfill, switch the code, then drop total",
  },
  check(s, ctx) {
    const { clauses, table } = myAlterOfExisting(s, ctx) ?? {};
    if (!clauses || !table) return;
    for (const c of clauses) {
      if (c.action !== 'modify' && c.action !== 'change') continue;
      const kind = text(obj(c.definition)?.dataType)?.toLowerCase();
      if (kind === 'enum' || kind === 'set') continue; // mysql-enum-change
      const column = columnName(c.old_column ?? c.column);
      const to = columnType(c.definition);
      const from = ctx.tables.column(table, column)?.type;
      if (from !== undefined && inPlace(from, to)) continue;
      return {
        message:
          from !== undefined
            ? `\`${column}\` on ${existing(ctx, table)} changes from \`${from}\` to \`${to}\`: MySQL copies the table to do it, blocking writes until every row is copied.`
            : `\`${column}\` on ${existing(ctx, table)} is restated as \`${to}\` (MODIFY/CHANGE); if that is a new type, MySQL copies the table, blocking writes meanwhile (its old type is unknown here).`,
      };
    }
    return undefined;
  },
};
