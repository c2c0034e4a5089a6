import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../src/git/changes.js';
import {
  GitError,
  NoMergeBaseError,
  defaultBranchRef,
  mergeBase,
  repoRoot,
  resolveCommit,
  rootAndCommits,
  rootCommitsAndFork,
  runGit,
} from '../src/git/git.js';
import { GitTree } from '../src/git/git-tree.js';
import { startListing, WorkTree } from '../src/git/work-tree.js';
import { readFileBytes } from '../src/git/read-file.js';
import { TestRepo } from './helpers/git-repo.js';

const repos: TestRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const r of repos) r.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  return r;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'headsup-git-'));
  dirs.push(d);
  return d;
}

/** Rejects with a GitError whose message is exactly one line; returns the message. */
async function oneLineError(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GitError);
  const msg = (err as GitError).message;
  expect(msg).not.toContain('\n');
  expect(msg.length).toBeGreaterThan(0);
  return msg;
}

describe('GitTree', () => {
  it('lists, reads and identifies files at each commit, binary-safe', async () => {
    const r = repo();
    const binary = Buffer.from([0, 1, 2, 10, 255, 10, 0]);
    const c1 = r
      .write({ 'a.txt': 'one\n', 'dir/b.py': 'x = 1\n', 'bin.dat': binary, empty: '' })
      .commit('c1');
    const c2 = r.write({ 'a.txt': 'two\n', 'dir/sub/c.py': 'c\n' }).remove('empty').commit('c2');
    const t1 = new GitTree(r.dir, c1, 'first');
    const t2 = new GitTree(r.dir, c2);
    try {
      expect(t1.label).toBe('first');
      expect(t2.label).toBe(c2.slice(0, 12));
      expect(await t1.list()).toEqual(['a.txt', 'bin.dat', 'dir/b.py', 'empty']);
      expect(await t2.list()).toEqual(['a.txt', 'bin.dat', 'dir/b.py', 'dir/sub/c.py']);
      expect((await t1.read('a.txt'))?.toString()).toBe('one\n');
      expect((await t2.read('a.txt'))?.toString()).toBe('two\n');
      expect(await t1.read('bin.dat')).toEqual(binary);
      expect(await t1.read('empty')).toEqual(Buffer.alloc(0));
      expect(await t2.read('empty')).toBeUndefined();
      expect(await t1.read('dir')).toBeUndefined(); // a folder is not a file
      expect(await t1.read('nope')).toBeUndefined();
      // contentIds = blob ids: unchanged file keeps it, changed file does not.
      expect((await t1.contentIds(['dir/b.py']))[0]).toBe(r.git('rev-parse', `${c1}:dir/b.py`));
      expect((await t1.contentIds(['dir/b.py']))[0]).toBe((await t2.contentIds(['dir/b.py']))[0]);
      expect((await t1.contentIds(['a.txt']))[0]).not.toBe((await t2.contentIds(['a.txt']))[0]);
      expect((await t2.contentIds(['nope']))[0]).toBeUndefined();
      // Concurrent reads come back matched to their request.
      const many = await Promise.all(['a.txt', 'dir/b.py', 'bin.dat', 'a.txt'].map((p) => t1.read(p)));
      expect(many.map((b) => b?.length)).toEqual([4, 6, 7, 4]);
    } finally {
      t1.close();
      t2.close();
    }
  });

  it('reads after close() with a fresh process, reads large blobs, skips submodules, follows symlinks', async () => {
    const sub = repo();
    sub.write({ 'x.txt': 'x' }).commit('sub');
    const r = repo();
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'abc\n');
    r.write({ 'big.bin': big, 'target.py': 'real\n' });
    symlinkSync('target.py', join(r.dir, 'link.py'));
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'mod');
    const sha = r.commit('with submodule');
    const t = new GitTree(r.dir, sha);
    expect(await t.list()).toEqual(['.gitmodules', 'big.bin', 'link.py', 'target.py']);
    expect((await t.read('link.py'))?.toString()).toBe('real\n');
    expect(await t.read('mod')).toBeUndefined();
    expect((await t.read('big.bin'))?.equals(big)).toBe(true);
    t.close();
    expect((await t.read('target.py'))?.toString()).toBe('real\n');
    // A cat-file process that died is replaced on the next read.
    const child = (t as unknown as { reader: { batch: { child: ChildProcess } } }).reader.batch.child;
    await new Promise((done) => child.once('close', done).kill());
    expect((await t.read('target.py'))?.toString()).toBe('real\n');
    t.close();
  });

  it('reads 10,000 small blobs quickly (timing printed, not asserted)', async () => {
    const r = repo();
    // fast-import builds the commit in one process: writing 10k files through the work tree is slow.
    const n = 10_000;
    let stream = 'commit refs/heads/main\ncommitter t <t@example.com> 0 +0000\ndata 4\nbig\n';
    for (let i = 0; i < n; i++) {
      const body = `revision = 'r${i}'\ndown_revision = ${i ? `'r${i - 1}'` : 'None'}\n`;
      stream += `M 100644 inline versions/${String(i).padStart(5, '0')}_r${i}.py\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    }
    // A larger malloc pad: in some sandboxes fast-import otherwise spends ~10 s in brk() calls.
    const env = { ...process.env, MALLOC_TOP_PAD_: String(128 << 20) };
    execFileSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: stream, env });
    const t = new GitTree(r.dir, await resolveCommit(r.dir, 'main'));
    try {
      let start = performance.now();
      const paths = await t.list();
      const listMs = performance.now() - start;
      expect(paths).toHaveLength(n);
      start = performance.now();
      const bodies = await Promise.all(paths.map((p) => t.read(p)));
      const readMs = performance.now() - start;
      expect(bodies[n - 1]?.toString()).toContain(`'r${n - 1}'`);
      expect(bodies.every((b) => b && b.length > 20)).toBe(true);
      start = performance.now();
      await Promise.all(paths.map((p) => t.read(p)));
      const warmMs = performance.now() - start;
      console.log(
        `GitTree: ls-tree of ${n} files ${listMs.toFixed(0)} ms; cat-file read of ${n} blobs ${readMs.toFixed(0)} ms (incl. process start), again ${warmMs.toFixed(0)} ms`,
      );
    } finally {
      t.close();
    }
  });
});

describe('GitTree.readAll (one streaming cat-file for many files)', () => {
  it('gives what read() gives, in order: large blobs, links followed, missing paths, and leaves no temp file', async () => {
    const r = repo();
    const big = Buffer.alloc(3 * 1024 * 1024 + 5, 'xyz\n'); // larger than the read buffer
    const files: Record<string, string | Buffer> = { 'big.bin': big };
    // Together several times the read buffer, so its space is reused once earlier batches are done with.
    for (let i = 0; i < 300; i++)
      files[`v/f${String(i).padStart(3, '0')}.py`] = `revision = 'r${i}'\n# ${'-'.repeat(i * 97)}\n`.repeat(
        20,
      );
    r.write(files);
    symlinkSync('v/f001.py', join(r.dir, 'link.py'));
    const sha = r.commit('many');
    const t = new GitTree(r.dir, sha);
    const paths = ['v/f000.py', 'big.bin', 'nope.py', 'link.py', ...Object.keys(files).slice(1)];
    const streamed: (Buffer | undefined | Error)[] = [];
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('headsup-blobs-')).length;
    // A batch's buffers are the caller's until it asks for the next batch: kept longer, they are copied.
    for await (const batch of t.readAll(paths))
      streamed.push(...batch.map((b) => (b instanceof Buffer ? Buffer.from(b) : b)));
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('headsup-blobs-')).length).toBe(before);
    const one = await Promise.all(paths.map((p) => t.read(p)));
    expect(streamed.map((b) => (b instanceof Buffer ? b.toString('latin1') : b))).toEqual(
      one.map((b) => b?.toString('latin1')),
    );
    expect(streamed[3]?.toString()).toBe(String(files['v/f001.py']));
    t.close();
  });

  it('without a writable temporary folder, streams through the pipe instead', async () => {
    const r = repo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`f${i}.py`] = `x = ${i}\n`.repeat(100);
    r.write(files);
    const t = new GitTree(r.dir, r.commit('many'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(r.dir, 'no', 'such', 'dir');
    try {
      const got: string[] = [];
      for await (const batch of t.readAll(Object.keys(files))) got.push(...batch.map((b) => String(b)));
      expect(got).toEqual(Object.values(files));
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      t.close();
    }
  });

  it('a git that cannot run says so, as a GitError', async () => {
    const t = new GitTree(tmpdir(), 'f'.repeat(40));
    const all = async () => {
      for await (const batch of t.readAll(['a.py'])) void batch;
    };
    await expect(all()).rejects.toThrow(GitError);
  });
});

describe('symbolic links, in a commit and in the working tree', () => {
  it('are followed to the file they name in the tree; ones that leave it, dangle or loop are unreadable', async () => {
    const r = repo();
    r.write({ 'shared/rev.py': "revision = 'a'\n" });
    mkdirSync(join(r.dir, 'm/versions'), { recursive: true });
    symlinkSync('../../shared/rev.py', join(r.dir, 'm/versions/a.py'));
    symlinkSync('a.py', join(r.dir, 'm/versions/chain.py')); // a link to a link
    symlinkSync('../../nowhere.py', join(r.dir, 'm/versions/dangling.py'));
    symlinkSync('../../../outside.py', join(r.dir, 'm/versions/outside.py'));
    symlinkSync('/etc/hostname', join(r.dir, 'm/versions/absolute.py'));
    symlinkSync('loop2.py', join(r.dir, 'm/versions/loop1.py'));
    symlinkSync('loop1.py', join(r.dir, 'm/versions/loop2.py'));
    const sha = r.commit('links');
    for (const t of [new GitTree(r.dir, sha), new WorkTree(r.dir)]) {
      const read = (p: string) =>
        t.read(`m/versions/${p}`).then(
          (b) => b?.toString(),
          (e: Error) => e.message,
        );
      expect(await read('a.py'), t.label).toBe("revision = 'a'\n");
      expect(await read('chain.py'), t.label).toBe("revision = 'a'\n");
      expect(await read('dangling.py'), t.label).toBe(
        "cannot read m/versions/dangling.py: a symbolic link to '../../nowhere.py' (nowhere.py), which is not a file in this tree",
      );
      expect(await read('outside.py'), t.label).toMatch(
        /a symbolic link to '..\/..\/..\/outside.py', outside this tree$/,
      );
      expect(await read('absolute.py'), t.label).toMatch(
        /a symbolic link to '\/etc\/hostname', outside this tree$/,
      );
      expect(await read('loop1.py'), t.label).toMatch(/too many levels of symbolic links$/);
      // A link's blob is its text, not what is read through it: no content id to cache by.
      expect(await t.contentIds(['m/versions/a.py', 'shared/rev.py']), t.label).toEqual([
        undefined,
        expect.stringMatching(/^[0-9a-f]{40}$/),
      ]);
      if (t instanceof GitTree) t.close();
    }
  });
});

describe('WorkTree', () => {
  it('lists tracked + untracked, not ignored, not deleted; reads from disk; no content ids', async () => {
    const r = repo();
    r.write({ '.gitignore': 'ignored.py\nbuild/\n', 'kept.py': 'k', 'gone.py': 'g', 'dir/t.py': 't' }).commit(
      'c',
    );
    r.write({
      'new.py': 'n',
      'dir/new2.py': 'n2',
      'ignored.py': 'i',
      'build/out.py': 'o',
      'kept.py': 'changed',
    });
    r.remove('gone.py');
    const t = new WorkTree(r.dir);
    expect(t.label).toBe('working tree');
    expect(t.sha).toBeUndefined();
    expect(await t.list()).toEqual(['.gitignore', 'dir/new2.py', 'dir/t.py', 'kept.py', 'new.py']);
    expect((await t.read('kept.py'))?.toString()).toBe('changed');
    expect((await t.read('dir/new2.py'))?.toString()).toBe('n2');
    expect(await t.read('gone.py')).toBeUndefined();
    expect(await t.read('ignored.py')).toBeUndefined();
    expect(await t.read('../escape')).toBeUndefined();
    expect((await t.contentIds(['kept.py']))[0]).toBeUndefined();
    // Nothing in the index changed: the staged state is still the commit's.
    expect(r.git('diff', '--cached', '--name-only')).toBe('');
  });

  it('readAll gives what read() gives: clean files from git, the rest (and what git did not look at) from disk', async () => {
    const r = repo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`v/f${String(i).padStart(3, '0')}.py`] = `revision = 'r${i}'\n`;
    r.write({ ...files, 'assumed.py': 'committed\n', 'sparse.py': 'not checked out\n', 'gone.py': 'g' });
    symlinkSync('v/f001.py', join(r.dir, 'link.py'));
    r.commit('many');
    r.write({
      'v/f002.py': 'edited on disk\n',
      'untracked.py': 'new\n',
      'assumed.py': 'edited, git told to look away\n',
    });
    r.git('update-index', '--assume-unchanged', 'assumed.py');
    r.git('update-index', '--skip-worktree', 'sparse.py');
    rmSync(join(r.dir, 'sparse.py'));
    rmSync(join(r.dir, 'gone.py'));
    const t = new WorkTree(r.dir);
    const paths = [
      'link.py',
      'assumed.py',
      'sparse.py',
      'gone.py',
      'untracked.py',
      'nope.py',
      ...Object.keys(files),
    ];
    const streamed: (Buffer | undefined | Error)[] = [];
    for await (const batch of t.readAll(paths))
      streamed.push(...batch.map((b) => (b instanceof Buffer ? Buffer.from(b) : b)));
    const one = await Promise.all(paths.map((p) => t.read(p)));
    const text = (b: Buffer | Error | undefined) => (b instanceof Buffer ? b.toString('latin1') : b);
    expect(streamed.map(text)).toEqual(one.map(text));
    expect(streamed.slice(0, 6).map(text)).toEqual([
      "revision = 'r1'\n",
      'edited, git told to look away\n', // Python reads the disk, whatever the index says
      undefined,
      undefined,
      'new\n',
      undefined,
    ]);
    expect(text(streamed[6 + 2])).toBe('edited on disk\n');
    // Content ids only where the index is known to hold the disk's content.
    const ids = await t.contentIds(['v/f000.py', 'v/f002.py', 'assumed.py', 'sparse.py', 'link.py']);
    expect(ids[0]).toBe(r.git('rev-parse', ':v/f000.py'));
    expect(ids.slice(1)).toEqual([undefined, undefined, undefined, undefined]);
    expect(r.git('diff', '--cached', '--name-only')).toBe('');
  });

  it('a file git rewrites on checkout (a smudge filter) is read from the disk and has no content id', async () => {
    const r = repo();
    r.git('config', 'filter.demo.clean', 'sed s/cccc03/PLACEHOLDER/');
    r.git('config', 'filter.demo.smudge', 'sed s/PLACEHOLDER/cccc03/');
    const files: Record<string, string> = { '.gitattributes': 'v/f00*.py filter=demo\n*.png filter=lfs\n' };
    for (let i = 0; i < 100; i++)
      files[`v/f${String(i).padStart(3, '0')}.py`] = `revision = 'cccc03' # ${i}\n`;
    r.write(files).commit('filtered');
    expect(r.git('cat-file', '-p', ':v/f000.py')).toBe("revision = 'PLACEHOLDER' # 0"); // the blob
    const t = new WorkTree(r.dir);
    const paths = Object.keys(files).slice(1);
    const got: string[] = [];
    for await (const batch of t.readAll(paths)) got.push(...batch.map((b) => String(b)));
    expect(got).toEqual(paths.map((p) => files[p])); // what Python reads: the disk
    const ids = await t.contentIds(['v/f000.py', 'v/f099.py']);
    expect(ids[0]).toBeUndefined(); // f00*: filtered
    expect(ids[1]).toBe(r.git('rev-parse', ':v/f099.py')); // unfiltered, so the blob is the content
  });

  it('a filter from core.attributesFile, or from a .gitattributes deleted from disk, is seen too', async () => {
    for (const where of ['attributesFile', 'deleted'] as const) {
      const r = repo();
      r.git('config', 'filter.demo.clean', 'sed s/cccc03/PLACEHOLDER/');
      r.git('config', 'filter.demo.smudge', 'sed s/PLACEHOLDER/cccc03/');
      const rule = 'v/f00*.py filter=demo\n';
      const files: Record<string, string> = {};
      for (let i = 0; i < 100; i++)
        files[`v/f${String(i).padStart(3, '0')}.py`] = `revision = 'cccc03' # ${i}\n`;
      if (where === 'attributesFile') {
        const attrs = join(tempDir(), 'attributes');
        writeFileSync(attrs, rule);
        r.git('config', 'core.attributesFile', attrs);
        r.write(files).commit('filtered');
      } else {
        r.write({ ...files, '.gitattributes': rule }).commit('filtered');
        rmSync(join(r.dir, '.gitattributes'));
      }
      expect(r.git('cat-file', '-p', ':v/f000.py'), where).toBe("revision = 'PLACEHOLDER' # 0");
      const t = new WorkTree(r.dir);
      const paths = Object.keys(files);
      const got: string[] = [];
      for await (const batch of t.readAll(paths)) got.push(...batch.map((b) => String(b)));
      expect(got, where).toEqual(paths.map((p) => files[p]));
    }
  });

  it('a link checked out as a plain file (core.symlinks=false) is read as that file, not a crash', async () => {
    const r = repo();
    r.write({ 'v/a.py': "revision = 'a'\n" });
    symlinkSync('a.py', join(r.dir, 'v', 'l.py'));
    r.commit('link');
    rmSync(join(r.dir, 'v', 'l.py'));
    writeFileSync(join(r.dir, 'v', 'l.py'), 'a.py'); // what git writes for a link without symlink support
    r.git('config', 'core.symlinks', 'false');
    r.git('update-index', '--refresh'); // the test's own setup: the index now matches the plain file
    expect(r.git('ls-files', '-m')).toBe(''); // clean: the index's mode (a link) is what headsup goes by
    const t = new WorkTree(r.dir);
    expect((await t.read('v/l.py'))?.toString()).toBe('a.py');
    expect(await t.links()).toEqual(new Map());
  });

  it('a listing started from a subfolder before the root is known is the same listing; outside git, a walk', async () => {
    const r = repo();
    r.write({ 'top.py': 't', 'sub/deep/a.py': 'a', 'other/b.py': 'b', '.gitignore': 'ignored.py\n' }).commit(
      'c',
    );
    r.write({ 'other/untracked.py': 'u', 'sub/ignored.py': 'i', 'sub/new.py': 'n' });
    r.remove('top.py');
    const plain = await new WorkTree(r.dir).list();
    expect(plain).toContain('other/untracked.py');
    const early = new WorkTree(r.dir, 'working tree', true, startListing(join(r.dir, 'sub', 'deep')));
    expect(await early.list()).toEqual(plain);
    expect((await early.read('other/untracked.py'))?.toString()).toBe('u');
    const d = tempDir();
    writeFileSync(join(d, 'x.py'), 'x');
    expect(await startListing(d)).toBeUndefined();
    expect(await new WorkTree(d, 'working tree', false, startListing(d)).list()).toEqual(['x.py']);
  });

  it('walks a plain folder, skipping .git, node_modules and __pycache__', async () => {
    const d = tempDir();
    for (const [p, c] of Object.entries({
      'a.py': 'a',
      'm/versions/1.py': '1',
      'node_modules/x/index.js': 'x',
      'm/versions/__pycache__/1.cpython-311.pyc': 'c',
      '.git/HEAD': 'ref',
    })) {
      mkdirSync(join(d, p, '..'), { recursive: true });
      writeFileSync(join(d, p), c);
    }
    const t = new WorkTree(d);
    expect(await t.list()).toEqual(['a.py', 'm/versions/1.py']);
    expect((await t.read('m/versions/1.py'))?.toString()).toBe('1');
  });

  it('reads files of every size byte for byte, each into a buffer of its own', () => {
    const d = tempDir();
    const sizes = [0, 1, 65535, 65536, 65537, 131072, 300001];
    const bytes = sizes.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + n) % 256)));
    bytes.forEach((b, i) => writeFileSync(join(d, `f${i}`), b));
    const got = sizes.map((_, i) => readFileBytes(join(d, `f${i}`)));
    got.forEach((b, i) => expect(b.equals(bytes[i])).toBe(true)); // earlier results not overwritten by later reads
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as NodeJS.ErrnoException).code;
      }
    };
    expect(code(() => readFileBytes(join(d, 'missing')))).toBe('ENOENT');
    expect(code(() => readFileBytes(d))).toBe('EISDIR');
  });
});

describe('changedFiles', () => {
  it('detects add, modify, delete and rename between commits', async () => {
    const r = repo();
    const body = 'line\n'.repeat(20);
    const base = r
      .write({ 'keep.py': 'k', 'mod.py': 'm1', 'del.py': 'd', 'old/name.py': body })
      .commit('base');
    r.write({ 'new/name.py': body + 'one more\n' }).remove('old/name.py'); // a rename with an edit
    const head = r.write({ 'mod.py': 'm2', 'add.py': 'a' }).remove('del.py').commit('head');
    expect(await changedFiles(r.dir, base, { sha: head })).toEqual([
      { status: 'added', path: 'add.py' },
      { status: 'deleted', path: 'del.py' },
      { status: 'modified', path: 'mod.py' },
      { status: 'renamed', path: 'new/name.py', oldPath: 'old/name.py' },
    ]);
  });

  it('compares base with the working tree, untracked files included, renames by content', async () => {
    const r = repo();
    const body = 'revision = "abc"\n'.repeat(5);
    const base = r
      .write({ '.gitignore': '*.log\n', 'mod.py': 'm1', 'del.py': 'd', 'moved.py': body })
      .commit('base');
    r.write({
      'mod.py': 'm2',
      'untracked.py': 'u',
      'x.log': 'ignored',
      'versions/moved.py': body,
      'staged.py': 's',
    });
    r.git('add', 'staged.py'); // the test's own setup; headsup itself never stages
    r.remove('del.py', 'moved.py');
    expect(await changedFiles(r.dir, base, { worktree: new WorkTree(r.dir) })).toEqual([
      { status: 'deleted', path: 'del.py' },
      { status: 'modified', path: 'mod.py' },
      { status: 'added', path: 'staged.py' },
      { status: 'added', path: 'untracked.py' },
      { status: 'renamed', path: 'versions/moved.py', oldPath: 'moved.py' },
    ]);
  });
  it('a change of mode alone (chmod +x) is no change, between commits and against the working tree', async () => {
    const r = repo();
    const base = r.write({ 'same.py': 'revision = "a"\n', 'edited.py': 'e1\n' }).commit('base');
    chmodSync(join(r.dir, 'same.py'), 0o755);
    chmodSync(join(r.dir, 'edited.py'), 0o755);
    r.write({ 'edited.py': 'e2\n' }); // mode and content: an edit
    const onDisk = await changedFiles(r.dir, base, { worktree: new WorkTree(r.dir) });
    expect(onDisk).toEqual([{ status: 'modified', path: 'edited.py' }]);
    const head = r.commit('chmod');
    expect(r.git('diff', '--summary', base, head)).toContain('mode change 100644 => 100755 same.py');
    expect(await changedFiles(r.dir, base, { sha: head })).toEqual([
      { status: 'modified', path: 'edited.py' },
    ]);
    // Staged but not committed: the index has the id, the diff carries it.
    chmodSync(join(r.dir, 'same.py'), 0o644);
    r.git('add', 'same.py');
    expect(await changedFiles(r.dir, head, { worktree: new WorkTree(r.dir) })).toEqual([]);
  });
});

describe('git helpers', () => {
  it('reports an unknown ref and a non-repository in one line', async () => {
    const r = repo();
    r.write({ 'a.py': 'a' }).commit('c');
    expect(await oneLineError(resolveCommit(r.dir, 'nope'))).toBe("unknown revision 'nope'");
    expect(await oneLineError(resolveCommit(r.dir, 'HEAD:a.py'))).toBe("'HEAD:a.py' is not a commit");
    expect(await oneLineError(mergeBase(r.dir, 'nope', 'HEAD'))).toBe("unknown revision 'nope'");
    expect(await oneLineError(runGit(r.dir, ['diff', 'nope']))).toBe("unknown revision 'nope'");
    const plain = tempDir();
    expect(await oneLineError(repoRoot(plain))).toBe(`not a git repository: ${plain}`);
    expect(await oneLineError(resolveCommit(plain, 'HEAD'))).toBe(`not a git repository: ${plain}`);
    expect(await oneLineError(repoRoot(join(plain, 'missing')))).toBe(
      `no such directory: ${join(plain, 'missing')}`,
    );
    expect(await oneLineError(new GitTree(r.dir, 'f'.repeat(40)).list())).toMatch(/^git ls-tree: /);
    // Root and refs in one run: the same answers, and the same first error in the order asked.
    const sub = join(r.dir, 'sub');
    mkdirSync(sub);
    const tag = (r.git('tag', '-a', 'v1', '-m', 'v1'), 'v1');
    expect(await rootAndCommits(sub, ['HEAD', tag])).toEqual({
      root: await repoRoot(r.dir),
      shas: [await resolveCommit(r.dir, 'HEAD'), await resolveCommit(r.dir, 'HEAD')],
    });
    expect(await oneLineError(rootAndCommits(r.dir, ['HEAD', 'HEAD:a.py', 'nope']))).toBe(
      "'HEAD:a.py' is not a commit",
    );
    expect(await oneLineError(rootAndCommits(r.dir, ['nope', 'HEAD:a.py']))).toBe("unknown revision 'nope'");
    expect(await oneLineError(rootAndCommits(plain, ['HEAD']))).toBe(`not a git repository: ${plain}`);
  });

  it('a spooled run (long outputs go through a temporary file) answers as a piped one, and leaves no file', async () => {
    const r = repo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 4000; i++) files[`some/long/folder/name/file-${i}.py`] = `${i}\n`;
    r.write(files).commit('many');
    const args = ['ls-files', '-z', '--stage'];
    const spooled = () => readdirSync(tmpdir()).filter((n) => n.startsWith('headsup-git-')).length;
    const before = spooled();
    const piped = await runGit(r.dir, args);
    expect(piped.length).toBeGreaterThan(256 * 1024); // more than a pipe holds
    expect((await runGit(r.dir, args, { spool: true })).equals(piped)).toBe(true);
    expect(spooled()).toBe(before);
    expect(await oneLineError(runGit(r.dir, ['ls-tree', 'nope'], { spool: true }))).toBe(
      "unknown revision 'nope'",
    );
    expect(spooled()).toBe(before);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(r.dir, 'no', 'such', 'dir');
    try {
      expect((await runGit(r.dir, args, { spool: true })).equals(piped)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('root, head, base and their merge base from one run agree with the one-by-one answers', async () => {
    const r = repo();
    r.write({ 'a.py': 'a' }).commit('a');
    r.checkout('pr', true).write({ 'p.py': 'p' }).commit('p');
    r.checkout('main').write({ 'm.py': 'm' }).commit('m');
    const root = await repoRoot(r.dir);
    const one = async (head: string, base: string) => ({
      root,
      shas: [await resolveCommit(r.dir, head), await resolveCommit(r.dir, base)],
      fork: await mergeBase(r.dir, head, base),
    });
    for (const [head, base] of [
      ['pr', 'main'],
      ['main', 'pr'],
      ['main', 'main'],
      ['pr', 'main~1'],
    ])
      expect(await rootCommitsAndFork(r.dir, head, base), `${head} ${base}`).toEqual(await one(head, base));
    // Criss-cross: two merge bases, which merge-base alone picks between.
    const x = r.git('rev-parse', 'main');
    const y = r.git('rev-parse', 'pr');
    r.checkout('x', true).git('merge', '-q', '--no-edit', y);
    r.checkout('pr').git('merge', '-q', '--no-edit', x);
    r.checkout('x').write({ 'x.py': 'x' }).commit('x');
    r.checkout('pr').write({ 'y.py': 'y' }).commit('y');
    const criss = await rootCommitsAndFork(r.dir, 'pr', 'x');
    expect(criss.fork).toBeUndefined();
    expect(criss.shas).toEqual([await resolveCommit(r.dir, 'pr'), await resolveCommit(r.dir, 'x')]);
    // Unrelated histories: no merge base here either; errors are the one-by-one path's.
    r.git('checkout', '-q', '--orphan', 'other');
    r.write({ 'o.py': 'o' }).commit('o');
    expect((await rootCommitsAndFork(r.dir, 'other', 'main')).fork).toBeUndefined();
    expect(await oneLineError(rootCommitsAndFork(r.dir, 'nope', 'main'))).toBe("unknown revision 'nope'");
    expect(await oneLineError(rootCommitsAndFork(r.dir, 'main', 'HEAD:o.py'))).toBe(
      "'HEAD:o.py' is not a commit",
    );
  });

  it('finds the repository root, commits and the merge-base', async () => {
    const r = repo();
    const c1 = r.write({ 'sub/a.py': 'a' }).commit('c1');
    expect(await repoRoot(join(r.dir, 'sub'))).toBe(r.git('rev-parse', '--show-toplevel'));
    r.git('tag', '-a', 'v1', '-m', 'annotated');
    expect(await resolveCommit(r.dir, 'v1')).toBe(c1); // tags are peeled to their commit
    r.checkout('feature', true);
    const f = r.write({ 'f.py': 'f' }).commit('feature');
    r.checkout('main');
    const m = r.write({ 'm.py': 'm' }).commit('main moves on');
    expect(await mergeBase(r.dir, 'main', 'feature')).toBe(c1);
    expect(await mergeBase(r.dir, m, f)).toBe(c1);
    r.git('checkout', '-q', '--orphan', 'unrelated');
    const u = r.commit('unrelated root');
    expect(await oneLineError(mergeBase(r.dir, u, m))).toMatch(/^no common ancestor/);
  });

  it('no merge base: unrelated histories, or a shallow clone, which says how to fetch the rest', async () => {
    const r = repo();
    const root = r.write({ 'a.py': 'a' }).commit('root');
    r.checkout('pr', true);
    const pr = r.write({ 'b.py': 'b' }).commit('pr');
    r.checkout('main');
    const main = r.write({ 'c.py': 'c' }).commit('main moves on');
    const clone = tempDir();
    execFileSync('git', ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${r.dir}`, clone]);
    const err = await mergeBase(clone, main, pr).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoMergeBaseError);
    expect((err as NoMergeBaseError).shallow).toBe(true);
    expect((err as NoMergeBaseError).message).toMatch(/in this shallow clone .*`git fetch --unshallow`/);
    expect((err as NoMergeBaseError).naming('origin/main').message).toMatch(
      new RegExp(`^no common ancestor between 'origin/main' and '${pr}' in this shallow clone`),
    );
    execFileSync('git', ['fetch', '-q', '--unshallow'], { cwd: clone });
    expect(await mergeBase(clone, main, pr)).toBe(root);
    r.git('checkout', '-q', '--orphan', 'lone');
    const lone = r.commit('unrelated root');
    expect(await oneLineError(mergeBase(r.dir, lone, main))).toBe(
      `no common ancestor between '${lone}' and '${main}' (their histories are unrelated)`,
    );
  });

  it('detects the default branch through a bare "origin" remote', async () => {
    const origin = tempDir();
    execFileSync('git', ['init', '-q', '--bare', '-b', 'trunk', origin], {
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
    const r = repo();
    expect(await defaultBranchRef(r.dir)).toBeUndefined(); // no commits, no remote
    r.write({ 'a.py': 'a' }).commit('c');
    expect(await defaultBranchRef(r.dir)).toBe('main'); // local fallback
    r.git('remote', 'add', 'origin', origin);
    r.git('push', '-q', 'origin', 'main:trunk', 'main:master');
    r.git('fetch', '-q', 'origin');
    expect(await defaultBranchRef(r.dir)).toBe('origin/master'); // no origin/HEAD yet: origin/main, then origin/master
    r.git('remote', 'set-head', 'origin', '--auto'); // asks the remote: its HEAD is trunk
    expect(await defaultBranchRef(r.dir)).toBe('origin/trunk');
    expect(await resolveCommit(r.dir, (await defaultBranchRef(r.dir))!)).toBe(r.git('rev-parse', 'HEAD'));
  });
});
