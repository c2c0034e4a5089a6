import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { readFileBytes } from './read-file.js';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
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
import { inOrder } from './blob-stream.js';

/** Attributes under which git writes a file other than its blob on checkout. */
const REWRITING = ['filter', 'ident', 'working-tree-encoding'];

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

  /**
   * `knownRoot`: `dir` is already known to be a work tree's root (skips one git call). `listing`: git's
   * listing of it, started early (see startListing); a failed one falls back to listing here.
   */
  constructor(
    readonly dir: string,
    readonly label: string = 'working tree',
    private readonly knownRoot = false,
    private readonly listing?: Promise<Listing | undefined>,
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
   * Links, changed and untracked files, files a checkout rewrites (see blobsOf) and any blob git does not
   * have are read from the disk.
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
    const blobs = await this.blobsOf(files, paths);
    if (blobs.filter((b) => b !== undefined).length < STREAM_MIN) {
      for (let from = 0; from < paths.length; from += DISK_BATCH)
        yield await Promise.all(paths.slice(from, from + DISK_BATCH).map(fromDisk));
      return;
    }
    // A blob git does not have (a partial clone): the disk has the file.
    yield* inOrder(
      this.dir,
      paths.length,
      (i) => blobs[i],
      (i) => fromDisk(paths[i]),
    );
  }

  /**
   * The index blob of each path whose disk content it is: a clean tracked file (see cleanBlob) that git
   * writes on checkout as its blob. Not so under a smudge filter (Git LFS), `ident` or a working-tree
   * encoding: for those the disk, which Python reads, is read and nothing is cached. (Line-ending conversion
   * does not count: Python reads CRLF as LF.) git is asked (`check-attr`) only when a `.gitattributes` of the
   * tree or `.git/info/attributes` names one of them; a `.git` that is a file (a linked worktree, a
   * submodule) keeps its attributes elsewhere, so git is asked then too.
   */
  private async blobsOf(
    files: Map<string, Entry>,
    paths: readonly string[],
  ): Promise<(string | undefined)[]> {
    const blobs = paths.map((p) => cleanBlob(files.get(p)));
    if (!(await this.mayRewrite(files))) return blobs;
    const asked = paths.filter((p, i) => blobs[i] !== undefined && !this.rewritten.has(p));
    if (asked.length) {
      const out = (
        await runGit(this.dir, ['check-attr', '-z', '--stdin', ...REWRITING], {
          input: asked.join('\0') + '\0',
        })
      )
        .toString('utf8')
        .split('\0');
      for (const p of asked) this.rewritten.set(p, false);
      // <path> NUL <attribute> NUL <value> NUL, per path and attribute.
      for (let k = 0; k + 2 < out.length; k += 3)
        if (out[k + 2] !== 'unspecified' && out[k + 2] !== 'unset') this.rewritten.set(out[k], true);
    }
    return blobs.map((b, i) => (b !== undefined && this.rewritten.get(paths[i]) === false ? b : undefined));
  }

  /** Paths git was asked about, and whether their checkout rewrites them. */
  private readonly rewritten = new Map<string, boolean>();
  private rewrites?: Promise<boolean>;

  /**
   * Whether git could rewrite some file on checkout, by a cheap look at where attributes come from: the
   * tree's `.gitattributes` files (also ones deleted from disk since, whose index copy git still reads),
   * `.git/info/attributes`, the user's and the system's attributes files, and a `core.attributesFile` in
   * git's config files (or config files given by the environment).
   * Only a yes costs a git run (`check-attr`), which has the final word. Not seen: a `.gitattributes` that
   * is itself gitignored.
   */
  private mayRewrite(files: Map<string, Entry>): Promise<boolean> {
    this.rewrites ??= (async () => {
      try {
        if (!lstatSync(`${this.dir}/.git`).isDirectory()) return true;
      } catch {
        return true;
      }
      const listed = attributeFiles.get(files) ?? [];
      // One deleted from disk since: git still reads the index's copy, which we do not read here.
      if (listed.some((p) => !files.has(p))) return true;
      const home = homedir();
      const xdg = process.env.XDG_CONFIG_HOME || join(home, '.config');
      const attributes = [
        ...listed.map((p) => `${this.dir}/${p}`),
        `${this.dir}/.git/info/attributes`,
        join(xdg, 'git', 'attributes'),
        '/etc/gitattributes',
      ];
      const configs = [
        `${this.dir}/.git/config`,
        join(home, '.gitconfig'),
        join(xdg, 'git', 'config'),
        '/etc/gitconfig',
      ];
      const read = (f: string) => readFile(f, 'utf8').catch(() => '');
      const [a, c] = await Promise.all([Promise.all(attributes.map(read)), Promise.all(configs.map(read))]);
      return (
        a.some((t) => REWRITING.some((word) => t.includes(word))) ||
        c.some((t) => /attributesfile/i.test(t)) ||
        !!process.env.GIT_CONFIG_GLOBAL ||
        !!process.env.GIT_CONFIG_SYSTEM
      );
    })();
    return this.rewrites;
  }

  /** A listed path's own content: a file's bytes, a link's target text. */
  private own(files: Map<string, Entry>, path: string): OwnContent | undefined {
    const entry = files.get(path);
    if (!entry) return undefined;
    const full = diskPath(this.dir, path);
    // Synchronous reads: for thousands of small files they cost a fraction of the promise-based ones.
    try {
      if (isLink(entry, full)) {
        try {
          return { content: readlinkSync(full, { encoding: 'buffer' }), link: true };
        } catch (e) {
          // With core.symlinks=false git checks a link out as a plain file holding its text: read that.
          if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
        }
      }
      return { content: readFileBytes(full), link: false };
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
    return this.blobsOf(await this.fileSet(), paths);
  }

  /** Tracked links by their index mode; untracked and changed entries by a look at the disk (few, usually). */
  async links(): Promise<ReadonlyMap<string, string>> {
    const out = new Map<string, string>();
    // forEach, not for-of with destructuring: this visits every file, mostly before the JIT has compiled it.
    (await this.fileSet()).forEach((entry, path) => {
      if (entry.mode !== undefined && entry.mode !== '120000' && !entry.dirty) return; // a clean file
      const full = diskPath(this.dir, path);
      try {
        if (isLink(entry, full)) out.set(path, readlinkSync(full, 'utf8'));
      } catch {
        // Gone or unreadable since the listing: not a link to follow.
      }
    });
    return out;
  }

  /**
   * Tracked files git does not compare with the disk (assume-unchanged, skip-worktree) that are on disk:
   * `git diff` cannot tell whether they changed, so the PR's changes look at them itself.
   */
  async unwatched(): Promise<string[]> {
    const out: string[] = [];
    (await this.fileSet()).forEach((e, path) => {
      if (!e.unwatched) return;
      try {
        if (lstatSync(diskPath(this.dir, path)).isFile()) out.push(path);
      } catch {
        // not on disk (never checked out): nothing Python would read
      }
    });
    return out;
  }

  /** Untracked files git does not ignore, from the same listing (so the PR's changes need no second walk). */
  async untracked(): Promise<string[]> {
    const out: string[] = [];
    (await this.fileSet()).forEach((e, path) => e.untracked && out.push(path));
    return out;
  }

  private fileSet(): Promise<Map<string, Entry>> {
    this.files ??= (this.listing ?? Promise.resolve(undefined))
      .then((early) => early ?? gitFiles(this.dir, this.knownRoot))
      .then((files) => files ?? walk(this.dir));
    return this.files;
  }
}

/**
 * Where a listed path is on disk. Listed paths are clean and relative (join() costs here). A name that is
 * not UTF-8 comes out of git's listing with U+FFFD in it, which names no file: its raw bytes are found by
 * listing the folders along it (Python's os.listdir sees them, so Alembic loads such a file).
 */
function diskPath(dir: string, path: string): string | Buffer {
  if (!path.includes('\uFFFD')) return `${dir}/${path}`;
  let at: Buffer = Buffer.from(dir);
  for (const part of path.split('/')) {
    let raw = Buffer.from(part);
    if (part.includes('\uFFFD'))
      try {
        const names = readdirSync(at, { encoding: 'buffer' });
        raw = names.find((n) => n.toString('utf8') === part) ?? raw;
      } catch {
        // not a folder (any more): the read that follows says so
      }
    at = Buffer.concat([at, Buffer.from('/'), raw]);
  }
  return at;
}

/** The index blob of a clean tracked file, which is its content on disk; none for links and changed files. */
function cleanBlob(entry: Entry | undefined): string | undefined {
  return entry && !entry.dirty && entry.mode !== '120000' ? entry.blob : undefined;
}

/** Whether a listed entry is a symbolic link: by its index mode when the disk matches the index, else a look. */
function isLink(entry: Entry, full: string | Buffer): boolean {
  return entry.mode === undefined || entry.dirty ? lstatSync(full).isSymbolicLink() : entry.mode === '120000';
}

/** A file of the listing: index mode and blob id for tracked files; dirty when the disk may differ from the index. */
interface Entry {
  mode?: string;
  blob?: string;
  dirty?: boolean;
  untracked?: true;
  /** Tracked, but git does not compare it with the disk (assume-unchanged, skip-worktree). */
  unwatched?: true;
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
  return parseListing(await runGit(dir, LS_FILES, { spool: true }));
}

/** The files git lists in the work tree around `dir`. */
export type Listing = Map<string, Entry>;

/**
 * git's listing of the work tree that holds `dir`, paths from its root, started before the root is known:
 * finding the root is a git run too, and the two go side by side. Undefined outside a work tree.
 */
export function startListing(dir: string): Promise<Listing | undefined> {
  return runGit(dir, [...LS_FILES, '--full-name', '--', ':/'], { spool: true }).then(
    parseListing,
    () => undefined,
  );
}

/**
 * One listing, tagged: H tracked, C changed on disk (git's stat check; a false alarm only costs a parse),
 * R deleted from disk, M unmerged, S skip-worktree, ? untracked and not ignored. Tracked records carry
 * `<mode> <id> <stage>`.
 */
const LS_FILES = [
  'ls-files',
  '-z',
  '-v',
  '--stage',
  '--cached',
  '--modified',
  '--deleted',
  '--others',
  '--exclude-standard',
];

const [UNTRACKED, CACHED, CHANGED, DELETED, SKIP, SLASH, ZERO, LOWER_A] = [
  '?',
  'H',
  'C',
  'R',
  'S',
  '/',
  '0',
  'a',
].map((c) => c.charCodeAt(0));
/** Index modes as shared strings: 10,000 files make 10,000 copies of '100644' otherwise. */
const MODES = ['100644', '100755', '120000', '160000'];

function modeAt(text: string, from: number, end: number): string {
  if (end === from + 6) for (const m of MODES) if (text.startsWith(m, from)) return m;
  return text.slice(from, end);
}

function parseListing(listing: Buffer): Listing {
  const files = new Map<string, Entry>();
  const dirty = new Set<string>();
  const deleted = new Set<string>();
  const attributes: string[] = [];
  const text = listing.toString('utf8');
  // Char codes and shared mode strings: this runs once per file of the repository.
  forEachRecord(text, (from, end) => {
    if (end - from < 3) return;
    const tag = text.charCodeAt(from);
    if (tag === UNTRACKED) {
      // A trailing slash marks a nested repository git will not look into.
      if (text.charCodeAt(end - 1) === SLASH) return;
      const path = text.slice(from + 2, end);
      files.set(path, { untracked: true });
      if (isAttributes(path)) attributes.push(path);
      return;
    }
    const tab = text.indexOf('\t', from);
    if (tab < 0 || tab > end) return;
    const path = text.slice(tab + 1, end);
    if (isAttributes(path)) attributes.push(path);
    const modeEnd = text.indexOf(' ', from + 2);
    const blobEnd = text.indexOf(' ', modeEnd + 1);
    const mode = modeAt(text, from + 2, modeEnd);
    if (mode === '160000') return; // a submodule
    const upper = tag >= LOWER_A ? tag - 32 : tag;
    if (upper === DELETED) deleted.add(path);
    else if (upper === CHANGED) dirty.add(path);
    else if (!files.has(path)) {
      // Unmerged (stage 1-3, or M), or git did not compare the disk with the index (a lower-case tag:
      // assume-unchanged; S: skip-worktree, absent in a sparse checkout): the disk has the say.
      const clean = blobEnd + 2 === tab && text.charCodeAt(blobEnd + 1) === ZERO && tag === CACHED;
      const unwatched = upper === SKIP || tag !== upper;
      files.set(
        path,
        clean
          ? { mode, blob: text.slice(modeEnd + 1, blobEnd) }
          : unwatched
            ? { dirty: true, unwatched }
            : { dirty: true },
      );
    }
  });
  for (const p of dirty) {
    const entry = files.get(p);
    if (entry) entry.dirty = true;
  }
  for (const p of deleted) files.delete(p);
  attributeFiles.set(files, [...new Set(attributes)]);
  return files;
}

const isAttributes = (path: string) =>
  path.endsWith('.gitattributes') && (path.length === 14 || path[path.length - 15] === '/');

/** The `.gitattributes` files git's index holds, by listing: also those since deleted from disk. */
const attributeFiles = new WeakMap<Listing, string[]>();

async function walk(root: string): Promise<Map<string, Entry>> {
  const files = new Map<string, Entry>();
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? diskPath(root, rel) : root, { withFileTypes: true });
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
