import { describe, expect, it } from 'vitest';
import { FILE, lint } from '../../../__tests__/helpers/sql-rules.js';

const RULE = 'irreversible-migration';
const source = (downgrade: string) =>
  `revision = 'r1'\ndown_revision = None\n\n\ndef upgrade():\n    op.add_column('users', sa.Column('x', sa.Integer()))\n\n\n${downgrade}`;

describe(RULE, () => {
  it('is said for offline SQL, where no downgrade runs (online, the dry run says it itself)', async () => {
    const sources = { [FILE('r1')]: source('def downgrade():\n    pass\n') };
    const offline = (
      await lint(['ALTER TABLE users ADD COLUMN x integer'], { mode: 'offline', sources })
    ).filter((f) => f.rule === RULE);
    expect(offline).toEqual([
      expect.objectContaining({
        severity: 'notice',
        file: FILE('r1'),
        line: 9,
        message: '`r1` has a downgrade() that does nothing: it cannot be rolled back.',
      }),
    ]);
    const online = await lint(['ALTER TABLE users ADD COLUMN x integer'], { sources });
    expect(online.filter((f) => f.rule === RULE)).toEqual([]);
  });

  it('is quiet for a real downgrade', async () => {
    const sources = { [FILE('r1')]: source("def downgrade():\n    op.drop_column('users', 'x')\n") };
    const found = await lint(['ALTER TABLE users ADD COLUMN x integer'], { mode: 'offline', sources });
    expect(found.filter((f) => f.rule === RULE)).toEqual([]);
  });
});
