import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'rename-column';

describe(RULE, () => {
  it('flags renaming a column of an existing table (MySQL’s CHANGE too)', async () => {
    const pg = await lintRule(RULE, ['ALTER TABLE users RENAME COLUMN name TO full_name']);
    const my = await lintRule(RULE, ['ALTER TABLE users CHANGE name full_name VARCHAR(200) NULL'], {
      dialect: 'mysql',
    });
    for (const found of [pg, my]) {
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain('Renaming `name` to `full_name` on the existing table `users`');
    }
  });

  it('leaves CHANGE that keeps the name, and columns the PR adds, alone', async () => {
    expect(
      await lintRule(RULE, ['ALTER TABLE users CHANGE name name VARCHAR(300) NULL'], { dialect: 'mysql' }),
    ).toEqual([]);
    expect(
      await lintRule(RULE, [
        'ALTER TABLE users ADD COLUMN nick text',
        'ALTER TABLE users RENAME COLUMN nick TO handle',
      ]),
    ).toEqual([]);
  });
});
