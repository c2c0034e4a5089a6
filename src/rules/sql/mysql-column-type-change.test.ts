import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'mysql-column-type-change';
const base = { orders: ['total int', 'note varchar(20)', 'title varchar(100)'] };

describe(RULE, () => {
  it('flags a type change on an existing table', async () => {
    const found = await lintRule(RULE, [{ sql: 'ALTER TABLE orders MODIFY total BIGINT NULL', line: 10 }], {
      dialect: 'mysql',
      base,
    });
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(
      '`total` on the existing table `orders` changes from `int` to `bigint`',
    );
  });

  it('flags a VARCHAR widened past its length-prefix size, not one within it', async () => {
    const found = await lintRule(
      RULE,
      [
        'ALTER TABLE orders MODIFY note VARCHAR(60) NULL',
        'ALTER TABLE orders MODIFY note VARCHAR(70) NULL',
        'ALTER TABLE orders MODIFY title VARCHAR(300) NULL',
      ],
      { dialect: 'mysql', base },
    );
    // utf8mb4: 60 characters fit a 1-byte length prefix (240 bytes), 70 do not; 100 → 300 stays on 2 bytes.
    expect(found.map((f) => f.statement)).toEqual(['ALTER TABLE orders MODIFY note VARCHAR(70) NULL']);
  });

  it('accepts a restated type and tables the PR creates', async () => {
    expect(
      await lintRule(
        RULE,
        [
          'ALTER TABLE orders MODIFY total INTEGER NOT NULL',
          'ALTER TABLE orders MODIFY total INT(11) NULL',
          'CREATE TABLE t (a INT)',
          'ALTER TABLE t MODIFY a BIGINT',
        ],
        { dialect: 'mysql', base },
      ),
    ).toEqual([]);
  });
});
