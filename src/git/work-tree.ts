import { lstatSync, readlinkSync } from 'node:fs';
import { readFileBytes } from './read-file.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { forEachRecord, GitError, runGit } from './git.js';
import {
  followLink,
  sortedPaths,
  unreadable,
  UnreadableFile,
  type FileTree,
  type OwnContent,
} from './tree.js';
import { streamBlobs } from './blob-stream.js';

/** From this many clean files on, readAll streams them from git; fewer are read from the disk. */
const STREAM_MIN = 64;
const DISK_BATCH = 256;

/** Folders a plain walk (no git) never enters. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '__pycache__']);

/**
 * The files on disk under `dir`, paths posix and relative to `dir` (pass the repository root to get
 * repo-relative paths).
 *
 * Inside a git repository the list is what git would see: tracked plus untracked files, minus ignored
 * ones and minus tracked files deleted from disk; submodules are skipped. Outside one it is a plain walk
 * skipping `.git`, `node_modules` and `__pycache__`.
 *
 * A symlinked file is read as the file it names in this tree, as Python would open it (GitTree does the
 * same); a symlinked folder is one opaque entry, as in git.
 * The list is taken once and reused: one run sees one consistent snapshot of the file names.
 */
export class WorkTree implements FileTree {
  readonly sha = undefined;
  private files?: Promise<Map<string, Entry>>;

  /** `knownRoot`: `dir` is already known to be a work tree's root (skips one git call). */
  constructor(
    readonly dir: string,
    readonly label: string = 'working tree',
    private readonly knownRoot = false,
  ) {}

  private sorted?: string[];

  async list(): Promise<readonly string[]> {
    this.sorted ??= sortedPaths([...(await this.fileSet()).keys()]);
    return this.sorted;
  }

  async read(path: string): Promise<Buffer | undefined> {
    return this.readListed(await this.fileSet(), path);
  }

  private readListed(files: Map<string, Entry>, path: string): Buffer | undefined | Promise<Buffer> {
    const own = this.own(files, path);
    return own?.link ? followLink(path, own, (p) => this.own(files, p)) : own?.content;
  }

  /**
   * What read() gives, for many paths. A file git's stat check found clean holds its index blob (what
   * the parse cache already keys it by), so those stream from one `git cat-file`, which reads and inflates
   * them on another core; thousands of open/read/close calls here cost more than parsing the files.
   * Links, changed and untracked files, and any blob git does not have, are read from the disk.
   */
  async *readAll(paths: readonly string[]): AsyncGenerator<(Buffer | UnreadableFile | undefined)[]> {
    const files = await this.fileSet();
    const fromDisk = async (path: string) => {
      try {
        return await this.readListed(files, path);
      } catch (e) {
        return unreadable(e);
      }
    };
    const blobs = paths.map((p) => cleanBlob(files.get(p)));
    const ids = blobs.filter((b) => b !== undefined);
    if (ids.length < STREAM_MIN) {
      for (let from = 0; from < paths.length; from += DISK_BATCH)
        yield await Promise.all(paths.slice(from, from + DISK_BATCH).map(fromDisk));
      return;
    }
    const stream = streamBlobs(this.dir, ids);
    try {
      let batch: (Buffer | undefined)[] = [];
      let b = 0;
      let out: (Buffer | UnreadableFile | undefined)[] = [];
      for (let i = 0; i < paths.length; i++) {
        if (blobs[i] === undefined) {
          out.push(await fromDisk(paths[i]));
          continue;
        }
        if (b === batch.length) {
          if (out.length) yield out;
          out = [];
          const next = await stream.next();
          if (next.done) throw new Error('git cat-file answered fewer blobs than asked');
          [batch, b] = [next.value, 0];
        }
        out.push(batch[b++] ?? (await fromDisk(paths[i]))); // missing (a partial clone): the disk has it
      }
      if (out.length) yield out;
    } finally {
      await stream.return(undefined);
    }
  }

  /** A listed path's own content: a file's bytes, a link's target text. */
  private own(files: Map<string, Entry>, path: string): OwnContent | undefined {
    const entry = files.get(path);
    if (!entry) return undefined;
    const full = `${this.dir}/${path}`; // listed paths are clean and relative (join() costs here)
    // Synchronous reads: for thousands of small files they cost a fraction of the promise-based ones.
    try {
      const link = isLink(entry, full);
      if (link) return { content: readlinkSync(full, { encoding: 'buffer' }), link };
      return { content: readFileBytes(full), link };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return undefined; // deleted since the list was taken
      if (code === 'ERR_FS_FILE_TOO_LARGE') throw new UnreadableFile(path, 'over 2 GiB');
      if (code === 'EACCES' || code === 'EPERM' || code === 'EIO' || code === 'ELOOP')
        throw new UnreadableFile(path, (e as Error).message);
      throw e;
    }
  }

  /**
   * The index's blob ids of tracked files git sees as unmodified: what lets unchanged files reuse parses.
   * None for links: their blob is the link's text, not the content read through it.
   */
  async contentIds(paths: readonly string[]): Promise<(string | undefined)[]> {
    const files = await this.fileSet();
    return paths.map((p) => cleanBlob(files.get(p)));
  }

  /** Tracked links by their index mode; untracked and changed entries by a look at the disk (few, usually). */
  async links(): Promise<ReadonlyMap<string, string>> {
    const out = new Map<string, string>();
    for (const [path, entry] of await this.fileSet()) {
      if (entry.mode !== undefined && entry.mode !== '120000' && !entry.dirty) continue; // a clean file
      const full = `${this.dir}/${path}`;
      try {
        if (isLink(entry, full)) out.set(path, readlinkSync(full, 'utf8'));
      } catch {
        // Gone or unreadable since the listing: not a link to follow.
      }
    }
    return out;
  }

  /** Untracked files git does not ignore, from the same listing (so the PR's changes need no second walk). */
  async untracked(): Promise<string[]> {
    return [...(await this.fileSet())].filter(([, e]) => e.untracked).map(([p]) => p);
  }

  private fileSet(): Promise<Map<string, Entry>> {
    this.files ??= gitFiles(this.dir, this.knownRoot).then((files) => files ?? walk(this.dir));
    return this.files;
  }
}

/** The index blob of a clean tracked file, which is its content on disk; none for links and changed files. */
function cleanBlob(entry: Entry | undefined): string | undefined {
  return entry && !entry.dirty && entry.mode !== '120000' ? entry.blob : undefined;
}

/** Whether a listed entry is a symbolic link: by its index mode when the disk matches the index, else a look. */
function isLink(entry: Entry, full: string): boolean {
  return entry.mode === undefined || entry.dirty ? lstatSync(full).isSymbolicLink() : entry.mode === '120000';
}

/** A file of the listing: index mode and blob id for tracked files; dirty when the disk may differ from the index. */
interface Entry {
  mode?: string;
  blob?: string;
  dirty?: boolean;
  untracked?: true;
}

/** Tracked + untracked − ignored − deleted, via ls-files; undefined when `dir` is not in a git work tree. */
async function gitFiles(dir: string, knownRoot: boolean): Promise<Map<string, Entry> | undefined> {
  if (!knownRoot)
    try {
      // "false" inside a .git folder or a bare repository: nothing checked out to list.
      const inside = (await runGit(dir, ['rev-parse', '--is-inside-work-tree'])).toString().trim();
      if (inside !== 'true') return undefined;
    } catch (e) {
      if (e instanceof GitError && /not a git repository|not installed/.test(e.message)) return undefined;
      throw e;
    }
  // One listing, tagged: H tracked, C changed on disk (git's stat check; a false alarm only costs a parse),
  // R deleted from disk, M unmerged, S skip-worktree, ? untracked and not ignored. Tracked records carry
  // `<mode> <id> <stage>`.
  const listing = await runGit(
    dir,
    [
      'ls-files',
      '-z',
      '-v',
      '--stage',
      '--cached',
      '--modified',
      '--deleted',
      '--others',
      '--exclude-standard',
    ],
    { spool: true },
  );
  const files = new Map<string, Entry>();
  const dirty = new Set<string>();
  const deleted = new Set<string>();
  const text = listing.toString('utf8');
  forEachRecord(text, (from, end) => {
    if (end - from < 3) return;
    // -v: a lower-case tag marks an assume-unchanged file, whose disk git does not look at.
    const raw = text[from];
    const tag = raw.toUpperCase();
    if (tag === '?') {
      // A trailing slash marks a nested repository git will not look into.
      if (text[end - 1] !== '/') files.set(text.slice(from + 2, end), { untracked: true });
      return;
    }
    const tab = text.indexOf('\t', from);
    if (tab < 0 || tab > end) return;
    const path = text.slice(tab + 1, end);
    const modeEnd = text.indexOf(' ', from + 2);
    const blobEnd = text.indexOf(' ', modeEnd + 1);
    const mode = text.slice(from + 2, modeEnd);
    if (mode === '160000') return; // a submodule
    if (tag === 'R') deleted.add(path);
    else if (tag === 'C') dirty.add(path);
    else if (!files.has(path)) {
      const stage = text.slice(blobEnd + 1, tab);
      // Unmerged, or git did not compare the disk with the index (assume-unchanged; S: skip-worktree,
      // absent in a sparse checkout): the disk has the say.
      const clean = stage === '0' && tag !== 'M' && tag !== 'S' && raw === tag;
      files.set(path, clean ? { mode, blob: text.slice(modeEnd + 1, blobEnd) } : { dirty: true });
    }
  });
  for (const p of dirty) {
    const entry = files.get(p);
    if (entry) entry.dirty = true;
  }
  for (const p of deleted) files.delete(p);
  return files;
}

async function walk(root: string): Promise<Map<string, Entry>> {
  const files = new Map<string, Entry>();
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
    await Promise.all(
      entries.map((e) => {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? undefined : visit(path);
        // The entry's type is as fresh as an lstat: kept as a mode, so links() and reads need no look.
        if (e.isFile() || e.isSymbolicLink())
          files.set(path, { mode: e.isSymbolicLink() ? '120000' : '100644' });
        return undefined;
      }),
    );
  };
  await visit('');
  return files;
}
