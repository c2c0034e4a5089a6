import { body, stmt } from './lib/pg.js';
import type { SqlRule, Statement } from './lib/types.js';

/** CREATE INDEX, DROP INDEX and REINDEX … CONCURRENTLY: none may run inside a transaction block. */
function concurrentWhat(s: Statement): string | undefined {
  if (stmt(s, 'IndexStmt')?.concurrent) return 'CREATE INDEX CONCURRENTLY';
  const drop = stmt(s, 'DropStmt');
  if (drop?.removeType === 'OBJECT_INDEX' && drop.concurrent) return 'DROP INDEX CONCURRENTLY';
  const reindex = stmt(s, 'ReindexStmt');
  if (reindex?.params?.some((p) => body(p, 'DefElem')?.defname === 'concurrently'))
    return 'REINDEX CONCURRENTLY';
  return undefined;
}

export const concurrentlyInTransaction: SqlRule = {
  id: 'concurrently-in-transaction',
  severity: 'error',
  dialects: ['postgresql'],
  doc: 'CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run inside a transaction block: Alembic runs each migration in one, so the statement fails.',
  safe: 'Run it in `with op.get_context().autocommit_block():`, which commits the migration’s transaction first and runs the statement on its own.',
  example: {
    unsafe: "op.create_index('ix_orders_user_id', 'orders', ['user_id'], postgresql_concurrently=True)",
    safe: [
      'with op.get_context().autocommit_block():',
      "    op.create_index('ix_orders_user_id', 'orders', ['user_id'], postgresql_concurrently=True)",
    ].join('\n'),
  },
  check(s) {
    const what = concurrentWhat(s);
    if (!what || s.tx.autocommit) return;
    return {
      message: `\`${what}\` runs inside the migration’s transaction block here, where PostgreSQL refuses it ("cannot run inside a transaction block").`,
    };
  },
};
