import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bundled } from './bundle.js';
import { PYTHON } from './alembic.js';
import { revisionFile, type StockTemplate } from './alembic-project.js';
import { TestRepo } from './git-repo.js';
import type { Report } from '../../src/report/model.js';

const run = promisify(execFile);

/** A blog app's base history: users, then posts. */
export const BASE_REVISIONS: Record<string, string> = {
  'aaaa0001_users.py': revisionFile(
    'aaaa0001',
    null,
    "op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('email', sa.String(200), nullable=False))",
    "op.drop_table('users')",
  ),
  'bbbb0002_posts.py': revisionFile(
    'bbbb0002',
    'aaaa0001',
    "op.create_table('posts', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('author_id', sa.Integer(), sa.ForeignKey('users.id')), sa.Column('title', sa.String(200)))",
    "op.drop_table('posts')",
  ),
};

export interface DryRunRepoOptions {
  template: StockTemplate;
  /** sqlalchemy.url in alembic.ini. */
  url: string;
  /** Rewrites the stock env.py on base. */
  envPy?: (stock: string) => string;
  /** Extra base files (paths from the repository root). */
  baseFiles?: Record<string, string>;
}

/**
 * A git repository with an Alembic project on `main` (base) and one branch per case: each branch adds its
 * files on top of base. Branches are cheap; every case runs `headsup check --base main --head <branch>`.
 */
export class DryRunRepo {
  readonly repo = new TestRepo();

  constructor(opts: DryRunRepoOptions) {
    const ini = opts.template.ini
      .replace(/^script_location = .*$/m, 'script_location = migrations')
      .replace(/^sqlalchemy\.url = .*$/m, `sqlalchemy.url = ${opts.url}`);
    const versions = Object.fromEntries(
      Object.entries(BASE_REVISIONS).map(([name, text]) => [`migrations/versions/${name}`, text]),
    );
    this.repo
      .write({
        'alembic.ini': ini,
        'migrations/env.py': opts.envPy ? opts.envPy(opts.template.envPy) : opts.template.envPy,
        'migrations/script.py.mako': '# template\n',
        ...versions,
        ...(opts.baseFiles ?? {}),
      })
      .commit('base');
  }

  /** A branch off main with these files (paths from the root; revision files under migrations/versions/). */
  branch(name: string, files: Record<string, string>): string {
    this.repo.checkout('main');
    this.repo.checkout(name, true).write(files).commit(name);
    this.repo.checkout('main');
    return name;
  }

  cleanup(): void {
    this.repo.cleanup();
  }
}

export interface CheckRun {
  report: Report;
  code: number | null;
  stderr: string;
}

/** The bundled CLI's `check --format json`, as a user runs it (Debian's Python unless told otherwise). */
export async function checkJson(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CheckRun> {
  const argv = [bundled('cli.js'), 'check', '--repo', dir, '--format', 'json', '--python', PYTHON, ...args];
  try {
    const { stdout, stderr } = await run(process.execPath, argv, {
      env: { ...process.env, ...env },
      maxBuffer: 64 << 20,
    });
    return { report: JSON.parse(stdout) as Report, code: 0, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (err.code === 1 && err.stdout)
      return { report: JSON.parse(err.stdout) as Report, code: 1, stderr: err.stderr ?? '' };
    throw new Error(`headsup check failed (${err.code}): ${err.stderr ?? ''}`, { cause: e });
  }
}

/** `migrations/versions/<id>_x.py` with a revision file. */
export function rev(
  id: string,
  down: string | null,
  upgrade: string,
  downgrade = 'pass',
): Record<string, string> {
  return { [`migrations/versions/${id}_x.py`]: revisionFile(id, down, upgrade, downgrade) };
}
