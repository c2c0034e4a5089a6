import { sortedPaths, type FileChange, type FileTree } from './tree.js';
import type { BothChanged } from './three-way.js';

/**
 * The tree that will land: base with the PR's changes applied. Used when base has moved past the PR's fork
 * point, so neither side alone shows what the merge produces. A file changed on both sides takes the PR's
 * version, or where base changed it too since the fork, the two joined as git's merge joins them. A file the
 * PR edits that base has since renamed takes the PR's version at base's new path, as git's merge does.
 */
export class OverlayTree implements FileTree {
  readonly label: string;
  readonly sha = undefined;
  private readonly fromHead = new Set<string>();
  private readonly removed = new Set<string>();
  /** Base's new path → the PR's path of a file the PR edits and base renamed. */
  private readonly moved = new Map<string, string>();

  /**
   * `both`: files both sides changed since the fork (see three-way.ts), read as git's merge joins them
   * (the PR's version where they conflict), and kept out of the parse cache (no blob has that content).
   */
  constructor(
    private readonly base: FileTree,
    private readonly head: FileTree,
    changes: FileChange[],
    private readonly both?: BothChanged,
  ) {
    this.label = `${base.label} + ${head.label}`;
    for (const c of changes) {
      if (c.status === 'deleted') this.removed.add(c.path);
      else if (c.landsAt !== undefined) this.moved.set(c.landsAt, c.path);
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
    if (this.both?.has(path)) return this.both.read(path).then((joined) => joined ?? this.own(path));
    return this.own(path);
  }

  private own(path: string): Promise<Buffer | undefined> {
    if (this.fromHead.has(path)) return this.head.read(path);
    const edited = this.moved.get(path);
    if (edited !== undefined) return this.head.read(edited);
    if (this.removed.has(path)) return Promise.resolve(undefined);
    return this.base.read(path);
  }

  /** Base's links where base's file stays, the PR's where the PR's file lands. */
  async links(): Promise<ReadonlyMap<string, string>> {
    const [base, head] = await Promise.all([this.base.links(), this.head.links()]);
    const out = new Map([...base].filter(([p]) => !this.removed.has(p) && !this.fromHead.has(p)));
    for (const [p, text] of head) if (this.fromHead.has(p)) out.set(p, text);
    for (const [at, edited] of this.moved) {
      const text = head.get(edited);
      if (text === undefined) out.delete(at);
      else out.set(at, text);
    }
    return out;
  }

  async contentIds(paths: readonly string[]): Promise<(string | undefined)[]> {
    const headPaths = paths.map((p) => this.moved.get(p) ?? p);
    const [base, head] = await Promise.all([this.base.contentIds(paths), this.head.contentIds(headPaths)]);
    return paths.map((p, i) =>
      this.both?.has(p)
        ? undefined
        : this.fromHead.has(p) || this.moved.has(p)
          ? head[i]
          : this.removed.has(p)
            ? undefined
            : base[i],
    );
  }
}
