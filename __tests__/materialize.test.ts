import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { materializeMerged } from '../src/git/materialize.js';
import { TestRepo } from './helpers/git-repo.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

/** main: a.txt; pr forks there and adds p.txt; main then adds m.txt. Checked out on pr. */
function forked(): { repo: TestRepo; base: string; fork: string; head: string } {
  const repo = new TestRepo();
  repos.push(repo);
  repo.write({ 'a.txt': 'a\n', '.gitignore': 'secret.env\n' });
  const fork = repo.commit('a');
  repo.checkout('pr', true).write({ 'p.txt': 'p\n' });
  const head = repo.commit('p');
  repo.checkout('main').write({ 'm.txt': 'm\n' });
  const base = repo.commit('m');
  repo.checkout('pr');
  return { repo, base, fork, head };
}

describe('the tree that will land, on disk', () => {
  it('is the working tree itself when head is the working tree and base has not moved', async () => {
    const { repo, head } = forked();
    const c = await materializeMerged({ root: repo.dir, base: head, fork: head });
    expect(c).toMatchObject({ dir: repo.dir, inPlace: true, conflicts: [] });
    c.remove();
    expect(existsSync(join(repo.dir, 'p.txt'))).toBe(true);
  });

  it('is the checkout when head is HEAD unmodified (the action’s merge commit), else a temporary copy', async () => {
    const { repo, head } = forked();
    expect((await materializeMerged({ root: repo.dir, base: head, fork: head, head })).inPlace).toBe(true);
    repo.write({ 'p.txt': 'edited but not committed\n' });
    const c = await materializeMerged({ root: repo.dir, base: head, fork: head, head });
    expect(c.inPlace).toBe(false);
    expect(readFileSync(join(c.dir, 'p.txt'), 'utf8')).toBe('p\n');
    c.remove();
    expect(existsSync(c.dir)).toBe(false);
  });

  it('merges base’s new commits with a commit, without touching the index, the working tree or refs', async () => {
    const { repo, base, fork, head } = forked();
    const before = [
      repo.git('status', '--porcelain'),
      repo.git('rev-parse', 'HEAD'),
      readFileSync(join(repo.dir, '.git/index')),
    ];
    const c = await materializeMerged({ root: repo.dir, base, fork, head });
    expect(c.inPlace).toBe(false);
    for (const f of ['a.txt', 'p.txt', 'm.txt']) expect(existsSync(join(c.dir, f))).toBe(true);
    expect([
      repo.git('status', '--porcelain'),
      repo.git('rev-parse', 'HEAD'),
      readFileSync(join(repo.dir, '.git/index')),
    ]).toEqual(before);
    c.remove();
  });

  it('merges the working tree (untracked files too, ignored ones not) when base moved', async () => {
    const { repo, base, fork } = forked();
    repo.write({ 'new.txt': 'untracked\n', 'secret.env': 'PASSWORD=x\n', 'p.txt': 'p edited\n' });
    const c = await materializeMerged({ root: repo.dir, base, fork });
    expect(readFileSync(join(c.dir, 'new.txt'), 'utf8')).toBe('untracked\n');
    expect(readFileSync(join(c.dir, 'p.txt'), 'utf8')).toBe('p edited\n');
    expect(existsSync(join(c.dir, 'm.txt'))).toBe(true);
    expect(existsSync(join(c.dir, 'secret.env'))).toBe(false);
    expect(repo.git('status', '--porcelain')).toContain('?? new.txt');
    c.remove();
  });

  it('names the files git could not merge', async () => {
    const repo = new TestRepo();
    repos.push(repo);
    repo.write({ 'x.txt': 'one\n' });
    const fork = repo.commit('x');
    repo.checkout('pr', true).write({ 'x.txt': 'pr\n' });
    const head = repo.commit('pr');
    repo.checkout('main').write({ 'x.txt': 'main\n' });
    const base = repo.commit('main');
    const c = await materializeMerged({ root: repo.dir, base, fork, head });
    expect(c.conflicts).toEqual(['x.txt']);
    c.remove();
  });
});
