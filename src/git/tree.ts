/** A read-only view of the files of one revision of a repository: a git tree at a commit, or the working tree. */
export interface FileTree {
  /** What the user named ("origin/main", "HEAD", "working tree"). */
  readonly label: string;
  /** Commit sha for git trees; undefined for the working tree. */
  readonly sha?: string;
  /** Every file path (posix, relative to the repository root), sorted. */
  list(): Promise<string[]>;
  /** File contents, or undefined when the path is not a file in this tree. */
  read(path: string): Promise<Buffer | undefined>;
  /** Content ids (git blob shas) where cheaply known; they let callers reuse parse results across trees. */
  contentIds(paths: readonly string[]): Promise<(string | undefined)[]>;
}

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FileChange {
  status: ChangeStatus;
  path: string;
  /** For renames: the path on the base side. */
  oldPath?: string;
}
