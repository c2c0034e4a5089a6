import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'mysql-copy-or-lock';

describe(RULE, () => {
  it('flags ALGORITHM=COPY and LOCK=SHARED|EXCLUSIVE (MySQL and MariaDB grammars)', async () => {
    for (const serverVersion of ['8.0.36', '10.11.6-MariaDB']) {
      const found = await lintRule(
        RULE,
        [
          { sql: 'ALTER TABLE orders MODIFY note TEXT, ALGORITHM=COPY, LOCK=SHARED', line: 10 },
          { sql: 'ALTER TABLE orders ADD COLUMN x INT, LOCK=EXCLUSIVE', line: 11 },
        ],
        { dialect: 'mysql', serverVersion },
      );
      expect(
        found.map((f) => f.line),
        serverVersion,
      ).toEqual([10, 11]);
      expect(found[0].message).toBe(
        'On the existing table `orders` ALGORITHM=COPY copies every row into a new table, and LOCK=SHARED blocks writes for the whole statement.',
      );
      expect(found[1].message).toContain('LOCK=EXCLUSIVE blocks reads and writes');
    }
  });

  it('accepts INPLACE/INSTANT with LOCK=NONE', async () => {
    expect(
      await lintRule(
        RULE,
        [
          'ALTER TABLE orders ADD COLUMN x INT, ALGORITHM=INSTANT',
          'ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, ADD INDEX ix (a)',
        ],
        {
          dialect: 'mysql',
        },
      ),
    ).toEqual([]);
  });
});
