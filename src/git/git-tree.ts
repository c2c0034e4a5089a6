import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { forEachRecord, GitError, gitEnv, runGit, spawnError } from './git.js';
import { inOrder } from './blob-stream.js';
import { followLink, sortedPaths, unreadable, type FileTree, type UnreadableFile } from './tree.js';

/**
 * The files of one commit, read with git plumbing only (no checkout, no index).
 *
 * - Listing: one `git ls-tree -r -z --full-tree`, which also gives each file's blob id (= its content id).
 * - Reading: one long-lived `git cat-file --batch`, requests pipelined, so thousands of small files cost
 *   one process and a few syscalls instead of one `git show` each.
 * - Submodules (gitlink entries) are skipped: their content is another repository.
 * - A symlinked file is read as the file it names in this commit, as Python would open it once checked
 *   out; a link leaving the commit, or to nothing in it, is an unreadable file (see followLink).
 *
 * `close()` ends the cat-file process; a later read starts a new one. While no read is pending the process
 * does not keep Node alive, so a forgotten close() cannot hang the CLI.
 */
export class GitTree implements FileTree {
  private entries?: Promise<Map<string, string>>;
  private loaded?: Map<string, string>;
  /** Paths that are symbolic links (mode 120000): their blob is the link's text. */
  private readonly linkPaths = new Set<string>();

  /** `reader`: share one cat-file process between trees of one repository (base and head of a check). */
  constructor(
    readonly repo: string,
    readonly sha: string,
    readonly label: string = sha.slice(0, 12),
    private readonly reader: BlobReader = new BlobReader(repo),
  ) {}

  private sorted?: string[];

  async list(): Promise<readonly string[]> {
    this.sorted ??= sortedPaths([...(await this.blobs()).keys()]);
    return this.sorted;
  }

  read(path: string): Promise<Buffer | undefined> {
    // Once listed, skip the await: callers read thousands of files in one go.
    if (this.loaded && !this.linkPaths.has(path)) return this.readBlob(this.loaded.get(path));
    return this.blobs().then((m) => {
      if (!this.linkPaths.has(path)) return this.readBlob(m.get(path));
      const own = async (p: string) => {
        const content = await this.readBlob(m.get(p));
        return content && { content, link: this.linkPaths.has(p) };
      };
      return own(path).then((link) => link && followLink(path, link, own));
    });
  }

  async *readAll(paths: readonly string[]): AsyncGenerator<(Buffer | UnreadableFile | undefined)[]> {
    const blobs = await this.blobs();
    // Links are followed one read at a time (rare); everything else streams.
    yield* inOrder(
      this.repo,
      paths.length,
      (i) => (this.linkPaths.has(paths[i]) ? undefined : blobs.get(paths[i])),
      (i) => this.read(paths[i]).catch(unreadable),
    );
  }

  async links(): Promise<ReadonlyMap<string, string>> {
    const blobs = await this.blobs();
    const paths = [...this.linkPaths];
    const texts = await Promise.all(paths.map((p) => this.readBlob(blobs.get(p))));
    return new Map(paths.map((p, i) => [p, texts[i]?.toString('utf8') ?? '']));
  }

  /** Blob ids, except for links: theirs is the link's text, not the content read through it. */
  async contentIds(paths: readonly string[]): Promise<(string | undefined)[]> {
    const blobs = await this.blobs();
    return paths.map((p) => (this.linkPaths.has(p) ? undefined : blobs.get(p)));
  }

  close(): void {
    this.reader.close();
  }

  private readBlob(blob: string | undefined): Promise<Buffer | undefined> {
    return blob ? this.reader.read(blob) : Promise.resolve(undefined);
  }

  private blobs(): Promise<Map<string, string>> {
    this.entries ??= runGit(this.repo, ['ls-tree', '-r', '-z', '--full-tree', this.sha], { spool: true })
      .then((out) => parseLsTree(out, this.linkPaths))
      .then((m) => (this.loaded = m));
    return this.entries;
  }
}

/** `<mode> SP <type> SP <object> TAB <path> NUL` records → path → blob id (blobs only); links noted in `links`. */
function parseLsTree(out: Buffer, links: Set<string>): Map<string, string> {
  const map = new Map<string, string>();
  const text = out.toString('utf8');
  forEachRecord(text, (from, end) => {
    const tab = text.indexOf('\t', from);
    if (tab < 0 || tab > end) return;
    const typeAt = text.indexOf(' ', from) + 1;
    if (!text.startsWith('blob ', typeAt)) return; // trees are not listed with -r; commits are submodules
    const path = text.slice(tab + 1, end);
    map.set(path, text.slice(typeAt + 5, tab));
    if (text.startsWith('120000 ', from)) links.add(path);
  });
  return map;
}

interface Pending {
  resolve(b: Buffer | undefined): void;
  reject(e: Error): void;
}

/**
 * One `git cat-file --batch` process. Requests go out in order and answers come back in the same order:
 * `<id> <type> <size> LF <content> LF`, or `<id> missing LF` / `<id> ambiguous LF`.
 */
/** Reads blobs by id through one `git cat-file --batch` process, started on first use. */
export class BlobReader {
  private batch?: CatFileBatch;

  constructor(private readonly repo: string) {}

  read(blob: string): Promise<Buffer | undefined> {
    // A batch process that died (killed, or git crashed) is replaced rather than written to.
    if (!this.batch || this.batch.exited) this.batch = new CatFileBatch(this.repo);
    return this.batch.read(blob);
  }

  close(): void {
    this.batch?.close();
    this.batch = undefined;
  }
}

class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private head = 0; // index of the request being answered; the queue is compacted lazily
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodySize = -1; // -1 while waiting for a header
  private outgoing: string[] = [];
  private failed?: GitError;
  private referenced = true;
  exited = false;

  constructor(private readonly repo: string) {
    const args = ['cat-file', '--batch'];
    this.child = spawn('git', args, { cwd: repo, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    this.child.stdout.on('data', (b: Buffer) => this.onData(b));
    this.child.stdin.on('error', () => {}); // reported through 'close' below
    this.child.on('error', (e: NodeJS.ErrnoException) => {
      this.exited = true;
      this.fail(spawnError(e, repo, args));
    });
    this.child.on('close', (code) => {
      this.exited = true;
      if (this.pending() > 0)
        this.fail(
          new GitError(
            `git cat-file exited (${code}) ${stderr.trim().split('\n')[0] ?? ''}`.trim(),
            args,
            code,
            stderr,
          ),
        );
    });
    this.setReferenced(false);
  }

  read(id: string): Promise<Buffer | undefined> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.exited) return Promise.reject(new GitError('git cat-file is not running', ['cat-file']));
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.setReferenced(true);
      // Batch the writes of one tick into a single pipe write.
      if (this.outgoing.push(id) === 1) process.nextTick(() => this.flush());
    });
  }

  close(): void {
    this.flush();
    this.child.stdin.end(); // git answers what it has read, then exits on EOF
  }

  private flush(): void {
    if (!this.outgoing.length || this.child.stdin.writableEnded) return;
    this.child.stdin.write(this.outgoing.join('\n') + '\n');
    this.outgoing = [];
  }

  private pending(): number {
    return this.queue.length - this.head;
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.bodySize < 0) {
        if (!this.readHeader()) return;
      } else {
        if (this.buffered < this.bodySize + 1) return;
        const body = this.take(this.bodySize + 1).subarray(0, this.bodySize);
        this.bodySize = -1;
        this.answer(body);
      }
    }
  }

  /** Consumes one header line if complete; false when more data is needed. */
  private readHeader(): boolean {
    let nl = this.chunks[0]?.indexOf(10) ?? -1;
    if (nl < 0 && this.chunks.length > 1) {
      // Headers are tiny; only when one straddles chunks do we merge.
      this.chunks = [Buffer.concat(this.chunks)];
      nl = this.chunks[0].indexOf(10);
    }
    if (nl < 0) return false;
    const header = this.take(nl + 1).toString('utf8', 0, nl);
    const parts = header.split(' ');
    if (parts.length === 3 && /^\d+$/.test(parts[2])) {
      this.bodySize = Number(parts[2]);
    } else if (parts[1] === 'missing' || parts[1] === 'ambiguous') {
      this.answer(undefined);
    } else {
      this.fail(new GitError(`unexpected git cat-file output: ${header}`, ['cat-file', '--batch']));
      this.child.kill();
    }
    return !this.failed;
  }

  /** Removes and returns the first n buffered bytes (zero-copy when they sit in one chunk). */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }

  private answer(content: Buffer | undefined): void {
    const p = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.pending() === 0) this.setReferenced(false);
    p?.resolve(content);
  }

  private fail(e: GitError): void {
    this.failed ??= e;
    const waiting = this.queue.slice(this.head);
    this.queue.length = 0;
    this.head = 0;
    this.setReferenced(false);
    for (const p of waiting) p.reject(e);
  }

  /** Only keep the event loop alive while answers are awaited. */
  private setReferenced(on: boolean): void {
    if (on === this.referenced) return;
    this.referenced = on;
    for (const h of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as {
      ref?(): void;
      unref?(): void;
    }[])
      if (on) h.ref?.();
      else h.unref?.();
  }
}
