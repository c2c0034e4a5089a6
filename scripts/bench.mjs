// `npm run bench`: a synthetic 10,000-revision Alembic history (a side branch forks and merges back every
// ~50 revisions), timed against the real Alembic in the same run. Prints a Markdown table (README's).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const N = Number(process.env.BENCH_REVISIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PYTHON = process.env.HEADSUP_PYTHON ?? '/usr/bin/python3';
const env = {
  ...process.env,
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

function measure(cmd, args, cwd) {
  // A Python wrapper reads the child's peak RSS from getrusage, the same way for every tool.
  const probe = `import json,resource,subprocess,sys,time
t=time.perf_counter(); r=subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
ms=(time.perf_counter()-t)*1000
print(json.dumps({"ms": ms, "rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, "code": r.returncode, "err": r.stderr.decode()[-500:]}))`;
  const out = execFileSync(PYTHON, ['-c', probe, cwd, cmd, ...args], { env, encoding: 'utf8' });
  return JSON.parse(out);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function series(label, cmd, args, cwd, runs, okCodes = [0]) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = measure(cmd, args, cwd);
    if (!okCodes.includes(r.code)) throw new Error(`${label} exited ${r.code}: ${r.err}`);
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
  writeFileSync(join(repo, 'migrations', 'env.py'), '# not run by `alembic heads`\n');
  const head = history(versions);
  const git = (...a) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', ...a], { cwd: repo, env, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'pr');
  let parent = head;
  for (let k = 0; k < 3; k++) {
    write(versions, N + k, [parent]);
    parent = id(N + k);
  }
  git('add', '-A');
  git('commit', '-qm', 'pr: three revisions');
  git('checkout', '-q', 'main');
  process.stderr.write(`history: ${N} revisions in ${repo}\n`);

  const alembic = series(
    'alembic heads',
    PYTHON,
    ['-m', 'alembic', 'heads'],
    repo,
    Math.max(1, Math.ceil(RUNS / 2)),
  );
  const graph = series(
    'headsup graph --format json',
    process.execPath,
    [cli, 'graph', '--format', 'json'],
    repo,
    RUNS,
  );
  const check = series(
    'headsup check (3-revision PR)',
    process.execPath,
    [cli, 'check', '--base', 'main', '--head', 'pr', '--no-dry-run'],
    repo,
    RUNS,
  );

  const speedup = alembic.ms / graph.ms;
  const rows = [
    ['`python3 -m alembic heads` (reference)', alembic.ms, alembic.rss, '1×', '—'],
    [
      '`headsup graph --format json`',
      graph.ms,
      graph.rss,
      `${speedup.toFixed(1)}× faster`,
      `≥ 10× faster: ${speedup >= 10 ? 'met' : 'NOT met'}`,
    ],
    [
      '`headsup check` of a 3-revision PR',
      check.ms,
      check.rss,
      `${(alembic.ms / check.ms).toFixed(1)}× faster`,
      `< 1 s: ${check.ms < 1000 ? 'met' : 'NOT met'}`,
    ],
  ];
  const rssOk = Math.max(graph.rss, check.rss) < 300;
  console.log(
    `Synthetic history: ${N} revisions (a side branch forks and merges back every 50), median of ${RUNS} runs, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.\n`,
  );
  console.log('| command | median time | peak RSS | vs alembic heads | target |');
  console.log('|---|---:|---:|---:|---|');
  for (const [name, ms, rss, ratio, target] of rows)
    console.log(`| ${name} | ${ms.toFixed(0)} ms | ${rss.toFixed(0)} MB | ${ratio} | ${target} |`);
  console.log(`\nPeak RSS under 300 MB: ${rssOk ? 'met' : 'NOT met'}.`);
} finally {
  if (process.env.BENCH_KEEP) process.stderr.write(`kept ${repo}\n`);
  else rmSync(repo, { recursive: true, force: true });
}
