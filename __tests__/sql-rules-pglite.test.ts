import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembicMissing } from './helpers/alembic.js';
import { lineOf, revisionFile, stockTemplates } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo, type CheckRun } from './helpers/dry-run-repo.js';
import {
  BASE_FILES,
  CLEAN,
  expectEachOnce,
  expectedFindings,
  UNSAFE,
  withSuppressions,
} from './helpers/sql-scenarios.js';
import { sqlRules } from '../src/rules/sql/index.js';

/**
 * The SQL rules over a real dry run on the embedded PostgreSQL (PGlite), through the bundled CLI and Debian's
 * Alembic: a clean additive PR draws no warning; a PR with one unsafe pattern per revision draws each exactly
 * once, on its op.* line, with the locks traced there; suppressions become waivers. Offline SQL too.
 */
const missing = alembicMissing('SQL rules on PGlite');
const SQL_RULES = new Set(sqlRules.map((r) => r.id));

describe.skipIf(missing)('the SQL rules over a PGlite dry run (bundled CLI, real Alembic)', () => {
  let repo: DryRunRepo;
  let unsafe: CheckRun;
  const files = withSuppressions(UNSAFE);

  beforeAll(async () => {
    const { generic } = await stockTemplates('generic');
    repo = new DryRunRepo({
      template: generic,
      url: 'postgresql://app@db.internal/app',
      baseFiles: BASE_FILES,
    });
    unsafe = await checkJson(repo.repo.dir, ['--base', 'main', '--head', repo.branch('unsafe', files)]);
  });
  afterAll(() => repo?.cleanup());

  it('a clean additive PR gets no warning', async () => {
    const { report, code } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('clean', CLEAN),
    ]);
    expect(report.environments[0].dryRun).toMatchObject({ status: 'passed', mode: 'online' });
    expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    expect(code).toBe(0);
  });

  it('flags each unsafe pattern exactly once, on its op.* line, with its statement and fix', () => {
    const { report } = unsafe;
    expect(report.environments[0].dryRun).toMatchObject({ status: 'passed', mode: 'online' });
    const suppressed = new Set(['truncate-table', 'data-change-without-where']);
    expectEachOnce(
      report,
      expectedFindings(files).filter((e) => !suppressed.has(e.rule)),
      SQL_RULES,
    );
    const index = report.findings.find((f) => f.rule === 'create-index-not-concurrently')!;
    expect(index.statement).toBe('CREATE INDEX ix_posts_title ON posts (title)');
    expect(index.fix?.summary).toContain('postgresql_concurrently=True');
    expect(unsafe.code).toBe(1); // add-column-not-null-without-default is an error
  });

  it('lock findings come from the traced locks, with the time held on the throwaway database', () => {
    const { report } = unsafe;
    const traced =
      /The lock was traced on the throwaway database and held \d+(\.\d)? (ms|s) there, to the end of its transaction/;
    for (const rule of [
      'create-index-not-concurrently',
      'set-not-null',
      'add-key-builds-index',
      'drop-index-not-concurrently',
    ])
      expect(report.findings.find((f) => f.rule === rule)?.message, rule).toMatch(traced);
    expect(report.findings.find((f) => f.rule === 'create-index-not-concurrently')?.message).toContain(
      'takes a SHARE lock (blocks writes)',
    );
    expect(report.findings.find((f) => f.rule === 'drop-index-not-concurrently')?.message).toContain(
      'takes an ACCESS EXCLUSIVE lock (blocks reads and writes) on `posts`',
    );
    const held = report.findings.find((f) => f.rule === 'access-exclusive-held')!;
    expect(held.message).toContain(
      `locked ACCESS EXCLUSIVE by line ${lineOf(files['migrations/versions/u09_x.py'], 'add_column')}`,
    );
  });

  it('suppressions with a reason become waivers; without one, a warning; one that suppresses nothing, a notice', () => {
    const { report } = unsafe;
    expect(report.waivers).toEqual([
      expect.objectContaining({
        rule: 'truncate-table',
        file: 'migrations/versions/u15_x.py',
        reason: 'audit is rebuilt nightly from the log',
        scope: 'statement',
        suppressed: 1,
      }),
      expect.objectContaining({
        rule: 'data-change-without-where',
        file: 'migrations/versions/u16_x.py',
        reason: '',
      }),
    ]);
    expect(report.findings.filter((f) => f.rule === 'suppression-without-reason').map((f) => f.file)).toEqual(
      ['migrations/versions/u16_x.py'],
    );
    expect(
      report.findings.filter((f) => f.rule === 'unused-suppression').map((f) => [f.file, f.severity]),
    ).toEqual([['migrations/versions/u18_x.py', 'notice']]);
  });

  it('offline SQL (--database none): the same rules, locks said to be inferred, findings on upgrade()', async () => {
    const rev = (id: string, down: string, body: string) => ({
      [`migrations/versions/${id}_x.py`]: revisionFile(id, down, body),
    });
    const offline = {
      ...rev(
        'o1',
        'cccc0000',
        "op.create_index('ix_posts_title', 'posts', ['title'], postgresql_concurrently=True)",
      ),
      ...rev('o2', 'o1', 'op.execute("CREATE TYPE mood AS ENUM (\'ok\')")'),
      ...rev(
        'o3',
        'o2',
        'op.execute("ALTER TYPE mood ADD VALUE \'meh\'")\nop.execute("SELECT \'meh\'::mood")',
      ),
      ...rev('o4', 'o3', "op.create_index('ix_users_email', 'users', ['email'])"),
    };
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('offline', offline),
      '--database',
      'none',
    ]);
    expect(report.environments[0].dryRun).toMatchObject({ mode: 'offline', status: 'passed' });
    const at = (id: string) => [
      `migrations/versions/${id}_x.py`,
      lineOf(offline[`migrations/versions/${id}_x.py`], 'def upgrade'),
    ];
    const pick = (rule: string) =>
      report.findings.filter((f) => f.rule === rule).map((f) => [f.file, f.line]);
    expect(pick('concurrently-in-transaction')).toEqual([at('o1')]);
    expect(pick('enum-value-in-transaction')).toEqual([at('o3')]);
    expect(pick('create-index-not-concurrently')).toEqual([at('o4')]);
    expect(report.findings.find((f) => f.rule === 'create-index-not-concurrently')?.message).toContain(
      'The lock is inferred from the statement (offline SQL: nothing was traced).',
    );
    expect(pick('irreversible-migration')).toHaveLength(4);
  });
});
