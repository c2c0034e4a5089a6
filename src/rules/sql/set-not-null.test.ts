import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'set-not-null';
const base = { users: ['id integer', 'email varchar(200)'] };

describe(RULE, () => {
  it('flags SET NOT NULL on an existing table and suggests the CHECK NOT VALID path', async () => {
    const found = await lintRule(
      RULE,
      [{ sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL', line: 30 }],
      { base },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 30, severity: 'warning' });
    expect(found[0].message).toContain('reads every row');
    expect(found[0].fix?.summary).toContain('CHECK (email IS NOT NULL) NOT VALID');
  });

  it('says there is no shortcut before PostgreSQL 12', async () => {
    const [f] = await lintRule(RULE, ['ALTER TABLE users ALTER COLUMN email SET NOT NULL'], {
      base,
      serverVersion: '11.2',
    });
    expect(f.fix?.summary).toContain('Before PostgreSQL 12 (PostgreSQL 11.2, the dry run’s server)');
  });

  it('accepts SET NOT NULL after a validated CHECK (col IS NOT NULL), in the PR or at the base', async () => {
    expect(
      await lintRule(
        RULE,
        [
          { sql: 'ALTER TABLE users ADD CONSTRAINT ck CHECK (email IS NOT NULL) NOT VALID', revision: 'r1' },
          { sql: 'ALTER TABLE users VALIDATE CONSTRAINT ck', revision: 'r2' },
          { sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL', revision: 'r3' },
        ],
        { base },
      ),
    ).toEqual([]);
    expect(
      await lintRule(RULE, ['ALTER TABLE users ALTER COLUMN email SET NOT NULL'], {
        base,
        checks: { users: ['CHECK ((email IS NOT NULL))'] },
      }),
    ).toEqual([]);
    expect(
      await lintRule(RULE, ['CREATE TABLE t (a int)', 'ALTER TABLE t ALTER COLUMN a SET NOT NULL']),
    ).toEqual([]);
  });
});
