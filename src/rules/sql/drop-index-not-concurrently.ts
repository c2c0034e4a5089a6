import { lockEvidence, lockOn, lockWords } from './lib/locks.js';
import { body, stmt, str } from './lib/pg.js';
import type { HeldLock, SqlRule } from './lib/types.js';

export const dropIndexNotConcurrently: SqlRule = {
  id: 'drop-index-not-concurrently',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index’s table: reads and writes queue behind it, and it queues behind every running query.',
  safe: 'Drop it CONCURRENTLY, outside the migration’s transaction: `with op.get_context().autocommit_block():` around `op.drop_index(…, postgresql_concurrently=True)`.',
  example: {
    unsafe: "op.drop_index('ix_orders_legacy', table_name='orders')",
    safe: [
      'with op.get_context().autocommit_block():',
      "    op.drop_index('ix_orders_legacy', table_name='orders', postgresql_concurrently=True)",
    ].join('\n'),
  },
  check(s, ctx) {
    const drop = stmt(s, 'DropStmt');
    if (drop?.removeType !== 'OBJECT_INDEX' || drop.concurrent) return;
    const names = (drop.objects ?? []).map((o) =>
      (body(o, 'List')?.items ?? []).map(str).filter(Boolean).join('.'),
    );
    // An index this PR built is no one's to wait for.
    const createdHere = new Set(
      ctx.statements.flatMap((x) => {
        const name = stmt(x, 'IndexStmt')?.idxname;
        return name ? [name] : [];
      }),
    );
    const old = names.filter((n) => !createdHere.has(n.split('.').pop()!));
    if (!old.length) return;
    // Its table: the base snapshot's, else the existing table the trace shows locked ACCESS EXCLUSIVE (not the
    // index itself, nor a relation gone since, which shows as a bare OID).
    const traced = s.raw.locks?.find(
      (l) =>
        l.mode === 'AccessExclusiveLock' &&
        l.preexisting &&
        !/^\d+$/.test(l.relation) &&
        !old.includes(l.relation),
    )?.relation;
    const table = old.map((n) => ctx.tables.indexTable(n)).find(Boolean) ?? traced;
    if (table && !ctx.tables.preexisting(table)) return;
    const what = old.map((n) => `\`${n}\``).join(', ');
    const held: HeldLock = lockOn(s, table ?? '', (t) => ctx.tables.key(t)) ?? {
      table: table ?? '',
      mode: 'AccessExclusiveLock',
      how: traced === table && traced ? 'traced' : 'inferred',
      by: s,
    };
    return {
      message:
        `Dropping ${what} takes an ${lockWords(held.mode)} on ${table ? `\`${table}\`` : 'its table'}: ` +
        'reads and writes of the table wait, and the drop itself waits for every query already using it. ' +
        lockEvidence(held, ctx.mode),
    };
  },
};
