// The dry run's benchmark (part of `npm run bench`; `BENCH_DRYRUN=0` skips it): a synthetic 300-revision
// Alembic project and a 3-revision PR, `headsup check` end to end on the embedded PostgreSQL (cold, and warm:
// a second run on the same base) and on the local PostgreSQL server, against the plain Alembic commands a
// person would run by hand on that server (`upgrade heads`, `downgrade <base head>`, `upgrade heads`), all in
// the same run. Prints a Markdown table (the README's).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const N = Number(process.env.BENCH_DRYRUN_REVISIONS ?? 300);
const RUNS = Number(process.env.BENCH_DRYRUN_RUNS ?? 3);
const PYTHON = process.env.HEADSUP_PYTHON ?? '/usr/bin/python3';
const PG = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
  GIT_CONFIG_NOSYSTEM: '1',
};

const id = (n) => `r${String(n).padStart(5, '0')}aa`;
const revision = (n, parent) => `"""revision ${n}"""
from alembic import op
import sqlalchemy as sa

revision = '${id(n)}'
down_revision = ${parent ? `'${parent}'` : 'None'}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        't${n}',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.func.now()),
    )
    op.create_index('ix_t${n}_name', 't${n}', ['name'])


def downgrade():
    op.drop_index('ix_t${n}_name', table_name='t${n}')
    op.drop_table('t${n}')
`;
// The PR: a column on an old table, an index on it, and a data migration.
const prRevision = (n, parent, k) =>
  [
    `op.add_column('t${k}', sa.Column('note', sa.String(40), nullable=True))`,
    `op.create_index('ix_t${k}_note', 't${k}', ['note'])`,
    `op.execute("UPDATE t${k} SET note = 'x' WHERE note IS NULL")`,
  ][n % 3];
const prDowngrade = (n, k) =>
  [
    `op.drop_column('t${k}', 'note')`,
    `op.drop_index('ix_t${k}_note', table_name='t${k}')`,
    `op.execute("SELECT 1")`,
  ][n % 3];

const ENV_PY = `from logging.config import fileConfig
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
target_metadata = None


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

function measure(cmd, args, cwd, runEnv = env) {
  const probe = `import json,resource,subprocess,sys,time
t=time.perf_counter(); r=subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
ms=(time.perf_counter()-t)*1000
print(json.dumps({"ms": ms, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, "code": r.returncode, "err": r.stderr.decode()[-800:]}))`;
  return JSON.parse(
    execFileSync(PYTHON, ['-c', probe, cwd, cmd, ...args], { env: runEnv, encoding: 'utf8' }),
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function series(label, fn, runs = RUNS) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    execFileSync('sync');
    const r = fn(i);
    if (r.code !== 0 && r.code !== undefined) throw new Error(`${label} exited ${r.code}: ${r.err}`);
    results.push(r);
  }
  const out = { ms: median(results.map((r) => r.ms)), rss: Math.max(...results.map((r) => r.rss ?? 0)) };
  process.stderr.write(
    `${label}: median ${out.ms.toFixed(0)} ms over ${runs} runs, peak RSS ${out.rss.toFixed(0)} MB\n`,
  );
  return out;
}
const psql = (sql) =>
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc', sql], {
    encoding: 'utf8',
  });

export function benchDryRun() {
  const repo = mkdtempSync(join(tmpdir(), 'headsup-bench-dryrun-'));
  const cacheDir = join(repo, '.bench-cache');
  try {
    const versions = join(repo, 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    writeFileSync(
      join(repo, 'alembic.ini'),
      '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://app@db/app\n',
    );
    writeFileSync(join(repo, 'migrations', 'env.py'), ENV_PY);
    writeFileSync(join(repo, '.gitignore'), '__pycache__/\n.bench-cache/\n');
    for (let n = 0; n < N; n++)
      writeFileSync(join(versions, `${id(n)}_t${n}.py`), revision(n, n ? id(n - 1) : null));
    const git = (...a) =>
      execFileSync('git', ['-c', 'init.defaultBranch=main', ...a], { cwd: repo, env, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'pr');
    let parent = id(N - 1);
    for (let k = 0; k < 3; k++) {
      const n = N + k;
      const body = revision(n, parent)
        .replace(
          /def upgrade\(\):[\s\S]*?\n\n\ndef downgrade/,
          `def upgrade():\n    ${prRevision(k, parent, 10)}\n\n\ndef downgrade`,
        )
        .replace(/def downgrade\(\):[\s\S]*$/, `def downgrade():\n    ${prDowngrade(k, 10)}\n`);
      writeFileSync(join(versions, `${id(n)}_pr${k}.py`), body);
      parent = id(n);
    }
    git('add', '-A');
    git('commit', '-qm', 'pr');
    git('checkout', '-q', 'main');
    process.stderr.write(`dry-run project: ${N} revisions + a 3-revision PR in ${repo}\n`);

    const check =
      (database, extraEnv = {}) =>
      () =>
        measure(
          process.execPath,
          [cli, 'check', '--base', 'main', '--head', 'pr', '--python', PYTHON, ...database],
          repo,
          {
            ...env,
            HEADSUP_CACHE: 'off',
            ...extraEnv,
          },
        );
    // The plain Alembic commands on a fresh database of the same server, by hand.
    const byHand = () => {
      const db = `bench_${process.pid}_${Date.now()}`;
      psql(`CREATE DATABASE ${db}`);
      try {
        git('checkout', '-q', 'pr');
        const url = `postgresql://postgres@127.0.0.1:5432/${db}`;
        const alembic = (...a) => measure(PYTHON, ['-m', 'alembic', ...a], repo, env);
        // The same project, its sqlalchemy.url pointed at this run's database.
        writeFileSync(
          join(repo, '.bench-cache-alembic.ini'),
          `[alembic]\nscript_location = migrations\nsqlalchemy.url = ${url}\n`,
        );
        const ini = ['-c', join(repo, '.bench-cache-alembic.ini')];
        const steps = [
          alembic(...ini, 'upgrade', 'heads'),
          alembic(...ini, 'downgrade', id(N - 1)),
          alembic(...ini, 'upgrade', 'heads'),
        ];
        for (const s of steps) if (s.code !== 0) throw new Error(`alembic by hand failed: ${s.err}`);
        return {
          ms: steps.reduce((t, s) => t + s.ms, 0),
          rss: Math.max(...steps.map((s) => s.rss)),
          code: 0,
        };
      } finally {
        git('checkout', '-q', 'main');
        rmSync(join(repo, '.bench-cache-alembic.ini'), { force: true });
        psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      }
    };

    const plain = series(
      'alembic by hand on PostgreSQL 15 (upgrade heads, downgrade, upgrade heads)',
      byHand,
    );
    const onPg = series('headsup check on PostgreSQL 15', check(['--database', PG]));
    const cold = series('headsup check on PGlite (cold)', check([]));
    const noEvidence = series(
      'headsup check on PGlite (cold, no snapshots or lock probes)',
      check([], { HEADSUP_DRY_RUN_EVIDENCE: 'off' }),
    );
    const v8Default = series(
      'headsup check on PGlite (cold, V8 defaults)',
      check([], { HEADSUP_V8: 'default' }),
    );
    rmSync(cacheDir, { recursive: true, force: true });
    measure(process.execPath, [cli, 'check', '--base', 'main', '--head', 'pr', '--python', PYTHON], repo, {
      ...env,
      HEADSUP_CACHE_DIR: cacheDir,
    });
    const warm = series(
      'headsup check on PGlite (warm base)',
      check([], { HEADSUP_CACHE: 'on', HEADSUP_CACHE_DIR: cacheDir }),
    );
    const ready = JSON.parse(
      execFileSync(
        process.execPath,
        [join(root, 'scripts', 'pglite-ready.mjs'), join(root, 'dist'), String(RUNS), '', '--json'],
        { encoding: 'utf8' },
      ),
    );

    const fmt = (r) => `${(r.ms / 1000).toFixed(2)} s`;
    const met = (ok) => (ok ? 'met' : '**not met**');
    const rss = Math.max(onPg.rss, cold.rss, warm.rss);
    const overhead = cold.ms / noEvidence.ms - 1;
    const lines = [
      `Dry run: ${N} revisions + a 3-revision PR (add column, index, data migration); medians of ${RUNS} runs; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores.`,
      '',
      '| what | time | peak RSS | target |',
      '|---|---:|---:|---|',
      `| plain Alembic on PostgreSQL 15: \`upgrade heads\`, \`downgrade <base head>\`, \`upgrade heads\` (reference) | ${fmt(plain)} | ${plain.rss.toFixed(0)} MB | |`,
      `| \`headsup check\` on PostgreSQL 15 (\`--database postgres://…\`) | ${fmt(onPg)} (${(onPg.ms / plain.ms).toFixed(2)}×) | ${onPg.rss.toFixed(0)} MB | ≤ 1.5× the plain commands: ${met(onPg.ms <= 1.5 * plain.ms)} |`,
      `| \`headsup check\` on PGlite, cold | ${fmt(cold)} | ${cold.rss.toFixed(0)} MB | ≤ 6 s: ${met(cold.ms <= 6000)} |`,
      `| \`headsup check\` on PGlite, warm base (second run on the same base) | ${fmt(warm)} | ${warm.rss.toFixed(0)} MB | ≤ 2.5 s: ${met(warm.ms <= 2500)} |`,
      `| PGlite ready (worker start → socket listening) | ${(ready.readyMs / 1000).toFixed(2)} s | ${ready.rssMiB} MB | ≤ 1 s: ${met(ready.readyMs <= 1000)} |`,
      `| snapshots, lock probes (and drift) vs none, on a cold PGlite check | +${(overhead * 100).toFixed(0)} % (${fmt(noEvidence)} without) | | ≤ 20 %: ${met(overhead <= 0.2)} |`,
      `| the same cold check with V8's defaults (no \`v8-tuning.ts\`) | ${fmt(v8Default)} (${((v8Default.ms / cold.ms - 1) * 100).toFixed(0)} % vs tuned) | ${v8Default.rss.toFixed(0)} MB | |`,
      '',
      `Peak RSS of headsup with a dry run: ${rss.toFixed(0)} MB (target ≤ 1 GB: ${met(rss <= 1024)}).`,
    ];
    return lines.join('\n');
  } finally {
    if (process.env.BENCH_KEEP) process.stderr.write(`kept ${repo}\n`);
    else rmSync(repo, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchDryRun());
