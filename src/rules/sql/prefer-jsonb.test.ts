import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'prefer-jsonb';

describe(RULE, () => {
  it('flags json columns the PR creates or adds, once per statement', async () => {
    const found = await lintRule(RULE, [
      { sql: 'CREATE TABLE events (id bigint, payload json, extra json)', line: 10 },
      { sql: 'ALTER TABLE users ADD COLUMN prefs JSON', line: 11 },
    ]);
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [10, 'notice'],
      [11, 'notice'],
    ]);
    expect(found[0].message).toContain('`events.payload` and `events.extra` are `json`');
  });

  it('accepts jsonb', async () => {
    expect(await lintRule(RULE, ['CREATE TABLE events (id bigint, payload jsonb)'])).toEqual([]);
  });
});
