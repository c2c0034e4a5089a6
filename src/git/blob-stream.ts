import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, gitEnv, spawnError } from './git.js';

/**
 * Blobs by id, in order, from one `git cat-file --batch --buffer` run that has every id up front: git reads
 * and inflates them on its own core while the caller parses the ones already here. Yields them in batches
 * (whatever one read completed), undefined for an id git does not have.
 *
 * git writes to a temporary file rather than a pipe: a pipe holds 64 KiB, so git would stop whenever the
 * caller is busy parsing and wait for it to ask again; a file lets git run to the end on its own.
 */
export async function* streamBlobs(
  repo: string,
  ids: readonly string[],
): AsyncGenerator<(Buffer | undefined)[]> {
  if (!ids.length) return;
  const args = ['cat-file', '--batch', '--buffer'];
  const dir = mkdtempSync(join(tmpdir(), 'headsup-blobs-'));
  const file = join(dir, 'out');
  const out = openSync(file, 'w+');
  let child: ReturnType<typeof spawn> | undefined;
  try {
    child = spawn('git', args, { cwd: repo, env: gitEnv(), stdio: ['pipe', out, 'pipe'] });
    let stderr = '';
    let failure: GitError | undefined;
    let code: number | null | undefined;
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) => (failure ??= spawnError(e, repo, args)));
    child.on('close', (c) => (code = c));
    child.stdin!.on('error', () => {}); // a git that died is reported below, from its exit
    child.stdin!.end(ids.join('\n') + '\n');

    let chunk = Buffer.allocUnsafe(1 << 20);
    let held = 0; // bytes in `chunk` not yet answered
    let pos = 0; // how far the file has been read
    let answered = 0;
    while (answered < ids.length) {
      if (held === chunk.length) {
        const bigger = Buffer.allocUnsafe(chunk.length * 2); // one blob larger than the buffer
        chunk.copy(bigger, 0, 0, held);
        chunk = bigger;
      }
      const n = readSync(out, chunk, held, chunk.length - held, pos);
      if (n === 0) {
        if (failure) throw failure;
        if (code !== undefined) {
          const first = stderr.trim().split('\n')[0] ?? '';
          throw new GitError(`git cat-file exited (${code}) ${first}`.trim(), args, code, stderr);
        }
        await new Promise((wake) => setTimeout(wake, 1)); // git is still writing
        continue;
      }
      pos += n;
      held += n;
      const batch: (Buffer | undefined)[] = [];
      let at = 0;
      for (;;) {
        const nl = chunk.indexOf(10, at);
        if (nl < 0 || nl >= held) break;
        // `<id> <type> <size>` then the content and a newline, or `<id> missing`.
        const header = chunk.toString('latin1', at, nl);
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          batch.push(undefined);
          at = nl + 1;
          continue;
        }
        const size = Number(header.slice(header.lastIndexOf(' ') + 1));
        if (!Number.isInteger(size)) throw new GitError(`unexpected git cat-file output: ${header}`, args);
        if (held < nl + 1 + size + 1) break;
        // A copy: the buffer is reused for the next read.
        batch.push(Buffer.from(chunk.subarray(nl + 1, nl + 1 + size)));
        at = nl + 1 + size + 1;
      }
      chunk.copy(chunk, 0, at, held);
      held -= at;
      answered += batch.length;
      if (batch.length) yield batch;
    }
  } finally {
    if (child && child.exitCode === null) child.kill();
    closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}
