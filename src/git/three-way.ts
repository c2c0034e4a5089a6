import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, runGit } from './git.js';
import { makeScratch, removeScratch } from './scratch.js';
import { landedPath, type FileChange, type FileTree } from './tree.js';

/** Past this many files changed on both sides, the PR's versions are read (each merge runs git once). */
const MAX_MERGES = 100;

export interface BothChanged {
  /** The merged text of each file both sides changed, by the path where it lands. */
  merged: Map<string, Buffer>;
  /** Where the two sides' edits conflict: git stops the merge there; the PR's version is read. */
  conflicts: string[];
}

/**
 * Files the PR changed that base has changed too since the fork: git's merge joins the two edits line by
 * line, and so does this, with git's own `merge-file`. Without it base's side would be lost: an alembic.ini
 * both sides edited, a revision base re-parented and the PR touched, a file the PR renamed and base edited.
 */
export async function mergeBothChanged(
  root: string,
  fork: string,
  baseSha: string,
  head: FileTree,
  changes: FileChange[],
): Promise<BothChanged> {
  const out: BothChanged = { merged: new Map(), conflicts: [] };
  const edits = changes.filter((c) => c.status === 'modified' || c.status === 'renamed');
  if (!edits.length) return out;
  // Base's copy is where the fork had it, or where base has since renamed it (landsAt).
  const forkPath = (c: FileChange) => c.oldPath ?? c.path;
  const basePath = (c: FileChange) => c.landsAt ?? forkPath(c);
  const ids = (
    await runGit(root, ['cat-file', '--batch-check=%(objectname)'], {
      input: edits.flatMap((c) => [`${fork}:${forkPath(c)}`, `${baseSha}:${basePath(c)}`]).join('\n') + '\n',
    })
  )
    .toString('utf8')
    .split('\n');
  const isId = (s: string | undefined) => !!s && /^[0-9a-f]{40,64}$/.test(s);
  const both = edits
    .map((c, i) => ({ c, forkId: ids[2 * i], baseId: ids[2 * i + 1] }))
    // Gone from base (a modify/delete conflict, said elsewhere), or unchanged there: nothing to join.
    .filter(
      ({ c, forkId, baseId }) => !c.path.includes('\n') && isId(forkId) && isId(baseId) && forkId !== baseId,
    );
  if (!both.length) return out;
  const dir = makeScratch('headsup-merge-');
  try {
    for (const [k, { c, forkId, baseId }] of both.entries()) {
      const at = landedPath(c);
      const pr = k < MAX_MERGES ? await head.read(c.path).catch(() => undefined) : undefined;
      if (!pr) {
        out.conflicts.push(at);
        continue;
      }
      const [forkText, baseText] = await Promise.all([
        runGit(root, ['cat-file', 'blob', forkId]),
        runGit(root, ['cat-file', 'blob', baseId]),
      ]);
      const files = [join(dir, 'pr'), join(dir, 'fork'), join(dir, 'base')];
      writeFileSync(files[0], pr);
      writeFileSync(files[1], forkText);
      writeFileSync(files[2], baseText);
      try {
        out.merged.set(at, await runGit(root, ['merge-file', '-p', ...files]));
      } catch (e) {
        // Exit status: the number of conflicts (or a failure, e.g. a binary file): git would stop here.
        if (!(e instanceof GitError)) throw e;
        out.conflicts.push(at);
      }
    }
  } finally {
    removeScratch(dir);
  }
  return out;
}
