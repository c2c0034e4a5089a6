import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'drop-column';

describe(RULE, () => {
  it('flags dropping a column of an existing table, in every dialect', async () => {
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      const found = await lintRule(RULE, [{ sql: 'ALTER TABLE users DROP COLUMN legacy_flag', line: 9 }], {
        dialect,
      });
      expect(found, dialect).toHaveLength(1);
      expect(found[0].message).toContain('Dropping `legacy_flag` from the existing table `users`');
    }
  });

  it('leaves columns the PR adds, and columns the base snapshot does not have, alone', async () => {
    expect(
      await lintRule(RULE, [
        { sql: 'ALTER TABLE users ADD COLUMN tmp integer', revision: 'r1' },
        { sql: 'ALTER TABLE users DROP COLUMN tmp', revision: 'r2' },
      ]),
    ).toEqual([]);
    expect(
      await lintRule(RULE, ['ALTER TABLE users DROP COLUMN IF EXISTS ghost'], {
        base: { users: ['id integer'] },
      }),
    ).toEqual([]);
  });
});
