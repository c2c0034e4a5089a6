import { existing } from './lib/common.js';
import { alterClauses, firstTable, myStmt, obj, text } from './lib/my.js';
import type { SqlRule, Statement } from './lib/types.js';

/** ALGORITHM= and LOCK= of an ALTER TABLE (clauses) or a CREATE INDEX (its options). */
function options(s: Statement): { table: string; algorithm?: string; lock?: string } | undefined {
  const alter = myStmt(s, 'alter');
  if (alter) {
    const clauses = alterClauses(alter);
    return {
      table: firstTable(alter),
      algorithm: text(clauses.find((c) => c.resource === 'algorithm')?.algorithm),
      lock: text(clauses.find((c) => c.resource === 'lock')?.lock),
    };
  }
  const create = myStmt(s, 'create');
  if (create && text(create.keyword) === 'index')
    return {
      table: firstTable(create),
      algorithm: text(obj(create.algorithm_option)?.algorithm),
      lock: text(obj(create.lock_option)?.lock),
    };
  return undefined;
}

export const mysqlCopyOrLock: SqlRule = {
  id: 'mysql-copy-or-lock',
  severity: 'warning',
  dialects: ['mysql'],
  doc: 'ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE asks MySQL/MariaDB to copy the table or block writes (EXCLUSIVE: reads too) for the whole ALTER.',
  safe: 'Ask for ALGORITHM=INSTANT or INPLACE with LOCK=NONE, so MySQL refuses (instead of silently copying) when it cannot; for changes that must copy, use gh-ost or pt-online-schema-change.',
  example: {
    unsafe: "op.execute('ALTER TABLE orders MODIFY note TEXT, ALGORITHM=COPY, LOCK=SHARED')",
    safe: "op.execute('ALTER TABLE orders ADD COLUMN memo TEXT, ALGORITHM=INSTANT')",
  },
  check(s, ctx) {
    const o = options(s);
    if (!o || !ctx.tables.preexisting(o.table)) return;
    const copy = o.algorithm?.toUpperCase() === 'COPY';
    const lock = o.lock?.toUpperCase();
    const blocking = lock === 'SHARED' || lock === 'EXCLUSIVE';
    if (!copy && !blocking) return;
    const parts = [
      ...(copy ? ['ALGORITHM=COPY copies every row into a new table'] : []),
      ...(blocking
        ? [
            `LOCK=${lock} blocks ${lock === 'EXCLUSIVE' ? 'reads and writes' : 'writes'} for the whole statement`,
          ]
        : []),
    ];
    return { message: `On ${existing(ctx, o.table)} ${parts.join(', and ')}.` };
  },
};
