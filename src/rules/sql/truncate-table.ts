import { existing, lockNote, lockPhrase, quoteList } from './lib/common.js';
import { body, relationName, stmt } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';

export const truncateTable: SqlRule = {
  id: 'truncate-table',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'TRUNCATE on a table that existed before the PR deletes every row at once (CASCADE: of the referencing tables too), under an ACCESS EXCLUSIVE lock.',
  safe: 'Delete what must go with a bounded DELETE … WHERE (in batches), or confirm the table holds nothing that production needs and suppress this with the reason.',
  example: {
    unsafe: "op.execute('TRUNCATE audit_log')",
    safe: 'op.execute("DELETE FROM audit_log WHERE created_at < now() - interval \'90 days\'")',
  },
  check(s, ctx) {
    const t = stmt(s, 'TruncateStmt');
    if (!t) return;
    const tables = (t.relations ?? [])
      .map((r) => relationName(body(r, 'RangeVar')))
      .filter((n) => ctx.tables.preexisting(n));
    if (!tables.length) return;
    const cascade =
      t.behavior === 'DROP_CASCADE' ? ' CASCADE also empties every table with a foreign key to it.' : '';
    return {
      message:
        `TRUNCATE deletes every row of ${tables.length === 1 ? existing(ctx, tables[0]) : `the existing tables ${quoteList(tables)}`} at once, and ` +
        `${lockPhrase(s, ctx, tables[0], 'AccessExclusiveLock', tables.length === 1)}.${cascade}` +
        lockNote(s, ctx, tables[0], 'AccessExclusiveLock'),
    };
  },
};
