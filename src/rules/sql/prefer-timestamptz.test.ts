import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'prefer-timestamptz';

describe(RULE, () => {
  it('flags timestamp without time zone (as SQLAlchemy’s DateTime() renders it)', async () => {
    const found = await lintRule(RULE, [
      'CREATE TABLE orders (id serial, shipped_at TIMESTAMP WITHOUT TIME ZONE)',
      'ALTER TABLE users ADD COLUMN seen_at timestamp(3)',
    ]);
    expect(found).toHaveLength(2);
    expect(found[0].message).toContain('`orders.shipped_at` is `timestamp without time zone`');
  });

  it('accepts timestamptz', async () => {
    expect(
      await lintRule(RULE, ['CREATE TABLE orders (at TIMESTAMP WITH TIME ZONE, at2 timestamptz)']),
    ).toEqual([]);
  });
});
