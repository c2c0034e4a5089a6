import { mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../src/pipeline.js';
import { runGraph } from '../src/commands/graph.js';
import { INI, TestRepo, revisions } from './helpers/git-repo.js';
import { alembicMissing, PYTHON } from './helpers/alembic.js';
import { execFileSync } from 'node:child_process';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const check = (head?: string) =>
  runCheck({ repo: repo.dir, base: 'main', head, failOn: 'error', dryRun: false });
const alembicHeads = () =>
  execFileSync(PYTHON, ['-m', 'alembic', 'heads'], { cwd: repo.dir, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter(Boolean)
    .sort();

// git lists a link to a folder as one entry and nothing below it; Alembic (os.listdir) reads through it.
describe.skipIf(alembicMissing('the symbolic-link scenarios'))(
  'a versions folder that is a symbolic link',
  () => {
    it('is read at its target, in a commit and in the working tree: a forking PR is caught', async () => {
      repo = new TestRepo();
      repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n' });
      repo.write(revisions('shared_versions', { id: 'aaaa01' }));
      symlinkSync('../shared_versions', join(repo.dir, 'migrations/versions'));
      repo.commit('base');
      repo
        .checkout('pr', true)
        .write(
          revisions('shared_versions', { id: 'bbbb02', down: 'aaaa01' }, { id: 'cccc03', down: 'aaaa01' }),
        )
        .commit('pr');
      expect(alembicHeads()).toEqual(['bbbb02', 'cccc03']);
      for (const report of [await check('pr'), await check()]) {
        expect(report.ok).toBe(false);
        const env = report.environments[0];
        expect([...env.mergedHeads].sort()).toEqual(alembicHeads());
        expect(report.findings.map((f) => f.rule)).toContain('multiple-heads');
      }
    });

    it('turned into a link without a commit: read through the link, no git error', async () => {
      repo = new TestRepo();
      repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n' });
      repo.write(revisions('migrations/versions', { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }));
      repo.commit('base');
      renameSync(join(repo.dir, 'migrations/versions'), join(repo.dir, 'migrations/real'));
      symlinkSync('real', join(repo.dir, 'migrations/versions'));
      mkdirSync(join(repo.dir, 'unrelated'));
      const report = await check();
      expect(alembicHeads()).toEqual(['bbbb02']);
      expect(report.environments[0].mergedHeads).toEqual(['bbbb02']);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('outside git too: a plain folder whose versions/ is a link', async () => {
      repo = new TestRepo(); // used as a plain folder once its .git is gone
      repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n' });
      repo.write(revisions('shared', { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }));
      symlinkSync('../shared', join(repo.dir, 'migrations/versions'));
      rmSync(join(repo.dir, '.git'), { recursive: true, force: true });
      const graph = JSON.parse(await runGraph({ repo: repo.dir, format: 'json' }));
      expect(graph.environments[0].heads).toEqual(alembicHeads());
      expect(graph.environments[0].revisions.map((r: { file: string }) => r.file).sort()).toEqual([
        'shared/aaaa01_rev.py',
        'shared/bbbb02_rev.py',
      ]);
    });
  },
);

describe('a versions folder linked outside the repository', () => {
  it('is named as unread, in graph and check, not shown as an empty history', async () => {
    repo = new TestRepo();
    const outside = join(repo.dir, '..', `${repo.dir.split('/').pop()}-outside`);
    mkdirSync(outside);
    try {
      repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n' });
      symlinkSync(outside, join(repo.dir, 'migrations/versions'));
      repo.commit('base');
      const graph = JSON.parse(await runGraph({ repo: repo.dir, format: 'json' }));
      expect(graph.environments[0].revisions).toEqual([]);
      expect(graph.configProblems).toEqual([
        {
          message: `'migrations/versions' is reached through the link 'migrations/versions' -> '${outside}', which leaves the repository: its revision files are not read`,
          file: 'alembic.ini',
          line: null,
        },
      ]);
      // Already so on base: a notice on every PR, not an error that blocks them.
      const report = await check();
      expect(report.findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(['notice:config-error']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
