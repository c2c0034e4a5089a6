import { sortedPaths, type FileChange, type FileTree } from './tree.js';

/**
 * The tree that will land: base with the PR's changes applied. Used when base has moved past the PR's fork
 * point, so neither side alone shows what the merge produces. A file changed on both sides takes the PR's
 * version (git would merge the text; for revision headers the PR's side is what matters).
 */
export class OverlayTree implements FileTree {
  readonly label: string;
  readonly sha = undefined;
  private readonly fromHead = new Set<string>();
  private readonly removed = new Set<string>();

  constructor(
    private readonly base: FileTree,
    private readonly head: FileTree,
    changes: FileChange[],
  ) {
    this.label = `${base.label} + ${head.label}`;
    for (const c of changes) {
      if (c.status === 'deleted') this.removed.add(c.path);
      else this.fromHead.add(c.path);
      if (c.status === 'renamed' && c.oldPath) this.removed.add(c.oldPath);
    }
  }

  private sorted?: Promise<string[]>;

  /** Listed once: discovery and every environment ask, and a large repository lists a lot. */
  list(): Promise<readonly string[]> {
    this.sorted ??= this.base.list().then((base) => {
      const paths = new Set(base.filter((p) => !this.removed.has(p)));
      for (const p of this.fromHead) paths.add(p);
      return sortedPaths([...paths]);
    });
    return this.sorted;
  }

  read(path: string): Promise<Buffer | undefined> {
    if (this.fromHead.has(path)) return this.head.read(path);
    if (this.removed.has(path)) return Promise.resolve(undefined);
    return this.base.read(path);
  }

  async contentIds(paths: readonly string[]): Promise<(string | undefined)[]> {
    const [base, head] = await Promise.all([this.base.contentIds(paths), this.head.contentIds(paths)]);
    return paths.map((p, i) => (this.fromHead.has(p) ? head[i] : this.removed.has(p) ? undefined : base[i]));
  }
}
