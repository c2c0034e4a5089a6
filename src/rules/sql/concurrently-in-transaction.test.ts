import { describe, expect, it } from 'vitest';
import { lintRule } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'concurrently-in-transaction';

describe(RULE, () => {
  it('flags CONCURRENTLY inside the migration’s transaction (offline SQL, where nothing fails)', async () => {
    const found = await lintRule(
      RULE,
      [
        'CREATE INDEX CONCURRENTLY ix_a ON users (email)',
        'COMMIT',
        'DROP INDEX CONCURRENTLY ix_b',
        'BEGIN',
        'REINDEX INDEX CONCURRENTLY ix_c',
      ],
      { mode: 'offline' },
    );
    expect(found.map((f) => f.statement)).toEqual([
      'CREATE INDEX CONCURRENTLY ix_a ON users (email)',
      'REINDEX INDEX CONCURRENTLY ix_c',
    ]);
    expect(found[0]).toMatchObject({ severity: 'error' });
    expect(found[0].message).toContain('cannot run inside a transaction block');
    expect(found[0].fix?.summary).toContain('autocommit_block');
  });

  it('leaves statements of an autocommit_block alone', async () => {
    expect(
      await lintRule(RULE, [
        { sql: 'CREATE INDEX CONCURRENTLY ix_a ON users (email)', autocommit: true },
        { sql: 'DROP INDEX CONCURRENTLY ix_b', autocommit: true },
      ]),
    ).toEqual([]);
  });
});
