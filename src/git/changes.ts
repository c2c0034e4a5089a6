import { lstatSync } from 'node:fs';
import { runGit } from './git.js';
import type { ChangeStatus, FileChange } from './tree.js';
import type { WorkTree } from './work-tree.js';

/**
 * Files that differ between `baseSha` and `head` (a commit, or the working tree), renames detected (-M).
 *
 * Against the working tree, `git diff <base>` covers tracked files (staged or not); untracked, non-ignored
 * files are added from `ls-files --others`. git cannot pair those with deletions for rename detection
 * without writing them to an index, so headsup pairs them itself when the content is identical (hashed
 * with `hash-object`, which writes nothing): a plain `mv` of a migration still reads as a rename, an
 * untracked move with edits reads as delete + add. A change of mode alone is no change.
 */
export async function changedFiles(
  repo: string,
  baseSha: string,
  head: { sha: string } | { worktree: WorkTree },
): Promise<FileChange[]> {
  const diffArgs = [
    'diff',
    '--raw',
    '--no-abbrev',
    '-z',
    '-M',
    '--no-ext-diff',
    '--no-relative',
    '--no-color',
  ];
  if ('worktree' in head) {
    // The untracked files come from the work tree's own listing: a large repository is walked once.
    const [diff, added, unwatched] = await Promise.all([
      runGit(repo, [...diffArgs, baseSha, '--']),
      head.worktree.untracked(),
      head.worktree.unwatched(),
    ]);
    const tracked = await dropModeOnly(repo, parseRaw(diff));
    tracked.push(...(await unwatchedChanges(repo, baseSha, unwatched, tracked)));
    return sortChanges(await pairExactRenames(repo, baseSha, tracked, added));
  }
  const entries = parseRaw(await runGit(repo, [...diffArgs, baseSha, head.sha, '--']));
  return sortChanges(await dropModeOnly(repo, entries));
}

const STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  T: 'modified', // type change (file <-> symlink)
  U: 'modified', // unmerged
  D: 'deleted',
  R: 'renamed',
};

/** One `--raw` record: the change, with both sides' modes and blob ids (zeros: not hashed, on disk). */
export interface RawChange {
  change: FileChange;
  oldMode: string;
  newMode: string;
  oldId: string;
  newId: string;
}

/**
 * `--raw -z`: `:<old mode> <new mode> <old id> <new id> <X> NUL path NUL`, or with `R<score>`/`C<score>`
 * `... NUL old NUL new NUL`. A copy is an addition (its source is unchanged).
 */
export function parseRaw(out: Buffer): RawChange[] {
  const f = out.toString('utf8').split('\0');
  const entries: RawChange[] = [];
  for (let i = 0; i + 1 < f.length;) {
    const [oldMode, newMode, oldId, newId, status] = f[i].slice(1).split(' ');
    const letter = status[0];
    let change: FileChange;
    if (letter === 'R' || letter === 'C') {
      const [oldPath, path] = [f[i + 1], f[i + 2]];
      change = letter === 'R' ? { status: 'renamed', path, oldPath } : { status: 'added', path };
      i += 3;
    } else {
      change = { status: STATUS[letter] ?? 'modified', path: f[i + 1] };
      i += 2;
    }
    entries.push({ change, oldMode, newMode, oldId, newId });
  }
  return entries;
}

const REGULAR = /^100[0-7]{3}$/; // a regular file, executable or not
const UNHASHED = /^0+$/;

/**
 * The changes without mode-only ones (`chmod +x`): git lists them as modified, but the content, all that
 * Alembic reads, is the same. A file changed on disk has no id in the diff; those whose mode changed are
 * hashed (`hash-object` writes nothing) to tell.
 */
async function dropModeOnly(repo: string, entries: RawChange[]): Promise<FileChange[]> {
  const modeChanged = (e: RawChange) =>
    e.change.status === 'modified' &&
    e.oldMode !== e.newMode &&
    REGULAR.test(e.oldMode) &&
    REGULAR.test(e.newMode);
  const unhashed = entries.filter(
    (e) => modeChanged(e) && UNHASHED.test(e.newId) && !e.change.path.includes('\n'),
  );
  if (unhashed.length) {
    const ids = (
      await runGit(repo, ['hash-object', '--stdin-paths'], {
        input: unhashed.map((e) => e.change.path).join('\n') + '\n',
      })
    )
      .toString('utf8')
      .split('\n');
    unhashed.forEach((e, i) => (e.newId = ids[i]));
  }
  return entries.filter((e) => !(modeChanged(e) && e.oldId === e.newId)).map((e) => e.change);
}

async function pairExactRenames(
  repo: string,
  baseSha: string,
  changes: FileChange[],
  untracked: string[],
): Promise<FileChange[]> {
  const deleted = changes.filter((c) => c.status === 'deleted');
  const addedChanges: FileChange[] = untracked.map((path) => ({ status: 'added', path }));
  if (!deleted.length || !untracked.length) return [...changes, ...addedChanges];

  // Only regular files: hash-object reads through a link (and fails on one to a folder), while git's id
  // of a link is its text; a link is no rename of a deleted file anyway. A name with a line break cannot
  // be passed on a line.
  const hashed = untracked.flatMap((p, i) => (!p.includes('\n') && isRegularFile(`${repo}/${p}`) ? [i] : []));
  const [baseIds, newIds] = await Promise.all([
    // `<id> <type> <size>` or `<name> missing` per line, in request order.
    runGit(repo, ['cat-file', '--batch-check=%(objectname)'], {
      input: deleted.map((c) => `${baseSha}:${c.path}`).join('\n') + '\n',
    }),
    hashed.length
      ? runGit(repo, ['hash-object', '--stdin-paths'], {
          input: hashed.map((i) => untracked[i]).join('\n') + '\n',
        })
      : Buffer.alloc(0),
  ]);
  const lines = (b: Buffer) => b.toString('utf8').split('\n');
  const byContent = new Map<string, FileChange[]>();
  lines(baseIds).forEach((id, i) => {
    if (i < deleted.length && /^[0-9a-f]{40,64}$/.test(id)) {
      const list = byContent.get(id) ?? [];
      list.push(deleted[i]);
      byContent.set(id, list);
    }
  });
  const renamedAway = new Set<FileChange>();
  lines(newIds).forEach((id, k) => {
    const i = hashed[k];
    const candidates = byContent.get(id)?.filter((d) => !renamedAway.has(d));
    if (i === undefined || !candidates?.length) return;
    const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    const from = candidates.find((d) => name(d.path) === name(untracked[i])) ?? candidates[0];
    renamedAway.add(from);
    addedChanges[i] = { status: 'renamed', path: untracked[i], oldPath: from.path };
  });
  return [...changes.filter((c) => !renamedAway.has(c)), ...addedChanges];
}

/**
 * Files git does not compare with the disk (assume-unchanged, skip-worktree), as they are on disk against
 * base: `git diff` goes by the index for them, and Python by the disk. Hashed (`hash-object` writes
 * nothing) and compared with base's blobs.
 */
async function unwatchedChanges(
  repo: string,
  baseSha: string,
  paths: string[],
  known: FileChange[],
): Promise<FileChange[]> {
  const seen = new Set(known.map((c) => c.path));
  const asked = paths.filter((p) => !seen.has(p) && !p.includes('\n'));
  if (!asked.length) return [];
  const lines = (b: Buffer) => b.toString('utf8').split('\n');
  const [disk, base] = await Promise.all([
    runGit(repo, ['hash-object', '--stdin-paths'], { input: asked.join('\n') + '\n' }).then(lines),
    // `<id>` per line, or `<name> missing` for a file base does not have.
    runGit(repo, ['cat-file', '--batch-check=%(objectname)'], {
      input: asked.map((p) => `${baseSha}:${p}`).join('\n') + '\n',
    }).then(lines),
  ]);
  return asked.flatMap((path, i): FileChange[] => {
    if (!/^[0-9a-f]{40,64}$/.test(base[i])) return [{ status: 'added', path }];
    return disk[i] === base[i] ? [] : [{ status: 'modified', path }];
  });
}

function sortChanges(changes: FileChange[]): FileChange[] {
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false; // gone since the listing: nothing to pair
  }
}
