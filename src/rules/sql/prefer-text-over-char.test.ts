import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'prefer-text-over-char';

describe(RULE, () => {
  it('flags char(n) and character', async () => {
    const found = await lintRule(RULE, [
      'CREATE TABLE countries (code CHAR(2), flag character)',
      'ALTER TABLE users ALTER COLUMN country TYPE char(2)',
    ]);
    expect(found).toHaveLength(2);
    expect(found[0].message).toContain('`countries.code` and `countries.flag` are `char(n)`');
  });

  it('accepts varchar and text', async () => {
    expect(await lintRule(RULE, ['CREATE TABLE countries (code VARCHAR(2), name text)'])).toEqual([]);
  });
});
