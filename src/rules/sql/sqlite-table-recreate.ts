import { existing } from './lib/common.js';
import { BATCH_PREFIX } from './lib/tables.js';
import type { SqlRule } from './lib/types.js';

export const sqliteTableRecreate: SqlRule = {
  id: 'sqlite-table-recreate',
  severity: 'warning',
  dialects: ['sqlite'],
  doc: 'An Alembic batch operation that SQLite cannot do in place (alter a column, add a constraint) recreates the table: a copy of every row, with the database locked for writes meanwhile.',
  safe: 'Fine for small tables; for big ones prefer changes SQLite does in place (ADD COLUMN, RENAME COLUMN, DROP COLUMN on 3.35+), or schedule the rebuild.',
  example: {
    unsafe:
      "with op.batch_alter_table('events') as batch:\n    batch.alter_column('payload', type_=sa.Text())",
    safe: "with op.batch_alter_table('events') as batch:\n    batch.add_column(sa.Column('payload_text', sa.Text()))",
  },
  check(s, ctx) {
    const tmp = s.facts.find(
      (f) => f.kind === 'create-table' && ctx.tables.key(f.table).startsWith(BATCH_PREFIX),
    );
    if (tmp?.kind !== 'create-table') return;
    const table = tmp.table.slice(tmp.table.toLowerCase().indexOf(BATCH_PREFIX) + BATCH_PREFIX.length);
    if (!ctx.tables.preexisting(table)) return;
    return {
      message: `Alembic's batch mode recreates ${existing(ctx, table)} as \`${tmp.table}\`: it copies every row, drops the original and renames the copy, holding SQLite's write lock throughout.`,
    };
  },
};
