import { join } from 'node:path';
import { runGit } from './git.js';
import { makeScratch, removeScratch } from './scratch.js';

/** The tree that will land, as files on disk: where the dry run's Python runs the migrations. */
export interface Checkout {
  /** The folder that holds the repository's files (its root). */
  dir: string;
  /** True when that is the user's own working tree (already the tree that will land). */
  inPlace: boolean;
  /** Said in the report when the merge git made had conflicts (files then hold conflict markers). */
  conflicts: string[];
  /** Removes a temporary checkout; nothing for one in place. Idempotent. */
  remove(): void;
}

export interface MaterializeInput {
  root: string;
  /** The base commit (as it is now). */
  base: string;
  /** Where the PR forked from base. */
  fork: string;
  /** The head commit; undefined for the working tree. */
  head?: string;
}

const text = (b: Buffer) => b.toString('utf8').trim();

/**
 * Puts the merged tree (base ∪ PR) on disk. In place where the working tree already is that tree: the head is
 * the working tree (or the checked-out, unmodified HEAD commit, as in the action's merge-commit checkout) and
 * base has not moved since the fork. Otherwise a temporary checkout written with git plumbing: a temporary
 * index, so the user's index, working tree and refs are never touched.
 */
export async function materializeMerged(input: MaterializeInput): Promise<Checkout> {
  const { root, base, fork, head } = input;
  if (fork === base && (await isWorkingTree(root, head)))
    return { dir: root, inPlace: true, conflicts: [], remove() {} };
  return scratchCheckout(root, async (index) => {
    const headCommit = head ?? (await workingTreeCommit(root, index));
    return fork === base
      ? { tree: `${headCommit}^{tree}`, conflicts: [] }
      : mergeTrees(root, base, headCommit);
  });
}

/** A commit's tree as files in a temporary folder (the base, for comparing its models): never in place. */
export function materializeCommit(root: string, commit: string): Promise<Checkout> {
  return scratchCheckout(root, async () => ({ tree: `${commit}^{tree}`, conflicts: [] }));
}

/** A tree written to a temporary folder through a temporary index; the folder goes on failure or remove(). */
async function scratchCheckout(
  root: string,
  treeOf: (index: string) => Promise<{ tree: string; conflicts: string[] }>,
): Promise<Checkout> {
  const dir = makeScratch('headsup-tree-');
  const index = join(dir, '.headsup-index');
  const files = join(dir, 'tree');
  let removed = false;
  const remove = () => {
    if (!removed) removeScratch(dir);
    removed = true;
  };
  try {
    const { tree, conflicts } = await treeOf(index);
    const env = { GIT_INDEX_FILE: index };
    await runGit(root, ['read-tree', tree], { env });
    // checkout-index applies the repository's filters (LFS, eol) as a checkout would.
    await runGit(root, ['checkout-index', '--all', '--force', `--prefix=${files}/`], { env });
    return { dir: files, inPlace: false, conflicts, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

/** Whether the files on disk are the head the check reads: the working tree itself, or HEAD unmodified. */
async function isWorkingTree(root: string, head: string | undefined): Promise<boolean> {
  if (head === undefined) return true;
  const headSha = text(
    await runGit(root, ['rev-parse', '--verify', 'HEAD^{commit}']).catch(() => Buffer.from('')),
  );
  const wanted = text(await runGit(root, ['rev-parse', '--verify', `${head}^{commit}`]));
  if (headSha !== wanted) return false;
  const dirty = await runGit(root, ['status', '--porcelain', '--untracked-files=no', '--ignore-submodules']);
  return dirty.length === 0;
}

/**
 * The working tree (tracked and untracked files, ignored ones skipped, as the check reads it) as a commit
 * on top of HEAD, made through a temporary index: a dangling object git's gc removes in time.
 */
async function workingTreeCommit(root: string, index: string): Promise<string> {
  const env = { GIT_INDEX_FILE: index };
  const parent = text(await runGit(root, ['rev-parse', '--verify', 'HEAD^{commit}']));
  await runGit(root, ['read-tree', parent], { env });
  await runGit(root, ['add', '--all', '--', '.'], { env });
  const tree = text(await runGit(root, ['write-tree'], { env }));
  return text(
    await runGit(root, ['commit-tree', tree, '-p', parent, '-m', 'headsup: working tree'], {
      env: {
        GIT_AUTHOR_NAME: 'headsup',
        GIT_AUTHOR_EMAIL: 'headsup@localhost',
        GIT_COMMITTER_NAME: 'headsup',
        GIT_COMMITTER_EMAIL: 'headsup@localhost',
      },
    }),
  );
}

/** `git merge-tree --write-tree` (git ≥ 2.38): the tree a merge would make, and the paths it could not merge. */
async function mergeTrees(
  root: string,
  base: string,
  head: string,
): Promise<{ tree: string; conflicts: string[] }> {
  const out = text(
    await runGit(root, ['merge-tree', '--write-tree', '--name-only', '--no-messages', base, head], {
      okExitCodes: [1],
    }),
  );
  const [tree, ...conflicts] = out.split('\n').filter(Boolean);
  return { tree, conflicts: [...new Set(conflicts)] };
}
