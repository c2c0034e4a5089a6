// `npm run demo`: builds a small git repository from examples/demo (a base branch, a teammate's merged
// revision, and a PR branch forked before it) and runs the bundled headsup CLI on it: the conflict, then the
// fix, then the fixed PR dry-run on the embedded PostgreSQL (PGlite) with the SQL each revision ran.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples', 'demo');
const cli = join(root, 'dist', 'cli.js');
const repo = mkdtempSync(join(tmpdir(), 'headsup-demo-'));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = (...args) =>
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd: repo, env, stdio: 'pipe' });
const step = (s) => console.log(`\n\u001b[1m$ ${s}\u001b[0m`);

/**
 * A Python that can run Alembic against PostgreSQL: HEADSUP_PYTHON, else the first `python3` on PATH, else
 * Debian's (the first on PATH may be another interpreter without Alembic).
 */
function pickPython() {
  const candidates = [process.env.HEADSUP_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import alembic, sqlalchemy, psycopg2'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  console.log(
    '\nNote: no Python here has Alembic, SQLAlchemy and psycopg2 (Debian: apt-get install python3-alembic ' +
      'python3-psycopg2); the dry run will say so and the static checks still run.',
  );
  return candidates[0];
}
const python = pickPython();

try {
  git('init', '-q');
  cpSync(join(examples, 'base'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'blog: users and posts');
  git('checkout', '-qb', 'add-display-name');
  cpSync(join(examples, 'pr'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'add user display name');
  git('checkout', '-q', 'main');
  cpSync(join(examples, 'main'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'add post slug');
  git('checkout', '-q', 'add-display-name');
  console.log(`Demo repository: ${repo}`);
  console.log('main: create_users -> create_posts -> add_post_slug (merged after the PR branched)');
  console.log('PR add-display-name: create_users -> create_posts -> add_user_name');

  const run = (label, extra = []) => {
    const args = ['check', '--base', 'main', ...extra];
    step(`headsup ${args.join(' ')}   # ${label}`);
    const r = spawnSync(process.execPath, [cli, ...args, '--python', python], {
      cwd: repo,
      stdio: 'inherit',
      env,
    });
    console.log(`(exit status ${r.status})`);
    return r.status;
  };
  const first = run('the PR as pushed: the static checks', ['--no-dry-run']);

  // Apply the fix headsup printed: re-parent the PR's revision onto main's head.
  const file = join(repo, 'migrations', 'versions', '9f8e7d6c5b4a_add_user_name.py');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('2b3c4d5e6f70', '3c4d5e6f7081'));
  step("apply the suggested fix: down_revision = '3c4d5e6f7081'");
  const second = run('after the fix: the static checks and the dry run on embedded PostgreSQL', [
    '--show-sql',
  ]);
  if (first !== 1 || second !== 0) {
    console.error(`demo: expected exit 1 then 0, got ${first} then ${second}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}
