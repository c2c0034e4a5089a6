import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'missing-lock-timeout';
const ADD = (line: number) => ({
  sql: 'ALTER TABLE users ADD COLUMN nickname text',
  line,
  locks: [lock('users', 'AccessExclusiveLock')],
});

describe(RULE, () => {
  it('flags the first ACCESS EXCLUSIVE lock of a transaction taken without lock_timeout, once', async () => {
    const found = await lintRule(RULE, [
      ADD(10),
      { sql: 'ALTER TABLE users ADD COLUMN bio text', line: 11, locks: [] },
      { ...ADD(12), revision: 'r2' },
    ]);
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [10, 'notice'],
      [12, 'notice'],
    ]);
    expect(found[0].message).toContain('ACCESS EXCLUSIVE lock on the existing table `users`');
    expect(found[0].message).toContain('The lock was traced on the throwaway database');
  });

  it('accepts SET LOCAL in the transaction, a session SET earlier, env.py’s SET and the config’s word for it', async () => {
    expect(await lintRule(RULE, ["SET LOCAL lock_timeout = '2s'", ADD(11)])).toEqual([]);
    expect(
      await lintRule(RULE, [
        { sql: "SET lock_timeout = '5s'", revision: 'r1' },
        { ...ADD(11), revision: 'r2' },
      ]),
    ).toEqual([]);
    expect(await lintRule(RULE, ["SELECT set_config('lock_timeout', '3s', true)", ADD(11)])).toEqual([]);
    expect(await lintRule(RULE, [ADD(10)], { preamble: ["SET lock_timeout TO '4s'"] })).toEqual([]);
    expect(await lintRule(RULE, [ADD(10)], { settings: { lockTimeout: true } })).toEqual([]);
  });

  it('knows SET LOCAL ends with its transaction, and that a zero timeout is none', async () => {
    expect(
      await lintRule(RULE, [
        { sql: "SET LOCAL lock_timeout = '2s'", revision: 'r1' },
        { ...ADD(11), revision: 'r2' },
      ]),
    ).toHaveLength(1);
    expect(await lintRule(RULE, ['SET lock_timeout = 0', ADD(11)])).toHaveLength(1);
  });

  it('leaves tables the PR creates alone', async () => {
    expect(
      await lintRule(RULE, [
        'CREATE TABLE tags (id integer)',
        { sql: 'ALTER TABLE tags ADD COLUMN name text', locks: [lock('tags', 'AccessExclusiveLock', false)] },
      ]),
    ).toEqual([]);
  });
});
