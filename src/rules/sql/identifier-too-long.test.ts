import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'identifier-too-long';
const long = 'ix_customer_subscription_billing_events_customer_subscription_id_created_at';

describe(RULE, () => {
  it('flags identifiers over 63 bytes, as written (the parse tree holds them truncated)', async () => {
    const found = await lintRule(RULE, [
      { sql: `CREATE INDEX ${long} ON events (customer_subscription_id, created_at)`, line: 12 },
      { sql: `CREATE TABLE "${'é'.repeat(40)}" (id integer)`, line: 13 },
    ]);
    expect(found.map((f) => f.line)).toEqual([12, 13]);
    expect(found[0].message).toContain(`\`${long}\` is ${long.length} bytes long`);
    expect(found[0].message).toContain(`(\`${long.slice(0, 63)}\`)`);
    // 40 two-byte characters: 80 bytes, 40 characters.
    expect(found[1].message).toContain('is 80 bytes long');
  });

  it('accepts 63 bytes, and long names in statements that create nothing', async () => {
    expect(
      await lintRule(RULE, [`CREATE TABLE ${'t'.repeat(63)} (id integer)`, `SELECT 1 AS ${'x'.repeat(70)}`]),
    ).toEqual([]);
  });
});
