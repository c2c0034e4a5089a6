import { describe, expect, it } from 'vitest';
import { lintRule, lock } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'add-constraint-not-valid';
const base = { users: ['id integer'], orders: ['id integer', 'user_id integer', 'total numeric(10,2)'] };

describe(RULE, () => {
  it('flags a foreign key validated at once, with both tables’ locks', async () => {
    const found = await lintRule(
      RULE,
      [
        {
          sql: 'ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY(user_id) REFERENCES users (id)',
          line: 19,
          locks: [lock('orders', 'ShareRowExclusiveLock'), lock('users', 'ShareRowExclusiveLock')],
        },
      ],
      { base },
    );
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(19);
    expect(found[0].message).toContain('FOREIGN KEY `fk_orders_user` to the existing table `orders`');
    expect(found[0].message).toContain('SHARE ROW EXCLUSIVE lock (blocks writes)');
    expect(found[0].message).toContain('holds `users` against writes too');
    expect(found[0].fix?.summary).toContain('ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user');
  });

  it('flags a CHECK, which locks reads too', async () => {
    const [f] = await lintRule(RULE, ['ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0)'], { base });
    expect(f.message).toContain('ACCESS EXCLUSIVE');
  });

  it('accepts NOT VALID, and constraints on tables the PR creates', async () => {
    expect(
      await lintRule(
        RULE,
        [
          'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID',
          'ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID',
          'CREATE TABLE tags (id integer, user_id integer)',
          'ALTER TABLE tags ADD CONSTRAINT fk_tags FOREIGN KEY (user_id) REFERENCES users (id)',
        ],
        { base },
      ),
    ).toEqual([]);
  });
});
