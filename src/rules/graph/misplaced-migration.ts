import { posix } from 'node:path';
import type { Finding } from '../../report/model.js';
import type { FileChange, FileTree } from '../../git/tree.js';
import type { MigrationEnvironment } from '../../formats/alembic/environment.js';
import { discoverEnvironments, isRevisionFileName } from '../../formats/alembic/discover.js';

export const id = 'misplaced-migration';
export const doc =
  'A revision file the PR adds is in no version location after the merge (base moved or dropped its folder); Alembic would never see it.';

/**
 * Revision files the PR adds to a version location of its own tree that the landed tree reads nowhere:
 * most often base moved the folder since the fork (git then stops on the file's location). Not a rule of
 * one environment: the file is in none of the landed ones.
 */
export async function misplacedMigrations(opts: {
  head: FileTree;
  changes: FileChange[];
  /** Every revision file the landed environments read. */
  landed: ReadonlySet<string>;
  explicit?: string[];
  /** Base's renames since the fork (asked for only when some file is left out). */
  baseRenames: () => Promise<FileChange[]>;
}): Promise<Finding[]> {
  const added = opts.changes.filter(
    (c) =>
      (c.status === 'added' || c.status === 'renamed') &&
      isRevisionFileName(posix.basename(c.path)) &&
      !opts.landed.has(c.path),
  );
  if (!added.length) return [];
  const { environments } = await discoverEnvironments(opts.head, opts.explicit);
  const out: Finding[] = [];
  let moves: Map<string, string> | undefined;
  for (const c of added) {
    const env = environments.find((e) => inLocation(e, c.path));
    if (!env) continue; // no revision in the PR's own tree either
    moves ??= folderMoves(await opts.baseRenames());
    const dir = posix.dirname(c.path);
    const to = moves.get(dir);
    out.push({
      rule: id,
      severity: 'error',
      environment: env.path,
      file: c.path,
      line: 1,
      message:
        `${c.path} is a revision file this PR adds to ${dir}, which no environment reads after the merge` +
        (to
          ? `: base has moved that folder to ${to} since this branch forked (git stops the merge on the file's location).`
          : '.') +
        ' Alembic would never run it.',
      fix: {
        summary: to
          ? `Update the branch and move the file to ${to}/.`
          : 'Move the file into a version location of its environment.',
      },
    });
  }
  return out;
}

function inLocation(env: MigrationEnvironment, path: string): boolean {
  return env.versionLocations.some((loc) => {
    const prefix = loc === '.' ? '' : `${loc}/`;
    if (!path.startsWith(prefix)) return false;
    return env.recursive || !path.slice(prefix.length).includes('/');
  });
}

/** Folders base moved since the fork, by where their files went (the first move of each folder wins). */
function folderMoves(renames: FileChange[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of renames) {
    if (r.status !== 'renamed' || !r.oldPath) continue;
    const from = posix.dirname(r.oldPath);
    const to = posix.dirname(r.path);
    if (from !== to && !out.has(from)) out.set(from, to);
  }
  return out;
}
