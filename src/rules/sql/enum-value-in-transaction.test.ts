import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'enum-value-in-transaction';

describe(RULE, () => {
  it('flags the statement that uses a value added in the same transaction (offline: nothing failed)', async () => {
    const found = await lintRule(
      RULE,
      [
        { sql: "ALTER TYPE order_status ADD VALUE 'refunded'", line: 10 },
        { sql: "UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL", line: 11 },
      ],
      { mode: 'offline' },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error' });
    expect(found[0].message).toContain("uses `'refunded'`, which line 10 added to `order_status`");
  });

  it('flags ADD VALUE inside a transaction before PostgreSQL 12', async () => {
    const [f] = await lintRule(RULE, ["ALTER TYPE order_status ADD VALUE 'refunded'"], {
      settings: { postgresVersion: '11' },
    });
    expect(f.message).toContain('PostgreSQL before 12 refuses (PostgreSQL 11, as configured)');
  });

  it('accepts a value added in an autocommit block, or used in a later transaction', async () => {
    expect(
      await lintRule(RULE, [
        { sql: "ALTER TYPE order_status ADD VALUE 'refunded'", autocommit: true },
        "UPDATE orders SET status = 'refunded' WHERE id = 1",
        { sql: "ALTER TYPE order_status ADD VALUE 'lost'", revision: 'r1' },
        { sql: "UPDATE orders SET status = 'lost' WHERE id = 2", revision: 'r2' },
      ]),
    ).toEqual([]);
  });
});
