import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'blocking-maintenance';

describe(RULE, () => {
  it('flags REINDEX, VACUUM FULL and CLUSTER', async () => {
    const found = await lintRule(RULE, [
      { sql: 'REINDEX TABLE orders', line: 10 },
      { sql: 'VACUUM FULL orders', line: 11, autocommit: true },
      { sql: 'CLUSTER orders USING ix_orders_created', line: 12 },
    ]);
    expect(found.map((f) => f.line)).toEqual([10, 11, 12]);
    expect(found[1].message).toContain('`VACUUM FULL` on the existing table `orders`');
    expect(found[1].message).toContain('it ran in autocommit, where locks are not traced');
    expect(found[1].fix?.summary).toContain('pg_repack');
  });

  it('accepts REINDEX CONCURRENTLY and plain VACUUM', async () => {
    expect(
      await lintRule(RULE, [
        { sql: 'REINDEX TABLE CONCURRENTLY orders', autocommit: true },
        { sql: 'VACUUM ANALYZE orders', autocommit: true },
      ]),
    ).toEqual([]);
  });
});
