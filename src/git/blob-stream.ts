import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, gitEnv, spawnError } from './git.js';
import { makeScratch, removeScratch } from './scratch.js';

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
    dir = makeScratch('headsup-blobs-');
    fd = openSync(join(dir, 'out'), 'w+');
  } catch {
    if (dir) removeScratch(dir);
    dir = undefined;
  }
  const child = spawn('git', ARGS, { cwd: repo, env: gitEnv(), stdio: ['pipe', fd ?? 'pipe', 'pipe'] });
  const run = watch(child, repo);
  child.stdin!.on('error', () => {}); // a git that died is reported from its exit
  child.stdin!.end(ids.join('\n') + '\n');
  try {
    let answered = 0;
    for await (const batch of fd === undefined ? piped(child) : written(fd, run)) {
      answered += batch.length;
      if (batch.length) yield batch;
      if (answered === ids.length) return;
    }
    throw run.failure() ?? new GitError('git cat-file answered fewer blobs than asked', ARGS);
  } finally {
    if (child.exitCode === null) child.kill();
    if (fd !== undefined) closeSync(fd);
    if (dir) removeScratch(dir);
  }
}

/**
 * The whole answers in `buf` from `start` to `end`, pushed to `out`; returns where the first incomplete one
 * starts. Each is `<id> <type> <size> LF <content> LF`, or `<id> missing LF` (undefined).
 */
function takeBlobs(buf: Buffer, start: number, end: number, out: (Buffer | undefined)[]): number {
  let at = start;
  while (at < end) {
    const nl = buf.indexOf(10, at);
    if (nl < 0 || nl >= end) break;
    // The size is the header's last field: read its digits backwards, without making a string.
    let size = 0;
    let digit = 1;
    let k = nl - 1;
    for (let c = buf[k]; c >= 48 && c <= 57 && k > at; c = buf[--k], digit *= 10) size += (c - 48) * digit;
    if (buf[k] !== 32 || k === nl - 1) {
      const header = buf.toString('latin1', at, nl);
      if (!header.endsWith(' missing') && !header.endsWith(' ambiguous'))
        throw new GitError(`unexpected git cat-file output: ${header}`, ARGS);
      out.push(undefined);
      at = nl + 1;
      continue;
    }
    if (end < nl + 1 + size + 1) break;
    out.push(buf.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return at;
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

async function* piped(child: ChildProcess): AsyncGenerator<(Buffer | undefined)[]> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const batch: (Buffer | undefined)[] = [];
    pending = pending.subarray(takeBlobs(pending, 0, pending.length, batch));
    yield batch;
  }
}

const READ_BUFFER = 1 << 20;
/** Below this much room left, what is unanswered moves to the buffer's start (or a larger buffer). */
const MIN_ROOM = 1 << 16;

/**
 * The answers in the file git writes, read as it grows, until git has exited and all of it is read. One
 * buffer serves every read: once the caller asks for the next batch it is done with the last (see
 * FileTree.readAll), so an answer cut by the buffer's end moves, alone, to its start, and the buffer grows
 * only for an answer larger than it. A fresh buffer per read would touch 10 MiB of new memory for 10,000
 * files, which costs more than reading them (see v8-tuning.ts).
 */
async function* written(fd: number, run: { exited(): boolean }): AsyncGenerator<(Buffer | undefined)[]> {
  let pos = 0;
  let buf = Buffer.allocUnsafe(READ_BUFFER);
  let start = 0; // where the first answer not yet handed out begins
  let end = 0;
  for (;;) {
    const exited = run.exited(); // asked before reading: what git wrote before exiting is then all there
    if (buf.length - end < MIN_ROOM) {
      const pending = end - start;
      if (pending * 2 > buf.length) {
        const next = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(next, 0, start, end);
        buf = next;
      } else buf.copy(buf, 0, start, end);
      [end, start] = [pending, 0];
    }
    const n = readSync(fd, buf, end, buf.length - end, pos);
    if (n > 0) {
      pos += n;
      end += n;
      const batch: (Buffer | undefined)[] = [];
      start = takeBlobs(buf, start, end, batch);
      yield batch;
    } else if (exited) return;
    else await new Promise((wake) => setTimeout(wake, 1)); // git is still writing
  }
}

/**
 * The contents of `count` files in order, in batches: file i from one streamBlobs run when `idOf(i)` gives
 * its blob id, else (and when git lacks that blob) from `otherwise(i)`, one at a time.
 */
export async function* inOrder<T>(
  repo: string,
  count: number,
  idOf: (i: number) => string | undefined,
  otherwise: (i: number) => Promise<T>,
): AsyncGenerator<(Buffer | T)[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = idOf(i);
    if (id !== undefined) ids.push(id);
  }
  const stream = streamBlobs(repo, ids);
  try {
    let batch: (Buffer | undefined)[] = [];
    let b = 0;
    let out: (Buffer | T)[] = [];
    for (let i = 0; i < count; i++) {
      if (idOf(i) === undefined) {
        out.push(await otherwise(i));
        continue;
      }
      if (b === batch.length) {
        if (out.length) yield out;
        out = [];
        const next = await stream.next();
        if (next.done) throw new Error('git cat-file answered fewer blobs than asked');
        batch = next.value;
        b = 0;
      }
      out.push(batch[b++] ?? (await otherwise(i)));
    }
    if (out.length) yield out;
  } finally {
    await stream.return(undefined); // the stream's own cleanup (git, its temporary file) runs now
  }
}
