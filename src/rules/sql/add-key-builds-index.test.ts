import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'add-key-builds-index';

describe(RULE, () => {
  it('flags ADD UNIQUE and ADD PRIMARY KEY that build their index under the lock', async () => {
    const found = await lintRule(RULE, [
      {
        sql: 'ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email)',
        line: 15,
        locks: [lock('users', 'AccessExclusiveLock')],
      },
      { sql: 'ALTER TABLE orders ADD PRIMARY KEY (id)', line: 16, revision: 'r2' },
    ]);
    expect(found.map((f) => f.line)).toEqual([15, 16]);
    expect(found[0].message).toContain('UNIQUE constraint `uq_users_email` on the existing table `users`');
    expect(found[0].fix?.summary).toContain(
      'ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_users_email',
    );
    expect(found[1].fix?.summary).toContain('CREATE UNIQUE INDEX CONCURRENTLY orders_pkey ON orders (id)');
  });

  it('accepts USING INDEX, and keys of tables the PR creates', async () => {
    expect(
      await lintRule(RULE, [
        'ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_users_email',
        'CREATE TABLE tags (id integer)',
        'ALTER TABLE tags ADD PRIMARY KEY (id)',
      ]),
    ).toEqual([]);
  });
});
