import { describe, expect, it } from 'vitest';
import { FILE, lint, steps } from '../../../__tests__/helpers/sql-rules.js';
import type { Finding } from '../../report/model.js';
import { sqlFindings } from './engine.js';

describe('the SQL rules engine', () => {
  it('says once which statements its parser could not read, and checks the rest', async () => {
    const found = await lint(
      [
        { sql: 'PRAGMA legacy_alter_table=ON', line: 10 },
        { sql: 'PRAGMA foreign_keys=ON', line: 11 },
        { sql: 'DROP TABLE sessions', line: 12 },
      ],
      { dialect: 'sqlite' },
    );
    expect(found.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['drop-table', 'warning', 12],
      ['sql-not-parsed', 'notice', 10],
    ]);
    expect(found[1].message).toMatch(
      /^2 statements the dry run executed could not be parsed by node-sql-parser \(sqlite\)/,
    );
  });

  it('flags a pattern once per op.* line, however many statements the call issued', async () => {
    const found = await lint([
      { sql: 'ALTER TABLE users DROP COLUMN a', line: 20 },
      { sql: 'ALTER TABLE users DROP COLUMN b', line: 20 },
    ]);
    const drops = found.filter((f) => f.rule === 'drop-column');
    expect(drops).toHaveLength(1);
    expect(drops[0].message).toContain('The same line issues 1 more statement this rule flags.');
  });

  it('points offline findings at the revision’s upgrade(), since offline SQL carries no line', async () => {
    const source =
      "revision = 'r1'\ndown_revision = None\n\n\ndef upgrade():\n    op.drop_table('sessions')\n\n\ndef downgrade():\n    op.create_table('sessions')\n";
    const st = steps(['DROP TABLE sessions']);
    for (const s of st) for (const x of s.statements) delete x.line;
    for (const s of st) for (const x of s.statements) delete x.file;
    const { findings } = await sqlFindings({
      environment: 'migrations',
      dialect: 'postgresql',
      mode: 'offline',
      steps: st,
      prRevisions: new Set(['r1']),
      fileOf: new Map([['r1', FILE('r1')]]),
      sources: new Map([[FILE('r1'), source]]),
    });
    expect(findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['missing-lock-timeout', FILE('r1'), 5],
      ['drop-table', FILE('r1'), 5],
    ]);
    expect(findings[0].message).toContain(
      'The lock is inferred from the statement (offline SQL: nothing was traced).',
    );
  });

  it('applies the PR files’ suppressions to the dry run’s own findings too, and never loads a parser for none', async () => {
    const source =
      'def upgrade():\n    pass\n\n\n# headsup: ignore[irreversible-migration] the old rows are archived, not restorable\ndef downgrade():\n    pass\n';
    const dryRun: Finding = {
      rule: 'irreversible-migration',
      severity: 'notice',
      environment: 'migrations',
      file: FILE('r1'),
      line: 6,
      message: '`r1` has a downgrade() that does nothing',
    };
    const { findings, waivers } = await sqlFindings({
      environment: 'migrations',
      dialect: 'postgresql',
      mode: 'online',
      steps: [],
      prRevisions: new Set(['r1']),
      fileOf: new Map([['r1', FILE('r1')]]),
      sources: new Map([[FILE('r1'), source]]),
      findings: [dryRun],
    });
    expect(findings).toEqual([]);
    expect(waivers).toEqual([
      expect.objectContaining({
        rule: 'irreversible-migration',
        line: 5,
        reason: 'the old rows are archived, not restorable',
      }),
    ]);
  });

  it('reads only the PR’s first upgrade: base revisions, downgrades and the second upgrade are not judged', async () => {
    const st = steps(['DROP TABLE sessions']);
    const down = { ...st[0], phase: 'downgrade' as const, direction: 'downgrade' as const };
    const again = { ...st[0], phase: 'reupgrade' as const };
    const base = { ...st[0], revision: 'b0' };
    const { findings } = await sqlFindings({
      environment: 'migrations',
      dialect: 'postgresql',
      mode: 'online',
      steps: [down, again, base],
      prRevisions: new Set(['r1']),
      fileOf: new Map(),
      sources: new Map(),
    });
    expect(findings).toEqual([]);
  });
});
