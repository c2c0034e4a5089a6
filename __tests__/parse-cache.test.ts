import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INI, TestRepo, forkedRepo, revisionFile, revisions } from './helpers/git-repo.js';
import { bundled } from './helpers/bundle.js';

const V = 'migrations/versions';
let repo: TestRepo;
const cacheDirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const d of cacheDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function cacheDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'headsup-cache-'));
  cacheDirs.push(d);
  return d;
}

describe('the parse cache (real bundle, real git)', () => {
  it('a warm run gives the same answers, sees edits, keeps exact fix lines, and survives a corrupt cache', () => {
    const dir = cacheDir();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bundled('cli.js'), ...args, '--repo', repo.dir], {
        encoding: 'utf8',
        env: { ...process.env, HEADSUP_CACHE: '', HEADSUP_CACHE_DIR: dir },
      });
    repo = forkedRepo(V);

    const cold = run('graph', '--format', 'json');
    expect(readdirSync(dir)).toHaveLength(1);
    const warm = run('graph', '--format', 'json');
    expect(warm.stdout).toBe(cold.stdout);

    // The warm run answers from the stored results (loaded while git lists the files), not by parsing:
    // a stored entry altered by hand shows through.
    const stored = join(dir, readdirSync(dir)[0]);
    const saved = readFileSync(stored, 'utf8');
    const entries = JSON.parse(saved) as [string, unknown[]][];
    // [content id, [path, revision, line, ...]]
    const entry = entries.find(([, [path]]) => path === `${V}/cccc03_rev.py`)!;
    expect(entry[0]).toBe(repo.git('rev-parse', `HEAD:${V}/cccc03_rev.py`));
    expect(entry[1][1]).toBe('cccc03');
    entry[1][1] = 'doctored';
    writeFileSync(stored, JSON.stringify(entries));
    expect(JSON.parse(run('graph', '--format', 'json').stdout).environments[0].heads).toContain('doctored');
    writeFileSync(stored, saved);

    // An edit in the working tree is seen at once (the file no longer matches the index's blob).
    writeFileSync(join(repo.dir, V, 'cccc03_rev.py'), revisionFile({ id: 'cccc03', down: 'aaaa01' }));
    const edited = JSON.parse(run('graph', '--format', 'json').stdout);
    expect(edited.environments[0].branchpoints).toEqual(['aaaa01']);
    repo.git('checkout', '--', '.');

    // The PR's files are parsed afresh, so the fix keeps the file's exact text.
    const check = JSON.parse(run('check', '--base', 'main', '--head', 'pr', '--format', 'json').stdout);
    const stale = check.findings.find((f: { rule: string }) => f.rule === 'stale-parent');
    expect(stale.fix.edits[0].original).toBe("down_revision: Union[str, Sequence[str], None] = 'bbbb02'");

    const file = join(dir, readdirSync(dir)[0]);
    writeFileSync(file, '{not json');
    expect(run('graph', '--format', 'json').stdout).toBe(cold.stdout);
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('a warm run restores every kind of stored result as the cold run parsed it', () => {
    const dir = cacheDir();
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': INI,
        ...revisions(
          V,
          { id: 'base01' },
          { id: 'lab002', down: 'base01', labels: ['feature', 'other'] },
          { id: 'dep003', down: 'lab002', dependsOn: ['base01'] },
          { id: 'mrg004', down: ['dep003', 'lab002'], style: 'old' },
          { id: 'root05' },
        ),
        [`${V}/1234567890ab_legacy.py`]: 'down_revision = None\n', // id from the file name
        [`${V}/broken_rev.py`]: "revision = 'brok06'\ndown_revision = 'root05'\ndef f(:\n",
        [`${V}/noid_rev.py`]: 'x = 1\n',
        [`${V}/zz_copy_rev.py`]: revisionFile({ id: 'root05' }), // the same content at two paths
      })
      .commit('all kinds');
    const run = () =>
      spawnSync(process.execPath, [bundled('cli.js'), 'graph', '--format', 'json', '--repo', repo.dir], {
        encoding: 'utf8',
        env: { ...process.env, HEADSUP_CACHE: '', HEADSUP_CACHE_DIR: dir },
      }).stdout;
    const cold = run();
    const graph = JSON.parse(cold).environments[0];
    expect(graph.revisions.length).toBeGreaterThanOrEqual(6);
    expect(graph.problems.length).toBeGreaterThan(0);
    expect(graph.revisions.find((r: { id: string }) => r.id === 'lab002').branchLabels).toEqual([
      'feature',
      'other',
    ]);
    expect(graph.problems.map((p: { kind: string }) => p.kind)).toContain('duplicate-revision');
    expect(run()).toBe(cold);
    expect(run()).toBe(cold);
  });
});
