import { existing, lockNote, lockPhrase } from './lib/common.js';
import { relationName, stmt } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';

export const createIndexNotConcurrently: SqlRule = {
  id: 'create-index-not-concurrently',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'CREATE INDEX without CONCURRENTLY on a table that existed before the PR blocks every write to it until the index is built.',
  safe: 'Build it CONCURRENTLY, outside the migration’s transaction: `with op.get_context().autocommit_block():` around `op.create_index(…, postgresql_concurrently=True)`.',
  example: {
    unsafe: "op.create_index('ix_orders_user_id', 'orders', ['user_id'])",
    safe: [
      'with op.get_context().autocommit_block():',
      "    op.create_index('ix_orders_user_id', 'orders', ['user_id'], postgresql_concurrently=True)",
    ].join('\n'),
  },
  check(s, ctx) {
    const index = stmt(s, 'IndexStmt');
    if (!index || index.concurrent) return;
    const table = relationName(index.relation);
    if (!ctx.tables.preexisting(table)) return;
    return {
      message:
        `Building ${index.idxname ? `\`${index.idxname}\`` : 'this index'} on ${existing(ctx, table)} ` +
        `${lockPhrase(s, ctx, table, 'ShareLock', true)}: INSERT, UPDATE and DELETE wait until the whole table is read and the index written.` +
        lockNote(s, ctx, table, 'ShareLock'),
    };
  },
};
