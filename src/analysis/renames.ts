import type { FileChange } from '../git/tree.js';
import type { EnvSnapshot } from './snapshot.js';

const nameOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Renames as Alembic sees them: a revision is its id, not its file. git's rename detection pairs files by
 * content, so a deleted revision and a new one written from the same template read as a "rename" to another
 * id (a deletion and an addition), while a revision moved and rewritten (a squash keeping the head's id)
 * reads as a deletion and an addition of unrelated files (one revision, moved and edited).
 */
export function revisionRenames(
  changes: FileChange[],
  base: EnvSnapshot | undefined,
  merged: EnvSnapshot,
): FileChange[] {
  return pairMoves(unpairRenames(changes, base, merged), base, merged);
}

/** A "rename" to another name that also changes the revision id is a deletion and an addition. */
function unpairRenames(changes: FileChange[], base: EnvSnapshot | undefined, merged: EnvSnapshot) {
  return changes.flatMap((c): FileChange[] => {
    if (c.status !== 'renamed' || !c.oldPath || nameOf(c.oldPath) === nameOf(c.path)) return [c];
    const before = base?.byPath.get(c.oldPath)?.revision?.value;
    const after = merged.byPath.get(c.path)?.revision?.value;
    if (before === undefined || after === undefined || before === after) return [c];
    return [
      { status: 'deleted', path: c.oldPath },
      { status: 'added', path: c.path },
    ];
  });
}

/**
 * A file the PR adds that declares an id base has in a file the PR deletes: that revision, moved (and most
 * likely edited). Only asked when the PR both adds and deletes revision files.
 */
function pairMoves(changes: FileChange[], base: EnvSnapshot | undefined, merged: EnvSnapshot) {
  if (!base || !changes.some((c) => c.status === 'deleted') || !changes.some((c) => c.status === 'added'))
    return changes;
  const deleted = new Map<string, FileChange>();
  for (const c of changes) {
    const id = c.status === 'deleted' ? base.byPath.get(c.path)?.revision?.value : undefined;
    if (id !== undefined && !deleted.has(id)) deleted.set(id, c);
  }
  const moved = new Map<FileChange, FileChange>();
  const gone = new Set<FileChange>();
  for (const c of changes) {
    if (c.status !== 'added') continue;
    const id = merged.byPath.get(c.path)?.revision?.value;
    const from = id === undefined ? undefined : deleted.get(id);
    if (!from || gone.has(from)) continue;
    gone.add(from);
    moved.set(c, { status: 'renamed', path: c.path, oldPath: from.path });
  }
  if (!moved.size) return changes;
  return changes.filter((c) => !gone.has(c)).map((c) => moved.get(c) ?? c);
}
