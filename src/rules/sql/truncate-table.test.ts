import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'truncate-table';

describe(RULE, () => {
  it('flags TRUNCATE of an existing table, and says what CASCADE adds', async () => {
    const found = await lintRule(RULE, [
      { sql: 'TRUNCATE audit_log CASCADE', line: 10, locks: [lock('audit_log', 'AccessExclusiveLock')] },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('deletes every row of the existing table `audit_log`');
    expect(found[0].message).toContain('CASCADE also empties every table with a foreign key to it');
  });

  it('accepts TRUNCATE of a table the PR creates (seed data reloaded)', async () => {
    expect(await lintRule(RULE, ['CREATE TABLE staging (id integer)', 'TRUNCATE staging'])).toEqual([]);
  });
});
