import { lineWords } from './lib/common.js';
import { blocksWrites, heldMs } from './lib/locks.js';
import { relationName } from './lib/pg.js';
import { duration } from '../../report/dry-run-view.js';
import type { HeldLock, RuleContext, SqlRule, Statement } from './lib/types.js';

/** The first ACCESS EXCLUSIVE lock on a pre-existing table that an earlier statement of the transaction took. */
function heldBefore(s: Statement, ctx: RuleContext): HeldLock | undefined {
  return s.locks.find(
    (l) => l.by !== s && l.mode === 'AccessExclusiveLock' && ctx.tables.preexisting(l.table),
  );
}

/** What makes a statement worth flagging while the lock is held: it scans, rewrites, or waits for another table. */
function weight(s: Statement, held: HeldLock, ctx: RuleContext): string | undefined {
  const key = (t: string) => ctx.tables.key(t);
  for (const f of s.facts)
    if ((f.kind === 'update' || f.kind === 'delete') && ctx.tables.preexisting(f.table))
      return `it ${f.kind === 'update' ? 'updates' : 'deletes from'} \`${f.table}\``;
  const insert = s.pg && 'InsertStmt' in s.pg ? s.pg.InsertStmt : undefined;
  const fromSelect =
    insert?.selectStmt && 'SelectStmt' in insert.selectStmt && !insert.selectStmt.SelectStmt?.valuesLists;
  if (insert?.relation && fromSelect) return 'it copies rows with INSERT … SELECT';
  const other = s.locks.find(
    (l) =>
      l.by === s &&
      key(l.table) !== key(held.table) &&
      blocksWrites(l.mode) &&
      ctx.tables.preexisting(l.table),
  );
  if (other)
    return `it locks another existing table, \`${other.table}\`, while \`${held.table}\` stays locked`;
  const index = s.pg && 'IndexStmt' in s.pg ? s.pg.IndexStmt : undefined;
  const built = relationName(index?.relation);
  // A plain index build on an existing table is create-index-not-concurrently's, whose message names the
  // lock held since the earlier line: one finding for the statement, not two saying the same.
  if (index && !index.concurrent && built && ctx.tables.preexisting(built)) return undefined;
  const scans = s.locks.find(
    (l) =>
      l.by === s &&
      key(l.table) === key(held.table) &&
      (l.mode === 'ShareLock' || l.mode === 'ShareRowExclusiveLock'),
  );
  if (scans) return `it reads all of \`${held.table}\` (a validation or an index build)`;
  return undefined;
}

export const accessExclusiveHeld: SqlRule = {
  id: 'access-exclusive-held',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'Heavy work (a data change, an index build, another table’s lock) in a transaction that already holds an ACCESS EXCLUSIVE lock on an existing table: nobody can read or write that table until the transaction ends.',
  safe: 'Commit the schema change first: put the backfill or the next table’s change in its own revision (or after `op.get_context().autocommit_block()`), so the exclusive lock is released in milliseconds.',
  example: {
    unsafe: [
      "op.add_column('users', sa.Column('plan', sa.Text()))",
      'op.execute("UPDATE users SET plan = \'free\' WHERE plan IS NULL")',
    ].join('\n'),
    safe: [
      "op.add_column('users', sa.Column('plan', sa.Text()))",
      '# next revision (its own transaction), in batches:',
      'op.execute("UPDATE users SET plan = \'free\' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL")',
    ].join('\n'),
  },
  check(s, ctx) {
    if (s.tx.autocommit) return;
    const held = heldBefore(s, ctx);
    if (!held) return;
    const why = weight(s, held, ctx);
    if (!why) return;
    // Once per transaction, at the first heavy statement.
    const before = s.tx.statements.slice(0, s.tx.statements.indexOf(s));
    if (before.some((x) => !x.raw.bookkeeping && heldBefore(x, ctx) && weight(x, heldBefore(x, ctx)!, ctx)))
      return;
    const traced = held.how === 'traced';
    return {
      message:
        `This statement runs while \`${held.table}\` is still locked ACCESS EXCLUSIVE by ${lineWords(held.by)} (reads and writes blocked), and ${why}. ` +
        (traced
          ? `On the throwaway database the lock was held ${duration(heldMs(held.by))}, to the end of the transaction; with production’s rows this statement takes longer, and the table stays closed meanwhile.`
          : 'The lock lasts to the end of the transaction (inferred from the statements; no lock was traced).'),
    };
  },
};
