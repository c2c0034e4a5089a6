import { describe, expect, it } from 'vitest';
import type { Finding } from '../../report/model.js';
import { applySuppressions, suppressionsIn } from './suppress.js';

const FILE = 'migrations/versions/r1_x.py';
const PY = `"""add nickname

Revision ID: r1
"""
# headsup: ignore[prefer-jsonb] events are write-once blobs, never queried
from alembic import op
import sqlalchemy as sa

revision = 'r1'


def upgrade():
    # headsup: ignore[drop-column] unused since v2.3, removed from the model in #812
    op.drop_column('users', 'legacy_flag')
    op.execute(  # headsup: ignore[data-change-without-where, missing-lock-timeout]
        "UPDATE users SET plan = 'free'"
    )
    with op.batch_alter_table('events') as batch:  # headsup: ignore[sqlite-table-recreate] 200 rows
        batch.alter_column('payload', type_=sa.Text())
    op.drop_table('sessions')  # headsup: ignore[drop-table] replaced by redis in #901
`;

const finding = (rule: string, line: number, file = FILE): Finding => ({
  rule,
  severity: 'warning',
  message: rule,
  environment: 'migrations',
  file,
  line,
});

describe('suppressions', () => {
  it('reads each comment’s rules, reason and the lines it covers, with a real Python parser', () => {
    expect(
      suppressionsIn(FILE, PY).map((s) => [s.rules, s.reason, s.line, s.scope, s.fromLine, s.toLine]),
    ).toEqual([
      [['prefer-jsonb'], 'events are write-once blobs, never queried', 5, 'file', 1, Number.MAX_SAFE_INTEGER],
      [['drop-column'], 'unused since v2.3, removed from the model in #812', 13, 'statement', 14, 14],
      [['data-change-without-where', 'missing-lock-timeout'], '', 15, 'statement', 15, 17],
      [['sqlite-table-recreate'], '200 rows', 18, 'statement', 18, 19],
      [['drop-table'], 'replaced by redis in #901', 20, 'statement', 20, 20],
    ]);
  });

  it('reads SQL files the same way (`--` comments, quotes and dollar quotes skipped)', () => {
    const sql = [
      '-- headsup: ignore[drop-table] file-wide reason',
      "INSERT INTO notes VALUES ('-- headsup: ignore[x] not a comment');",
      '-- headsup: ignore[drop-column] above',
      'ALTER TABLE users',
      '  DROP COLUMN legacy; -- headsup: ignore[rename-table] trailing',
      'DO $$ BEGIN -- headsup: ignore[y] inside a body',
      'END $$;',
    ].join('\n');
    const found = suppressionsIn('db/001.sql', sql);
    expect(found.map((s) => [s.rules[0], s.scope, s.fromLine, s.toLine])).toEqual([
      ['drop-table', 'file', 1, Number.MAX_SAFE_INTEGER],
      ['drop-column', 'statement', 4, 5],
      ['rename-table', 'statement', 4, 5],
    ]);
  });

  it('drops what they cover, lists the waivers, warns on a missing reason and notes an unused one', () => {
    const findings = [
      finding('drop-column', 14),
      finding('data-change-without-where', 16),
      finding('prefer-jsonb', 30),
      finding('sqlite-table-recreate', 18),
      finding('drop-table', 20),
      finding('drop-table', 21),
      finding('drop-column', 14, 'migrations/versions/other.py'),
    ];
    const known = new Set([
      'drop-column',
      'data-change-without-where',
      'missing-lock-timeout',
      'prefer-jsonb',
      'drop-table',
      'sqlite-table-recreate',
    ]);
    const out = applySuppressions(findings, suppressionsIn(FILE, PY), 'migrations', known);
    expect(out.findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ['drop-table', 21, 'warning'],
      ['drop-column', 14, 'warning'],
      ['suppression-without-reason', 15, 'warning'],
      ['unused-suppression', 15, 'notice'],
    ]);
    expect(out.findings.find((f) => f.rule === 'unused-suppression')?.message).toContain(
      '`missing-lock-timeout`',
    );
    expect(out.waivers).toEqual([
      {
        rule: 'prefer-jsonb',
        environment: 'migrations',
        file: FILE,
        line: 5,
        reason: 'events are write-once blobs, never queried',
        scope: 'file',
        suppressed: 1,
      },
      {
        rule: 'drop-column',
        environment: 'migrations',
        file: FILE,
        line: 13,
        reason: 'unused since v2.3, removed from the model in #812',
        scope: 'statement',
        suppressed: 1,
      },
      {
        rule: 'data-change-without-where',
        environment: 'migrations',
        file: FILE,
        line: 15,
        reason: '',
        scope: 'statement',
        suppressed: 1,
      },
      {
        rule: 'sqlite-table-recreate',
        environment: 'migrations',
        file: FILE,
        line: 18,
        reason: '200 rows',
        scope: 'statement',
        suppressed: 1,
      },
      {
        rule: 'drop-table',
        environment: 'migrations',
        file: FILE,
        line: 20,
        reason: 'replaced by redis in #901',
        scope: 'statement',
        suppressed: 1,
      },
    ]);
  });

  it('names an id no rule has', () => {
    const text = "def upgrade():\n    op.drop_table('x')  # headsup: ignore[drop-tabel] typo\n";
    const out = applySuppressions([], suppressionsIn(FILE, text), 'migrations', new Set(['drop-table']));
    expect(out.findings[0].message).toContain('`drop-tabel` (no rule has this id)');
  });
});
