/** A read-only view of the files of one revision of a repository: a git tree at a commit, or the working tree. */
export interface FileTree {
  /** What the user named ("origin/main", "HEAD", "working tree"). */
  readonly label: string;
  /** Commit sha for git trees; undefined for the working tree. */
  readonly sha?: string;
  /** Every file path (posix, relative to the repository root), sorted; shared, so read-only. */
  list(): Promise<readonly string[]>;
  /** File contents, or undefined when the path is not a file in this tree. */
  read(path: string): Promise<Buffer | undefined>;
  /** Content ids (git blob shas) where cheaply known; they let callers reuse parse results across trees. */
  contentIds(paths: readonly string[]): Promise<(string | undefined)[]>;
  /**
   * What read() gives for many paths, in order and in batches, when the tree can stream them (a commit's
   * blobs through one git process); a file that cannot be read comes as its UnreadableFile. A batch's
   * buffers may be reused once the next batch is asked for: copy what must outlive its batch.
   */
  readAll?(paths: readonly string[]): AsyncIterable<(Buffer | UnreadableFile | undefined)[]>;
  /**
   * The symbolic links of the listing, with their text. A link to a folder is one opaque entry in git's
   * listing; discovery follows such links where a configured location runs through them, as Python would.
   */
  links(): Promise<ReadonlyMap<string, string>>;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FileChange {
  status: ChangeStatus;
  path: string;
  /** For renames: the path on the base side. */
  oldPath?: string;
  /** For an edit of a file base has renamed since the fork: base's new path, where git's merge lands it. */
  landsAt?: string;
}

/** Where a changed file is in the tree that will land. */
export function landedPath(c: FileChange): string {
  return c.landsAt ?? c.path;
}

/** Paths in sorted order: git lists them sorted already, so check (linear) before sorting (n log n). */
export function sortedPaths(paths: string[]): string[] {
  if (!isSorted(paths)) paths.sort();
  known.add(paths);
  return paths;
}

/** Lists sortedPaths returned: asked again by each consumer of a listing, answered without a pass. */
const known = new WeakSet<readonly string[]>();

export function isSorted(paths: readonly string[]): boolean {
  if (known.has(paths)) return true;
  for (let i = 1; i < paths.length; i++) if (paths[i - 1] > paths[i]) return false;
  return true;
}

/** A path's own content; for a symbolic link, its target text. */
export interface OwnContent {
  content: Buffer;
  link: boolean;
}

/** More links in a row than this is a loop (a revision file needs one at most). */
const MAX_LINKS = 8;

/**
 * Follows the symbolic link at `path` (its own content `link`) to the file it names within this tree, as
 * Python opens it. A link that leaves the tree, dangles or loops cannot be read, and says so.
 */
export async function followLink(
  path: string,
  link: OwnContent,
  readOwn: (path: string) => OwnContent | undefined | Promise<OwnContent | undefined>,
): Promise<Buffer> {
  let at = path;
  let target = '';
  let entry: OwnContent | undefined = link;
  for (let hops = 0; entry?.link; hops++) {
    target = entry.content.toString('utf8');
    const next = linkTarget(at, target);
    if (next === undefined)
      throw new UnreadableFile(path, `a symbolic link to '${target}', outside this tree`);
    if (hops >= MAX_LINKS) throw new UnreadableFile(path, 'too many levels of symbolic links');
    at = next;
    entry = await readOwn(at);
  }
  if (!entry)
    throw new UnreadableFile(
      path,
      `a symbolic link to '${target}' (${at}), which is not a file in this tree`,
    );
  return entry.content;
}

/** The repository path a link at `path` with text `target` names; undefined when it leaves the repository. */
export function linkTarget(path: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const parts = path.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (!parts.pop()) return undefined;
  }
  return parts.join('/');
}

/** For `.catch`: a file that cannot be read becomes its UnreadableFile (a problem of that file); anything else propagates. */
export function unreadable(e: unknown): UnreadableFile {
  if (e instanceof UnreadableFile) return e;
  throw e;
}

/** A file the tree lists but cannot read (permissions, an I/O error, over 2 GiB): a problem of that file. */
export class UnreadableFile extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot read ${path}: ${reason}`);
  }
}
