import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'drop-not-null';

describe(RULE, () => {
  it('flags DROP NOT NULL, and MySQL’s MODIFY … NULL of a column that was NOT NULL', async () => {
    const pg = await lintRule(RULE, ['ALTER TABLE users ALTER COLUMN email DROP NOT NULL']);
    const my = await lintRule(RULE, ['ALTER TABLE users MODIFY email VARCHAR(200) NULL'], {
      dialect: 'mysql',
      base: { users: ['id int not null', 'email varchar(200) not null'] },
    });
    for (const found of [pg, my]) {
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain('`email` on the existing table `users` becomes nullable');
    }
  });

  it('leaves a MySQL MODIFY of a column that was nullable (or unknown) alone', async () => {
    expect(
      await lintRule(RULE, ['ALTER TABLE users MODIFY email VARCHAR(300) NULL'], {
        dialect: 'mysql',
        base: { users: ['email varchar(200)'] },
      }),
    ).toEqual([]);
    expect(
      await lintRule(RULE, ['ALTER TABLE users MODIFY email VARCHAR(300) NULL'], { dialect: 'mysql' }),
    ).toEqual([]);
  });
});
