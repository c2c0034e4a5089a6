import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'rename-table';

describe(RULE, () => {
  it('flags renaming an existing table, in every dialect', async () => {
    const pg = await lintRule(RULE, ['ALTER TABLE customers RENAME TO clients']);
    const my = await lintRule(RULE, ['RENAME TABLE customers TO clients'], { dialect: 'mysql' });
    const lite = await lintRule(RULE, ['ALTER TABLE customers RENAME TO clients'], { dialect: 'sqlite' });
    for (const found of [pg, my, lite]) {
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain('Renaming the existing table `customers` to `clients`');
    }
  });

  it('leaves batch mode’s rename of its copy, and tables the PR creates, alone', async () => {
    expect(
      await lintRule(
        RULE,
        ['CREATE TABLE _alembic_tmp_users (id INTEGER)', 'ALTER TABLE _alembic_tmp_users RENAME TO users'],
        {
          dialect: 'sqlite',
        },
      ),
    ).toEqual([]);
    expect(await lintRule(RULE, ['CREATE TABLE a (id integer)', 'ALTER TABLE a RENAME TO b'])).toEqual([]);
  });
});
