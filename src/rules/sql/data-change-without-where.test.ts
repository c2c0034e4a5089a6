import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'data-change-without-where';

describe(RULE, () => {
  it('flags UPDATE and DELETE without WHERE on existing tables, in every dialect', async () => {
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      const found = await lintRule(RULE, ["UPDATE users SET plan = 'free'", 'DELETE FROM sessions'], {
        dialect,
      });
      expect(
        found.map((f) => f.message.slice(0, 30)),
        dialect,
      ).toEqual(['This UPDATE has no WHERE: it r', 'This DELETE has no WHERE: it d']);
    }
  });

  it('accepts a WHERE, and data changes of tables the PR creates', async () => {
    expect(
      await lintRule(RULE, [
        "UPDATE users SET plan = 'free' WHERE plan IS NULL",
        'CREATE TABLE plans (id integer)',
        'DELETE FROM plans',
      ]),
    ).toEqual([]);
  });
});
