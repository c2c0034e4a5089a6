import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'drop-index-not-concurrently';

describe(RULE, () => {
  it('flags DROP INDEX of an index that existed, naming the table the trace shows locked', async () => {
    const found = await lintRule(RULE, [
      {
        sql: 'DROP INDEX ix_users_email',
        line: 20,
        locks: [lock('16414', 'AccessExclusiveLock', false), lock('users', 'AccessExclusiveLock')],
      },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 20, severity: 'warning' });
    expect(found[0].message).toContain(
      'Dropping `ix_users_email` takes an ACCESS EXCLUSIVE lock (blocks reads and writes) on `users`',
    );
    expect(found[0].message).toContain('The lock was traced on the throwaway database');
  });

  it('finds the table in the base snapshot offline', async () => {
    const [f] = await lintRule(RULE, ['DROP INDEX ix_users_email'], {
      mode: 'offline',
      base: { users: ['id integer', 'email text'] },
      indexes: { users: ['ix_users_email'] },
    });
    expect(f.message).toContain('on `users`');
    expect(f.message).toContain('The lock is inferred from the statement (offline SQL');
  });

  it('leaves CONCURRENTLY and indexes the PR itself built alone', async () => {
    expect(
      await lintRule(RULE, [
        { sql: 'DROP INDEX CONCURRENTLY ix_users_email', autocommit: true },
        'CREATE INDEX ix_tmp ON users (email)',
        'DROP INDEX ix_tmp',
      ]),
    ).toEqual([]);
  });
});
