import { existing } from './lib/common.js';
import { alterClauses, columnName, columnType, firstTable, myStmt, obj, text } from './lib/my.js';
import type { SqlRule } from './lib/types.js';

/** `varchar(300)` → ['varchar', 300]. */
function varchar(type: string): number | undefined {
  const m = /^varchar\((\d+)\)$/i.exec(type.replace(/\s+/g, ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * Changes InnoDB makes in place: the same type, or a VARCHAR widened within its length-prefix size (up to 255
 * bytes, or from 256 up; utf8mb4 is 4 bytes per character, so the threshold is counted in bytes).
 */
function inPlace(from: string, to: string): boolean {
  const a = from.replace(/\s+/g, '').toLowerCase();
  const b = to.replace(/\s+/g, '').toLowerCase();
  if (
    a === b ||
    (a.startsWith('int') && b.startsWith('int') && a.replace(/\(\d+\)/, '') === b.replace(/\(\d+\)/, ''))
  )
    return true;
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
    const alter = myStmt(s, 'alter');
    if (!alter) return;
    const table = firstTable(alter);
    if (!ctx.tables.preexisting(table)) return;
    for (const c of alterClauses(alter)) {
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
