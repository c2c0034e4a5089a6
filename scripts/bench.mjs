// `npm run bench`: a synthetic 10,000-revision Alembic history (a side branch forks and merges back every
// ~50 revisions), timed against the real Alembic in the same run. Prints a Markdown table (README's).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDryRun } from './bench-dryrun.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const N = Number(process.env.BENCH_REVISIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// Files around the migrations in the large-repository run (0 skips it).
const LARGE = Number(process.env.BENCH_LARGE_FILES ?? 200_000);
const PYTHON = process.env.HEADSUP_PYTHON ?? '/usr/bin/python3';
// Python's defaults, as on a developer's machine or a CI runner: this sandbox sets PYTHONDONTWRITEBYTECODE,
// which would spare Alembic's first run writing __pycache__ and deny its later runs the bytecode.
const { PYTHONDONTWRITEBYTECODE: _unset, ...inherited } = process.env;
const env = {
  ...inherited,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
  GIT_CONFIG_NOSYSTEM: '1',
};

// Deterministic ids: 12 hex digits from a counter through a small hash.
const id = (n) =>
  (
    (Math.imul(n + 1, 2654435761) >>> 0).toString(16).padStart(8, '0') + (n + 1).toString(16).padStart(4, '0')
  ).slice(0, 12);
const body = (n) => `"""revision ${n}

Revision ID: ${id(n)}
Revises: %REVISES%
Create Date: 2026-01-01 00:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '${id(n)}'
down_revision: Union[str, Sequence[str], None] = %DOWN%
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        't${n}',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.func.now()),
    )
    op.create_index('ix_t${n}_name', 't${n}', ['name'])


def downgrade() -> None:
    op.drop_index('ix_t${n}_name', table_name='t${n}')
    op.drop_table('t${n}')
`;
function write(dir, n, parents) {
  const down =
    parents.length === 0
      ? 'None'
      : parents.length === 1
        ? `'${parents[0]}'`
        : `(${parents.map((p) => `'${p}'`).join(', ')})`;
  writeFileSync(
    join(dir, `${id(n)}_rev_${n}.py`),
    body(n)
      .replace('%REVISES%', parents.join(', ') || 'None')
      .replace('%DOWN%', down),
  );
}

/** Main line with a 3-revision side branch forking every 50 revisions and merging back 10 later. */
function history(dir) {
  let head = null;
  let side = null;
  for (let n = 0; n < N; n++) {
    if (n % 50 === 10 && head) side = { parent: head, tip: head, left: 3 };
    if (side && side.left > 0 && n % 50 > 10 && n % 50 <= 13) {
      write(dir, n, [side.tip]);
      side.tip = id(n);
      side.left--;
      continue;
    }
    const parents = head ? [head] : [];
    if (side && side.left === 0 && n % 50 === 20) {
      parents.push(side.tip);
      side = null;
    }
    write(dir, n, parents);
    head = id(n);
  }
  return head;
}

const gitIn =
  (dir) =>
  (...a) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', ...a], { cwd: dir, env, stdio: 'pipe' });

/** Commits what is there as main, and leaves branch `pr` checked out for the PR's revisions. */
function baseThenPrBranch(git) {
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'pr');
}

function measure(cmd, args, cwd, runEnv = env) {
  // A Python wrapper reads the child's peak RSS from getrusage, the same way for every tool.
  const probe = `import json,resource,subprocess,sys,time
t=time.perf_counter(); r=subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
ms=(time.perf_counter()-t)*1000
print(json.dumps({"ms": ms, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, "code": r.returncode, "err": r.stderr.decode()[-500:]}))`;
  const out = execFileSync(PYTHON, ['-c', probe, cwd, cmd, ...args], { env: runEnv, encoding: 'utf8' });
  return JSON.parse(out);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function series(label, cmd, args, cwd, runs, runEnv = env, before = () => {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    before();
    // Dirty pages (Alembic's bytecode, a cache file) are written back now, not during the next timed run.
    execFileSync('sync');
    const r = measure(cmd, args, cwd, runEnv);
    if (r.code !== 0) throw new Error(`${label} exited ${r.code}: ${r.err}`);
    results.push(r);
  }
  const ms = median(results.map((r) => r.ms));
  const rss = Math.max(...results.map((r) => r.rss));
  process.stderr.write(
    `${label}: median ${ms.toFixed(0)} ms over ${runs} runs, peak RSS ${rss.toFixed(0)} MB\n`,
  );
  return { ms, rss };
}

// BENCH_KEEP=1 leaves the generated repository in place for profiling.
const repo = mkdtempSync(join(tmpdir(), 'headsup-bench-'));
try {
  const versions = join(repo, 'migrations', 'versions');
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(repo, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
  // As in any Python repository: Alembic's bytecode is not part of the tree (nor headsup's cache here).
  writeFileSync(join(repo, '.gitignore'), '__pycache__/\n.bench-cache/\n');
  writeFileSync(join(repo, 'migrations', 'env.py'), '# not run by `alembic heads`\n');
  const head = history(versions);
  const git = gitIn(repo);
  baseThenPrBranch(git);
  let parent = head;
  for (let k = 0; k < 3; k++) {
    write(versions, N + k, [parent]);
    parent = id(N + k);
  }
  git('add', '-A');
  git('commit', '-qm', 'pr: three revisions');
  git('checkout', '-q', 'main');
  process.stderr.write(`history: ${N} revisions in ${repo}\n`);

  // Cold: nothing cached (HEADSUP_CACHE=off; Alembic with its __pycache__ removed before each run).
  // Warm: headsup's parse cache filled by a previous run, Alembic with its bytecode cache; what a developer sees.
  const cacheDir = join(repo, '.bench-cache');
  const cold = { ...env, HEADSUP_CACHE: 'off' };
  const warm = { ...env, HEADSUP_CACHE_DIR: cacheDir };
  const pyc = join(versions, '__pycache__');
  const runs = Math.max(1, Math.ceil(RUNS / 2));
  const alembicCold = series(
    'alembic heads (cold)',
    PYTHON,
    ['-m', 'alembic', 'heads'],
    repo,
    runs,
    env,
    () => rmSync(pyc, { recursive: true, force: true }),
  );
  measure(PYTHON, ['-m', 'alembic', 'heads'], repo, env);
  const alembicWarm = series('alembic heads (warm)', PYTHON, ['-m', 'alembic', 'heads'], repo, runs, env);
  const graphArgs = [cli, 'graph', '--format', 'json'];
  const checkArgs = [cli, 'check', '--base', 'main', '--head', 'pr', '--no-dry-run'];
  const graphCold = series('headsup graph (cold)', process.execPath, graphArgs, repo, RUNS, cold);
  const checkCold = series('headsup check (cold)', process.execPath, checkArgs, repo, RUNS, cold);
  measure(process.execPath, graphArgs, repo, warm);
  measure(process.execPath, checkArgs, repo, warm);
  const graphWarm = series('headsup graph (warm)', process.execPath, graphArgs, repo, RUNS, warm);
  const checkWarm = series('headsup check (warm)', process.execPath, checkArgs, repo, RUNS, warm);

  const fmt = (r) => `${r.ms.toFixed(0)} ms`;
  const x = (ref, r) => `${(ref.ms / r.ms).toFixed(1)}×`;
  const verdict = (ok) => (ok ? 'met' : '**not met**');
  console.log(
    `Synthetic history: ${N} revisions (a side branch forks and merges back every 50); medians of ${RUNS} runs ` +
      `(Alembic: ${runs}); Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; ${cpus().length} cores.\n`,
  );
  console.log('| command | cold | warm | peak RSS | speed-up vs `alembic heads` (cold / warm) | target |');
  console.log('|---|---:|---:|---:|---:|---|');
  console.log(
    `| \`python3 -m alembic heads\` (reference) | ${fmt(alembicCold)} | ${fmt(alembicWarm)} | ${Math.max(alembicCold.rss, alembicWarm.rss).toFixed(0)} MB | 1× | |`,
  );
  console.log(
    `| \`headsup graph --format json\` | ${fmt(graphCold)} | ${fmt(graphWarm)} | ${Math.max(graphCold.rss, graphWarm.rss).toFixed(0)} MB | ` +
      `${x(alembicCold, graphCold)} / ${x(alembicWarm, graphWarm)} | ≥ 10×: ${verdict(alembicCold.ms / graphCold.ms >= 10)} cold, ${verdict(alembicWarm.ms / graphWarm.ms >= 10)} warm |`,
  );
  console.log(
    `| \`headsup check\` of a 3-revision PR | ${fmt(checkCold)} | ${fmt(checkWarm)} | ${Math.max(checkCold.rss, checkWarm.rss).toFixed(0)} MB | ` +
      `${x(alembicCold, checkCold)} / ${x(alembicWarm, checkWarm)} | < 1 s: ${verdict(checkCold.ms < 1000)} cold, ${verdict(checkWarm.ms < 1000)} warm |`,
  );
  const rss = Math.max(graphCold.rss, graphWarm.rss, checkCold.rss, checkWarm.rss);
  console.log(`\nPeak RSS of headsup: ${rss.toFixed(0)} MB (target < 300 MB: ${verdict(rss < 300)}).`);
  if (LARGE > 0) largeRepository(fmt);
  if (process.env.BENCH_DRYRUN !== '0') console.log(`\n${benchDryRun()}`);
} finally {
  if (process.env.BENCH_KEEP) process.stderr.write(`kept ${repo}\n`);
  else rmSync(repo, { recursive: true, force: true });
}

/**
 * A monorepo: LARGE other files in 2,000 folders around one service's 300 revisions, a 1-revision PR.
 * Not a target of its own; it shows what the size of the rest of the repository costs (cold runs).
 */
function largeRepository(fmt) {
  const big = mkdtempSync(join(tmpdir(), 'headsup-bench-large-'));
  try {
    for (let d = 0; d < 2000; d++) {
      const dir = join(big, 'src', `pkg${Math.floor(d / 100)}`, `mod${d}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < LARGE / 2000; f++)
        writeFileSync(join(dir, `f${f}.ts`), `export const x${f} = ${f};\n`);
    }
    const service = join(big, 'services', 'api');
    const versions = join(service, 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    writeFileSync(join(service, 'alembic.ini'), '[alembic]\nscript_location = migrations\n');
    writeFileSync(join(service, 'migrations', 'env.py'), '#\n');
    for (let n = 0; n < 300; n++) write(versions, n, n ? [id(n - 1)] : []);
    const git = gitIn(big);
    baseThenPrBranch(git);
    write(versions, 300, [id(299)]);
    git('add', '-A');
    git('commit', '-qm', 'pr');
    const cold = { ...env, HEADSUP_CACHE: 'off' };
    const commit = series(
      'large: check of a commit',
      process.execPath,
      [cli, 'check', '--base', 'main', '--head', 'pr', '--no-dry-run'],
      big,
      RUNS,
      cold,
    );
    const worktree = series(
      'large: check of the working tree',
      process.execPath,
      [cli, 'check', '--base', 'main', '--no-dry-run'],
      big,
      RUNS,
      cold,
    );
    const files = LARGE + 303;
    console.log(
      `\nLarge repository (${files.toLocaleString('en')} files, one service with 300 revisions, a 1-revision PR; cold): ` +
        `\`check\` of a commit ${fmt(commit)}, of the working tree ${fmt(worktree)}; peak RSS ${Math.max(commit.rss, worktree.rss).toFixed(0)} MB.`,
    );
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
}
