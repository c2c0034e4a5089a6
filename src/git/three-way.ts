import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, runGit } from './git.js';
import { makeScratch, removeScratch } from './scratch.js';
import { landedPath, type FileChange, type FileTree } from './tree.js';

const MAX_RUNNING = 4;

/** A file both sides changed since the fork: its blobs at the fork and on base, and the PR's path. */
interface Both {
  forkId: string;
  baseId: string;
  prPath: string;
}

/**
 * Files the PR changed that base has changed too since the fork: git's merge joins the two edits line by
 * line, and so does this, with git's own `merge-file`. Without it base's side would be lost: an alembic.ini
 * both sides edited, a revision base re-parented and the PR touched, a file the PR renamed and base edited.
 * Which files is asked of git at once; each is merged only when read (a large PR touches many files that no
 * environment reads).
 */
export class BothChanged {
  private readonly merged = new Map<string, Promise<Buffer | undefined>>();

  private constructor(
    private readonly root: string,
    private readonly head: FileTree,
    private readonly files: ReadonlyMap<string, Both>,
    /** Called with the landed path of a file whose two edits conflict (git stops the merge there). */
    private readonly onConflict: (path: string) => void,
  ) {}

  static async of(
    root: string,
    fork: string,
    baseSha: string,
    head: FileTree,
    changes: FileChange[],
    onConflict: (path: string) => void,
  ): Promise<BothChanged> {
    const files = new Map<string, Both>();
    const edits = changes.filter(
      (c) => (c.status === 'modified' || c.status === 'renamed') && !c.path.includes('\n'),
    );
    if (edits.length) {
      // Base's copy is where the fork had it, or where base has since renamed it (landsAt).
      const forkPath = (c: FileChange) => c.oldPath ?? c.path;
      const basePath = (c: FileChange) => c.landsAt ?? forkPath(c);
      const ids = (
        await runGit(root, ['cat-file', '--batch-check=%(objectname)'], {
          input:
            edits.flatMap((c) => [`${fork}:${forkPath(c)}`, `${baseSha}:${basePath(c)}`]).join('\n') + '\n',
        })
      )
        .toString('utf8')
        .split('\n');
      const isId = (s: string | undefined): s is string => !!s && /^[0-9a-f]{40,64}$/.test(s);
      edits.forEach((c, i) => {
        const [forkId, baseId] = [ids[2 * i], ids[2 * i + 1]];
        // Gone from base (a modify/delete conflict, said elsewhere), or unchanged there: nothing to join.
        if (isId(forkId) && isId(baseId) && forkId !== baseId)
          files.set(landedPath(c), { forkId, baseId, prPath: c.path });
      });
    }
    return new BothChanged(root, head, files, onConflict);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** The joined text; undefined where the edits conflict or a side cannot be read (the PR's is read then). */
  read(path: string): Promise<Buffer | undefined> {
    let text = this.merged.get(path);
    if (!text) {
      text = this.limited(() => this.join(path));
      this.merged.set(path, text);
    }
    return text;
  }

  /** Files are read in windows of hundreds at once: a few joins run at a time (each runs git four times). */
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_RUNNING) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async join(path: string): Promise<Buffer | undefined> {
    const both = this.files.get(path)!;
    const [pr, forkText, baseText] = await Promise.all([
      this.head.read(both.prPath).catch(() => undefined),
      runGit(this.root, ['cat-file', 'blob', both.forkId]),
      runGit(this.root, ['cat-file', 'blob', both.baseId]),
    ]);
    if (!pr) return undefined;
    const dir = makeScratch('headsup-merge-');
    try {
      const files = [join(dir, 'pr'), join(dir, 'fork'), join(dir, 'base')];
      writeFileSync(files[0], pr);
      writeFileSync(files[1], forkText);
      writeFileSync(files[2], baseText);
      return await runGit(this.root, ['merge-file', '-p', ...files]);
    } catch (e) {
      // Exit status: the number of conflicts (or a failure, e.g. a binary file): git would stop here.
      if (!(e instanceof GitError)) throw e;
      this.onConflict(path);
      return undefined;
    } finally {
      removeScratch(dir);
    }
  }
}
