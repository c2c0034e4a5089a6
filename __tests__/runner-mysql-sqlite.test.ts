/**
 * The Alembic runner on MariaDB 10.11 (127.0.0.1:3306, pymysql and mysqlclient) and on SQLite (a temp file),
 * with Debian's Alembic 1.8.1 and stock `alembic init` env.py files.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembicMissing } from './helpers/alembic.js';
import { lineOf, revisionFile, stockTemplates, type StockTemplate } from './helpers/alembic-project.js';
import { runnerConfig, runnerSession, runOk, stepNames } from './helpers/runner-session.js';
import { serverMissing, type ScratchDb } from './helpers/scratch-db.js';

const noAlembic = alembicMissing('runner on MariaDB and SQLite');
const noMariaDb = noAlembic ?? (await serverMissing('mysql', 'runner on MariaDB'));

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
  `with op.batch_alter_table("account") as batch:
    batch.add_column(sa.Column("nickname", sa.String(50)))
account = sa.table("account", sa.column("name", sa.String), sa.column("nickname", sa.String))
op.execute(account.update().values(nickname=account.c.name))
op.create_index("ix_account_nickname", "account", ["nickname"])`,
  `op.drop_index("ix_account_nickname", "account")
with op.batch_alter_table("account") as batch:
    batch.drop_column("nickname")`,
);
const F3 = revisionFile('f3', 'b2', 'op.add_column("account", sa.Column("name", sa.String(10)))');

let templates: Record<'generic', StockTemplate>;
const session = runnerSession();

beforeAll(async () => {
  if (!noAlembic) templates = await stockTemplates('generic');
});
afterAll(() => session.cleanup());

describe.skipIf(noMariaDb)('Alembic runner on MariaDB', () => {
  it('upgrades, downgrades and upgrades again with pymysql, each statement on its line', async () => {
    const db = await session.mariadb();
    const project = session.project({
      template: templates.generic,
      url: 'mysql+pymysql://nobody:secret@db.invalid/prod?charset=utf8mb4',
      revisions: { 'a1_account.py': A1, 'b2_nickname.py': B2 },
    });
    const runner = await session.start(runnerConfig(project, db));
    const up = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    const down = await runOk(runner, { cmd: 'downgrade', targets: ['base'] });
    const again = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    expect(stepNames(up)).toEqual(['a1:upgrade', 'b2:upgrade']);
    expect(stepNames(down)).toEqual(['b2:downgrade', 'a1:downgrade']);
    expect(stepNames(again)).toEqual(stepNames(up));
    expect(up.engines[0].used).toBe(`mysql+pymysql://root@127.0.0.1:3306/${db.name}?charset=utf8mb4`);

    const [a1, b2] = up.steps;
    expect(a1.statements[0]).toMatchObject({
      file: 'migrations/versions/a1_account.py',
      line: lineOf(A1, 'op.create_table('),
    });
    expect(a1.statements[1].sql).toContain("VALUES (2, 'bob\\'s')"); // pymysql's own escaping, via mogrify
    const update = b2.statements.find((s) => s.sql.startsWith('UPDATE account'));
    expect(update).toMatchObject({ line: lineOf(B2, 'op.execute(') });
    // Locks are PostgreSQL's: nothing is claimed here.
    expect(b2.statements.every((s) => s.locks === undefined)).toBe(true);
    expect(await db.rows('select version_num from alembic_version')).toEqual([['b2']]);
    expect(await db.rows('select name, nickname from account order by id')).toEqual([
      ['ann', 'ann'],
      ["bob's", "bob's"],
    ]);
  });

  it("pins a failing migration with MariaDB's message, on mysqlclient", async () => {
    const db = await session.mariadb();
    const project = session.project({
      template: templates.generic,
      url: 'mysql+mysqldb://nobody:secret@db.invalid/prod',
      revisions: { 'a1_account.py': A1, 'b2_nickname.py': B2, 'f3_duplicate.py': F3 },
    });
    const runner = await session.start(runnerConfig(project, db));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    expect(result.engines[0].used).toMatch(/^mysql\+mysqldb:\/\/root@127\.0\.0\.1:3306\//);
    expect(result.failure).toMatchObject({
      kind: 'database',
      file: 'migrations/versions/f3_duplicate.py',
      line: lineOf(F3, 'op.add_column'),
      revision: 'f3',
    });
    expect(result.failure!.message).toMatch(/Duplicate column name 'name'/);
    expect(await db.rows('select version_num from alembic_version')).toEqual([['b2']]);
  });

  it('stops a statement at the per-statement timeout (max_statement_time)', async () => {
    const slow = revisionFile('t1', null, 'op.execute("SELECT SLEEP(5)")');
    const db = await session.mariadb();
    const project = session.project({
      template: templates.generic,
      url: 'mysql+pymysql://nobody:secret@db.invalid/prod',
      revisions: { 't1_slow.py': slow },
    });
    const runner = await session.start(runnerConfig(project, db, { statementTimeoutMs: 200 }));
    const result = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    expect(result.failure).toMatchObject({ kind: 'timeout', revision: 't1', line: lineOf(slow, 'SLEEP') });
    expect(result.failure!.message).toMatch(/max_statement_time/);
  });
});

describe.skipIf(noAlembic)('Alembic runner on SQLite', () => {
  let dir: string;
  const file = (name: string): ScratchDb => {
    const database = join(dir, name);
    return {
      name: database,
      target: { engine: 'sqlite', database, defaultDriver: 'pysqlite' },
      rows: () => Promise.reject(new Error('not used')),
      drop: () => Promise.resolve(),
    };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headsup-sqlite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on a temp file, never on the file the config names', async () => {
    const db = file('dry-run.db');
    const project = session.project({
      template: templates.generic,
      url: 'sqlite:///prod.db',
      revisions: { 'a1_account.py': A1, 'b2_nickname.py': B2, 'f3_duplicate.py': F3 },
    });
    const runner = await session.start(runnerConfig(project, db));
    const up = await runner.run({ cmd: 'upgrade', targets: ['b2'] }, { timeoutMs: 30_000 });
    expect(up.ok).toBe(true);
    expect(stepNames(up)).toEqual(['a1:upgrade', 'b2:upgrade']);
    expect(up.engines[0].used).toBe(`sqlite:///${db.name}`);
    // A batch runs when its `with` block ends: its ALTER belongs to the `with` line.
    const add = up.steps[1].statements.find((s) => s.sql.startsWith('ALTER TABLE account ADD COLUMN'));
    expect(add).toMatchObject({ line: lineOf(B2, 'with op.batch_alter_table') });
    const insert = up.steps[0].statements[1];
    expect(insert.sql).toMatch(
      /^INSERT INTO account \(id, name\) VALUES \(\?, \?\)\n-- parameters: \(1, 'ann'\);/,
    );

    const down = await runOk(runner, { cmd: 'downgrade', targets: ['base'] });
    expect(stepNames(down)).toEqual(['b2:downgrade', 'a1:downgrade']);
    const failed = await runner.run({ cmd: 'upgrade', targets: ['head'] }, { timeoutMs: 30_000 });
    expect(failed.failure).toMatchObject({
      kind: 'database',
      revision: 'f3',
      line: lineOf(F3, 'op.add_column'),
    });
    expect(failed.failure!.message).toMatch(/duplicate column name: name/);
    const unknown = await runner.run({ cmd: 'upgrade', targets: ['zzzz'] }, { timeoutMs: 30_000 });
    expect(unknown.failure).toMatchObject({ kind: 'alembic', message: expect.stringMatching(/zzzz/) });
    expect(existsSync(db.name)).toBe(true);
    expect(existsSync(project.path('prod.db'))).toBe(false);
  });

  it('runs without an ini: script location and version locations given, what migrations print kept', async () => {
    const db = file('no-ini.db');
    const chatty = revisionFile(
      'c2',
      'a1',
      'print("c2: copying names")\nop.execute("UPDATE account SET name = upper(name)")',
    );
    const project = session.project({
      template: templates.generic,
      url: 'sqlite:///prod.db',
      revisions: { 'a1_account.py': A1 },
    });
    project.write('extra/c2_chatty.py', chatty);
    const config = {
      ...runnerConfig(project, db),
      configFile: undefined,
      scriptLocation: project.path('migrations'),
      versionLocations: [project.path('migrations/versions'), project.path('extra')],
    };
    const runner = await session.start(config);
    const result = await runOk(runner, { cmd: 'upgrade', targets: ['head'] });
    expect(stepNames(result)).toEqual(['a1:upgrade', 'c2:upgrade']);
    expect(result.steps[1]).toMatchObject({ file: 'extra/c2_chatty.py' });
    expect(result.steps[1].statements[0]).toMatchObject({
      file: 'extra/c2_chatty.py',
      line: lineOf(chatty, 'UPDATE'),
    });
    expect(result.output).toContain('c2: copying names');
    // No ini to name a driver: the target's default.
    expect(result.engines[0].used).toBe(`sqlite+pysqlite:///${db.name}`);
  });
});
