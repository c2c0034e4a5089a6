import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'drop-schema-or-database';

describe(RULE, () => {
  it('flags DROP SCHEMA and DROP DATABASE as errors', async () => {
    const pg = await lintRule(RULE, ['DROP SCHEMA reporting CASCADE', 'DROP DATABASE old']);
    const my = await lintRule(RULE, ['DROP DATABASE old'], { dialect: 'mysql' });
    expect(pg.map((f) => f.message)).toEqual([
      'This drops the schema `reporting` and everything in it.',
      'This drops the database `old` and everything in it.',
    ]);
    expect(my).toHaveLength(1);
    expect(my[0].severity).toBe('error');
  });

  it('leaves other drops to their rules', async () => {
    expect(await lintRule(RULE, ['DROP TABLE t', 'DROP TYPE mood'])).toEqual([]);
  });
});
