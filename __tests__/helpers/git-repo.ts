import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A real git repository in a temp dir, for scenario tests. */
export class TestRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'headsup-test-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: gitEnv, encoding: 'utf8' }).trim();
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    return this;
  }

  remove(...paths: string[]): this {
    for (const p of paths) unlinkSync(join(this.dir, p));
    return this;
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  checkout(branch: string, create = false): this {
    this.git('checkout', '-q', ...(create ? ['-b', branch] : [branch]));
    return this;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RevisionSpec {
  id: string;
  down?: string | string[] | null;
  labels?: string[];
  dependsOn?: string[];
  style?: 'typed' | 'old';
  quote?: "'" | '"';
  revises?: string;
}

const py = (v: string | string[] | null | undefined, q: string) =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0)
    ? 'None'
    : Array.isArray(v)
      ? v.length === 1
        ? `(${q}${v[0]}${q},)`
        : `(${v.map((x) => `${q}${x}${q}`).join(', ')})`
      : `${q}${v}${q}`;

/** An Alembic revision file as `alembic revision` writes it (typed template by default, or the old one). */
export function revisionFile(spec: RevisionSpec): string {
  const q = spec.quote ?? "'";
  const down = spec.down ?? null;
  const revises = spec.revises ?? (Array.isArray(down) ? down.join(', ') : (down ?? ''));
  const labels = spec.labels?.length ? py(spec.labels, q) : 'None';
  const deps = spec.dependsOn?.length ? py(spec.dependsOn, q) : 'None';
  const header = `"""${spec.id}\n\nRevision ID: ${spec.id}\nRevises: ${revises}\nCreate Date: 2026-01-01 00:00:00.000000\n\n"""\n`;
  const decl =
    spec.style === 'old'
      ? `from alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\nrevision = ${q}${spec.id}${q}\ndown_revision = ${py(down, q)}\nbranch_labels = ${labels}\ndepends_on = ${deps}\n`
      : `from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\nrevision: str = ${q}${spec.id}${q}\ndown_revision: Union[str, Sequence[str], None] = ${py(down, q)}\nbranch_labels: Union[str, Sequence[str], None] = ${labels}\ndepends_on: Union[str, Sequence[str], None] = ${deps}\n`;
  return `${header}${decl}\n\ndef upgrade() -> None:\n    op.execute("SELECT 1")\n\n\ndef downgrade() -> None:\n    pass\n`;
}

export const INI = '[alembic]\nscript_location = %(here)s/migrations\n';

/** `{ 'migrations/versions/<id>.py': file }` for a list of specs. */
export function revisions(dir: string, ...specs: RevisionSpec[]): Record<string, string> {
  return Object.fromEntries(specs.map((s) => [`${dir}/${s.id}_rev.py`, revisionFile(s)]));
}

/**
 * The repository most tests need: main has a <- b <- c (c landed after the fork), and branch `pr`
 * forked at b and added d(b). Left checked out on main.
 */
export function forkedRepo(dir = 'migrations/versions'): TestRepo {
  const repo = new TestRepo();
  repo
    .write({ 'alembic.ini': INI, ...revisions(dir, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }) })
    .commit('base');
  repo
    .checkout('pr', true)
    .write(revisions(dir, { id: 'dddd04', down: 'bbbb02' }))
    .commit('pr');
  repo
    .checkout('main')
    .write(revisions(dir, { id: 'cccc03', down: 'bbbb02' }))
    .commit('moved on');
  return repo;
}
