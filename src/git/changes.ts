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
 * untracked move with edits reads as delete + add.
 */
export async function changedFiles(
  repo: string,
  baseSha: string,
  head: { sha: string } | { worktree: WorkTree },
): Promise<FileChange[]> {
  const diffArgs = ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-relative', '--no-color'];
  if ('worktree' in head) {
    // The untracked files come from the work tree's own listing: a large repository is walked once.
    const [diff, added] = await Promise.all([
      runGit(repo, [...diffArgs, baseSha, '--']),
      head.worktree.untracked(),
    ]);
    return sortChanges(await pairExactRenames(repo, baseSha, parseNameStatus(diff), added));
  }
  return sortChanges(parseNameStatus(await runGit(repo, [...diffArgs, baseSha, head.sha, '--'])));
}

const STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  T: 'modified', // type change (file <-> symlink)
  U: 'modified', // unmerged
  D: 'deleted',
  R: 'renamed',
};

/** `-z --name-status`: `X NUL path NUL`, or `R<score> NUL old NUL new NUL` (C likewise for copies). */
export function parseNameStatus(out: Buffer): FileChange[] {
  const f = out.toString('utf8').split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < f.length;) {
    const letter = f[i][0];
    if (letter === 'R' || letter === 'C') {
      const [oldPath, path] = [f[i + 1], f[i + 2]];
      changes.push(letter === 'R' ? { status: 'renamed', path, oldPath } : { status: 'added', path });
      i += 3;
    } else {
      changes.push({ status: STATUS[letter] ?? 'modified', path: f[i + 1] });
      i += 2;
    }
  }
  return changes;
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

  const [baseIds, newIds] = await Promise.all([
    // `<id> <type> <size>` or `<name> missing` per line, in request order.
    runGit(repo, ['cat-file', '--batch-check=%(objectname)'], {
      input: deleted.map((c) => `${baseSha}:${c.path}`).join('\n') + '\n',
    }),
    runGit(repo, ['hash-object', '--stdin-paths'], { input: untracked.join('\n') + '\n' }),
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
  lines(newIds).forEach((id, i) => {
    const candidates = byContent.get(id)?.filter((d) => !renamedAway.has(d));
    if (i >= untracked.length || !candidates?.length) return;
    const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    const from = candidates.find((d) => name(d.path) === name(untracked[i])) ?? candidates[0];
    renamedAway.add(from);
    addedChanges[i] = { status: 'renamed', path: untracked[i], oldPath: from.path };
  });
  return [...changes.filter((c) => !renamedAway.has(c)), ...addedChanges];
}

function sortChanges(changes: FileChange[]): FileChange[] {
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
