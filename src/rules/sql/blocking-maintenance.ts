import { existing, lockNote, lockPhrase } from './lib/common.js';
import { body, relationName, stmt } from './lib/pg.js';
import type { SqlRule, Statement } from './lib/types.js';

function maintenance(s: Statement): { what: string; table?: string; alternative: string } | undefined {
  const reindex = stmt(s, 'ReindexStmt');
  if (reindex && !reindex.params?.some((p) => body(p, 'DefElem')?.defname === 'concurrently'))
    return {
      what: 'REINDEX',
      table: reindex.relation ? relationName(reindex.relation) : undefined,
      alternative: '`REINDEX … CONCURRENTLY` (PostgreSQL 12+) in an autocommit_block',
    };
  const vacuum = stmt(s, 'VacuumStmt');
  if (vacuum?.is_vacuumcmd && vacuum.options?.some((o) => body(o, 'DefElem')?.defname === 'full'))
    return {
      what: 'VACUUM FULL',
      table: relationName(body(vacuum.rels?.[0], 'VacuumRelation')?.relation) || undefined,
      alternative: 'pg_repack, outside the migration (it rewrites with a brief lock only)',
    };
  const cluster = stmt(s, 'ClusterStmt');
  if (cluster)
    return {
      what: 'CLUSTER',
      table: cluster.relation ? relationName(cluster.relation) : undefined,
      alternative: 'pg_repack --order-by, outside the migration',
    };
  return undefined;
}

export const blockingMaintenance: SqlRule = {
  id: 'blocking-maintenance',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'REINDEX (without CONCURRENTLY), VACUUM FULL and CLUSTER in a migration rebuild a table or its indexes while locking it: maintenance work for a maintenance window, not a deploy.',
  safe: 'Use REINDEX CONCURRENTLY in an autocommit_block, or pg_repack outside the migration for VACUUM FULL and CLUSTER.',
  example: {
    unsafe: "op.execute('REINDEX TABLE orders')",
    safe: [
      'with op.get_context().autocommit_block():',
      "    op.execute('REINDEX TABLE CONCURRENTLY orders')",
      '# VACUUM FULL, CLUSTER: `pg_repack --table orders` from a maintenance job, not the migration',
    ].join('\n'),
  },
  check(s, ctx) {
    const m = maintenance(s);
    if (!m || (m.table && !ctx.tables.preexisting(m.table))) return;
    const needs = m.what === 'REINDEX' ? 'ShareLock' : 'AccessExclusiveLock';
    return {
      message: m.table
        ? `\`${m.what}\` on ${existing(ctx, m.table)} ${lockPhrase(s, ctx, m.table, needs, true)} while it rebuilds.${lockNote(s, ctx, m.table, needs)}`
        : `\`${m.what}\` rebuilds every table or index it covers, each under a lock that blocks writes (or reads and writes).`,
      fix: `Use ${m.alternative}.`,
    };
  },
};
