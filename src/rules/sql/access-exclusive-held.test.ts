import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'access-exclusive-held';
const ADD = {
  sql: 'ALTER TABLE users ADD COLUMN plan text',
  line: 10,
  ms: 4,
  locks: [lock('users', 'AccessExclusiveLock')],
};

describe(RULE, () => {
  it('flags a backfill in the transaction that holds ACCESS EXCLUSIVE, once, with the time it was held', async () => {
    const found = await lintRule(RULE, [
      ADD,
      {
        sql: "UPDATE users SET plan = 'free' WHERE plan IS NULL",
        line: 11,
        ms: 30,
        locks: [lock('users', 'RowExclusiveLock')],
      },
      { sql: "UPDATE users SET plan = 'pro' WHERE id = 1", line: 12, ms: 2, locks: [] },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(11);
    expect(found[0].message).toContain('`users` is still locked ACCESS EXCLUSIVE by line 10');
    expect(found[0].message).toContain('it updates `users`');
    // 4 + 30 + 2 ms of statements, and the bookkeeping's 1 ms.
    expect(found[0].message).toContain('the lock was held 37 ms');
  });

  it('flags a lock on another existing table taken while the first stays locked', async () => {
    const [f] = await lintRule(RULE, [
      ADD,
      {
        sql: 'ALTER TABLE orders ADD COLUMN note text',
        line: 11,
        locks: [lock('orders', 'AccessExclusiveLock')],
      },
    ]);
    expect(f.message).toContain('it locks another existing table, `orders`');
  });

  it('leaves a plain index build on the locked table to create-index-not-concurrently, which names the lock', async () => {
    const index = {
      sql: 'CREATE INDEX ix_users_plan ON users (plan)',
      line: 11,
      locks: [lock('users', 'ShareLock')],
    };
    expect(await lintRule(RULE, [ADD, index])).toEqual([]);
    const [f] = await lintRule('create-index-not-concurrently', [ADD, index]);
    expect(f.message).toContain('ACCESS EXCLUSIVE lock (blocks reads and writes) that line 10 took');
  });

  it('accepts light statements after the lock, and work in the next revision', async () => {
    expect(
      await lintRule(RULE, [
        ADD,
        { sql: 'ALTER TABLE users ADD COLUMN bio text', locks: [] },
        "COMMENT ON COLUMN users.plan IS 'billing plan'",
        'CREATE TABLE tags (id integer)',
        'CREATE INDEX ix_tags ON tags (id)',
        { sql: "UPDATE users SET plan = 'free'", revision: 'r2', locks: [lock('users', 'RowExclusiveLock')] },
      ]),
    ).toEqual([]);
  });
});
