import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'add-column-volatile-default';

describe(RULE, () => {
  it('flags a volatile default, a serial, an identity and a stored generated column', async () => {
    const found = await lintRule(RULE, [
      { sql: 'ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid()', line: 10 },
      { sql: 'ALTER TABLE orders ADD COLUMN seq bigserial', line: 11 },
      { sql: 'ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY', line: 12 },
      {
        sql: 'ALTER TABLE orders ADD COLUMN double_total numeric GENERATED ALWAYS AS (total * 2) STORED',
        line: 13,
      },
      { sql: 'ALTER TABLE orders ADD COLUMN tag text DEFAULT my_tag()', line: 14 },
    ]);
    expect(found.map((f) => f.line)).toEqual([10, 11, 12, 13, 14]);
    expect(found[0].message).toContain('`gen_random_uuid()`, which is volatile');
    expect(found[0].message).toContain('ACCESS EXCLUSIVE');
    expect(found[4].message).toContain('unless the function is STABLE or IMMUTABLE');
  });

  it('accepts constants and stable functions on PostgreSQL 11+, and new tables', async () => {
    expect(
      await lintRule(RULE, [
        "ALTER TABLE orders ADD COLUMN plan text DEFAULT 'free'",
        'ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT now()',
        'ALTER TABLE orders ADD COLUMN at2 timestamptz DEFAULT CURRENT_TIMESTAMP',
        'CREATE TABLE t (id integer)',
        'ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid()',
      ]),
    ).toEqual([]);
  });

  it('flags any default before PostgreSQL 11 (the assumed version from the config)', async () => {
    const [f] = await lintRule(RULE, ["ALTER TABLE orders ADD COLUMN plan text DEFAULT 'free'"], {
      settings: { postgresVersion: '10' },
    });
    expect(f.message).toContain(
      'before PostgreSQL 11 any default is written into every row (PostgreSQL 10, as configured)',
    );
  });
});
