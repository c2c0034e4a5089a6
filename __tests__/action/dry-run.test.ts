import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alembicMissing, PYTHON } from '../helpers/alembic.js';
import { lineOf, stockTemplates } from '../helpers/alembic-project.js';
import { DryRunRepo, rev } from '../helpers/dry-run-repo.js';
import type { Report } from '../../src/report/model.js';
import { FakeCacheService } from './fake-cache.js';
import { FakeGitHub } from './fake-github.js';
import { runAction, type ActionRun } from './harness.js';
import { fakePull, mergeCommit, pullPayload, registerPull } from './repos.js';

/**
 * The action with its dry run on, as a PR runs it: the real dist/index.js, the real Alembic, PGlite, the fake
 * GitHub API and the fake Actions cache service. The comment carries the SQL and the warnings, the annotation
 * sits on the op.* line, and a second job on a fresh runner boots the base from the cache the first one saved.
 */
const noAlembic = alembicMissing('the action’s dry run');
const FILE = 'migrations/versions/cccc0003_x.py';

describe.skipIf(noAlembic)('the action with the dry run (PGlite, the Actions cache)', () => {
  let fake: FakeGitHub;
  let cache: FakeCacheService;
  let repo: DryRunRepo;
  let merge: string;
  let prHead: string;
  let text: string;
  const cacheDir = mkdtempSync(join(tmpdir(), 'headsup-runner-cache-'));

  beforeAll(async () => {
    fake = await new FakeGitHub().start();
    cache = await new FakeCacheService().start();
    const { generic } = await stockTemplates('generic');
    repo = new DryRunRepo({ template: generic, url: 'postgresql://app@db/app' });
    const files = rev(
      'cccc0003',
      'bbbb0002',
      "op.add_column('posts', sa.Column('slug', sa.String(40)))\nop.create_index('ix_posts_title', 'posts', ['title'])",
      "op.drop_index('ix_posts_title', table_name='posts')\nop.drop_column('posts', 'slug')",
    );
    text = files[FILE];
    repo.branch('feature', files);
    prHead = repo.repo.git('rev-parse', 'feature');
    merge = mergeCommit(repo.repo, repo.repo.git('rev-parse', 'main'), 'feature');
    registerPull(fake, fakePull(21, prHead, files), files);
  });
  afterAll(async () => {
    await fake?.stop();
    await cache?.stop();
    repo?.cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** One job on a fresh runner: its ~/.cache/headsup starts empty; the Actions cache is what persists. */
  async function job(runId: number): Promise<{ run: ActionRun; report: Report; comment: string }> {
    rmSync(cacheDir, { recursive: true, force: true });
    const run = await runAction({
      fake,
      workspace: repo.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 21, baseSha: repo.repo.git('rev-parse', 'main'), headSha: prHead }),
      sha: merge,
      runId,
      inputs: { 'dry-run': 'true', python: PYTHON },
      env: {
        HEADSUP_CACHE: 'on',
        HEADSUP_CACHE_DIR: cacheDir,
        // `uses: headsup-dev/headsup@v1`: the rule links go to headsup's own docs at that ref.
        GITHUB_ACTION_REPOSITORY: 'headsup-dev/headsup',
        GITHUB_ACTION_REF: 'v1',
        ...cache.env(),
      },
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as Report;
    const comments = fake.comments.get(21) ?? [];
    expect(comments).toHaveLength(1);
    return { run, report, comment: comments[0].body };
  }

  const warnings = (r: Report) =>
    r.findings
      .filter((f) => f.severity !== 'notice')
      .map((f) => ({ ...f, message: f.message.replace(/held \d+ ms/g, 'held N ms') }));

  let first: Awaited<ReturnType<typeof job>>;

  it('the comment shows the SQL each revision ran and the warning beside its statement; the annotation is on the op line', async () => {
    first = await job(300);
    const { run, report, comment } = first;
    expect(report.environments[0].dryRun).toMatchObject({
      status: 'passed',
      engine: expect.stringMatching(/^PostgreSQL 18\.\d+ \(PGlite, embedded\)$/),
      baseReplay: { revisions: 2, ok: true },
    });
    expect(report.environments[0].dryRun.baseReplay?.cached).toBeUndefined();
    expect(comment).toMatch(
      /dry run on PostgreSQL 18\.\d+ \(PGlite, embedded\) · base replayed: 2 revisions/,
    );
    expect(comment).toContain('```sql\nALTER TABLE posts ADD COLUMN slug VARCHAR(40);');
    expect(comment).toContain('CREATE INDEX ix_posts_title ON posts (title);');
    // The warning's rule links its documentation; the safe form is beside it.
    expect(comment).toContain(
      '[**create-index-not-concurrently**](https://github.com/headsup-dev/headsup/blob/v1/docs/rules.md#create-index-not-concurrently)',
    );
    expect(comment).toContain('postgresql_concurrently=True');
    const line = lineOf(text, 'create_index');
    const annotation = run.annotations.find((a) => a.props.title?.includes('create-index-not-concurrently'));
    expect(annotation).toMatchObject({ level: 'warning', props: { file: FILE, line: String(line) } });
    expect(warnings(report)).toEqual([
      expect.objectContaining({ rule: 'create-index-not-concurrently', file: FILE, line }),
    ]);
    // The job summary has the SQL too (the comment may be cut; the summary and the report are whole).
    expect(run.summary).toContain('CREATE INDEX ix_posts_title ON posts (title)');
    // The warm base went to the Actions cache under this run's key.
    expect(cache.entries.filter((e) => e.finalized).map((e) => e.key)).toEqual(['headsup-pglite-300-1']);
    expect(cache.calls.every((c) => !c.path.startsWith('/twirp/') || c.auth === 'Bearer fake-runtime')).toBe(
      true,
    );
  });

  it('a later job on a fresh runner restores the base from the Actions cache: same findings, and the comment says so', async () => {
    const second = await job(301);
    expect(second.run.stdout).toContain(
      'headsup: warm bases restored from the Actions cache (headsup-pglite-300-1)',
    );
    expect(second.report.environments[0].dryRun.baseReplay).toMatchObject({ revisions: 2, cached: true });
    expect(second.comment).toMatch(/base \(2 revisions\) from the warm cache/);
    expect(warnings(second.report)).toEqual(warnings(first.report));
    // Nothing new to keep: no second entry.
    expect(cache.entries).toHaveLength(1);
  });
});
