/**
 * The Alembic runner against the real PostgreSQL 15 at 127.0.0.1:5432 and Debian's Alembic 1.8.1: each test a
 * small project (stock `alembic init` env.py and variants) migrated in its own headsup_<random> database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/formats/alembic/runner/result.js';
import { alembicMissing } from './helpers/alembic.js';
import { lineOf, revisionFile, stockTemplates, type StockTemplate } from './helpers/alembic-project.js';
import { runnerConfig, runnerSession, runOk, stepNames } from './helpers/runner-session.js';
import { serverMissing } from './helpers/scratch-db.js';

const skip =
  alembicMissing('runner on PostgreSQL') ?? (await serverMissing('postgresql', 'runner on PostgreSQL'));

/** Where a user's checked-in config points: nothing may ever reach it. */
const FOREIGN_URL = 'postgresql://nobody:secret@db.invalid:5432/prod';

const A1 = revisionFile(
  'a1',
  null,
  `op.create_table(
    "account",
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
)
account = sa.table("account", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.bulk_insert(account, [{"id": 1, "name": "ann"}, {"id": 2, "name": "bob's"}])`,
  'op.drop_table("account")',
);
const B2 = revisionFile(
  'b2',
  'a1',
  `op.add_column("account", sa.Column("nickname", sa.String(50)))
account = sa.table("account", sa.column("name", sa.String), sa.column("nickname", sa.String))
op.execute(account.update().values(nickname=account.c.name))
op.create_index("ix_account_nickname", "account", ["nickname"])
with op.get_context().autocommit_block():
    op.execute("CREATE INDEX CONCURRENTLY ix_account_name ON account (name)")`,
  `op.drop_index("ix_account_name", "account")
op.drop_index("ix_account_nickname", "account")
op.drop_column("account", "nickname")`,
);
const C3 = revisionFile(
  'c3',
  'b2',
  `op.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')")
op.add_column("account", sa.Column("mood", sa.Enum(name="mood", create_type=False)))
with op.get_context().autocommit_block():
    op.execute("ALTER TYPE mood ADD VALUE 'meh'")`,
  `op.drop_column("account", "mood")
op.execute("DROP TYPE mood")`,
);

describe.skipIf(skip)('Alembic runner on PostgreSQL 15', () => {
  const session = runnerSession();
  let templates: Record<'generic' | 'async', StockTemplate>;

  beforeAll(async () => {
    templates = await stockTemplates('generic', 'async');
  });
  afterAll(() => session.cleanup());

  describe('a stock env.py', () => {
    let up: RunResult;
    let down: RunResult;
    let again: RunResult;
    let rows: (sql: string) => Promise<string[][]>;
    let dbName: string;

    beforeAll(async () => {
      const db = await session.postgres();
      rows = db.rows;
      dbName = db.name;
      const project = session.project({
        template: templates.generic,
        url: FOREIGN_URL,
        revisions: { 'a1_account.py': A1, 'b2_nickname.py': B2, 'c3_mood.py': C3 },
      });
      const runner = await session.start(runnerConfig(project, db));
      up = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
      down = await runOk(runner, { cmd: 'downgrade', targets: ['base'] });
      again = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    });

    it('upgrades, downgrades and upgrades again, revision by revision, on the throwaway database', async () => {
      expect(stepNames(up)).toEqual(['a1:upgrade', 'b2:upgrade', 'c3:upgrade']);
      expect(stepNames(down)).toEqual(['c3:downgrade', 'b2:downgrade', 'a1:downgrade']);
      expect(stepNames(again)).toEqual(stepNames(up));
      for (const step of [...up.steps, ...down.steps]) expect(step.ms).toBeGreaterThanOrEqual(0);
      expect(await rows('select version_num from alembic_version')).toEqual([['c3']]);
      expect(await rows('select id, name, nickname from account order by id')).toEqual([
        ['1', 'ann', 'ann'],
        ['2', "bob's", "bob's"],
      ]);
      // env.py asked for the ini's URL; the engine went to the throwaway database, password masked.
      expect(up.engines).toHaveLength(1);
      expect(up.engines[0]).toEqual({
        requested: `postgresql://postgres@127.0.0.1:5432/${dbName}`,
        used: `postgresql://postgres@127.0.0.1:5432/${dbName}`,
        async: false,
        ignored: [],
      });
      expect(up.configured).toEqual({
        versionTable: 'alembic_version',
        versionTableSchema: null,
        hasTargetMetadata: false,
        offline: false,
      });
    });

    it('captures each statement with the migration line that issued it, data migrations included', () => {
      const [a1, b2] = up.steps;
      expect(a1.file).toBe('migrations/versions/a1_account.py');
      const create = a1.statements[0];
      expect(create.sql).toMatch(/CREATE TABLE account/);
      expect(create).toMatchObject({ file: a1.file, line: lineOf(A1, 'op.create_table(') });
      const insert = a1.statements[1];
      expect(insert.sql).toContain("VALUES (2, 'bob''s')");
      expect(insert.line).toBe(lineOf(A1, 'op.bulk_insert('));
      const update = b2.statements.find((s) => s.sql.startsWith('UPDATE account'));
      expect(update).toMatchObject({
        sql: 'UPDATE account SET nickname=account.name',
        line: lineOf(B2, 'op.execute(account'),
      });
    });

    it("keeps Alembic's bookkeeping out of the revisions' own lines", () => {
      // The version table is created before the first revision starts: not a1's.
      expect(up.other.map((s) => s.sql).join('\n')).toMatch(/CREATE TABLE alembic_version/);
      expect(
        up.steps[0].statements.some((s) => /alembic_version \(/.test(s.sql) && /CREATE/.test(s.sql)),
      ).toBe(false);
      for (const step of up.steps) {
        const last = step.statements.at(-1)!;
        expect(last.sql).toMatch(/alembic_version/);
        expect(last.file).toBeUndefined();
      }
    });

    it('records the locks each statement took, and none for autocommit ones', () => {
      const b2 = up.steps[1];
      const bySql = (prefix: string) => b2.statements.find((s) => s.sql.startsWith(prefix))!;
      expect(bySql('ALTER TABLE account ADD COLUMN nickname').locks).toContainEqual({
        locktype: 'relation',
        relation: 'account',
        mode: 'AccessExclusiveLock',
      });
      expect(bySql('CREATE INDEX ix_account_nickname').locks).toContainEqual({
        locktype: 'relation',
        relation: 'account',
        mode: 'ShareLock',
      });
      const concurrently = bySql('CREATE INDEX CONCURRENTLY');
      expect(concurrently).toMatchObject({ locks: null, autocommit: true, line: lineOf(B2, 'CONCURRENTLY') });
    });

    it('runs an enum ADD VALUE in an autocommit block', () => {
      const addValue = up.steps[2].statements.find((s) => s.sql.includes('ADD VALUE'));
      expect(addValue).toMatchObject({
        sql: "ALTER TYPE mood ADD VALUE 'meh'",
        autocommit: true,
        locks: null,
      });
    });
  });

  it('pins a failing migration to its file and line, with the database message', async () => {
    const failing = revisionFile(
      'f2',
      'a1',
      'op.execute("SELECT 1")\nop.add_column("nosuchtable", sa.Column("x", sa.Integer))',
    );
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: { 'a1_account.py': A1, 'f2_broken.py': failing },
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({
      kind: 'database',
      message: 'relation "nosuchtable" does not exist',
      file: 'migrations/versions/f2_broken.py',
      line: lineOf(failing, 'nosuchtable'),
      revision: 'f2',
      sql: 'ALTER TABLE nosuchtable ADD COLUMN x INTEGER',
    });
    expect(stepNames(result)).toEqual(['a1:upgrade', 'f2:upgrade']);
    expect(result.steps[1]).toMatchObject({ ms: null, error: result.failure });
    // a1 committed, f2 rolled back with its own transaction.
    expect(await db.rows('select version_num from alembic_version')).toEqual([['a1']]);
  });

  it('pins a syntax error inside upgrade() to its file and line', async () => {
    const broken = revisionFile(
      's2',
      'a1',
      'op.add_column("account", sa.Column("x", sa.Integer())\nop.execute("SELECT 1")',
    );
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: { 'a1_account.py': A1, 's2_syntax.py': broken },
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    expect(result.failure).toMatchObject({
      kind: 'python',
      file: 'migrations/versions/s2_syntax.py',
      revision: 's2',
    });
    expect(result.failure!.message).toMatch(/SyntaxError/);
    // CPython points at the unclosed call or the line after it, depending on the version.
    expect([lineOf(broken, 'op.add_column'), lineOf(broken, 'op.execute')]).toContain(result.failure!.line);
    expect(result.steps).toEqual([]);
  });

  it('renders offline SQL per revision, and names a revision that needs a connection', async () => {
    const usesBind = revisionFile(
      'g2',
      'a1',
      'count = op.get_bind().execute(sa.text("SELECT count(*) FROM account")).scalar()\nop.execute("SELECT %d" % count)',
    );
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: {
        'a1_account.py': A1,
        'b2_nickname.py': B2.replace('"a1"', '"g2"'),
        'g2_bind.py': usesBind,
      },
    });
    const runner = await session.start(runnerConfig(project, db));
    const first = await runOk(runner, { cmd: 'offline', ranges: ['base:a1'] });
    expect(stepNames(first)).toEqual(['a1:upgrade']);
    expect(first.steps[0].offlineSql).toMatch(/^CREATE TABLE account/);
    expect(first.steps[0].offlineSql).toContain("INSERT INTO account (id, name) VALUES (2, 'bob''s');");
    expect(first.steps[0].offlineSql).toContain("INSERT INTO alembic_version (version_num) VALUES ('a1')");
    expect(first.steps[0].offlineSql).not.toContain('CREATE TABLE alembic_version');
    expect(first.engines).toEqual([]);
    expect(first.configured?.offline).toBe(true);

    const rest = await runner.run({ cmd: 'offline', ranges: ['a1:head'] }, { timeoutMs: 30_000 });
    expect(rest.ok).toBe(false);
    expect(rest.failure).toMatchObject({
      revision: 'g2',
      file: 'migrations/versions/g2_bind.py',
      line: lineOf(usesBind, 'get_bind'),
    });
    expect(rest.failure!.message).toMatch(/op\.get_bind\(\).*offline/);
    // Online, the same revision works, and nothing was written by the offline runs.
    expect(await db.rows("select count(*) from pg_tables where schemaname = 'public'")).toEqual([['0']]);
    const online = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    expect(stepNames(online)).toEqual(['a1:upgrade', 'g2:upgrade', 'b2:upgrade']);
  });

  it('stops a statement at the per-statement timeout', async () => {
    const slow = revisionFile('t1', null, 'op.execute("SELECT pg_sleep(5)")');
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: { 't1_slow.py': slow },
    });
    const runner = await session.start(runnerConfig(project, db, { statementTimeoutMs: 200 }));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    expect(result.failure).toMatchObject({
      kind: 'timeout',
      revision: 't1',
      file: 'migrations/versions/t1_slow.py',
      line: lineOf(slow, 'pg_sleep'),
      sql: 'SELECT pg_sleep(5)',
    });
    expect(result.failure!.message).toMatch(/statement timeout/);
  });

  it('stops the whole command at its timeout and kills the runner', async () => {
    const hangs = revisionFile('h1', null, 'import time\ntime.sleep(60)');
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: { 'h1_hang.py': hangs },
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 1500 });
    expect(result.failure).toMatchObject({ kind: 'timeout', revision: 'h1' });
    expect(stepNames(result)).toEqual(['h1:upgrade']);
    await expect(runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 1000 })).rejects.toThrow(
      /timed out/,
    );
    await runner.close();
    await runner.close();
  });

  it('redirects an env.py that reads DATABASE_URL', async () => {
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: 'driver://user:pass@localhost/dbname',
      revisions: { 'a1_account.py': A1 },
      envPy: (stock) =>
        stock
          .replace(
            'from sqlalchemy import engine_from_config',
            'import os\nfrom sqlalchemy import create_engine, engine_from_config',
          )
          .replace(
            /connectable = engine_from_config\([\s\S]*?\n {4}\)\n/,
            'connectable = create_engine(os.environ["DATABASE_URL"])\n',
          ),
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    expect(stepNames(result)).toEqual(['a1:upgrade']);
    // DATABASE_URL keeps the driver a variable already set names; else the target's default.
    expect(result.engines[0].requested).toMatch(
      new RegExp(`^postgresql(\\+\\w+)?://postgres@127\\.0\\.0\\.1:5432/${db.name}$`),
    );
    expect(await db.rows('select version_num from alembic_version')).toEqual([['a1']]);
  });

  it('runs an async env.py (alembic init -t async) on asyncpg', async () => {
    const db = await session.postgres();
    const project = session.project({
      template: templates.async,
      url: 'postgresql+asyncpg://nobody:secret@db.invalid/prod',
      revisions: { 'a1_account.py': A1, 'b2_nickname.py': B2 },
    });
    const runner = await session.start(runnerConfig(project, db));
    const up = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    const down = await runOk(runner, { cmd: 'downgrade', targets: ['base'] });
    await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    expect(stepNames(up)).toEqual(['a1:upgrade', 'b2:upgrade']);
    expect(stepNames(down)).toEqual(['b2:downgrade', 'a1:downgrade']);
    expect(up.engines[0]).toMatchObject({ async: true });
    expect(up.engines[0].used).toMatch(
      /^postgresql\+asyncpg:\/\/postgres@127\.0\.0\.1:5432\/.*prepared_statement_cache_size=0/,
    );
    const addColumn = up.steps[1].statements.find((s) => s.sql.startsWith('ALTER TABLE account ADD COLUMN'));
    expect(addColumn).toMatchObject({
      line: lineOf(B2, 'op.add_column'),
      file: 'migrations/versions/b2_nickname.py',
    });
    expect(addColumn!.locks).toContainEqual({
      locktype: 'relation',
      relation: 'account',
      mode: 'AccessExclusiveLock',
    });
    expect(await db.rows('select version_num from alembic_version')).toEqual([['b2']]);
  });

  it('redirects an env.py that hard-codes another database, which stays untouched', async () => {
    const [db, other] = await Promise.all([session.postgres(), session.postgres()]);
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: { 'a1_account.py': A1 },
      envPy: (stock) =>
        stock
          .replace(
            'from sqlalchemy import engine_from_config',
            'from sqlalchemy import create_engine, engine_from_config',
          )
          .replace(
            /connectable = engine_from_config\([\s\S]*?\n {4}\)\n/,
            `connectable = create_engine("postgresql://postgres@127.0.0.1:5432/${other.name}", connect_args={"options": "-c search_path=public"})\n`,
          ),
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    expect(result.engines.map((e) => e.requested)).toEqual([
      `postgresql://postgres@127.0.0.1:5432/${other.name}`,
    ]);
    expect(result.engines[0].used).toContain(`/${db.name}`);
    expect(await db.rows('select version_num from alembic_version')).toEqual([['a1']]);
    expect(
      await other.rows("select count(*) from pg_class where relnamespace = 'public'::regnamespace"),
    ).toEqual([['0']]);
  });

  it('reads a named section (alembic -n main), keeping the driver its URL names', async () => {
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: 'postgresql+psycopg2://nobody:secret@db.invalid/prod?sslmode=require&application_name=app',
      section: 'main',
      revisions: { 'a1_account.py': A1 },
    });
    const runner = await session.start(runnerConfig(project, db, { section: 'main' }));
    const result = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    // The driver and harmless options stay; where to connect and how to secure it come from the target.
    expect(result.engines[0].used).toBe(
      `postgresql+psycopg2://postgres@127.0.0.1:5432/${db.name}?application_name=app`,
    );
    expect(result.steps[0].statements[1].sql).toContain("VALUES (2, 'bob''s')");
    expect(await db.rows('select version_num from alembic_version')).toEqual([['a1']]);
  });

  it('reports an env.py whose imports fail as an env failure at its line', async () => {
    const db = await session.postgres();
    const project = session.project({
      template: templates.generic,
      url: FOREIGN_URL,
      revisions: { 'a1_account.py': A1 },
      envPy: (stock) =>
        stock.replace(
          'from alembic import context',
          'from alembic import context\nimport myapp.models  # noqa',
        ),
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    const envPy = templates.generic.envPy.replace(
      'from alembic import context',
      'from alembic import context\nimport myapp.models',
    );
    expect(result.failure).toMatchObject({
      kind: 'env',
      file: 'migrations/env.py',
      line: lineOf(envPy, 'import myapp.models'),
    });
    expect(result.failure!.message).toMatch(/No module named 'myapp'/);
    expect(result.configured).toBeNull();
  });
});
