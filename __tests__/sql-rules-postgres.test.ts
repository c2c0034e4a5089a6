import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembicMissing } from './helpers/alembic.js';
import { stockTemplates } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo } from './helpers/dry-run-repo.js';
import { headsupDatabasesOnPostgres, serverMissing } from './helpers/scratch-db.js';
import { BASE_FILES, CLEAN, expectEachOnce, expectedFindings, UNSAFE } from './helpers/sql-scenarios.js';
import { sqlRules } from '../src/rules/sql/index.js';

/**
 * The SQL rules over a dry run on a real PostgreSQL 15 server (a headsup_<random> database made and dropped
 * per run): the same PRs as on PGlite, judged by the same traced locks, with the server's own version.
 */
const URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const missing =
  alembicMissing('SQL rules on PostgreSQL') ?? (await serverMissing('postgresql', 'SQL rules on PostgreSQL'));
const SQL_RULES = new Set(sqlRules.map((r) => r.id));

const throwaway = headsupDatabasesOnPostgres;

describe.skipIf(missing)('the SQL rules over a PostgreSQL 15 dry run (bundled CLI, real Alembic)', () => {
  let repo: DryRunRepo;
  let before: string[];

  beforeAll(async () => {
    const { generic } = await stockTemplates('generic');
    repo = new DryRunRepo({
      template: generic,
      url: 'postgresql://app@db.internal/app',
      baseFiles: BASE_FILES,
    });
    before = throwaway();
  });
  afterAll(() => repo?.cleanup());

  it('a clean additive PR gets no warning', async () => {
    const { report, code } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('clean', CLEAN),
      '--database',
      URL,
    ]);
    expect(report.environments[0].dryRun).toMatchObject({
      status: 'passed',
      mode: 'online',
      engineVersion: expect.stringMatching(/^15\./),
    });
    expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    expect(code).toBe(0);
  });

  it('flags each unsafe pattern exactly once, on its op.* line, from the locks PostgreSQL 15 took', async () => {
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('unsafe', UNSAFE),
      '--database',
      URL,
    ]);
    expect(report.environments[0].dryRun).toMatchObject({ status: 'passed', mode: 'online' });
    expectEachOnce(report, expectedFindings(UNSAFE), SQL_RULES);
    const traced = /The lock was traced on the throwaway database and held \d+(\.\d)? (ms|s) there/;
    for (const rule of [
      'create-index-not-concurrently',
      'add-constraint-not-valid',
      'set-not-null',
      'column-type-rewrite',
    ])
      expect(report.findings.find((f) => f.rule === rule)?.message, rule).toMatch(traced);
    // The server's version is what the version-dependent rules judge by (no config here).
    expect(report.findings.find((f) => f.rule === 'set-not-null')?.fix?.summary).toContain('NOT VALID');
    expect(throwaway()).toEqual(before);
  });
});
