import { execFile } from 'node:child_process';
import * as core from '@actions/core';

/**
 * actions/checkout fetches one commit by default (fetch-depth: 1). The check needs the base commit and a
 * merge base; fetch what is missing instead of failing. `fetch-depth: 0` avoids all of this.
 */

function git(cwd: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 16 << 20, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => resolve({ ok: !error, out: stdout.trim(), err: stderr.trim() }),
    );
  });
}

export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return (await git(cwd, ['cat-file', '-e', `${sha}^{commit}`])).ok;
}

async function isShallow(cwd: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-shallow-repository'])).out === 'true';
}

/** Parents as the commit object records them: present even when a shallow clone cut them off. */
export async function parentsOf(cwd: string, rev: string): Promise<string[]> {
  const r = await git(cwd, ['cat-file', '-p', rev]);
  if (!r.ok) return [];
  const header = r.out.split('\n\n', 1)[0];
  return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]);
}

export async function resolve(cwd: string, rev: string): Promise<string | undefined> {
  const r = await git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.ok ? r.out : undefined;
}

async function fetch(cwd: string, args: string[]): Promise<boolean> {
  core.info(`git fetch ${args.join(' ')}`);
  const r = await git(cwd, ['fetch', '--no-tags', '--quiet', ...args]);
  if (!r.ok) core.info(`  failed: ${r.err.split('\n')[0]}`);
  return r.ok;
}

/** Makes `sha` present, keeping a shallow clone shallow. */
export async function ensureCommit(cwd: string, sha: string): Promise<boolean> {
  if (await hasCommit(cwd, sha)) return true;
  const depth = (await isShallow(cwd)) ? ['--depth=1'] : [];
  await fetch(cwd, [...depth, 'origin', sha]);
  return hasCommit(cwd, sha);
}

/** Deepens a shallow clone until `a` and `b` have a merge base, then gives up and unshallows. */
export async function ensureMergeBase(cwd: string, a: string, b: string): Promise<boolean> {
  const ok = async () => (await git(cwd, ['merge-base', a, b])).ok;
  if (await ok()) return true;
  if (!(await isShallow(cwd))) return false;
  for (const n of [1, 10, 100, 1000]) {
    await fetch(cwd, [`--deepen=${n}`, 'origin', a, b]);
    if (await ok()) return true;
  }
  await fetch(cwd, ['--unshallow', 'origin']);
  return ok();
}

/** The repository root containing `cwd`. */
export async function toplevel(cwd: string): Promise<string | undefined> {
  const r = await git(cwd, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.out : undefined;
}
