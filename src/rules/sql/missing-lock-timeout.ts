import { existing } from './lib/common.js';
import { lockEvidence } from './lib/locks.js';
import type { HeldLock, RuleContext, SqlRule, Statement } from './lib/types.js';

/** The ACCESS EXCLUSIVE locks the statement itself takes on tables that existed before the PR. */
function exclusiveOnExisting(s: Statement, ctx: RuleContext): HeldLock[] {
  return s.locks.filter(
    (l) => l.by === s && l.mode === 'AccessExclusiveLock' && ctx.tables.preexisting(l.table),
  );
}

export const missingLockTimeout: SqlRule = {
  id: 'missing-lock-timeout',
  severity: 'notice',
  dialects: ['postgresql'],
  doc: 'An ACCESS EXCLUSIVE lock on a table that existed before the PR, requested without a lock_timeout: while it waits behind one long query, every other query on the table queues behind it.',
  safe: "Set a lock_timeout first (`SET LOCAL lock_timeout = '5s'` in the migration, or once in env.py), so the migration fails fast and can be retried instead of stalling the table; say `lock-timeout: true` under `postgres:` in .headsup.yml when the deploy sets it.",
  example: {
    unsafe: "op.add_column('users', sa.Column('nickname', sa.Text()))",
    safe: [
      'op.execute("SET LOCAL lock_timeout = \'5s\'")',
      "op.add_column('users', sa.Column('nickname', sa.Text()))",
    ].join('\n'),
  },
  check(s, ctx) {
    if (s.lockTimeout) return;
    const locks = exclusiveOnExisting(s, ctx);
    if (!locks.length) return;
    // Once per transaction: the first statement that asks, since one SET LOCAL covers them all.
    const earlier = s.tx.statements.slice(0, s.tx.statements.indexOf(s));
    if (earlier.some((x) => !x.lockTimeout && exclusiveOnExisting(x, ctx).length)) return;
    const [l] = locks;
    return {
      message:
        `This statement asks for an ACCESS EXCLUSIVE lock on ${existing(ctx, l.table)} with no lock_timeout set: ` +
        'if a long query holds the table, the statement waits, and every read and write of the table queues behind it until then. ' +
        lockEvidence(l, ctx.mode),
    };
  },
};
