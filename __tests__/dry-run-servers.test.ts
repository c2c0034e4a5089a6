import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alembicMissing, PYTHON } from './helpers/alembic.js';
import { stockTemplates, lineOf, type StockTemplate } from './helpers/alembic-project.js';
import { checkJson, DryRunRepo, rev } from './helpers/dry-run-repo.js';
import {
  headsupDatabasesOnMariaDb,
  headsupDatabasesOnPostgres,
  serverMissing,
} from './helpers/scratch-db.js';
import { bundled } from './helpers/bundle.js';
import type { Finding } from '../src/report/model.js';

/**
 * The dry run end to end on real servers (PostgreSQL 15, MariaDB 10.11) and on SQLite: a throwaway
 * database is created for each run, used, and dropped, whatever happens; the URL's own database is never
 * written.
 */
const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const MARIADB_URL = 'mysql://root@127.0.0.1:3306/test';
const noAlembic = alembicMissing('dry runs on servers');

const pgDatabases = headsupDatabasesOnPostgres;
const mariaDatabases = headsupDatabasesOnMariaDb;
const only = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const serious = (findings: Finding[]) => findings.filter((f) => f.severity !== 'notice');

let templates: Record<'generic' | 'async', StockTemplate>;
beforeAll(async () => {
  if (!noAlembic) templates = await stockTemplates('generic', 'async');
});

describe.skipIf(noAlembic)('on PostgreSQL 15 through a server URL', async () => {
  const missing = await serverMissing('postgresql', 'dry runs on PostgreSQL 15');
  let repo: DryRunRepo;
  let before: string[];
  beforeAll(() => {
    if (missing) return;
    before = pgDatabases();
    repo = new DryRunRepo({ template: templates.generic, url: 'postgresql://app@db/app' });
  });
  afterAll(() => {
    repo?.cleanup();
    // Every run dropped its throwaway database.
    if (!missing) expect(pgDatabases()).toEqual(before);
  });

  it.skipIf(missing)(
    'a data migration, a plain index and a concurrent one: the plain one and the backfill under the lock are warned, the job passes, with server locks',
    async () => {
      const files = {
        ...rev(
          'cccc0003',
          'bbbb0002',
          "op.add_column('users', sa.Column('nick', sa.String(40)))\nop.execute(\"UPDATE users SET nick = 'x' WHERE nick IS NULL\")",
          "op.drop_column('users', 'nick')",
        ),
        ...rev(
          'dddd0004',
          'cccc0003',
          "op.create_index('ix_posts_title', 'posts', ['title'])",
          "op.drop_index('ix_posts_title', table_name='posts')",
        ),
        ...rev(
          'eeee0005',
          'dddd0004',
          "with op.get_context().autocommit_block():\n    op.execute('CREATE INDEX CONCURRENTLY ix_users_nick ON users (nick)')",
          "with op.get_context().autocommit_block():\n    op.execute('DROP INDEX CONCURRENTLY ix_users_nick')",
        ),
      };
      const { report, code } = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('clean', files),
        '--database',
        PG_URL,
      ]);
      const env = report.environments[0];
      // The concurrent index in its autocommit block is the safe form: no finding for it.
      expect(serious(report.findings).map((f) => [f.rule, f.file, f.line])).toEqual([
        [
          'access-exclusive-held',
          'migrations/versions/cccc0003_x.py',
          lineOf(files['migrations/versions/cccc0003_x.py'], 'UPDATE users'),
        ],
        [
          'create-index-not-concurrently',
          'migrations/versions/dddd0004_x.py',
          lineOf(files['migrations/versions/dddd0004_x.py'], 'create_index'),
        ],
      ]);
      expect(code).toBe(0);
      expect(env.dryRun).toMatchObject({
        status: 'passed',
        database: 'postgres://postgres@127.0.0.1:5432/postgres',
        engine: expect.stringMatching(/^PostgreSQL 15\./),
        phases: { upgrade: { ok: true }, downgrade: { ok: true }, reupgrade: { ok: true } },
      });
      const index = env.dryRun.steps.find((s) => s.revision === 'dddd0004' && s.phase === 'upgrade')!;
      expect(index.statements[0].locks).toContainEqual({
        relation: 'posts',
        mode: 'ShareLock',
        preexisting: true,
      });
      const update = env.dryRun.steps.find((s) => s.revision === 'cccc0003' && s.phase === 'upgrade')!
        .statements[1];
      expect(update).toMatchObject({
        sql: "UPDATE users SET nick = 'x' WHERE nick IS NULL",
        file: 'migrations/versions/cccc0003_x.py',
      });
    },
  );

  it.skipIf(missing)('a failing migration: an error on its line, and the database is dropped', async () => {
    const files = rev('cccc0003', 'bbbb0002', "op.execute('ALTER TABLE users ADD COLUMN email text')");
    const { report, code } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('failing', files),
      '--database',
      PG_URL,
    ]);
    expect(code).toBe(1);
    const [f] = only(report.findings, 'dry-run-failed');
    expect(f).toMatchObject({
      file: 'migrations/versions/cccc0003_x.py',
      line: lineOf(Object.values(files)[0], 'ADD COLUMN email'),
    });
    expect(f.message).toContain('column "email" of relation "users" already exists');
  });

  it.skipIf(missing)(
    'a statement over --statement-timeout is a dry-run-timeout, not a stuck job',
    async () => {
      const files = rev('cccc0003', 'bbbb0002', "op.execute('SELECT pg_sleep(20)')");
      const { report } = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('slow', files),
        '--database',
        PG_URL,
        '--statement-timeout',
        '0.5',
      ]);
      const [f] = only(report.findings, 'dry-run-timeout');
      expect(f).toMatchObject({ severity: 'error', file: 'migrations/versions/cccc0003_x.py' });
    },
  );

  it.skipIf(missing)('an async env.py on asyncpg', async () => {
    const asyncRepo = new DryRunRepo({ template: templates.async, url: 'postgresql+asyncpg://app@db/app' });
    try {
      const files = rev(
        'cccc0003',
        'bbbb0002',
        "op.add_column('users', sa.Column('x', sa.Integer()))",
        "op.drop_column('users', 'x')",
      );
      const { report } = await checkJson(asyncRepo.repo.dir, [
        '--base',
        'main',
        '--head',
        asyncRepo.branch('pr', files),
        '--database',
        PG_URL,
      ]);
      expect(serious(report.findings)).toEqual([]);
      expect(report.environments[0].dryRun.phases?.reupgrade?.ok).toBe(true);
    } finally {
      asyncRepo.cleanup();
    }
  });

  it.skipIf(missing)(
    'SIGTERM mid-run: exit 143, Python stopped, the throwaway database dropped',
    async () => {
      const files = rev('cccc0003', 'bbbb0002', "op.execute('SELECT pg_sleep(60)')");
      const branch = repo.branch('sigterm', files);
      const child = spawn(
        process.execPath,
        [
          bundled('cli.js'),
          'check',
          '--repo',
          repo.repo.dir,
          '--base',
          'main',
          '--head',
          branch,
          '--database',
          PG_URL,
          '--python',
          PYTHON,
        ],
        { stdio: 'ignore' },
      );
      // Wait until the run has made its database and is inside the sleeping statement.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const sleeping = execFileSync(
          'psql',
          [
            '-h',
            '127.0.0.1',
            '-U',
            'postgres',
            '-d',
            'postgres',
            '-Atc',
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'",
          ],
          { encoding: 'utf8' },
        ).trim();
        if (sleeping !== '0') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(pgDatabases().length).toBeGreaterThan(before.length);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(pgDatabases()).toEqual(before);
    },
  );

  it.skipIf(missing)(
    'stderr closed mid-run (a trace piped to a pager that quit): the run goes on and drops its database',
    async () => {
      const files = rev('cccc0003', 'bbbb0002', "op.execute('SELECT pg_sleep(1)')");
      const branch = repo.branch('closed-stderr', files);
      const child = spawn(
        process.execPath,
        [
          bundled('cli.js'),
          'check',
          '--repo',
          repo.repo.dir,
          '--base',
          'main',
          '--head',
          branch,
          '--database',
          PG_URL,
          '--python',
          PYTHON,
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, HEADSUP_TRACE: '1' },
        },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      // The first trace line: the reader goes away; later trace lines meet a closed pipe (EPIPE).
      child.stderr.once('data', () => child.stderr.destroy());
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
      expect(code).toBe(0);
      expect(stdout).toContain('✓ cccc0003  up ✓ 1 statement');
      expect(pgDatabases()).toEqual(before);
    },
  );
});

describe.skipIf(noAlembic)('on MariaDB 10.11 through a server URL, and offline without one', async () => {
  const missing = await serverMissing('mysql', 'dry runs on MariaDB');
  let repo: DryRunRepo;
  let before: string[];
  beforeAll(() => {
    if (missing) return;
    before = mariaDatabases();
    repo = new DryRunRepo({ template: templates.generic, url: 'mysql+pymysql://app@db/app' });
  });
  afterAll(() => {
    repo?.cleanup();
    if (!missing) expect(mariaDatabases()).toEqual(before);
  });

  it.skipIf(missing)(
    'a data migration passes, its UPDATE without a WHERE warned; a failing one is pinned to its line',
    async () => {
      const clean = {
        ...rev(
          'cccc0003',
          'bbbb0002',
          "op.add_column('users', sa.Column('nick', sa.String(40)))\nop.execute(\"UPDATE users SET nick = 'x'\")",
          "op.drop_column('users', 'nick')",
        ),
      };
      const ok = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('clean', clean),
        '--database',
        MARIADB_URL,
      ]);
      // The SQL rules read MariaDB's statements too: the UPDATE without a WHERE rewrites every row.
      expect(serious(ok.report.findings).map((f) => [f.rule, f.line, f.statement])).toEqual([
        [
          'data-change-without-where',
          lineOf(clean['migrations/versions/cccc0003_x.py'], 'UPDATE users'),
          "UPDATE users SET nick = 'x'",
        ],
      ]);
      expect(ok.code).toBe(0);
      expect(ok.report.environments[0].dryRun).toMatchObject({
        status: 'passed',
        engine: expect.stringMatching(/MariaDB/),
        dialect: { name: 'mysql' },
        phases: { reupgrade: { ok: true } },
      });
      const upd = ok.report.environments[0].dryRun.steps.find((s) => s.phase === 'upgrade')!.statements;
      expect(upd.map((s) => s.sql)).toContain("UPDATE users SET nick = 'x'");

      const failing = rev('cccc0003', 'bbbb0002', "op.execute('ALTER TABLE nosuch ADD COLUMN y int')");
      const bad = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('failing', failing),
        '--database',
        MARIADB_URL,
      ]);
      const [f] = only(bad.report.findings, 'dry-run-failed');
      expect(f).toMatchObject({
        file: 'migrations/versions/cccc0003_x.py',
        line: lineOf(Object.values(failing)[0], 'nosuch'),
      });
      expect(f.message).toMatch(/nosuch.*doesn't exist/);
    },
  );

  it.skipIf(missing)(
    'without a server URL, MySQL migrations get offline SQL, and the report says why',
    async () => {
      const files = rev(
        'cccc0003',
        'bbbb0002',
        "op.add_column('users', sa.Column('nick', sa.String(40)))",
        "op.drop_column('users', 'nick')",
      );
      const { report } = await checkJson(repo.repo.dir, [
        '--base',
        'main',
        '--head',
        repo.branch('offline', files),
      ]);
      const d = report.environments[0].dryRun;
      expect(d).toMatchObject({ mode: 'offline', status: 'passed', dialect: { name: 'mysql' } });
      expect(d.reason).toMatch(/no embedded engine/);
      expect(d.steps[0].statements[0].sql).toBe('ALTER TABLE users ADD COLUMN nick VARCHAR(40)');
    },
  );
});

describe.skipIf(noAlembic)('on SQLite (a temporary file)', () => {
  let repo: DryRunRepo;
  beforeAll(() => {
    repo = new DryRunRepo({ template: templates.generic, url: 'sqlite:///app.db' });
  });
  afterAll(() => repo?.cleanup());

  it('batch operations and data migrations run up, down and up again; the configured file is never made', async () => {
    const files = rev(
      'cccc0003',
      'bbbb0002',
      "with op.batch_alter_table('users') as b:\n    b.add_column(sa.Column('nick', sa.String(40)))\nop.execute(\"UPDATE users SET nick = 'x' WHERE nick IS NULL\")",
      "with op.batch_alter_table('users') as b:\n    b.drop_column('nick')",
    );
    const { report, code } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('clean', files),
    ]);
    expect(serious(report.findings)).toEqual([]);
    expect(code).toBe(0);
    expect(report.environments[0].dryRun).toMatchObject({
      status: 'passed',
      database: 'sqlite',
      engine: expect.stringMatching(/^SQLite 3\./),
      phases: { reupgrade: { ok: true } },
    });
    expect(
      execFileSync('git', ['status', '--porcelain'], { cwd: repo.repo.dir, encoding: 'utf8' }),
    ).not.toContain('app.db');
  });

  it('a failing migration is pinned to its line', async () => {
    const files = rev('cccc0003', 'bbbb0002', "op.execute('ALTER TABLE nosuch ADD COLUMN y int')");
    const { report } = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      repo.branch('failing', files),
    ]);
    const [f] = only(report.findings, 'dry-run-failed');
    expect(f).toMatchObject({
      file: 'migrations/versions/cccc0003_x.py',
      line: lineOf(Object.values(files)[0], 'nosuch'),
    });
    expect(f.message).toContain('no such table: nosuch');
  });

  it('a broken env.py on base is dry-run-unavailable: the static checks still report', async () => {
    const broken = new DryRunRepo({
      template: templates.generic,
      url: 'sqlite:///app.db',
      envPy: (s) => `import not_installed_pkg\n${s}`,
    });
    try {
      const files = rev('cccc0003', 'bbbb0002', "op.execute('SELECT 1')");
      const { report } = await checkJson(broken.repo.dir, [
        '--base',
        'main',
        '--head',
        broken.branch('pr', files),
      ]);
      const [f] = only(report.findings, 'dry-run-unavailable');
      expect(f).toMatchObject({ severity: 'warning', file: 'migrations/env.py', line: 1 });
      expect(f.message).toContain("No module named 'not_installed_pkg'");
      expect(report.environments[0].added.map((a) => a.revision)).toEqual(['cccc0003']);
    } finally {
      broken.cleanup();
    }
  });

  it('a Python without Alembic, or none at all, is named with what to install or set', async () => {
    const files = rev('cccc0003', 'bbbb0002', "op.execute('SELECT 1')");
    const branch = repo.branch('nopython', files);
    // Debian's Python without its site packages: an interpreter that lacks Alembic and SQLAlchemy.
    const dir = mkdtempSync(join(tmpdir(), 'headsup-python-'));
    const bare = join(dir, 'python-without-alembic');
    writeFileSync(bare, `#!/bin/sh\nexec ${PYTHON} -S "$@"\n`, { mode: 0o755 });
    try {
      const lacking = await checkJson(repo.repo.dir, ['--base', 'main', '--head', branch, '--python', bare]);
      const [f] = only(lacking.report.findings, 'dry-run-unavailable');
      expect(f.message).toMatch(/alembic/i);
      expect(f.message).toContain(bare);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const none = await checkJson(repo.repo.dir, [
      '--base',
      'main',
      '--head',
      branch,
      '--python',
      'no-such-python3',
    ]);
    const [g] = only(none.report.findings, 'dry-run-unavailable');
    expect(g.message).toMatch(/no-such-python3/);
    expect(none.report.environments[0].added).toHaveLength(1);
  });
});
