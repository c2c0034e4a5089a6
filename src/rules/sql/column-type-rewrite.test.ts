import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';
import { rewriteFree } from './column-type-rewrite.js';

const RULE = 'column-type-rewrite';
const base = {
  users: ['id integer', 'email varchar(200)', 'name text', 'score numeric(10,2)', 'age integer', 'net cidr'],
};

describe(RULE, () => {
  it('flags a change that rewrites, with the old type from the base snapshot', async () => {
    const found = await lintRule(
      RULE,
      [
        {
          sql: 'ALTER TABLE users ALTER COLUMN age TYPE BIGINT',
          line: 20,
          locks: [lock('users', 'AccessExclusiveLock')],
        },
      ],
      { base },
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(
      'Changing `age` from `integer` to `bigint` on the existing table `users`',
    );
    expect(found[0].message).toContain('ACCESS EXCLUSIVE');
  });

  it('allows the binary-compatible changes', async () => {
    expect(
      await lintRule(
        RULE,
        [
          'ALTER TABLE users ALTER COLUMN email TYPE TEXT',
          'ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(300)',
          'ALTER TABLE users ALTER COLUMN score TYPE NUMERIC(12,2)',
          'ALTER TABLE users ALTER COLUMN score TYPE NUMERIC',
          'ALTER TABLE users ALTER COLUMN name TYPE VARCHAR',
          'ALTER TABLE users ALTER COLUMN net TYPE inet',
          'ALTER TABLE users ALTER COLUMN email TYPE TEXT USING email::text',
        ],
        { base },
      ),
    ).toEqual([]);
    expect(rewriteFree('varchar(200)', 'varchar(100)')).toBe(false);
    expect(rewriteFree('numeric(10,2)', 'numeric(12,3)')).toBe(false);
    expect(rewriteFree('timestamp', 'timestamptz')).toBe(false);
  });

  it('flags a narrowing, a USING expression, and says when the old type is unknown', async () => {
    const found = await lintRule(
      RULE,
      [
        'ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(100)',
        'ALTER TABLE users ALTER COLUMN name TYPE TEXT USING upper(name)',
      ],
      { base },
    );
    expect(found).toHaveLength(2);
    expect(found[1].message).toContain('USING expression');
    const [unknown] = await lintRule(RULE, ['ALTER TABLE users ALTER COLUMN email TYPE TEXT']);
    expect(unknown.message).toContain('its old type is unknown here');
  });
});
