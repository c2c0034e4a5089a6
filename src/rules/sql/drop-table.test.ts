import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'drop-table';

describe(RULE, () => {
  it('flags dropping an existing table, in every dialect', async () => {
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      const found = await lintRule(RULE, [{ sql: 'DROP TABLE legacy_sessions', line: 14 }], { dialect });
      expect(found, dialect).toHaveLength(1);
      expect(found[0]).toMatchObject({ line: 14, severity: 'warning' });
      expect(found[0].message).toContain('Dropping the existing table `legacy_sessions`');
    }
  });

  it('leaves a table the PR creates, and SQLite batch mode’s swap of the original, alone', async () => {
    expect(await lintRule(RULE, ['CREATE TABLE tmp (id integer)', 'DROP TABLE tmp'])).toEqual([]);
    expect(
      await lintRule(
        RULE,
        [
          'CREATE TABLE _alembic_tmp_users (id INTEGER NOT NULL, PRIMARY KEY (id))',
          'INSERT INTO _alembic_tmp_users (id) SELECT users.id FROM users',
          'DROP TABLE users',
          'ALTER TABLE _alembic_tmp_users RENAME TO users',
        ],
        { dialect: 'sqlite' },
      ),
    ).toEqual([]);
  });
});
