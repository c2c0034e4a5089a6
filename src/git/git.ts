import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { makeScratch, removeScratch } from './scratch.js';
import { join } from 'node:path';

/** A failed git command, with a one-line message fit for the terminal (the full stderr is kept for debugging). */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly args: readonly string[] = [],
    readonly exitCode: number | null = null,
    readonly stderr = '',
  ) {
    super(message);
  }
}

export interface RunGitOptions {
  /** Written to git's stdin, which is then closed. */
  input?: string | Buffer;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /**
   * For long outputs (a listing of every file): git writes them to a temporary file, not a pipe. A pipe
   * holds 64 KiB, so git would stop whenever this process is busy with other work and wait for it to read.
   */
  spool?: boolean;
  /** Exit codes besides 0 whose output is still the answer (`merge-tree --write-tree` exits 1 on conflicts). */
  okExitCodes?: readonly number[];
}

/**
 * The environment every git call runs with: English messages (we recognise a few), no prompts, and no
 * opportunistic index writes (`git diff` against the working tree would otherwise refresh the index).
 */
export function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LC_ALL: 'C',
    LANGUAGE: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    ...extra,
  };
}

/** Runs `git args` in `repo` (no shell) and returns stdout; a non-zero exit throws a GitError. */
export function runGit(repo: string, args: readonly string[], opts: RunGitOptions = {}): Promise<Buffer> {
  const spool = opts.spool ? spoolFile() : undefined;
  return new Promise<Buffer>((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn('git', args, {
        cwd: repo,
        env: gitEnv(opts.env),
        stdio: ['pipe', spool?.fd ?? 'pipe', 'pipe'],
      }) as ChildProcessWithoutNullStreams;
    } catch (e) {
      // Some failures (a file as cwd: ENOTDIR) are thrown here rather than emitted.
      return reject(spawnError(e as NodeJS.ErrnoException, repo, args));
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // EPIPE when git exits before reading its input; the exit code tells the story
    child.on('error', (e: NodeJS.ErrnoException) => reject(spawnError(e, repo, args)));
    child.on('close', (code) => {
      if (code === 0 || (code !== null && opts.okExitCodes?.includes(code)))
        return resolve(spool ? readFileSync(spool.path) : Buffer.concat(out));
      const stderr = Buffer.concat(err).toString('utf8');
      reject(new GitError(describeFailure(stderr, repo, args, code), args, code, stderr));
    });
    child.stdin.end(opts.input);
  }).finally(() => spool?.remove());
}

/** A temporary file for git's output; undefined where none can be made (a read-only /tmp): a pipe then. */
function spoolFile(): { fd: number; path: string; remove(): void } | undefined {
  let dir: string | undefined;
  try {
    dir = makeScratch('headsup-git-');
    const path = join(dir, 'out');
    const fd = openSync(path, 'w');
    return {
      fd,
      path,
      remove() {
        closeSync(fd);
        removeScratch(dir!);
      },
    };
  } catch {
    if (dir) removeScratch(dir);
    return undefined;
  }
}

/** spawn's ENOENT means either a missing cwd or a missing git binary; say which. ENOTDIR: a file as cwd. */
export function spawnError(e: NodeJS.ErrnoException, repo: string, args: readonly string[]): GitError {
  if (e.code === 'ENOENT')
    return existsSync(repo)
      ? new GitError('git is not installed (not found on PATH)', args)
      : new GitError(`no such directory: ${repo}`, args);
  if (e.code === 'ENOTDIR') return new GitError(`not a directory: ${repo}`, args);
  return new GitError(`cannot run git: ${e.message}`, args);
}

/** Turns git's stderr (several lines, hints, "fatal:" prefixes) into one clear line. */
export function describeFailure(
  stderr: string,
  repo: string,
  args: readonly string[],
  code: number | null,
): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const main =
    lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.find((l) => !l.startsWith('hint:')) ?? '';
  const msg = main.replace(/^(fatal|error):\s*/, '');
  if (/not a git repository/i.test(msg)) return `not a git repository: ${repo}`;
  let m = /ambiguous argument '(.*)': unknown revision/.exec(msg);
  if (m) return `unknown revision '${m[1]}'`;
  m = /^(?:Not a valid object name|bad revision) '?([^']*)'?$/.exec(msg);
  if (m) return `unknown revision '${m[1]}'`;
  m = /^detected dubious ownership in repository at '(.*)'$/.exec(msg);
  if (m) return `${msg} (run: git config --global --add safe.directory ${m[1]})`;
  const cmd = args.find((a) => !a.startsWith('-')) ?? 'git';
  return msg ? `git ${cmd}: ${msg}` : `git ${cmd} failed with exit code ${code}`;
}

const text = (b: Buffer) => b.toString('utf8').trim();

/** The top of the working tree that contains `dir`. */
export async function repoRoot(dir: string): Promise<string> {
  return text(await runGit(dir, ['rev-parse', '--show-toplevel']));
}

const SHA = /^[0-9a-f]{40,64}$/;

/** `rev-parse --show-toplevel` and `revisions`, one line each; undefined when git refuses any of them. */
async function topAndRevisions(dir: string, revisions: string[]): Promise<string[] | undefined> {
  return runGit(dir, ['rev-parse', '--show-toplevel', '--end-of-options', ...revisions]).then(
    (out) =>
      text(out)
        .split('\n')
        .filter((l) => l !== '--end-of-options'), // git < 2.43 echoes it
    () => undefined,
  );
}

/**
 * The repository root and the commits `refs` name, from one git run where all is well (each git run costs
 * a fork of this process: on a small VM, about 13 ms of it blocking); else the one-by-one path, for its
 * precise errors (not a repository, unknown revision, not a commit), in the order of `refs`.
 */
export async function rootAndCommits(dir: string, refs: string[]): Promise<{ root: string; shas: string[] }> {
  const together = await topAndRevisions(
    dir,
    refs.map((r) => `${r}^{commit}`),
  );
  if (together?.length === refs.length + 1 && together.slice(1).every((l) => SHA.test(l)))
    return { root: together[0], shas: together.slice(1) };
  const root = await repoRoot(dir);
  const shas: string[] = [];
  for (const ref of refs) shas.push(await resolveCommit(root, ref));
  return { root, shas };
}

/**
 * rootAndCommits for [head, base], with their merge base from the same git run: `rev-parse A B A...B`
 * prints A and B, then both again, then each merge base after a `^`. Where there is not exactly one
 * (unrelated histories, a criss-cross merge), `fork` is left out for `mergeBase` to settle as it always has.
 */
export async function rootCommitsAndFork(
  dir: string,
  head: string,
  base: string,
): Promise<{ root: string; shas: string[]; fork?: string }> {
  const [h, b] = [`${head}^{commit}`, `${base}^{commit}`];
  const lines = await topAndRevisions(dir, [h, b, `${h}...${b}`]);
  if (lines && lines.length >= 5 && lines.slice(1, 5).every((l) => SHA.test(l))) {
    const forks = lines.slice(5);
    if (forks.every((l) => l.startsWith('^') && SHA.test(l.slice(1))))
      return {
        root: lines[0],
        shas: [lines[1], lines[2]],
        ...(forks.length === 1 ? { fork: forks[0].slice(1) } : {}),
      };
  }
  return rootAndCommits(dir, [head, base]);
}

/** The commit sha a ref names (tags are peeled); "unknown revision 'x'" or "'x' is not a commit" otherwise. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    return text(
      await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]),
    );
  } catch (e) {
    if (!(e instanceof GitError) || e.exitCode !== 1) throw e;
  }
  // --quiet exits 1 silently: find out whether the name exists at all, to say something useful.
  const exists = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', ref]).then(
    () => true,
    () => false,
  );
  throw new GitError(
    exists ? `'${ref}' is not a commit` : `unknown revision '${ref}'`,
    ['rev-parse', ref],
    1,
  );
}

/**
 * The branch PRs merge into, as a ref name git accepts: what `origin/HEAD` points to, else the first of
 * origin/main, origin/master, main, master that exists; undefined when none does.
 */
export async function defaultBranchRef(repo: string): Promise<string | undefined> {
  const head = await runGit(repo, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']).then(
    text,
    () => '',
  );
  if (head) {
    const short = head.replace(/^refs\/remotes\//, '');
    if (await refExists(repo, head)) return short;
  }
  const candidates = [
    'refs/remotes/origin/main',
    'refs/remotes/origin/master',
    'refs/heads/main',
    'refs/heads/master',
  ];
  const found = new Set(
    text(await runGit(repo, ['for-each-ref', '--format=%(refname)', ...candidates]))
      .split('\n')
      .filter(Boolean),
  );
  const hit = candidates.find((c) => found.has(c));
  return hit?.replace(/^refs\/(remotes|heads)\//, '');
}

async function refExists(repo: string, ref: string): Promise<boolean> {
  return runGit(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/** The best common ancestor of two commits; a NoMergeBaseError when there is none. */
export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  try {
    return text(await runGit(repo, ['merge-base', '--end-of-options', a, b]));
  } catch (e) {
    // merge-base exits 1 with no output when the histories are unrelated (or cut off by a shallow clone).
    if (e instanceof GitError && e.exitCode === 1 && !e.stderr.trim())
      throw new NoMergeBaseError([a, b], await isShallow(repo));
    throw e;
  }
}

/** A clone made with --depth lacks the older history, where a merge base usually is. */
async function isShallow(repo: string): Promise<boolean> {
  return runGit(repo, ['rev-parse', '--is-shallow-repository']).then(
    (out) => text(out) === 'true',
    () => false,
  );
}

/**
 * Two commits without a common ancestor: unrelated histories, or a shallow clone that stops before they
 * meet (CI checkouts fetch one commit by default), which says how to fetch the rest.
 */
export class NoMergeBaseError extends GitError {
  constructor(
    readonly refs: readonly [string, string],
    readonly shallow: boolean,
  ) {
    super(noMergeBaseMessage(refs, shallow), ['merge-base', ...refs], 1);
  }

  /** The same error naming the refs as the user gave them (callers resolve refs to shas first). */
  naming(a = this.refs[0], b = this.refs[1]): NoMergeBaseError {
    return new NoMergeBaseError([a, b], this.shallow);
  }
}

function noMergeBaseMessage([a, b]: readonly [string, string], shallow: boolean): string {
  const between = `no common ancestor between '${a}' and '${b}'`;
  if (!shallow) return `${between} (their histories are unrelated)`;
  return (
    `${between} in this shallow clone (its history is cut off); fetch it with \`git fetch --unshallow\` ` +
    '(in GitHub Actions: actions/checkout with `fetch-depth: 0`)'
  );
}

/**
 * Calls `record(from, end)` for each non-empty record of `-z` output: by offsets rather than split(),
 * since a large repository lists hundreds of thousands of them.
 */
export function forEachRecord(text: string, record: (from: number, end: number) => void): void {
  for (let at = 0; at < text.length;) {
    const nul = text.indexOf('\0', at);
    const end = nul < 0 ? text.length : nul;
    if (end > at) record(at, end);
    at = end + 1;
  }
}
