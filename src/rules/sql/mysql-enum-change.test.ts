import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'mysql-enum-change';
const base = { orders: ["status enum('new','paid') not null"] };

describe(RULE, () => {
  it('flags an ENUM change that is not an append at the end', async () => {
    const found = await lintRule(
      RULE,
      ["ALTER TABLE orders MODIFY status ENUM('new','cancelled','paid') NOT NULL"],
      {
        dialect: 'mysql',
        base,
      },
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("changes from ENUM('new', 'paid') to ('new', 'cancelled', 'paid')");
  });

  it('accepts values appended at the end', async () => {
    expect(
      await lintRule(RULE, ["ALTER TABLE orders MODIFY status ENUM('new','paid','refunded') NOT NULL"], {
        dialect: 'mysql',
        base,
      }),
    ).toEqual([]);
  });

  it('says so when the old definition is unknown', async () => {
    const [f] = await lintRule(RULE, ["ALTER TABLE orders MODIFY status ENUM('a','b')"], {
      dialect: 'mysql',
    });
    expect(f.message).toContain('its old definition is unknown here');
  });
});
