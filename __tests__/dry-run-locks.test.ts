import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembicMissing } from './helpers/alembic.js';
import { stockTemplates } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo, rev } from './helpers/dry-run-repo.js';
import { serverMissing } from './helpers/scratch-db.js';
import type { DryRunLock, Report } from '../src/report/model.js';

/**
 * Locks per statement, as PostgreSQL's own pg_locks shows them on the throwaway database: known statements
 * take the modes PostgreSQL documents, on the embedded PostgreSQL 18 and on a PostgreSQL 15 server alike.
 * One revision per statement (a transaction each), so every revision's locks are its statement's own.
 */
const noAlembic = alembicMissing('lock traces');

const REVISIONS = {
  ...rev(
    'c1000001',
    'bbbb0002',
    "op.create_index('ix_posts_title', 'posts', ['title'])",
    "op.drop_index('ix_posts_title', table_name='posts')",
  ),
  ...rev(
    'c1000002',
    'c1000001',
    "op.add_column('users', sa.Column('nick', sa.String(20)))",
    "op.drop_column('users', 'nick')",
  ),
  ...rev(
    'c1000003',
    'c1000002',
    "op.create_foreign_key('fk_posts_author_2', 'posts', 'users', ['author_id'], ['id'])",
    "op.drop_constraint('fk_posts_author_2', 'posts', type_='foreignkey')",
  ),
  ...rev(
    'c1000004',
    'c1000003',
    "op.alter_column('posts', 'title', nullable=False, existing_type=sa.String(200))",
    "op.alter_column('posts', 'title', nullable=True, existing_type=sa.String(200))",
  ),
  ...rev(
    'c1000005',
    'c1000004',
    "op.alter_column('users', 'email', type_=sa.Text(), existing_type=sa.String(200))",
    "op.alter_column('users', 'email', type_=sa.String(200), existing_type=sa.Text())",
  ),
  ...rev(
    'c1000006',
    'c1000005',
    "op.execute('ALTER TABLE posts ADD CONSTRAINT ck_posts_id CHECK (id > 0) NOT VALID')",
    "op.execute('ALTER TABLE posts DROP CONSTRAINT ck_posts_id')",
  ),
  ...rev(
    'c1000007',
    'c1000006',
    "op.execute('ALTER TABLE posts VALIDATE CONSTRAINT ck_posts_id')",
    "op.execute('SELECT 1')",
  ),
  ...rev(
    'c1000008',
    'c1000007',
    "op.execute(\"SET LOCAL lock_timeout = '2s'\")\nop.add_column('posts', sa.Column('slug', sa.String(20)))",
    "op.drop_column('posts', 'slug')",
  ),
};

/** Each revision's locks on tables that existed at the base heads, by revision, during the first upgrade. */
function locksByRevision(report: Report): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const step of report.environments[0].dryRun.steps.filter((s) => s.phase === 'upgrade')) {
    const locks = step.statements
      .filter((s) => !s.bookkeeping)
      .flatMap((s) => (s.locks ?? []) as DryRunLock[])
      .filter((l) => l.preexisting)
      .map((l) => `${l.mode} ${l.relation}`);
    out[step.revision] = [...new Set(locks)].sort();
  }
  return out;
}

const EXPECTED = {
  c1000001: ['ShareLock posts'],
  c1000002: ['AccessExclusiveLock users'],
  // Both tables, and the scan that validates the new key reads them (and the referenced key's index).
  c1000003: [
    'AccessShareLock posts',
    'AccessShareLock posts_pkey',
    'AccessShareLock users',
    'AccessShareLock users_pkey',
    'RowShareLock users',
    'ShareRowExclusiveLock posts',
    'ShareRowExclusiveLock users',
  ],
  c1000004: ['AccessExclusiveLock posts'],
  c1000005: ['AccessExclusiveLock users'],
  c1000006: ['AccessExclusiveLock posts'],
  c1000007: ['ShareUpdateExclusiveLock posts'],
  c1000008: ['AccessExclusiveLock posts'],
};

describe.skipIf(noAlembic)('locks per statement, traced on the throwaway database', async () => {
  const pgMissing = await serverMissing('postgresql', 'lock traces on PostgreSQL 15');
  let repo: DryRunRepo;
  let branch: string;
  beforeAll(async () => {
    const { generic } = await stockTemplates('generic');
    repo = new DryRunRepo({ template: generic, url: 'postgresql://app@db/app' });
    branch = repo.branch('locks', REVISIONS);
  });
  afterAll(() => repo?.cleanup());

  const check = async (database: string[]) => {
    const { report } = await checkJson(repo.repo.dir, ['--base', 'main', '--head', branch, ...database]);
    expect(report.environments[0].dryRun.status).toBe('passed');
    expect(locksByRevision(report)).toEqual(EXPECTED);
    const steps = report.environments[0].dryRun.steps.filter((s) => s.phase === 'upgrade');
    const slug = steps
      .find((s) => s.revision === 'c1000008')!
      .statements.find((s) => s.sql.includes('slug'))!;
    // The migration's own lock_timeout is seen; headsup's statement_timeout guard is not the migration's.
    expect(slug.timeouts).toEqual({ lock: '2s', statement: null });
    const nick = steps.find((s) => s.revision === 'c1000002')!.statements[0];
    expect(nick.timeouts).toEqual({ lock: null, statement: null });
  };

  it('on the embedded PostgreSQL (PGlite)', () => check([]));
  it.skipIf(pgMissing)('on PostgreSQL 15', () =>
    check(['--database', 'postgres://postgres@127.0.0.1:5432/postgres']),
  );
});
