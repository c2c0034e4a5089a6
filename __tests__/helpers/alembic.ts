import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Debian's Python, the one python3-alembic installs Alembic 1.8.1 into. */
export const PYTHON = '/usr/bin/python3';

/** Prints what Alembic's RevisionMap computes for version directories (see the script's docstring). */
export const REVISION_MAP_ORACLE = join(import.meta.dirname, '..', 'oracle', 'revision_map.py');

/**
 * Why the real Alembic cannot serve as an oracle here (said once on the console, for `suite`), or undefined
 * when it can.
 */
export function alembicMissing(suite: string): string | undefined {
  try {
    execFileSync(PYTHON, ['-c', 'import alembic.script'], { stdio: 'pipe' });
    return undefined;
  } catch {
    const why = `${PYTHON} cannot import alembic`;
    console.log(`skipping ${suite}: ${why}`);
    return why;
  }
}
