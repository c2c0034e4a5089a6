import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembicMissing } from './helpers/alembic.js';
import { stockTemplates, lineOf, type StockTemplate } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo, rev } from './helpers/dry-run-repo.js';
import { serverMissing } from './helpers/scratch-db.js';
import type { DryRunStep, EnvironmentReport, Finding, Report } from '../src/report/model.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * The dry run end to end on the embedded PostgreSQL (PGlite), as a user runs it: the bundled CLI, Debian's
 * Alembic, real git branches. Each case is one branch off the same base.
 */
const missing = alembicMissing('dry runs on PGlite');

const steps = (env: EnvironmentReport, revision: string, phase: DryRunStep['phase']) =>
  env.dryRun.steps.filter((s) => s.revision === revision && s.phase === phase);
const only = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

/** A report without what differs from run to run: times, and how the base got there. */
function withoutTimes(report: Report): Report {
  const copy = structuredClone(report);
  for (const env of copy.environments) {
    const d = env.dryRun;
    delete d.ms;
    delete d.baseReplay;
    delete d.phases;
    for (const s of d.steps) {
      s.ms = 0;
      for (const st of s.statements) st.ms = 0;
    }
  }
  // Lock rules quote how long the throwaway database held the lock: a measurement, like ms.
  for (const f of copy.findings) f.message = f.message.replace(/held \d+ ms/g, 'held N ms');
  return copy;
}

describe.skipIf(missing)('the dry run on PGlite (bundled CLI, real Alembic)', () => {
  let templates: Record<'generic' | 'async', StockTemplate>;
  let repo: DryRunRepo;

  beforeAll(async () => {
    templates = await stockTemplates('generic', 'async');
    repo = new DryRunRepo({ template: templates.generic, url: 'postgresql://app@db.internal/app' });
  });
  afterAll(() => repo?.cleanup());

  it('a clean PR: each revision up, down and up again, with its SQL, lines, data and locks', async () => {
    const c1 = rev(
      'cccc0003',
      'bbbb0002',
      [
        "op.add_column('users', sa.Column('nickname', sa.String(50), nullable=True))",
        "users = sa.table('users', sa.column('id', sa.Integer), sa.column('nickname', sa.String))",
        "op.execute(users.update().values(nickname='anon'))",
        "op.bulk_insert(sa.table('users', sa.column('id', sa.Integer), sa.column('email', sa.String), sa.column('nickname', sa.String)), [{'id': 100, 'email': 'bot@x', 'nickname': 'bot'}])",
      ].join('\n'),
      "op.execute('DELETE FROM users WHERE id = 100')\nop.drop_column('users', 'nickname')",
    );
    const c2 = rev(
      'dddd0004',
      'cccc0003',
      "with op.get_context().autocommit_block():\n    op.execute('CREATE INDEX CONCURRENTLY ix_users_nickname ON users (nickname)')",
      "with op.get_context().autocommit_block():\n    op.execute('DROP INDEX CONCURRENTLY ix_users_nickname')",
    );
    const c3 = rev(
      'eeee0005',
      'dddd0004',
      [
        "op.execute('CREATE EXTENSION IF NOT EXISTS citext')",
        "op.execute(\"CREATE TYPE mood AS ENUM ('ok', 'sad')\")",
        'with op.get_context().autocommit_block():',
        '    op.execute("ALTER TYPE mood ADD VALUE \'meh\'")',
        "op.execute('ALTER TABLE users ADD COLUMN handle citext')",
      ].join('\n'),
      "op.drop_column('users', 'handle')\nop.execute('DROP TYPE mood')\nop.execute('DROP EXTENSION citext')",
    );
    const branch = repo.branch('clean', { ...c1, ...c2, ...c3 });
    const { report, code } = await checkJson(repo.repo.dir, ['--base', 'main', '--head', branch]);
    const env = report.environments[0];
    // The data migration updates every row of `users` in the transaction that holds it ACCESS EXCLUSIVE: the
    // SQL rules say so on its line (they have their own end-to-end tests); nothing else is wrong.
    expect(
      report.findings.filter((f) => f.severity !== 'notice').map((f) => [f.rule, f.file, f.line]),
    ).toEqual([
      [
        'access-exclusive-held',
        'migrations/versions/cccc0003_x.py',
        lineOf(c1['migrations/versions/cccc0003_x.py'], 'users.update()'),
      ],
      [
        'data-change-without-where',
        'migrations/versions/cccc0003_x.py',
        lineOf(c1['migrations/versions/cccc0003_x.py'], 'users.update()'),
      ],
    ]);
    expect(code).toBe(0);
    expect(env.dryRun).toMatchObject({
      status: 'passed',
      mode: 'online',
      database: 'pglite',
      engine: expect.stringMatching(/^PostgreSQL 18\.\d+ \(PGlite, embedded\)$/),
      dialect: { name: 'postgresql', basis: 'sqlalchemy.url in alembic.ini' },
      baseReplay: { revisions: 2, ok: true },
      phases: { upgrade: { ok: true }, downgrade: { ok: true }, reupgrade: { ok: true } },
    });
    for (const id of ['cccc0003', 'dddd0004', 'eeee0005'])
      for (const phase of ['upgrade', 'downgrade', 'reupgrade'] as const)
        expect(steps(env, id, phase), `${id} ${phase}`).toHaveLength(1);
    // Base revisions are replayed, not shown.
    expect(env.dryRun.steps.map((s) => s.revision)).not.toContain('aaaa0001');

    const file = 'migrations/versions/cccc0003_x.py';
    const source = execFileSync('git', ['show', `${branch}:${file}`], {
      cwd: repo.repo.dir,
      encoding: 'utf8',
    });
    const [up] = steps(env, 'cccc0003', 'upgrade');
    const own = up.statements.filter((s) => !s.bookkeeping);
    expect(own.map((s) => [s.sql.split(' ').slice(0, 3).join(' '), s.line])).toEqual([
      ['ALTER TABLE users', lineOf(source, 'op.add_column')],
      ['UPDATE users SET', lineOf(source, 'users.update()')],
      ['INSERT INTO users', lineOf(source, 'op.bulk_insert')],
    ]);
    expect(own.every((s) => s.file === file)).toBe(true);
    expect(own[1].sql).toContain("'anon'"); // the data migration, parameters rendered
    expect(own[0].locks).toContainEqual({
      relation: 'users',
      mode: 'AccessExclusiveLock',
      preexisting: true,
    });
    expect(up.statements.filter((s) => s.bookkeeping).map((s) => s.sql)).toEqual([
      expect.stringMatching(/^UPDATE alembic_version SET version_num='cccc0003'/),
    ]);

    const [concurrent] = steps(env, 'dddd0004', 'upgrade')[0].statements;
    expect(concurrent).toMatchObject({ autocommit: true, locks: null });
    expect(concurrent.sql).toContain('CREATE INDEX CONCURRENTLY');
    const enumStep = steps(env, 'eeee0005', 'upgrade')[0].statements.map((s) => s.sql);
    expect(env.dryRun.schemaDiff?.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\+ extension citext \d/),
        '+ column users.handle citext NULL',
        "+ enum mood ('ok', 'sad', 'meh')",
        '+ column users.nickname varchar(50) NULL',
        '+ index ix_users_nickname on users (nickname)',
      ]),
    );
    expect(enumStep).toEqual(
      expect.arrayContaining(["ALTER TYPE mood ADD VALUE 'meh'", 'CREATE EXTENSION IF NOT EXISTS citext']),
    );
  });

  it('a warm base: the second run on the same base boots from the kept data directory, with the same report', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'headsup-warm-'));
    try {
      const files = rev(
        'cccc0003',
        'bbbb0002',
        "op.create_index('ix_users_email', 'users', ['email'])\nop.add_column('posts', sa.Column('slug', sa.String(20)))",
        "op.drop_column('posts', 'slug')\nop.drop_index('ix_users_email', table_name='users')",
      );
      const branch = repo.branch('warm', files);
      const env = { HEADSUP_CACHE: 'on', HEADSUP_CACHE_DIR: cacheDir };
      const cold = await checkJson(repo.repo.dir, ['--base', 'main', '--head', branch], env);
      expect(readdirSync(join(cacheDir, 'pglite')).filter((f) => f.endsWith('.tar.zst'))).toHaveLength(1);
      const warm = await checkJson(repo.repo.dir, ['--base', 'main', '--head', branch], env);
      expect(cold.report.environments[0].dryRun.baseReplay).toMatchObject({ revisions: 2, ok: true });
      expect(cold.report.environments[0].dryRun.baseReplay?.cached).toBeUndefined();
      expect(warm.report.environments[0].dryRun.baseReplay).toMatchObject({ revisions: 2, cached: true });
      expect(withoutTimes(warm.report)).toEqual(withoutTimes(cold.report));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('a failing migration is an error on its line, with the database’s own message', async () => {
    const files = rev(
      'cccc0003',
      'bbbb0002',
      "op.add_column('users', sa.Column('x', sa.Integer()))\nop.execute('ALTER TABLE nosuch ADD COLUMN y int')",
    );
    const { report, code } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('failing', files),
    ]);
    const [f] = only(report.findings, 'dry-run-failed');
    expect(code).toBe(1);
    expect(f).toMatchObject({
      severity: 'error',
      file: 'migrations/versions/cccc0003_x.py',
      line: lineOf(Object.values(files)[0], 'nosuch'),
    });
    expect(f.message).toContain('relation "nosuch" does not exist');
    expect(report.environments[0].dryRun).toMatchObject({
      status: 'failed',
      phases: { upgrade: { ok: false } },
    });
    expect(report.environments[0].dryRun.phases?.downgrade).toBeUndefined();
  });

  it('a syntax error inside upgrade(), which the static checks leave to Alembic, is pinned by the dry run', async () => {
    // Inside a function body: no tokenizer error and no module-level compile error, so only Python finds it.
    const text = Object.values(rev('cccc0003', 'bbbb0002', "op.execute('SELECT 1')"))[0].replace(
      "    op.execute('SELECT 1')",
      "    op.execute('SELECT 1') = 3",
    );
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('syntax', { 'migrations/versions/cccc0003_x.py': text }),
    ]);
    const failed = only(report.findings, 'dry-run-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ file: 'migrations/versions/cccc0003_x.py', line: lineOf(text, '= 3') });
    expect(failed[0].message).toMatch(/SyntaxError: cannot assign to function call/);
    expect(report.findings.map((f) => f.rule)).not.toContain('invalid-migration');
  });

  it('an irreversible downgrade is a notice, and the round trip is skipped, not failed', async () => {
    const files = rev('cccc0003', 'bbbb0002', "op.add_column('users', sa.Column('x', sa.Integer()))", 'pass');
    const { report, code } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('oneway', files),
    ]);
    expect(code).toBe(0);
    expect(only(report.findings, 'irreversible-migration')).toEqual([
      expect.objectContaining({ severity: 'notice', file: 'migrations/versions/cccc0003_x.py' }),
    ]);
    expect(report.environments[0].dryRun).toMatchObject({
      status: 'passed',
      reason: expect.stringContaining('round trip skipped'),
    });
    expect(report.environments[0].dryRun.phases?.downgrade).toBeUndefined();
  });

  it('a downgrade that does not undo its upgrade fails on the way up again', async () => {
    const files = rev(
      'cccc0003',
      'bbbb0002',
      "op.create_table('tags', sa.Column('id', sa.Integer(), primary_key=True))",
      "op.execute('SELECT 1')",
    );
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('leaky', files),
    ]);
    const [f] = only(report.findings, 'dry-run-failed');
    expect(f.message).toMatch(/upgrading again after the downgrade.*"tags" already exists/s);
    const [mismatch] = only(report.findings, 'roundtrip-mismatch');
    expect(mismatch).toMatchObject({ severity: 'warning', file: 'migrations/versions/cccc0003_x.py' });
    expect(mismatch.message).toContain('left behind: table tags');
    expect(report.environments[0].dryRun.phases).toMatchObject({
      downgrade: { ok: true },
      reupgrade: { ok: false },
    });
  });

  it('a downgrade that does not restore a column type is a roundtrip-mismatch naming it', async () => {
    const files = rev(
      'cccc0003',
      'bbbb0002',
      "op.alter_column('users', 'email', type_=sa.Text())",
      "op.execute('SELECT 1')",
    );
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('type-kept', files),
    ]);
    const env = report.environments[0];
    expect(env.dryRun.schemaDiff).toEqual([
      expect.objectContaining({
        action: 'changed',
        kind: 'column',
        parent: 'users',
        name: 'email',
        text: '~ column users.email: varchar(200) → text',
      }),
    ]);
    const [f] = only(report.findings, 'roundtrip-mismatch');
    expect(f.message).toContain('not restored: column users.email: text, expected varchar(200)');
    expect(only(report.findings, 'dry-run-failed')).toEqual([]);
  });

  it('an env.py the PR breaks is an error on env.py; env.py reading DATABASE_URL is pointed at the throwaway database', async () => {
    const broken = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('broken-env', {
        'migrations/env.py': `import no_such_module_here\n${templates.generic.envPy}`,
        ...rev('cccc0003', 'bbbb0002', "op.execute('SELECT 1')", "op.execute('SELECT 1')"),
      }),
    ]);
    const [f] = only(broken.report.findings, 'dry-run-failed');
    expect(f).toMatchObject({ severity: 'error', file: 'migrations/env.py', line: 1 });
    expect(f.message).toContain("No module named 'no_such_module_here'");

    const envUrl = templates.generic.envPy
      .replace(
        /connectable = engine_from_config\([\s\S]*?\)\n/,
        'import os\n    connectable = create_engine(os.environ["DATABASE_URL"], poolclass=pool.NullPool)\n',
      )
      .replace(
        'from sqlalchemy import engine_from_config',
        'from sqlalchemy import create_engine, engine_from_config',
      );
    expect(envUrl).toContain('os.environ["DATABASE_URL"]');
    const viaEnv = await checkJson(
      repo.repo.dir,
      [
        '--base',
        'main',
        '--head',
        repo.branch('env-url', {
          'migrations/env.py': envUrl,
          ...rev(
            'cccc0003',
            'bbbb0002',
            "op.add_column('users', sa.Column('x', sa.Integer()))",
            "op.drop_column('users', 'x')",
          ),
        }),
      ],
      { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/nowhere' },
    );
    expect(viaEnv.report.findings.filter((x) => x.severity !== 'notice')).toEqual([]);
    expect(viaEnv.report.environments[0].dryRun.status).toBe('passed');
  });

  it('an env.py hard-coding another database is redirected: that database stays untouched', async (ctx) => {
    if (await serverMissing('postgresql', 'the hard-coded database case')) return ctx.skip();
    const other = `hardcoded_${randomBytes(4).toString('hex')}`;
    const psql = (db: string, sql: string) =>
      execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-Atc', sql], {
        encoding: 'utf8',
      }).trim();
    psql('postgres', `CREATE DATABASE ${other}`);
    try {
      const envPy = templates.generic.envPy
        .replace(
          /connectable = engine_from_config\([\s\S]*?\)\n/,
          `connectable = create_engine("postgresql://postgres@127.0.0.1:5432/${other}")\n`,
        )
        .replace(
          'from sqlalchemy import engine_from_config',
          'from sqlalchemy import create_engine, engine_from_config',
        );
      const { report } = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch(`hardcoded-${other}`, {
          'migrations/env.py': envPy,
          ...rev(
            'cccc0003',
            'bbbb0002',
            "op.add_column('users', sa.Column('x', sa.Integer()))",
            "op.drop_column('users', 'x')",
          ),
        }),
      ]);
      expect(report.environments[0].dryRun.status).toBe('passed');
      expect(psql(other, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).toBe('0');
    } finally {
      psql('postgres', `DROP DATABASE IF EXISTS ${other} WITH (FORCE)`);
    }
  });

  it('a graph with two heads after the merge still dry-runs every head', async () => {
    repo.repo.checkout('main');
    const moved = new DryRunRepo({ template: templates.generic, url: 'postgresql://x/y' });
    try {
      moved.branch(
        'pr',
        rev(
          'dddd0004',
          'bbbb0002',
          "op.add_column('users', sa.Column('pr_col', sa.Integer()))",
          "op.drop_column('users', 'pr_col')",
        ),
      );
      moved.repo
        .write(
          rev(
            'cccc0003',
            'bbbb0002',
            "op.add_column('posts', sa.Column('slug', sa.String(20)))",
            "op.drop_column('posts', 'slug')",
          ),
        )
        .commit('moved on');
      const { report } = await checkJson(moved.repo.dir, ['--base', 'main', '--head', 'pr']);
      const env = report.environments[0];
      expect(env.mergedHeads.sort()).toEqual(['cccc0003', 'dddd0004']);
      expect(env.dryRun.status).toBe('passed');
      expect(env.dryRun.baseReplay?.revisions).toBe(3);
      expect(steps(env, 'dddd0004', 'reupgrade')).toHaveLength(1);
      expect(report.findings.map((f) => f.rule)).toContain('stale-parent');
    } finally {
      moved.cleanup();
    }
  });

  it('an extension PGlite lacks (PostGIS) is one warning naming it, suggesting a server', async () => {
    const files = rev(
      'cccc0003',
      'bbbb0002',
      "op.execute('CREATE EXTENSION postgis')",
      "op.execute('DROP EXTENSION postgis')",
    );
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('postgis', files),
    ]);
    const [f] = only(report.findings, 'extension-unavailable');
    expect(f.message).toContain('`postgis`');
    expect(f.fix?.summary).toContain('postgres://');
  });

  it('offline SQL (--database none) per revision, and a revision that needs a connection is named', async () => {
    const files = {
      ...rev(
        'cccc0003',
        'bbbb0002',
        "op.add_column('users', sa.Column('x', sa.Integer()))",
        "op.drop_column('users', 'x')",
      ),
      ...rev(
        'dddd0004',
        'cccc0003',
        "n = op.get_bind().execute(sa.text('SELECT count(*) FROM users')).scalar()\nop.execute(f'SELECT {n}')",
      ),
    };
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('offline', files),
      '--database',
      'none',
    ]);
    const env = report.environments[0];
    expect(env.dryRun).toMatchObject({ mode: 'offline', status: 'failed' });
    expect(steps(env, 'cccc0003', 'upgrade')[0].statements.map((s) => s.sql)).toEqual([
      'ALTER TABLE users ADD COLUMN x INTEGER',
      expect.stringMatching(/^UPDATE alembic_version SET version_num='cccc0003'/),
    ]);
    const [f] = only(report.findings, 'dry-run-failed');
    expect(f).toMatchObject({ file: 'migrations/versions/dddd0004_x.py' });
    expect(f.message).toMatch(/`dddd0004` cannot be rendered as offline SQL/);
  });
});

describe.skipIf(missing)('model drift: env.py’s target_metadata against what the migrations build', () => {
  const models = (extra: string) => `import sqlalchemy as sa

metadata = sa.MetaData()
users = sa.Table(
    'users', metadata,
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('email', sa.String(200), nullable=False),
${extra})
posts = sa.Table(
    'posts', metadata,
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('author_id', sa.Integer, sa.ForeignKey('users.id')),
    sa.Column('title', sa.String(200)),
)
audit = sa.Table('audit', metadata, sa.Column('id', sa.Integer, primary_key=True))
`;
  it('drift the PR brings is a warning; drift base already had is one notice', async () => {
    const { generic } = await stockTemplates('generic');
    const repo = new DryRunRepo({
      template: generic,
      url: 'postgresql://app@db/app',
      envPy: (s) => s.replace('target_metadata = None', 'from app_models import metadata as target_metadata'),
      // The models already have a table no migration creates: drift before any PR.
      baseFiles: { 'app_models.py': models('') },
    });
    try {
      const files = {
        // The PR adds nickname with its migration, and age to the models only.
        'app_models.py': models(
          "    sa.Column('nickname', sa.String(50)),\n    sa.Column('age', sa.Integer),\n",
        ),
        ...rev(
          'cccc0003',
          'bbbb0002',
          "op.add_column('users', sa.Column('nickname', sa.String(50)))",
          "op.drop_column('users', 'nickname')",
        ),
      };
      const { report } = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('drift', files),
      ]);
      const d = report.environments[0].dryRun;
      expect(d.drift).toEqual({
        compared: true,
        items: [
          expect.objectContaining({ kind: 'add_table', side: 'models', table: 'audit', preexisting: true }),
          expect.objectContaining({ kind: 'add_column', side: 'models', table: 'users', column: 'age' }),
        ],
      });
      expect(d.drift?.items[1].preexisting).toBeUndefined();
      const found = only(report.findings, 'model-drift');
      expect(found.map((f) => [f.severity, f.file])).toEqual([
        ['warning', 'migrations/env.py'],
        ['notice', 'migrations/env.py'],
      ]);
      expect(found[0].message).toContain('users.age');
      expect(found[0].message).not.toContain('audit');
      expect(found[1].message).toContain('audit');

      // No target_metadata: nothing compared, said once, no finding.
      const plain = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('no-metadata', {
          'migrations/env.py': generic.envPy,
          ...rev('cccc0003', 'bbbb0002', "op.execute('SELECT 1')", "op.execute('SELECT 1')"),
        }),
      ]);
      expect(plain.report.environments[0].dryRun.drift).toEqual({ compared: false, items: [] });
      expect(only(plain.report.findings, 'model-drift')).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });
});

describe.skipIf(missing)('an async env.py (alembic init -t async) on asyncpg, on PGlite', () => {
  it('runs, closes its connections, and passes', async () => {
    const [templates] = [await stockTemplates('async')];
    const repo = new DryRunRepo({ template: templates.async, url: 'postgresql+asyncpg://app@db/app' });
    try {
      const files = rev(
        'cccc0003',
        'bbbb0002',
        "op.add_column('users', sa.Column('x', sa.Integer()))",
        "op.drop_column('users', 'x')",
      );
      const { report } = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('pr', files),
      ]);
      expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
      expect(report.environments[0].dryRun).toMatchObject({
        status: 'passed',
        phases: { reupgrade: { ok: true } },
      });
    } finally {
      repo.cleanup();
    }
  });
});
