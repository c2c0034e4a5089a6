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
    // Column by column: entry k is the file paths[k] with content id ids[k].
    const columns = JSON.parse(saved) as { ids: string[]; paths: string[]; revisions: string[] };
    const k = columns.paths.indexOf(`${V}/cccc03_rev.py`);
    expect(columns.ids[k]).toBe(repo.git('rev-parse', `HEAD:${V}/cccc03_rev.py`));
    expect(columns.revisions[k]).toBe('cccc03');
    columns.revisions[k] = 'doctored';
    writeFileSync(stored, JSON.stringify(columns));
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

  it('keeps entries in the order a run asks for them, and still finds them when files come and go', () => {
    const dir = cacheDir();
    repo = new TestRepo();
    const chain = Array.from({ length: 40 }, (_, i) => ({
      id: `r${String(i).padStart(5, '0')}`,
      ...(i ? { down: `r${String(i - 1).padStart(5, '0')}` } : {}),
    }));
    repo.write({ 'alembic.ini': INI, ...revisions(V, ...chain) }).commit('forty');
    const run = (cache: 'on' | 'off') =>
      spawnSync(process.execPath, [bundled('cli.js'), 'graph', '--format', 'json', '--repo', repo.dir], {
        encoding: 'utf8',
        env: { ...process.env, HEADSUP_CACHE: cache === 'off' ? 'off' : '', HEADSUP_CACHE_DIR: dir },
      }).stdout;
    expect(run('on')).toBe(run('off'));
    const stored = () =>
      JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')) as { paths: string[] };
    // The order the run read them in (the listing's), so the next run finds each where it looks first.
    expect(stored().paths).toEqual(chain.map((c) => `${V}/${c.id}_rev.py`));

    // A file in the middle goes, another comes before it, one is edited: the rest are still found.
    rmSync(join(repo.dir, V, 'r00020_rev.py'));
    repo.write({
      ...revisions(V, { id: 'r00019a', down: 'r00019' }, { id: 'r00021', down: 'r00019a' }),
      [`${V}/r00005_rev.py`]: revisionFile({ id: 'r00005', down: 'r00003' }),
    });
    // Committed: only files whose content git has an id for are kept (a file edited on disk is parsed each run).
    repo.git('add', '-A');
    repo.commit('changes');
    const warm = run('on');
    expect(warm).toBe(run('off'));
    expect(JSON.parse(warm).environments[0].heads).toEqual(['r00004', 'r00039']);
    expect(JSON.parse(warm).environments[0].branchpoints).toEqual(['r00003']);
    // What this run read comes first, in its order; the deleted file's entry is kept after them.
    const paths = stored().paths;
    expect(paths.slice(0, 40)).toEqual(
      chain
        .filter((c) => c.id !== 'r00020')
        .flatMap((c) => (c.id === 'r00019' ? [c.id, 'r00019a'] : [c.id]))
        .map((id) => `${V}/${id}_rev.py`),
    );
    expect(paths).toContain(`${V}/r00020_rev.py`);
    expect(run('on')).toBe(warm);
  });
});
