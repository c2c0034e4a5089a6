import { describe, expect, it } from 'vitest';
import { FILE, lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'create-index-not-concurrently';

describe(RULE, () => {
  it('flags an index built in the transaction on a table that existed before, with the traced lock', async () => {
    const [f, ...rest] = await lintRule(
      RULE,
      [
        {
          sql: 'CREATE INDEX ix_users_email ON users (email)',
          line: 17,
          ms: 25,
          locks: [lock('ix_users_email', 'AccessExclusiveLock', false), lock('users', 'ShareLock')],
        },
      ],
      { base: { users: ['id integer', 'email varchar(200)'] }, sizes: { users: 40_000_000 } },
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', file: FILE('r1'), line: 17 });
    expect(f.message).toContain('the existing table `users` (40 M rows)');
    expect(f.message).toContain('SHARE lock (blocks writes)');
    expect(f.message).toContain(
      'The lock was traced on the throwaway database and held 26 ms there, to the end of its transaction',
    );
    expect(f.statement).toBe('CREATE INDEX ix_users_email ON users (email)');
    expect(f.fix?.summary).toContain('postgresql_concurrently=True');
  });

  it('says the lock is inferred offline', async () => {
    const [f] = await lintRule(RULE, ['CREATE UNIQUE INDEX ix ON users (email)'], { mode: 'offline' });
    expect(f.message).toContain('The lock is inferred from the statement (offline SQL: nothing was traced).');
  });

  it('leaves concurrent builds and indexes on tables the PR creates alone', async () => {
    expect(
      await lintRule(RULE, [
        { sql: 'CREATE INDEX CONCURRENTLY ix_users_email ON users (email)', autocommit: true },
        'CREATE TABLE tags (id integer PRIMARY KEY, name text)',
        'CREATE INDEX ix_tags_name ON tags (name)',
      ]),
    ).toEqual([]);
  });
});
