import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, gitEnv, spawnError } from './git.js';

const ARGS = ['cat-file', '--batch', '--buffer'];

/**
 * Blobs by id, in order, from one `git cat-file --batch --buffer` run that has every id up front: git reads
 * and inflates them on its own core while the caller parses the ones already here. Yields them in batches
 * (whatever one read completed), undefined for an id git does not have.
 *
 * git writes to a temporary file rather than a pipe: a pipe holds 64 KiB, so git would stop whenever the
 * caller is busy parsing and wait for it to ask again; a file lets git run to the end on its own. Where no
 * temporary file can be made (a read-only /tmp), the pipe still works, only slower.
 */
export async function* streamBlobs(
  repo: string,
  ids: readonly string[],
): AsyncGenerator<(Buffer | undefined)[]> {
  if (!ids.length) return;
  let dir: string | undefined;
  let fd: number | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'headsup-blobs-'));
    fd = openSync(join(dir, 'out'), 'w+');
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  }
  const child = spawn('git', ARGS, { cwd: repo, env: gitEnv(), stdio: ['pipe', fd ?? 'pipe', 'pipe'] });
  const run = watch(child, repo);
  child.stdin!.on('error', () => {}); // a git that died is reported from its exit
  child.stdin!.end(ids.join('\n') + '\n');
  try {
    let pending: Buffer = Buffer.alloc(0);
    let answered = 0;
    for await (const chunk of fd === undefined ? piped(child) : written(fd, run)) {
      pending = !pending.length ? chunk : (adjacent(pending, chunk) ?? Buffer.concat([pending, chunk]));
      const batch: (Buffer | undefined)[] = [];
      let at = 0;
      for (;;) {
        const nl = pending.indexOf(10, at);
        if (nl < 0) break;
        // `<id> <type> <size>` then the content and a newline, or `<id> missing`.
        const header = pending.toString('latin1', at, nl);
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          batch.push(undefined);
          at = nl + 1;
          continue;
        }
        const size = Number(header.slice(header.lastIndexOf(' ') + 1));
        if (!Number.isInteger(size)) throw new GitError(`unexpected git cat-file output: ${header}`, ARGS);
        if (pending.length < nl + 1 + size + 1) break;
        batch.push(pending.subarray(nl + 1, nl + 1 + size));
        at = nl + 1 + size + 1;
      }
      pending = pending.subarray(at);
      answered += batch.length;
      if (batch.length) yield batch;
      if (answered === ids.length) return;
    }
    throw run.failure() ?? new GitError('git cat-file answered fewer blobs than asked', ARGS);
  } finally {
    if (child.exitCode === null) child.kill();
    if (fd !== undefined) closeSync(fd);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** What the git process says about itself: whether it has exited, and why it failed. */
function watch(child: ChildProcess, repo: string) {
  let stderr = '';
  let failure: GitError | undefined;
  let code: number | null | undefined;
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  child.on('error', (e: NodeJS.ErrnoException) => (failure ??= spawnError(e, repo, ARGS)));
  child.on('close', (c) => (code = c));
  return {
    exited: () => code !== undefined || failure !== undefined,
    failure: (): GitError | undefined =>
      failure ??
      (code !== undefined
        ? new GitError(
            `git cat-file exited (${code}) ${stderr.trim().split('\n')[0] ?? ''}`.trim(),
            ARGS,
            code,
            stderr,
          )
        : undefined),
  };
}

async function* piped(child: ChildProcess): AsyncGenerator<Buffer> {
  yield* child.stdout as AsyncIterable<Buffer>;
}

/** `b` continuing `a` in one buffer (consecutive reads into it): both as one view, no copy; else undefined. */
function adjacent(a: Buffer, b: Buffer): Buffer | undefined {
  if (a.buffer !== b.buffer || a.byteOffset + a.length !== b.byteOffset) return undefined;
  return Buffer.from(a.buffer, a.byteOffset, a.length + b.length);
}

const READ_BUFFER = 1 << 20;
/** Below this much room left, the next read starts a new buffer rather than a sliver of the old one. */
const MIN_ROOM = 1 << 16;

/** The file git writes, read as it grows, until git has exited and all of it is read. */
async function* written(fd: number, run: { exited(): boolean }): AsyncGenerator<Buffer> {
  let pos = 0;
  let buf = Buffer.allocUnsafe(READ_BUFFER);
  let used = 0;
  for (;;) {
    const exited = run.exited(); // asked before reading: what git wrote before exiting is then all there
    if (buf.length - used < MIN_ROOM) [buf, used] = [Buffer.allocUnsafe(READ_BUFFER), 0];
    const n = readSync(fd, buf, used, buf.length - used, pos);
    if (n > 0) {
      pos += n;
      // Handed over (blobs point into it): later reads fill the rest of the buffer, never this part. Git
      // writes as it goes, so most reads are small; a new buffer for each would allocate a MiB per sliver.
      yield buf.subarray(used, used + n);
      used += n;
    } else if (exited) return;
    else await new Promise((wake) => setTimeout(wake, 1)); // git is still writing
  }
}
