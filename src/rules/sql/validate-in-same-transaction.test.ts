import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'validate-in-same-transaction';
const ADD = 'ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID';
const VALIDATE = 'ALTER TABLE orders VALIDATE CONSTRAINT ck_total';

describe(RULE, () => {
  it('flags VALIDATE in the transaction that added the constraint NOT VALID', async () => {
    const found = await lintRule(RULE, [
      { sql: ADD, line: 12 },
      { sql: VALIDATE, line: 13 },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 13, severity: 'warning' });
    expect(found[0].message).toContain('added it NOT VALID (line 12)');
  });

  it('accepts VALIDATE in a later revision or after a commit', async () => {
    expect(
      await lintRule(RULE, [
        { sql: ADD, revision: 'r1' },
        { sql: VALIDATE, revision: 'r2' },
      ]),
    ).toEqual([]);
    expect(await lintRule(RULE, [ADD, 'COMMIT', 'BEGIN', VALIDATE], { mode: 'offline' })).toEqual([]);
  });
});
