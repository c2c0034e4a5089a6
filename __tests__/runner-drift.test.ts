/**
 * Model drift (issue 14 §3): the runner's `drift` command compares env.py's target_metadata with the database
 * the migrations built, as `alembic check` does, on PostgreSQL 15, MariaDB 10.11 and SQLite with Debian's
 * Alembic 1.8.1. Per engine one database is migrated once; every scenario is a project with the same revisions
 * and its own env.py / models.py, compared against that database by a runner of its own (one Python process,
 * as in a dry run: the project's `models` module is imported once per process).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { providerFor, type ThrowawayDatabase } from '../src/databases/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftItem } from '../src/formats/alembic/runner/protocol.js';
import { ResultCollector, type RunResult } from '../src/formats/alembic/runner/result.js';
import { parseRunnerMessage, ProtocolError } from '../src/formats/alembic/runner/validate.js';
import { alembicMissing, PYTHON } from './helpers/alembic.js';
import { lineOf, revisionFile, stockTemplates, type StockTemplate } from './helpers/alembic-project.js';
import { runnerConfig, runnerSession, runOk } from './helpers/runner-session.js';
import { serverMissing, type ScratchDb } from './helpers/scratch-db.js';

const noAlembic = alembicMissing('model drift');
const noPostgres = noAlembic ?? (await serverMissing('postgresql', 'model drift on PostgreSQL'));
const noMariaDb = noAlembic ?? (await serverMissing('mysql', 'model drift on MariaDB'));

const A1 = revisionFile(
  'a1',
  null,
  `op.create_table(
    "account",
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("email", sa.String(100)),
)
op.create_index("ix_account_email", "account", ["email"])`,
  'op.drop_table("account")',
);
const B2 = revisionFile(
  'b2',
  'a1',
  `op.create_table(
    "post",
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id"), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
)`,
  'op.drop_table("post")',
);
const REVISIONS = { 'a1_account.py': A1, 'b2_post.py': B2 };

/**
 * models.py: the account table (its name column given), and post unless left out; `split` adds a second
 * MetaData with an audit table the migrations do not create, and `all_metadata`, the list of both.
 */
function models(opts: { name?: string; extra?: string; post?: boolean; split?: boolean } = {}): string {
  const post = `post = sa.Table(
    "post",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id"), nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
)`;
  return [
    'import sqlalchemy as sa',
    '',
    'metadata = sa.MetaData()',
    'account = sa.Table(',
    '    "account",',
    '    metadata,',
    '    sa.Column("id", sa.Integer, primary_key=True),',
    `    sa.Column("name", ${opts.name ?? 'sa.String(50)'}, nullable=False),`,
    '    sa.Column("email", sa.String(100)),',
    ...(opts.extra ? [`    ${opts.extra},`] : []),
    '    sa.Index("ix_account_email", "email"),',
    ')',
    ...(opts.post === false ? [] : [post]),
    ...(opts.split
      ? [
          'audit_metadata = sa.MetaData()',
          'audit = sa.Table("audit", audit_metadata, sa.Column("id", sa.Integer, primary_key=True))',
          'all_metadata = [metadata, audit_metadata]',
        ]
      : []),
    '',
  ].join('\n');
}

/** The stock env.py with target_metadata from models.py and these arguments added to the online configure(). */
function envPy(opts: { metadata?: string; configure?: string; before?: string } = {}) {
  return (stock: string): string => {
    const metadata = opts.metadata ?? 'from models import metadata as target_metadata';
    let text = stock.replace(/^target_metadata = None$/m, `${metadata}\n${opts.before ?? ''}`);
    if (opts.configure) {
      text = text.replace(
        'connection=connection, target_metadata=target_metadata',
        `connection=connection, target_metadata=target_metadata, ${opts.configure}`,
      );
    }
    if (text === stock) throw new Error('the stock env.py changed: adapt the test');
    return text;
  };
}

const EXCLUDE_POST = `
def include_object(object, name, type_, reflected, compare_to):
    return not (type_ == "table" and name == "post")
`;

interface Engine {
  name: string;
  skip: string | undefined;
  url: string;
  /** The same database through an async driver, for the async template's env.py. */
  asyncUrl?: string;
  db(): Promise<ScratchDb>;
  /** Table names in the database. */
  tables(db: ScratchDb): Promise<string[]>;
}

const session = runnerSession();
let templates: Record<'generic' | 'async', StockTemplate>;
let sqliteDir: string | undefined;
const embedded: ThrowawayDatabase[] = [];

beforeAll(async () => {
  if (!noAlembic) templates = await stockTemplates('generic', 'async');
});
afterAll(async () => {
  await session.cleanup();
  await Promise.allSettled(embedded.map((db) => db.dispose()));
  if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
});

function sqliteFile(name: string): ScratchDb {
  sqliteDir ??= mkdtempSync(join(tmpdir(), 'headsup-drift-'));
  const database = join(sqliteDir, name);
  return {
    name: database,
    target: { engine: 'sqlite', database, defaultDriver: 'pysqlite' },
    rows: (sql) => {
      const db = new DatabaseSync(database);
      try {
        const rows = db.prepare(sql).all() as Record<string, unknown>[];
        return Promise.resolve(rows.map((row) => Object.values(row).map(String)));
      } finally {
        db.close();
      }
    },
    drop: () => Promise.resolve(),
  };
}

/** The embedded PostgreSQL (PGlite), the dry run's default, as a ScratchDb. */
async function pglite(): Promise<ScratchDb> {
  const db = await providerFor({ kind: 'pglite' }, 'postgresql').create();
  embedded.push(db);
  return {
    name: db.name,
    target: db.target,
    rows: async (sql) => (await db.query(sql)).map((row) => Object.values(row).map(String)),
    drop: () => db.dispose(),
  };
}

let sqliteCount = 0;
const ENGINES: Engine[] = [
  {
    name: 'PostgreSQL 15',
    skip: noPostgres,
    url: 'postgresql://nobody:secret@db.invalid:5432/prod',
    asyncUrl: 'postgresql+asyncpg://nobody:secret@db.invalid:5432/prod',
    db: () => session.postgres(),
    tables: async (db) =>
      (await db.rows("select tablename from pg_tables where schemaname = 'public' order by tablename")).map(
        (r) => r[0],
      ),
  },
  {
    name: 'PGlite',
    skip: noAlembic,
    url: 'postgresql://nobody:secret@db.invalid:5432/prod',
    db: pglite,
    tables: async (db) =>
      (await db.rows("select tablename from pg_tables where schemaname = 'public' order by tablename")).map(
        (r) => r[0],
      ),
  },
  {
    name: 'MariaDB 10.11',
    skip: noMariaDb,
    url: 'mysql+pymysql://nobody:secret@db.invalid/prod',
    db: () => session.mariadb(),
    tables: async (db) =>
      (
        await db.rows(
          `select table_name from information_schema.tables where table_schema = '${db.name}' order by table_name`,
        )
      ).map((r) => r[0]),
  },
  {
    name: 'SQLite',
    skip: noAlembic,
    url: 'sqlite:///prod.db',
    asyncUrl: 'sqlite+aiosqlite:///prod.db',
    db: () => Promise.resolve(sqliteFile(`drift-${++sqliteCount}.db`)),
    tables: async (db) =>
      (await db.rows("select name from sqlite_master where type = 'table' order by name")).map((r) => r[0]),
  },
];

for (const engine of ENGINES) {
  describe.skipIf(engine.skip)(`model drift on ${engine.name}`, () => {
    let db: ScratchDb;
    let first: RunResult;

    /** A project with the shared revisions, its own env.py and models.py, compared by a runner of its own. */
    async function drift(
      files: { envPy?: (stock: string) => string; models?: string; async?: boolean },
      ignoreTables?: string[],
      target: ScratchDb = db,
    ): Promise<RunResult> {
      const project = session.project({
        template: files.async ? templates.async : templates.generic,
        url: (files.async ? engine.asyncUrl : undefined) ?? engine.url,
        revisions: REVISIONS,
        envPy: files.envPy ?? envPy(),
      });
      if (files.models !== undefined) project.write('models.py', files.models);
      const runner = await session.start(runnerConfig(project, target));
      return runner.run({ cmd: 'drift', ...(ignoreTables ? { ignoreTables } : {}) }, { timeoutMs: 30_000 });
    }

    async function items(
      files: { envPy?: (stock: string) => string; models?: string; async?: boolean },
      ignoreTables?: string[],
    ): Promise<DriftItem[]> {
      const result = await drift(files, ignoreTables);
      if (!result.ok) throw new Error(`drift failed: ${JSON.stringify(result.failure, null, 2)}`);
      expect(result.drift?.hasTargetMetadata).toBe(true);
      return result.drift!.items;
    }

    beforeAll(async () => {
      db = await engine.db();
      // The dry run's order: upgrade to all heads, then drift, in one process.
      const project = session.project({
        template: templates.generic,
        url: engine.url,
        revisions: REVISIONS,
        envPy: envPy(),
      });
      project.write('models.py', models());
      const runner = await session.start(runnerConfig(project, db));
      await runOk(runner, { cmd: 'upgrade', targets: ['heads'] });
      first = await runOk(runner, { cmd: 'drift' });
    });

    it('finds nothing when the migrations build what the models say, after an upgrade in the same process', async () => {
      expect(first.drift).toEqual({ hasTargetMetadata: true, heads: ['b2'], items: [] });
      expect(first.steps).toEqual([]);
      // The comparison's reflection queries are not reported; what else ran only read.
      for (const statement of first.other) {
        expect(statement.sql).not.toMatch(/^\s*(create|alter|drop|insert|update|delete)\b/i);
      }
      expect(await engine.tables(db)).toEqual(['account', 'alembic_version', 'post']);
      expect(await db.rows('select version_num from alembic_version')).toEqual([['b2']]);
    });

    it('reports a model column the migrations lack (side "models")', async () => {
      const found = await items({ models: models({ extra: 'sa.Column("nickname", sa.String(50))' }) });
      expect(found).toEqual([
        {
          kind: 'add_column',
          side: 'models',
          table: 'account',
          column: 'nickname',
          detail: 'column account.nickname VARCHAR(50) NULL: in the models, not created by the migrations',
        },
      ]);
    });

    it('compares every MetaData of a target_metadata list, in a stable order', async () => {
      const found = await items({
        models: models({ split: true, extra: 'sa.Column("nickname", sa.String(50))' }),
        envPy: envPy({ metadata: 'from models import all_metadata as target_metadata' }),
      });
      expect(found.map((i) => [i.kind, i.side, i.table, i.column])).toEqual([
        ['add_column', 'models', 'account', 'nickname'],
        ['add_table', 'models', 'audit', undefined],
      ]);
      expect(found[1].detail).toBe('table audit (1 column): in the models, not created by the migrations');
    });

    it('reports a table the migrations create and the models lack (side "database")', async () => {
      const found = await items({ models: models({ post: false }) });
      expect(found).toEqual([
        {
          kind: 'remove_table',
          side: 'database',
          table: 'post',
          detail: 'table post: created by the migrations, not in the models',
        },
      ]);
    });

    it("honours env.py's include_object, and leaves out the tables the command ignores", async () => {
      const excluded = await items({
        models: models({ post: false }),
        envPy: envPy({ before: EXCLUDE_POST, configure: 'include_object=include_object' }),
      });
      expect(excluded).toEqual([]);
      const ignored = await items({ models: models({ post: false }) }, ['post', 'headsup_marker']);
      expect(ignored).toEqual([]);
    });

    it('reports a type difference with compare_type=True, and none with compare_type=False', async () => {
      const wider = models({ name: 'sa.String(100)' });
      const typed = await items({ models: wider, envPy: envPy({ configure: 'compare_type=True' }) });
      expect(typed).toEqual([
        {
          kind: 'modify_type',
          side: 'models',
          table: 'account',
          column: 'name',
          models: 'VARCHAR(100)',
          database: 'VARCHAR(50)',
          detail: 'column account.name: the models have VARCHAR(100), the database has VARCHAR(50)',
        },
      ]);
      const untyped = await items({ models: wider, envPy: envPy({ configure: 'compare_type=False' }) });
      expect(untyped).toEqual([]);
    });

    it('describes each kind in one line', async () => {
      const found = await items({
        models: `import sqlalchemy as sa

metadata = sa.MetaData()
account = sa.Table(
    "account",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=True),
    sa.Column("email", sa.String(100), server_default="none@example.com"),
    sa.UniqueConstraint("name", name="uq_account_name"),
)
post = sa.Table(
    "post",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
)
tag = sa.Table(
    "tag",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("post_id", sa.Integer, sa.ForeignKey("post.id", ondelete="CASCADE")),
)
`,
        envPy: envPy({ configure: 'compare_server_default=True' }),
      });
      const fk = found.find((i) => i.kind === 'remove_fk');
      // The database names the migration's unnamed foreign key (SQLite keeps it unnamed).
      expect(fk?.detail).toMatch(
        /^foreign key (post_account_id_fkey|post_ibfk_1|\(unnamed\)) on post \(account_id\) references account \(id\): created by the migrations, not in the models$/,
      );
      expect(found.filter((i) => i !== fk)).toEqual([
        {
          kind: 'modify_nullable',
          side: 'models',
          table: 'account',
          column: 'name',
          models: 'NULL',
          database: 'NOT NULL',
          detail: 'column account.name: the models have NULL, the database has NOT NULL',
        },
        {
          kind: 'modify_default',
          side: 'models',
          table: 'account',
          column: 'email',
          models: "server default 'none@example.com'",
          database: 'no server default',
          detail:
            "column account.email: the models have server default 'none@example.com', the database has no server default",
        },
        {
          kind: 'remove_index',
          side: 'database',
          table: 'account',
          name: 'ix_account_email',
          detail: 'index ix_account_email on account (email): created by the migrations, not in the models',
        },
        {
          kind: 'add_constraint',
          side: 'models',
          table: 'account',
          name: 'uq_account_name',
          detail:
            'unique constraint uq_account_name on account (name): in the models, not created by the migrations',
        },
        {
          kind: 'add_table',
          side: 'models',
          table: 'tag',
          detail: 'table tag (2 columns): in the models, not created by the migrations',
        },
      ]);
      expect(found.map((i) => i.kind)).toEqual([
        'modify_nullable',
        'modify_default',
        'remove_index',
        'add_constraint',
        'remove_fk',
        'add_table',
      ]);
    });

    it.runIf(engine.asyncUrl)('compares through an async env.py (run_sync)', async () => {
      const found = await items({
        async: true,
        models: models({ name: 'sa.String(100)', extra: 'sa.Column("nickname", sa.String(50))' }),
        envPy: envPy({ configure: 'compare_type=True' }),
      });
      expect(found.map((i) => `${i.kind} ${i.table}.${i.column}`)).toEqual([
        'add_column account.nickname',
        'modify_type account.name',
      ]);
    });

    it('says so when target_metadata is None, and compares nothing', async () => {
      const result = await drift({ envPy: (stock) => stock });
      expect(result.ok).toBe(true);
      expect(result.drift).toEqual({ hasTargetMetadata: false, heads: ['b2'], items: [] });
      expect(result.configured?.hasTargetMetadata).toBe(false);
    });

    it('fails (not crashes) when the models do not import, pinned on env.py', async () => {
      const result = await drift({ models: 'import sqlalchemy as sa\nimport no_such_module_anywhere\n' });
      expect(result.ok).toBe(false);
      expect(result.drift).toBeUndefined();
      const stock = envPy()(templates.generic.envPy);
      expect(result.failure).toMatchObject({
        kind: 'env',
        file: 'migrations/env.py',
        line: lineOf(stock, 'from models import'),
      });
      expect(result.failure!.message).toMatch(/No module named 'no_such_module_anywhere'/);
    });

    it('writes nothing: on an empty database Alembic does not even create its version table', async () => {
      const empty = await engine.db();
      const result = await drift({ models: models() }, undefined, empty);
      expect(result.ok).toBe(true);
      expect(result.drift?.heads).toEqual([]);
      expect(result.drift?.items.map((i) => `${i.kind} ${i.table}`)).toEqual([
        'add_table account',
        'add_index account',
        'add_table post',
      ]);
      expect(result.drift?.items[1]).toMatchObject({
        name: 'ix_account_email',
        side: 'models',
        detail: 'index ix_account_email on account (email): in the models, not created by the migrations',
      });
      expect(await engine.tables(empty)).toEqual([]);
    });
  });
}

/**
 * The runner's describer on diff tuples no engine here produces with Alembic 1.8 (comments, check constraints,
 * foreign key actions, schemas, an op with no diff tuple as a third-party comparator may add): run in the
 * same Python, without a database.
 */
describe.skipIf(noAlembic)('the drift describer', () => {
  const SCRIPT = String.raw`
import json, sys
sys.path.insert(0, sys.argv[1])
import headsup_runner as r
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from alembic.operations import ops

md = sa.MetaData()
account = sa.Table("account", md, sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(50)), comment="people", schema="app")
post = sa.Table("post", md, sa.Column("id", sa.Integer), sa.Column("account_id", sa.Integer), schema="app")
fk = sa.ForeignKeyConstraint(["account_id"], ["app.account.id"], name="fk_post_account", ondelete="CASCADE")
post.append_constraint(fk)
ck = sa.CheckConstraint("id > 0", name="ck_post_id")
post.append_constraint(ck)

class CreateViewOp(ops.MigrateOperation):
    def __repr__(self):
        return "CreateViewOp('v')"

upgrade = ops.UpgradeOps([
    ops.ModifyTableOps("account", [
        ops.AlterColumnOp("account", "name", schema="app", existing_type=sa.String(50), existing_nullable=True,
                          modify_nullable=False, modify_type=sa.Text()),
    ], schema="app"),
    CreateViewOp(),
])
diffs = list(r.op_diffs(upgrade)) + [
    ("modify_comment", "app", "account", "name", {}, None, "display name"),
    ("modify_default", "app", "account", "name", {}, sa.DefaultClause(sa.text("'x'::character varying")), sa.DefaultClause(sa.func.now())),
    ("add_table_comment", account, None),
    ("remove_table_comment", account),
    ("add_fk", fk),
    ("remove_constraint", ck),
    ("add_sequence", "app", "seq"),
]
describe = r.DriftDescriber(postgresql.dialect())
items = sorted((describe.item(d) for d in diffs), key=r.drift_sort_key)
ignored = r.IgnoredTables(["app.marker", "plain"])
print(json.dumps({
    "items": items,
    "ignored": [ignored.covers("app", "marker"), ignored.covers(None, "plain"), ignored.covers("app", "plain"), ignored.covers(None, "marker")],
    "metadata": [r.has_metadata(None), r.has_metadata([]), r.has_metadata(md), r.has_metadata([md])],
}))
`;

  it('gives every kind its one line, in a stable order', async () => {
    const dir = join(import.meta.dirname, '..', 'src', 'formats', 'alembic', 'runner');
    const { stdout } = await promisify(execFile)(PYTHON, ['-c', SCRIPT, dir]);
    const out = JSON.parse(stdout) as { items: DriftItem[]; ignored: boolean[]; metadata: boolean[] };
    expect(out.ignored).toEqual([true, true, true, false]);
    expect(out.metadata).toEqual([false, false, true, true]);
    expect(out.items.map((i) => [i.kind, i.side, i.detail])).toEqual([
      ['other', 'models', "CreateViewOp: not described by Alembic as a diff (CreateViewOp('v'))"],
      ['other', 'models', "add_sequence: ('app', 'seq')"],
      [
        'add_table_comment',
        'models',
        "table app.account: the models have comment 'people', the database has no comment",
      ],
      [
        'remove_table_comment',
        'database',
        'table app.account: the database has a comment, the models have none',
      ],
      [
        'modify_type',
        'models',
        'column app.account.name: the models have TEXT, the database has VARCHAR(50)',
      ],
      [
        'modify_nullable',
        'models',
        'column app.account.name: the models have NOT NULL, the database has NULL',
      ],
      [
        'modify_default',
        'models',
        "column app.account.name: the models have server default now(), the database has server default 'x'::character varying",
      ],
      [
        'modify_comment',
        'models',
        "column app.account.name: the models have comment 'display name', the database has no comment",
      ],
      [
        'remove_constraint',
        'database',
        'check constraint ck_post_id on app.post (id > 0): created by the migrations, not in the models',
      ],
      [
        'add_fk',
        'models',
        'foreign key fk_post_account on app.post (account_id) references app.account (id) ON DELETE CASCADE: in the models, not created by the migrations',
      ],
    ]);
    expect(out.items[4]).toMatchObject({ schema: 'app', table: 'account', column: 'name' });
    expect(out.items[9]).toMatchObject({ schema: 'app', table: 'post', name: 'fk_post_account' });
  });
});

describe('the drift message', () => {
  const item = { kind: 'add_column', side: 'models', table: 't', column: 'c', detail: 'column t.c' };
  const line = (over: Record<string, unknown>) =>
    JSON.stringify({ t: 'drift', hasTargetMetadata: true, heads: ['b2'], diffs: [item], ...over });

  it('is validated and lands in the result (not when the command failed)', () => {
    const collector = new ResultCollector();
    expect(collector.accept(parseRunnerMessage(line({})))).toBe(false);
    expect(collector.accept(parseRunnerMessage('{"t":"done","ms":1}'))).toBe(true);
    expect(collector.result(5, '').drift).toEqual({ hasTargetMetadata: true, heads: ['b2'], items: [item] });

    const failed = new ResultCollector();
    failed.accept(parseRunnerMessage(line({})));
    failed.accept(parseRunnerMessage('{"t":"failed","message":"m","kind":"env","traceback":""}'));
    expect(failed.result(5, '')).not.toHaveProperty('drift');
    expect(new ResultCollector().result(1, '')).not.toHaveProperty('drift');
  });

  it.each([
    [{ hasTargetMetadata: 'yes' }, /invalid "hasTargetMetadata"/],
    [{ heads: 'b2' }, /invalid "heads"/],
    [{ diffs: [{ ...item, kind: 'rename_table' }] }, /invalid "diffs"/],
    [{ diffs: [{ ...item, side: 'both' }] }, /invalid "diffs"/],
    [{ diffs: [{ ...item, detail: undefined }] }, /invalid "diffs"/],
    [{ diffs: [{ ...item, table: 3 }] }, /invalid "diffs"/],
  ])('rejects %j', (over, why) => {
    expect(() => parseRunnerMessage(line(over))).toThrow(ProtocolError);
    expect(() => parseRunnerMessage(line(over))).toThrow(why);
  });
});
