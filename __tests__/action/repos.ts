import { createHash } from 'node:crypto';
import { INI, TestRepo, revisionFile, revisions, type RevisionSpec } from '../helpers/git-repo.js';
import type { FakeFile, FakeGitHub, FakePull } from './fake-github.js';

export const V = 'migrations/versions';
export const REPO = 'acme/app';

/** A unified diff of a file the PR adds: every line is commentable. */
export function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

/** Git's blob id, so the fake's blob store is addressed as GitHub's is. */
export function blobSha(text: string | Buffer): string {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

export function fileEntry(path: string, text: string): FakeFile {
  return { filename: path, status: 'added', sha: blobSha(text), patch: addedPatch(text) };
}

export interface PrRepo {
  repo: TestRepo;
  /** Fork point of the PR (what a stale payload's base.sha still says). */
  forkPoint: string;
  baseTip: string;
  prHead: string;
  merge: string;
  prFiles: Record<string, string>;
}

/** main: a <- b; the PR adds d on b; meanwhile main got c on b. Checked out: GitHub's merge commit. */
export function stalePrRepo(prSpecs: RevisionSpec[] = [{ id: 'dddd04', down: 'bbbb02' }]): PrRepo {
  const repo = new TestRepo();
  repo.write({
    'alembic.ini': INI,
    'migrations/env.py': '# env\n',
    'migrations/script.py.mako': '# template\n',
    ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
  });
  const forkPoint = repo.commit('base');
  const prFiles = revisions(V, ...prSpecs);
  repo.checkout('feature', true).write(prFiles);
  const prHead = repo.commit('pr');
  repo.checkout('main').write(revisions(V, { id: 'cccc03', down: 'bbbb02' }));
  const baseTip = repo.commit('another PR merged');
  const merge = mergeCommit(repo, baseTip, 'feature');
  return { repo, forkPoint, baseTip, prHead, merge, prFiles };
}

/** What actions/checkout checks out for a pull_request: refs/pull/N/merge, detached. */
export function mergeCommit(repo: TestRepo, base: string, branch: string): string {
  repo.git('checkout', '-q', '--detach', base);
  repo.git('merge', '-q', '--no-ff', '-m', `Merge ${branch} into ${base.slice(0, 7)}`, branch);
  return repo.git('rev-parse', 'HEAD');
}

export function pullPayload(p: {
  number: number;
  baseSha: string;
  headSha: string;
  headRepo?: string;
  action?: string;
}) {
  return {
    action: p.action ?? 'synchronize',
    number: p.number,
    pull_request: {
      number: p.number,
      base: { sha: p.baseSha, ref: 'main', repo: { full_name: REPO } },
      head: { sha: p.headSha, ref: 'feature', repo: { full_name: p.headRepo ?? REPO } },
    },
    repository: { full_name: REPO, default_branch: 'main' },
  };
}

export function fakePull(
  number: number,
  headSha: string,
  files: Record<string, string>,
  headRepo = REPO,
  baseSha = '0'.repeat(40),
): FakePull {
  return {
    number,
    state: 'open',
    head: { sha: headSha, ref: 'feature', repo: { full_name: headRepo } },
    base: { sha: baseSha, ref: 'main', repo: { full_name: REPO } },
    files: Object.entries(files).map(([path, text]) => fileEntry(path, text)),
  };
}

/** Registers a PR's files with the fake (list + blobs). */
export function registerPull(fake: FakeGitHub, pull: FakePull, files: Record<string, string>): void {
  fake.pulls.set(pull.number, pull);
  for (const text of Object.values(files)) fake.blobs.set(blobSha(text), Buffer.from(text));
}

export { revisionFile, revisions, TestRepo, INI };
