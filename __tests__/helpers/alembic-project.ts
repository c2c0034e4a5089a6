import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PYTHON } from './alembic.js';

const run = promisify(execFile);

/** What `alembic init -t <template>` writes: env.py and alembic.ini, as the installed Alembic has them. */
export interface StockTemplate {
  envPy: string;
  ini: string;
}

/** Runs the real `alembic init` once per template (a temp dir, removed after). */
export async function stockTemplates<T extends string>(...templates: T[]): Promise<Record<T, StockTemplate>> {
  const dir = mkdtempSync(join(tmpdir(), 'headsup-init-'));
  try {
    const entries = await Promise.all(
      templates.map(async (template) => {
        const cwd = join(dir, template);
        mkdirSync(cwd);
        await run(PYTHON, ['-m', 'alembic', 'init', '-t', template, 'migrations'], { cwd });
        const files = {
          envPy: readFileSync(join(cwd, 'migrations', 'env.py'), 'utf8'),
          ini: readFileSync(join(cwd, 'alembic.ini'), 'utf8'),
        };
        return [template, files] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<T, StockTemplate>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ProjectOptions {
  template: StockTemplate;
  /** sqlalchemy.url in alembic.ini (what a user's checked-in config says). */
  url: string;
  /** Revision files by name (under migrations/versions/). */
  revisions: Record<string, string>;
  /** Rewrites the stock env.py. */
  envPy?: (stock: string) => string;
  /** Renames the [alembic] section (`alembic -n NAME`). */
  section?: string;
}

export interface Project {
  root: string;
  ini: string;
  /** Absolute path of a file of the project. */
  path(rel: string): string;
  write(rel: string, text: string): void;
  remove(): void;
}

/** A small Alembic project in a temp dir: alembic.ini, migrations/env.py, migrations/versions/*.py. */
export function alembicProject(opts: ProjectOptions): Project {
  const root = mkdtempSync(join(tmpdir(), 'headsup-project-'));
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  let ini = opts.template.ini
    .replace(/^script_location = .*$/m, 'script_location = migrations')
    .replace(/^sqlalchemy\.url = .*$/m, `sqlalchemy.url = ${opts.url}`);
  if (opts.section) ini = ini.replace(/^\[alembic\]$/m, `[${opts.section}]`);
  write('alembic.ini', ini);
  write('migrations/env.py', opts.envPy ? opts.envPy(opts.template.envPy) : opts.template.envPy);
  for (const [name, text] of Object.entries(opts.revisions)) write(`migrations/versions/${name}`, text);
  return {
    root,
    ini: join(root, 'alembic.ini'),
    path: (rel) => join(root, rel),
    write,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A revision file as `alembic revision` writes it, with the given bodies (indented by the caller's 4 spaces). */
export function revisionFile(id: string, down: string | null, upgrade: string, downgrade = 'pass'): string {
  return [
    `"""${id}`,
    '',
    `Revision ID: ${id}`,
    `Revises: ${down ?? ''}`,
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = ${JSON.stringify(id)}`,
    `down_revision = ${down === null ? 'None' : JSON.stringify(down)}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade():',
    ...upgrade.split('\n').map((l) => (l ? `    ${l}` : l)),
    '',
    '',
    'def downgrade():',
    ...downgrade.split('\n').map((l) => (l ? `    ${l}` : l)),
    '',
  ].join('\n');
}

/** The 1-based line of the first line containing `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
