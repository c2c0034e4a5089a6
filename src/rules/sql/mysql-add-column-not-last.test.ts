import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'mysql-add-column-not-last';
const SQL = 'ALTER TABLE users ADD COLUMN nickname VARCHAR(50) AFTER email';

describe(RULE, () => {
  it('flags FIRST/AFTER on servers that only add a last column instantly', async () => {
    const my = await lintRule(RULE, [SQL], { dialect: 'mysql', settings: { mysqlVersion: '8.0.28' } });
    const maria = await lintRule(RULE, ['ALTER TABLE users ADD COLUMN n INT FIRST'], {
      dialect: 'mysql',
      serverVersion: '10.3.39-MariaDB',
    });
    expect(my[0].message).toContain(
      'is added AFTER rather than last on the existing table `users`: on MySQL 8.0.28, as configured',
    );
    expect(maria[0].message).toContain('added FIRST');
  });

  it('accepts newer servers and columns added last', async () => {
    expect(await lintRule(RULE, [SQL], { dialect: 'mysql', serverVersion: '8.0.36' })).toEqual([]);
    expect(await lintRule(RULE, [SQL], { dialect: 'mysql', serverVersion: '10.11.6-MariaDB' })).toEqual([]);
    expect(
      await lintRule(RULE, ['ALTER TABLE users ADD COLUMN n INT'], {
        dialect: 'mysql',
        settings: { mysqlVersion: '5.7' },
      }),
    ).toEqual([]);
  });
});
