import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../src/pipeline.js';
import type { Finding, Report } from '../src/report/model.js';
import { INI, TestRepo, revisionFile, revisions } from './helpers/git-repo.js';
import { PYTHON } from './helpers/alembic.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const V = 'migrations/versions';
let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** main: a <- b, committed; returns the repo on main. */
function baseRepo(): TestRepo {
  repo = new TestRepo();
  repo.write({
    'alembic.ini': INI,
    'migrations/env.py': '# env\n',
    ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
  });
  repo.commit('base');
  return repo;
}

const check = (
  r: TestRepo,
  base = 'main',
  head?: string,
  extra: Partial<Parameters<typeof runCheck>[0]> = {},
) => runCheck({ repo: r.dir, base, head, failOn: 'error', dryRun: false, ...extra });
const rules = (report: Report) => report.findings.map((f) => `${f.severity}:${f.rule}`).sort();
const only = (report: Report, rule: string): Finding => {
  const found = report.findings.filter((f) => f.rule === rule);
  expect(found, `exactly one ${rule} in ${JSON.stringify(report.findings)}`).toHaveLength(1);
  return found[0];
};

describe('conflicts against the base branch, on real git repositories', () => {
  it('two PRs from one head: the second to merge gets stale-parent with the exact line, standing for multiple-heads', async () => {
    baseRepo();
    repo
      .checkout('pr2', true)
      .write(revisions(V, { id: 'dddd04', down: 'bbbb02' }))
      .commit('pr2');
    repo
      .checkout('main')
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('pr1 merged');
    const report = await check(repo, 'main', 'pr2');
    expect(report.ok).toBe(false);
    // One cause, one error: the stale parent, which also tells the extra head it makes.
    expect(rules(report)).toEqual(['error:stale-parent']);
    const env = report.environments[0];
    expect(env.path).toBe('migrations');
    expect(env.baseHeads).toEqual(['cccc03']);
    expect([...env.mergedHeads].sort()).toEqual(['cccc03', 'dddd04']);
    expect(env.added.map((a) => a.revision)).toEqual(['dddd04']);
    const stale = only(report, 'stale-parent');
    expect(stale.file).toBe(`${V}/dddd04_rev.py`);
    expect(stale.line).toBe(16);
    expect(stale.fix?.edits?.[0]).toMatchObject({
      line: 16,
      endLine: 16,
      original: "down_revision: Union[str, Sequence[str], None] = 'bbbb02'",
      replacement: "down_revision: Union[str, Sequence[str], None] = 'cccc03'",
    });
    expect(stale.fix?.edits?.[1]).toMatchObject({
      line: 4,
      original: 'Revises: bbbb02',
      replacement: 'Revises: cccc03',
    });
    expect(stale.fix?.command).toBe('alembic merge -m "merge heads" cccc03 dddd04');
    expect(stale.alsoRules).toEqual(['multiple-heads']);
    expect(stale.message).toContain(
      'After this PR, migrations has 2 heads (base has 1): `cccc03` (on base), `dddd04` (added by this PR',
    );
  });

  it('the base advanced on unrelated files only: clean', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('pr');
    repo.checkout('main').write({ 'app/models.py': 'x = 1\n' }).commit('unrelated');
    const report = await check(repo, 'main', 'pr');
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.environments[0].mergedHeads).toEqual(['cccc03']);
  });

  it('a chain of three PR revisions on a stale parent: only the first is re-parented', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'x1', down: 'bbbb02' }, { id: 'x2', down: 'x1' }, { id: 'x3', down: 'x2' }))
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }, { id: 'cccc04', down: 'cccc03' }))
      .commit('moved on');
    const report = await check(repo, 'main', 'pr');
    const stale = only(report, 'stale-parent');
    expect(stale.file).toBe(`${V}/x1_rev.py`);
    expect(stale.fix?.edits?.[0].replacement).toBe(
      "down_revision: Union[str, Sequence[str], None] = 'cccc04'",
    );
    expect(stale.fix?.command).toBe('alembic merge -m "merge heads" cccc04 x3');
    expect(report.environments[0].added.map((a) => a.revision)).toEqual(['x1', 'x2', 'x3']);
  });

  it('old template with double quotes keeps its style in the fix', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'dddd04', down: 'bbbb02', style: 'old', quote: '"' }))
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('moved on');
    const stale = only(await check(repo, 'main', 'pr'), 'stale-parent');
    expect(stale.fix?.edits?.[0]).toMatchObject({
      original: 'down_revision = "bbbb02"',
      replacement: 'down_revision = "cccc03"',
    });
  });

  it('a merge revision in the PR joins the heads base already had', async () => {
    repo = new TestRepo();
    repo.write({
      'alembic.ini': INI,
      ...revisions(V, { id: 'aaaa01' }, { id: 'h1', down: 'aaaa01' }, { id: 'h2', down: 'aaaa01' }),
    });
    repo.commit('base with two heads');
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'mmmm', down: ['h1', 'h2'] }))
      .commit('merge');
    const report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual(['notice:base-multiple-heads']);
    expect(report.ok).toBe(true);
    expect(report.environments[0].mergedHeads).toEqual(['mmmm']);
  });

  it('several heads already on base are a notice, not blamed on a PR that adds nothing new', async () => {
    repo = new TestRepo();
    repo.write({
      'alembic.ini': INI,
      ...revisions(V, { id: 'aaaa01' }, { id: 'h1', down: 'aaaa01' }, { id: 'h2', down: 'aaaa01' }),
    });
    repo.commit('base');
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'h1b', down: 'h1' }))
      .commit('pr on h1');
    const report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual(['notice:base-multiple-heads']);
  });

  it('edited and deleted migrations', async () => {
    baseRepo();
    repo.checkout('pr', true);
    repo.write({
      [`${V}/bbbb02_rev.py`]: revisionFile({ id: 'bbbb02', down: 'aaaa01' }).replace('SELECT 1', 'SELECT 2'),
    });
    repo.commit('edit');
    let report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual(['warning:modified-migration']);
    expect(report.ok).toBe(true);
    expect(only(report, 'modified-migration').file).toBe(`${V}/bbbb02_rev.py`);
    expect((await check(repo, 'main', 'pr', { failOn: 'warning' })).ok).toBe(false);

    repo.remove(`${V}/bbbb02_rev.py`).commit('delete');
    report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual(['error:deleted-migration']);
  });

  it('an edit that leaves the same program (line endings, a BOM) is no edit; one more character is', async () => {
    baseRepo();
    const file = `${V}/bbbb02_rev.py`;
    const text = revisionFile({ id: 'bbbb02', down: 'aaaa01' });
    repo.checkout('pr', true);
    repo.write({ [file]: text.replace(/\n/g, '\r\n') }).commit('crlf');
    expect(rules(await check(repo, 'main', 'pr'))).toEqual([]);
    repo.write({ [file]: '\ufeff' + text.replace(/\n/g, '\r') }).commit('bom and lone cr');
    const report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual([]);
    expect(report.environments[0].modified).toEqual([]);
    // The working tree too, and an edit inside a string (where line endings would matter were they not
    // read as LF by Python) is still an edit.
    repo.write({ [file]: text.replace(/\n/g, '\r\n').replace('SELECT 1', 'SELECT 1 ') });
    expect(rules(await check(repo, 'main'))).toEqual(['warning:modified-migration']);
  });

  it('a listed file that is not on disk (skip-worktree, never checked out) is no revision file, not an invalid one', async () => {
    baseRepo();
    repo.git('update-index', '--skip-worktree', `${V}/bbbb02_rev.py`);
    rmSync(join(repo.dir, V, 'bbbb02_rev.py'));
    const report = await check(repo, 'main');
    expect(report.findings.filter((f) => f.rule === 'invalid-migration')).toEqual([]);
    expect(report.environments[0].mergedHeads).toEqual(['aaaa01']);
  });

  it('an edit of a file git was told not to watch (assume-unchanged, skip-worktree) is an edit, as Python reads it', async () => {
    baseRepo();
    repo.write(revisions(V, { id: 'cccc03', down: 'bbbb02' })).commit('third');
    const file = `${V}/cccc03_rev.py`;
    for (const flag of ['--assume-unchanged', '--skip-worktree']) {
      repo.git('update-index', flag, file);
      repo.write({ [file]: revisionFile({ id: 'cccc03', down: 'aaaa01' }) }); // now forks at aaaa01
      const report = await check(repo, 'main');
      expect(rules(report), flag).toEqual(['error:multiple-heads', 'warning:modified-migration']);
      expect(report.environments[0].mergedHeads.sort(), flag).toEqual(['bbbb02', 'cccc03']);
      repo.write({ [file]: revisionFile({ id: 'cccc03', down: 'bbbb02' }) }); // back as committed
      expect(rules(await check(repo, 'main')), flag).toEqual([]);
      repo.git('update-index', flag.replace('--', '--no-'), file);
    }
  });

  it('a revision the PR edits and base has since renamed lands at the new path, as git merges it', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('pr');
    // The PR also re-parents bbbb02 (a base revision) onto nothing: a second base.
    repo.write({ [`${V}/bbbb02_rev.py`]: revisionFile({ id: 'bbbb02' }) }).commit('edit');
    repo.checkout('main');
    repo.git('mv', `${V}/bbbb02_rev.py`, `${V}/bbbb02_renamed.py`);
    repo.commit('rename on main');
    const report = await check(repo, 'main', 'pr');
    // One bbbb02 (the PR's edit, at main's new path), not two: no duplicate, and its new parent counts.
    expect(rules(report)).not.toContain('error:duplicate-revision');
    expect([...report.environments[0].mergedHeads].sort()).toEqual(['aaaa01', 'cccc03']);
    expect(rules(report)).toContain('warning:modified-migration');
  });

  it('moving the migrations folder (script_location follows it) deletes nothing and starts nothing', async () => {
    baseRepo();
    repo.checkout('pr', true);
    repo.git('mv', 'migrations', 'db');
    repo.write({ 'alembic.ini': INI.replace('migrations', 'db') }).commit('move');
    const moved = await check(repo, 'main', 'pr');
    expect(rules(moved)).toEqual([]);
    expect(moved.environments.map((e) => e.path)).toEqual(['db']);
    // A revision base added meanwhile, in the old folder, would be left outside the environment.
    repo
      .checkout('main')
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('moved on');
    const left = await check(repo, 'main', 'pr');
    expect(rules(left)).toEqual(['error:deleted-migration']);
    expect(only(left, 'deleted-migration').message).toBe(
      `\`cccc03\` (${V}/cccc03_rev.py) is no longer in a version location of db after this PR; databases stamped with \`cccc03\` can no longer upgrade or downgrade.`,
    );
  });

  it('a revision the PR adds to a folder base has moved since is misplaced: git stops on it, Alembic would not see it', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('pr');
    repo.checkout('main');
    repo.git('mv', 'migrations', 'db');
    repo.write({
      'alembic.ini': INI.replace('migrations', 'db'),
      ...revisions('db/versions', { id: 'dddd04', down: 'bbbb02' }),
    });
    repo.commit('base moved the folder');
    const report = await check(repo, 'main', 'pr');
    const f = only(report, 'misplaced-migration');
    expect(f).toMatchObject({ severity: 'error', file: `${V}/cccc03_rev.py`, environment: 'migrations' });
    expect(f.message).toContain('base has moved that folder to db/versions since this branch forked');
    expect(f.fix?.summary).toBe('Update the branch and move the file to db/versions/.');
    expect(report.ok).toBe(false);
  });

  it('moving a whole environment, its config too, into a subfolder deletes nothing and starts nothing', async () => {
    baseRepo();
    repo.checkout('pr', true);
    repo.write({ 'svc/.keep': '' });
    repo.git('mv', 'alembic.ini', 'migrations', 'svc/');
    repo.commit('move into svc');
    const moved = await check(repo, 'main', 'pr');
    expect(rules(moved)).toEqual([]);
    expect(moved.environments.map((e) => [e.path, e.added.length])).toEqual([['svc/migrations', 0]]);
  });

  it('changing the id of a revision base has strands the databases that recorded it', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write({ [`${V}/bbbb02_rev.py`]: revisionFile({ id: 'bbbb99', down: 'aaaa01' }) })
      .commit('rename the id');
    const report = await check(repo, 'main', 'pr');
    expect(only(report, 'deleted-migration').message).toBe(
      `This PR changes the revision id of \`bbbb02\` in ${V}/bbbb02_rev.py to \`bbbb99\`; databases stamped with \`bbbb02\` can no longer upgrade or downgrade.`,
    );
    // `bbbb02` is gone from the landed tree: `bbbb99` on `aaaa01` is no stale parent, nothing forks, and
    // the edit warning names the id the databases know.
    expect(rules(report)).toEqual(['error:deleted-migration', 'warning:modified-migration']);
    expect(only(report, 'modified-migration').message).toContain(
      '`bbbb02` already exists on the base branch and this PR edits it (the PR changes its id to `bbbb99`)',
    );
    expect(report.ok).toBe(false);
  });

  it('a config both sides edited lands with both edits, as git merges it (checked with Alembic on the real merge)', async () => {
    repo = new TestRepo();
    const ini = (locations: string, url: string) =>
      `[alembic]\nscript_location = %(here)s/migrations\n${locations}\n\n# a\n# b\n# c\nsqlalchemy.url = ${url}\n`;
    repo
      .write({
        'alembic.ini': ini('# one location', 'sqlite:///a.db'),
        'migrations/env.py': '# env\n',
        ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
      })
      .commit('base');
    repo
      .checkout('pr', true)
      .write({
        'alembic.ini': ini('# one location', 'sqlite:///pr.db'),
        ...revisions(V, { id: 'cccc03', down: 'bbbb02' }),
      })
      .commit('pr: another url, and c');
    repo
      .checkout('main')
      .write({
        'alembic.ini': ini(
          'version_locations = %(here)s/migrations/versions %(here)s/extra',
          'sqlite:///a.db',
        ),
        ...revisions('extra', { id: 'xxxx09', down: 'bbbb02' }),
      })
      .commit('base: a second location, and x on b');
    const report = await check(repo, 'main', 'pr');
    // The landed ini has base's second location and the PR's url: x is not deleted, and c forks beside it.
    expect(rules(report)).toEqual(['error:stale-parent']);
    expect(only(report, 'stale-parent').alsoRules).toEqual(['multiple-heads']);
    expect([...report.environments[0].mergedHeads].sort()).toEqual(['cccc03', 'xxxx09']);
    repo.checkout('landed', true);
    repo.git('merge', '-q', '--no-edit', 'pr');
    const alembic = execFileSync(PYTHON, ['-m', 'alembic', 'heads'], { cwd: repo.dir, encoding: 'utf8' });
    expect(alembic.trim().split('\n').sort()).toEqual(['cccc03 (head)', 'xxxx09 (head)']);
  });

  it('many files both sides edited are all joined (a few git runs at a time), and none is lost', async () => {
    repo = new TestRepo();
    const specs = Array.from({ length: 30 }, (_, i) => ({
      id: `r${String(i).padStart(3, '0')}`,
      down: i ? `r${String(i - 1).padStart(3, '0')}` : null,
    }));
    repo
      .write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n', ...revisions(V, ...specs) })
      .commit('base');
    const edit = (change: (text: string, id: string) => string) =>
      Object.fromEntries(specs.map((sp) => [`${V}/${sp.id}_rev.py`, change(revisionFile(sp), sp.id)]));
    repo
      .checkout('pr', true)
      .write(edit((t) => t.replace('    pass\n', '    op.execute("SELECT 0")\n')))
      .commit('pr: every downgrade');
    // Base's edit shows in what headsup reads: each docstring's Revision ID no longer matches the code.
    repo
      .checkout('main')
      .write(edit((t, id) => t.replace(`Revision ID: ${id}`, 'Revision ID: zzz')))
      .commit('base: every docstring');
    const report = await check(repo, 'main', 'pr');
    expect(report.hints ?? []).toEqual([]);
    expect(report.environments[0].mergedHeads).toEqual(['r029']);
    const notices = report.findings.filter((f) => f.rule === 'docstring-mismatch');
    expect(notices).toHaveLength(30);
    expect(report.findings.filter((f) => f.rule === 'modified-migration')).toHaveLength(30);
  });

  it('both sides editing one line of a revision is a conflict git stops on: said, and the PR’s version read', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write({
        [`${V}/bbbb02_rev.py`]: revisionFile({ id: 'bbbb02', down: 'aaaa01' }).replace(
          'SELECT 1',
          'SELECT 2',
        ),
      })
      .commit('pr');
    repo
      .checkout('main')
      .write({
        [`${V}/bbbb02_rev.py`]: revisionFile({ id: 'bbbb02', down: 'aaaa01' }).replace(
          'SELECT 1',
          'SELECT 3',
        ),
      })
      .commit('base');
    const report = await check(repo, 'main', 'pr');
    expect(report.hints).toEqual([
      `${V}/bbbb02_rev.py was changed on both sides since this branch forked, and git cannot merge the two: read as the PR has it (update the branch to check the real merge)`,
    ]);
  });

  it('an edit of a revision base has deleted since: git cannot merge it, and the check says so', async () => {
    baseRepo();
    const text = revisionFile({ id: 'bbbb02', down: 'aaaa01' }).replace('SELECT 1', 'SELECT 2');
    repo
      .checkout('pr', true)
      .write({ [`${V}/bbbb02_rev.py`]: text })
      .commit('edit b');
    repo.checkout('main');
    repo.git('rm', '-q', `${V}/bbbb02_rev.py`);
    repo.commit('drop b');
    // git itself refuses the merge: the conflict is real.
    expect(() => repo.git('merge-tree', '--write-tree', 'main', 'pr')).toThrow();
    const report = await check(repo, 'main', 'pr');
    const f = only(report, 'modified-migration');
    expect(f).toMatchObject({ severity: 'error', file: `${V}/bbbb02_rev.py` });
    expect(f.message).toContain('which base has deleted since the PR branched off');
    expect(report.ok).toBe(false);
  });

  it('a deleted revision and a new one git pairs as a rename (one template) read as a deletion and an addition', async () => {
    baseRepo();
    repo.checkout('pr', true);
    repo.git('rm', '-q', `${V}/bbbb02_rev.py`);
    repo.write(revisions(V, { id: 'eeee05', down: 'aaaa01' })).commit('replace b');
    expect(repo.git('diff', '-M', '--name-status', 'main', 'pr')).toMatch(/^R\d+/);
    const report = await check(repo, 'main', 'pr');
    expect(only(report, 'deleted-migration').message).toMatch(
      /^This PR deletes `bbbb02` \(migrations\/versions\/bbbb02_rev\.py\)/,
    );
    expect(report.environments[0].deleted).toEqual([`${V}/bbbb02_rev.py`]);
    expect(report.environments[0].added.map((a) => a.revision)).toEqual(['eeee05']);
  });

  it('a docstring whose Revision ID disagrees with the code is a notice, with the line that fixes it', async () => {
    baseRepo();
    const text = revisionFile({ id: 'cccc03', down: 'bbbb02' }).replace(
      'Revision ID: cccc03',
      'Revision ID: ffff99',
    );
    repo
      .checkout('pr', true)
      .write({ [`${V}/cccc03_rev.py`]: text })
      .commit('pr');
    const report = await check(repo, 'main', 'pr');
    const doc = only(report, 'docstring-mismatch');
    expect(doc).toMatchObject({ severity: 'notice', line: 3 });
    expect(doc.message).toBe('The docstring says `Revision ID: ffff99` but revision is `cccc03`.');
    expect(doc.fix?.edits?.[0]).toMatchObject({
      line: 3,
      original: 'Revision ID: ffff99',
      replacement: 'Revision ID: cccc03',
    });
    expect(report.ok).toBe(true);
  });

  it('a merge revision on two parents base has moved on from: one finding, one edit to the current head', async () => {
    baseRepo();
    repo
      .write(revisions(V, { id: 'bbbb2b', down: 'aaaa01' }, { id: 'cccc03', down: ['bbbb02', 'bbbb2b'] }))
      .commit('joined');
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'pppp01', down: ['bbbb02', 'bbbb2b'] }))
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions(V, { id: 'dddd04', down: 'cccc03' }))
      .commit('moved on');
    const report = await check(repo, 'main', 'pr');
    const stale = only(report, 'stale-parent');
    // Both parents now lead to `dddd04`: the one exact fix is that single parent.
    expect(stale.fix?.edits?.[0]).toMatchObject({
      original: "down_revision: Union[str, Sequence[str], None] = ('bbbb02', 'bbbb2b')",
      replacement: "down_revision: Union[str, Sequence[str], None] = 'dddd04'",
    });
    expect(stale.fix?.edits?.[1]).toMatchObject({ replacement: 'Revises: dddd04' });
    expect(stale.message).toContain('`pppp01` revises `bbbb02`');
    expect(stale.message).toContain('`pppp01` revises `bbbb2b`');
    expect(stale.fix?.command).toBe('alembic merge -m "merge heads" dddd04 pppp01');
  });

  it('two new revisions on one parent: chain them (no stale parent to point at)', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }, { id: 'dddd04', down: 'bbbb02' }))
      .commit('pr');
    const report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual(['error:multiple-heads']);
    const summary = only(report, 'multiple-heads').fix?.summary ?? '';
    expect(summary).toMatch(
      /^Chain the PR’s revisions \(for one, set `cccc03`’s down_revision to `dddd04`\)/,
    );
    expect(summary).not.toContain('stale-parent');
  });

  it('problems about a parent or a label point at the line that names it', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(
        revisions(
          V,
          { id: 'cccc03', down: 'nope99' },
          { id: 'dddd04', down: 'bbbb02', dependsOn: ['gone88'] },
          { id: 'eeee05', down: 'dddd04', labels: ['eeee05'] },
        ),
      )
      .commit('pr');
    const report = await check(repo, 'main', 'pr');
    // The typed template: revision on line 15, down_revision 16, branch_labels 17, depends_on 18.
    const at = (rule: string, id: string) =>
      report.findings.filter((f) => f.rule === rule && f.file?.includes(id)).map((f) => f.line);
    expect(at('missing-parent', 'cccc03')).toEqual([16]);
    expect(at('missing-parent', 'dddd04')).toEqual([18]);
    expect(at('branch-label-conflict', 'eeee05')).toEqual([17]);
  });

  it('duplicate revision id', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write({ [`${V}/zzzz_dup.py`]: revisionFile({ id: 'bbbb02', down: 'aaaa01' }) })
      .commit('dup');
    const report = await check(repo, 'main', 'pr');
    const dup = only(report, 'duplicate-revision');
    expect(dup.severity).toBe('error');
    expect(dup.message).toContain('bbbb02');
  });

  it('a cycle introduced by the PR', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cy1', down: ['bbbb02', 'cy2'] }, { id: 'cy2', down: 'cy1' }))
      .commit('cycle');
    const report = await check(repo, 'main', 'pr');
    expect(report.findings.some((f) => f.rule === 'cycle' && f.severity === 'error')).toBe(true);
    expect(report.ok).toBe(false);
  });

  it('an unresolvable file is reported with its line and the rest is still checked', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write({
        [`${V}/weird.py`]: revisionFile({ id: 'wwww', down: 'bbbb02' }).replace(
          "= 'bbbb02'",
          '= compute_parent()',
        ),
        ...revisions(V, { id: 'dddd04', down: 'bbbb02' }),
      })
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('moved on');
    const report = await check(repo, 'main', 'pr');
    const unresolved = only(report, 'unresolvable-revision');
    expect(unresolved).toMatchObject({ severity: 'error', file: `${V}/weird.py`, line: 16 });
    expect(unresolved.message).toContain('compute_parent()');
    expect(only(report, 'stale-parent').file).toBe(`${V}/dddd04_rev.py`);
  });

  it('imports resolve through prepend_sys_path, where Alembic finds them (checked with the real Alembic)', async () => {
    repo = new TestRepo();
    const rev = (id: string, down: string | null) =>
      revisionFile({ id, down }).replace(
        'branch_labels: Union[str, Sequence[str], None] = None',
        down ? 'branch_labels = None' : 'from app.consts import LABEL\nbranch_labels = (LABEL,)',
      );
    repo.write({
      'alembic.ini': `${INI}prepend_sys_path = . backend\n`,
      'migrations/env.py': '# env\n',
      'backend/app/__init__.py': '',
      'backend/app/consts.py': "LABEL = 'core'\n",
      [`${V}/aaaa01_rev.py`]: rev('aaaa01', null),
      [`${V}/bbbb02_rev.py`]: rev('bbbb02', 'aaaa01'),
    });
    repo.commit('base');
    const report = await check(repo, 'main', 'main');
    expect(report.findings).toEqual([]);
    const alembic = execFileSync(PYTHON, ['-m', 'alembic', 'heads'], { cwd: repo.dir, encoding: 'utf8' });
    expect(alembic.trim()).toBe('bbbb02 (core) (head)');
    // Without the setting, Alembic cannot import it either, and headsup says so.
    repo.write({ 'alembic.ini': INI }).commit('no prepend');
    const without = await check(repo, 'main', 'main');
    expect(rules(without)).toEqual(['notice:unresolvable-revision']);
  });

  it('a config in a subfolder with a relative script_location: the merge command runs there, and works', async () => {
    repo = new TestRepo();
    const B = 'backend/mig/versions';
    repo
      .write({
        'backend/alembic.ini': '[alembic]\nscript_location = mig\n',
        'backend/mig/env.py': '# env\n',
        'backend/mig/script.py.mako': readFileSync(
          '/usr/lib/python3/dist-packages/alembic/templates/generic/script.py.mako',
          'utf8',
        ),
        ...revisions(B, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
      })
      .commit('base');
    repo
      .checkout('pr', true)
      .write(revisions(B, { id: 'dddd04', down: 'bbbb02' }))
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions(B, { id: 'cccc03', down: 'bbbb02' }))
      .commit('moved on');
    const before = await check(repo, 'main', 'pr');
    const command = only(before, 'stale-parent').fix?.command ?? '';
    expect(command).toBe('cd backend && alembic merge -m "merge heads" cccc03 dddd04');
    repo.checkout('pr');
    repo.git('merge', '-q', '--no-edit', 'main');
    // As a developer would paste it, with the real Alembic behind `alembic`.
    execFileSync('bash', ['-c', `alembic() { ${PYTHON} -m alembic "$@"; }; ${command}`], {
      cwd: repo.dir,
      stdio: 'pipe',
    });
    repo.commit('merge heads');
    const after = await check(repo, 'main', 'pr');
    expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('several environments are checked on their own', async () => {
    repo = new TestRepo();
    repo.write({
      'db1/alembic.ini': INI,
      'db2/alembic.ini': INI,
      ...revisions('db1/migrations/versions', { id: 'one1' }),
      ...revisions('db2/migrations/versions', { id: 'two1' }),
    });
    repo.commit('base');
    repo
      .checkout('pr', true)
      .write(revisions('db2/migrations/versions', { id: 'two2', down: 'two1' }))
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions('db2/migrations/versions', { id: 'two3', down: 'two1' }))
      .commit('moved');
    const report = await check(repo, 'main', 'pr');
    expect(report.environments.map((e) => e.path).sort()).toEqual(['db1/migrations', 'db2/migrations']);
    expect(new Set(report.findings.map((f) => f.environment))).toEqual(new Set(['db2/migrations']));
    expect(rules(report)).toEqual(['error:stale-parent']);
  });

  it('recursive version locations with branch labels', async () => {
    repo = new TestRepo();
    const ini =
      '[alembic]\nscript_location = %(here)s/migrations\nversion_locations = %(here)s/migrations/versions/core %(here)s/migrations/versions/billing\nrecursive_version_locations = true\n';
    repo.write({
      'alembic.ini': ini,
      ...revisions('migrations/versions/core', { id: 'core1', labels: ['core'] }),
      ...revisions('migrations/versions/core/2026', { id: 'core2', down: 'core1' }),
      ...revisions('migrations/versions/billing', { id: 'bill1', labels: ['billing'], dependsOn: ['core1'] }),
    });
    repo.commit('base');
    repo
      .checkout('pr', true)
      .write(revisions('migrations/versions/billing/2026', { id: 'bill2', down: 'bill1' }))
      .commit('pr');
    repo
      .checkout('main')
      .write(revisions('migrations/versions/billing/q4', { id: 'bill3', down: 'bill1' }))
      .commit('moved');
    const report = await check(repo, 'main', 'pr');
    expect(report.environments[0].revisionCount).toBe(5);
    const stale = only(report, 'stale-parent');
    expect(stale.file).toBe('migrations/versions/billing/2026/bill2_rev.py');
    expect(stale.fix?.edits?.[0].replacement).toContain("'bill3'");

    // A new labelled base adds a head of its own branch: a notice, not a fork. Labelled branches with
    // a head each are the intended shape, so base's several heads are no notice either.
    repo
      .checkout('pr')
      .write(revisions('migrations/versions/billing/audit', { id: 'audit1', labels: ['audit'] }))
      .commit('labelled base');
    expect(rules(await check(repo, 'pr~1', 'pr'))).toEqual(['notice:new-branch']);
    // An unlabelled base beside them is a new history nobody can name.
    repo.write(revisions('migrations/versions/core', { id: 'stray1' })).commit('unlabelled base');
    expect(rules(await check(repo, 'pr~1', 'pr'))).toEqual(['error:new-branch']);
  });

  it('an unlabelled new base is an error; a docstring that disagrees is a notice', async () => {
    baseRepo();
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'root2' }, { id: 'cccc03', down: 'bbbb02', revises: 'aaaa01' }))
      .commit('pr');
    const report = await check(repo, 'main', 'pr');
    expect(rules(report)).toEqual(['error:multiple-heads', 'error:new-branch', 'notice:docstring-mismatch']);
    expect(only(report, 'docstring-mismatch').fix?.edits?.[0]).toMatchObject({
      line: 4,
      replacement: 'Revises: bbbb02',
    });
  });

  it('the working tree is the default head, including untracked files', async () => {
    baseRepo();
    repo.checkout('wip', true).write(revisions(V, { id: 'dddd04', down: 'bbbb02' }));
    repo.checkout('main').write(revisions(V, { id: 'cccc03', down: 'bbbb02' }));
    repo.git('add', `${V}/cccc03_rev.py`);
    repo.git('commit', '-q', '-m', 'moved on');
    repo.git('checkout', '-q', 'wip');
    const report = await check(repo, 'main');
    expect(report.head.sha).toBeNull();
    expect(rules(report)).toEqual(['error:stale-parent']);
  });
});

describe('configuration problems', () => {
  it('one base already has is a notice, not the PR’s error; one the PR brings is an error', async () => {
    baseRepo();
    repo
      .write({ 'docs/example/alembic.ini': '[alembic]\nscript_location = nowhere\n' })
      .commit('broken example');
    repo.checkout('pr', true).write({ 'README.md': 'docs\n' }).commit('docs only');
    const inherited = await check(repo, 'main', 'pr');
    expect(inherited.ok).toBe(true);
    expect(only(inherited, 'config-error')).toMatchObject({
      severity: 'notice',
      file: 'docs/example/alembic.ini',
      message: expect.stringContaining('(already on the base branch)'),
    });
    repo
      .write({ 'svc/alembic.ini': '[alembic]\nscript_location = %(missing)s\n' })
      .commit('a new broken one');
    const brought = await check(repo, 'main', 'pr');
    expect(brought.ok).toBe(false);
    expect(
      brought.findings.filter((f) => f.rule === 'config-error').map((f) => [f.file, f.severity]),
    ).toEqual([
      ['svc/alembic.ini', 'error'], // errors first
      ['docs/example/alembic.ini', 'notice'],
    ]);
  });
});
