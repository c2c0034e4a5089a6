import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError, runGit } from './git.js';
import type { FileTree } from './tree.js';

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
 * Symlinks are read as their target text, like GitTree does, so a symlinked file compares equal between
 * a commit and the working tree; they are never followed (a symlinked folder is one opaque entry).
 * The list is taken once and reused: one run sees one consistent snapshot of the file names.
 */
export class WorkTree implements FileTree {
  readonly sha = undefined;
  private files?: Promise<Set<string>>;

  constructor(
    readonly dir: string,
    readonly label: string = 'working tree',
  ) {}

  async list(): Promise<string[]> {
    return [...(await this.fileSet())].sort();
  }

  async read(path: string): Promise<Buffer | undefined> {
    if (!(await this.fileSet()).has(path)) return undefined;
    const full = join(this.dir, ...path.split('/'));
    try {
      const st = await lstat(full);
      if (st.isSymbolicLink()) return await readlink(full, { encoding: 'buffer' });
      return st.isFile() ? await readFile(full) : undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // deleted since the list was taken
      throw e;
    }
  }

  /** Hashing every file would cost more than the parses it could save. */
  contentId(_path: string): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  private fileSet(): Promise<Set<string>> {
    this.files ??= gitFiles(this.dir).then(
      (files) => files ?? walk(this.dir),
    );
    return this.files;
  }
}

const split = (b: Buffer) => b.toString('utf8').split('\0').filter(Boolean);

/** Tracked + untracked − ignored − deleted, via ls-files; undefined when `dir` is not in a git work tree. */
async function gitFiles(dir: string): Promise<Set<string> | undefined> {
  try {
    // "false" inside a .git folder or a bare repository: nothing checked out to list.
    const inside = (await runGit(dir, ['rev-parse', '--is-inside-work-tree'])).toString().trim();
    if (inside !== 'true') return undefined;
  } catch (e) {
    if (e instanceof GitError && /not a git repository|not installed/.test(e.message)) return undefined;
    throw e;
  }
  const [staged, others, deleted] = await Promise.all([
    runGit(dir, ['ls-files', '-z', '--stage']),
    runGit(dir, ['ls-files', '-z', '--others', '--exclude-standard']),
    runGit(dir, ['ls-files', '-z', '--deleted']),
  ]);
  const files = new Set<string>();
  // `--stage` records are `<mode> <id> <stage>\t<path>`; mode 160000 is a submodule.
  for (const rec of split(staged)) {
    const tab = rec.indexOf('\t');
    if (tab > 0 && !rec.startsWith('160000 ')) files.add(rec.slice(tab + 1));
  }
  // A trailing slash marks a nested repository git will not look into.
  for (const p of split(others)) if (!p.endsWith('/')) files.add(p);
  for (const p of split(deleted)) files.delete(p);
  return files;
}

async function walk(root: string): Promise<Set<string>> {
  const files = new Set<string>();
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
    await Promise.all(
      entries.map((e) => {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? undefined : visit(path);
        if (e.isFile() || e.isSymbolicLink()) files.add(path);
        return undefined;
      }),
    );
  };
  await visit('');
  return files;
}
