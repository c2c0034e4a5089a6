import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'sqlite-table-recreate';
/** What Alembic's batch mode runs for `batch_op.alter_column('email', type_=sa.String(300))`, all from one line. */
const batch = (table: string) =>
  [
    `CREATE TABLE _alembic_tmp_${table} (\n\tid INTEGER NOT NULL, \n\temail VARCHAR(300) NOT NULL, \n\tPRIMARY KEY (id)\n)`,
    `INSERT INTO _alembic_tmp_${table} (id, email) SELECT ${table}.id, ${table}.email \nFROM ${table}`,
    `DROP TABLE ${table}`,
    `ALTER TABLE _alembic_tmp_${table} RENAME TO ${table}`,
  ].map((sql) => ({ sql, line: 21 }));

describe(RULE, () => {
  it('flags a batch recreation of an existing table once, on the line that ran it', async () => {
    const found = await lintRule(RULE, batch('users'), { dialect: 'sqlite' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 21, severity: 'warning' });
    expect(found[0].message).toContain('recreates the existing table `users` as `_alembic_tmp_users`');
  });

  it('leaves a table the PR creates alone', async () => {
    expect(
      await lintRule(RULE, [{ sql: 'CREATE TABLE users (id INTEGER)', line: 5 }, ...batch('users')], {
        dialect: 'sqlite',
      }),
    ).toEqual([]);
  });
});
