/**
 * What replaying real repositories' history through `headsup check` found (issue 12): silent misses, a fix
 * that could not work, squashes and noise. Each is a real git repository, checked through the bundled CLI
 * (and the pipeline for the JSON), with Debian's Alembic as the oracle where it has a say.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../src/pipeline.js';
import type { Finding, Report } from '../src/report/model.js';
import { INI, TestRepo, revisionFile, revisions, type RevisionSpec } from './helpers/git-repo.js';
import { PYTHON, REVISION_MAP_ORACLE, alembicMissing } from './helpers/alembic.js';
import { bundled } from './helpers/bundle.js';

const CLI = bundled('cli.js');
const V = 'migrations/versions';
const TEMPLATES = '/usr/lib/python3/dist-packages/alembic/templates/generic';
const noAlembic = alembicMissing('field scenarios');

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const check = (base = 'main', head = 'pr', extra: Partial<Parameters<typeof runCheck>[0]> = {}) =>
  runCheck({ repo: repo.dir, base, head, failOn: 'error', dryRun: false, ...extra });
const rules = (report: Report) => report.findings.map((f) => `${f.severity}:${f.rule}`).sort();
const only = (report: Report, rule: string): Finding => {
  const found = report.findings.filter((f) => f.rule === rule);
  expect(found, `exactly one ${rule} in ${JSON.stringify(report.findings)}`).toHaveLength(1);
  return found[0];
};

/** The bundled CLI, as a user runs it. */
function headsup(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--repo', repo.dir, '--no-dry-run', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Alembic's script folder as `alembic init` writes it: env.py and the template `merge` writes from. */
function scriptFolder(dir: string): Record<string, string> {
  return {
    [`${dir}/env.py`]: readFileSync(`${TEMPLATES}/env.py`, 'utf8'),
    [`${dir}/script.py.mako`]: readFileSync(`${TEMPLATES}/script.py.mako`, 'utf8'),
  };
}

/** Runs a command headsup suggested, pasted as a developer would, with the real Alembic behind `alembic`. */
function runSuggested(command: string, cwd = repo.dir): void {
  execFileSync('bash', ['-c', `alembic() { ${PYTHON} -m alembic "$@"; }; ${command}`], {
    cwd,
    stdio: 'pipe',
  });
}

/** `alembic heads` (with `-n SECTION` when given) in the repository, as lines. */
function alembicHeads(...args: string[]): string[] {
  return execFileSync(PYTHON, ['-m', 'alembic', ...args, 'heads'], { cwd: repo.dir, encoding: 'utf8' })
    .trim()
    .split('\n');
}

/** What Alembic's RevisionMap reads from version folders (files loaded in sorted order; see the oracle). */
function oracle(...dirs: string[]): { heads?: string[]; error: string | null }[] {
  return JSON.parse(
    execFileSync(PYTHON, [REVISION_MAP_ORACLE], {
      input: JSON.stringify(dirs.map((d) => join(repo.dir, d))),
      encoding: 'utf8',
    }),
  );
}

/** The PR branch merged into main, as it will land (left checked out). */
function land(): void {
  repo.git('checkout', '-q', '-B', 'landed', 'main');
  repo.git('merge', '-q', '--no-edit', 'pr');
}

describe('1. ini sections that share a script_location are environments of their own', () => {
  const SECTIONS =
    '[main]\nscript_location = mig\nversion_locations = mig/main_versions\n\n' +
    '[ws]\nscript_location = mig\nversion_locations = mig/ws_versions\n';

  function sectionsRepo(): void {
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': SECTIONS,
        ...scriptFolder('mig'),
        ...revisions('mig/main_versions', { id: 'main01' }, { id: 'main02', down: 'main01' }),
        ...revisions('mig/ws_versions', { id: 'ws01' }, { id: 'ws02', down: 'ws01' }),
      })
      .commit('base');
  }

  it('deleting a [main] revision is an error of `mig [main]`; [ws] stays apart', async () => {
    sectionsRepo();
    repo.checkout('pr', true).remove('mig/main_versions/main02_rev.py').commit('drop main02');
    const report = await check();
    expect(report.environments.map((e) => [e.path, e.name, e.configFile, e.section])).toEqual([
      ['mig', 'mig [main]', 'alembic.ini', 'main'],
      ['mig', 'mig [ws]', 'alembic.ini', 'ws'],
    ]);
    expect(report.environments.map((e) => e.mergedHeads)).toEqual([['main01'], ['ws02']]);
    expect(only(report, 'deleted-migration')).toMatchObject({
      severity: 'error',
      environment: 'mig [main]',
      file: 'mig/main_versions/main02_rev.py',
    });
    expect(report.ok).toBe(false);
    // The terminal and the comment name it the same way.
    const text = headsup('--base', 'main', '--head', 'pr');
    expect(text.code).toBe(1);
    expect(text.out).toContain(
      'mig [main] (alembic.ini): 1 revision; base heads: main02; after merge: main01',
    );
    expect(text.out).toContain('mig [ws] (alembic.ini): 2 revisions; heads: ws02; unchanged by this PR');
    const md = headsup('--base', 'main', '--head', 'pr', '--format', 'markdown').out;
    expect(md).toContain('`mig [main]`: 1 deleted');
  });

  it.skipIf(!!noAlembic)(
    'a [main] revision on a stale parent is stale in `mig [main]`, and its `alembic -n main merge` works',
    async () => {
      sectionsRepo();
      repo
        .checkout('pr', true)
        .write(revisions('mig/main_versions', { id: 'main03', down: 'main01' }))
        .commit('pr');
      repo
        .checkout('main')
        .write(revisions('mig/main_versions', { id: 'main04', down: 'main02' }))
        .commit('moved on');
      const report = await check();
      expect(rules(report)).toEqual(['error:stale-parent']);
      const stale = only(report, 'stale-parent');
      expect(stale.environment).toBe('mig [main]');
      expect(stale.fix?.command).toBe('alembic -n main merge -m "merge heads" main03 main04');
      land();
      expect(alembicHeads('-n', 'main').sort()).toEqual(['main03 (head)', 'main04 (head)']);
      runSuggested(stale.fix!.command!);
      expect(alembicHeads('-n', 'main')).toHaveLength(1);
      expect(alembicHeads('-n', 'ws')).toEqual(['ws02 (head)']);
    },
  );
});

describe('2. revision files no configuration reads', () => {
  /** Configured in code: env.py sets version_locations to the release folders; no ini. */
  function releasesRepo(): void {
    repo = new TestRepo();
    const rev = (spec: RevisionSpec) => revisionFile(spec);
    repo
      .write({
        'migrations/env.py': 'from alembic import context\n# version_locations are set in code\n',
        [`${V}/root0_rev.py`]: rev({ id: 'root0' }),
        [`${V}/r1/expand/exp1_rev.py`]: rev({ id: 'exp1', down: 'root0', labels: ['expand'] }),
        [`${V}/r1/contract/con1_rev.py`]: rev({ id: 'con1', down: 'root0', labels: ['contract'] }),
        [`${V}/r1/helpers.py`]: 'def helper():\n    return 1\n', // no revision: not counted
      })
      .commit('base');
  }

  it('a notice says how many and where, and how to include them', async () => {
    releasesRepo();
    repo.checkout('pr', true).write({ 'README.md': 'docs\n' }).commit('docs');
    const report = await check();
    expect(report.environments.map((e) => [e.path, e.revisionCount])).toEqual([['migrations', 1]]);
    const notice = only(report, 'unread-revision-files');
    expect(notice).toMatchObject({ severity: 'notice', environment: 'migrations' });
    expect(notice.message).toBe(
      `2 revision files lie in subfolders of ${V} that no environment reads (${V}/r1/contract, ${V}/r1/expand): Alembic as configured never loads them, and headsup does not check them.`,
    );
    expect(notice.fix?.summary).toContain(`\`--migrations ${V}\` (the action’s \`migrations\` input)`);
    expect(report.ok).toBe(true);
  });

  it.skipIf(!!noAlembic)(
    'a revision file the PR adds there is a warning: Alembic would never run it; named, the folder is checked',
    async () => {
      releasesRepo();
      repo
        .checkout('pr', true)
        .write({ [`${V}/r1/expand/exp2_rev.py`]: revisionFile({ id: 'exp2', down: 'exp1' }) })
        .commit('pr');
      repo
        .checkout('main')
        .write({ [`${V}/r1/expand/exp3_rev.py`]: revisionFile({ id: 'exp3', down: 'exp1' }) })
        .commit('moved on');
      const report = await check();
      const warning = report.findings.find((f) => f.severity === 'warning')!;
      expect(warning).toMatchObject({
        rule: 'unread-revision-files',
        file: `${V}/r1/expand/exp2_rev.py`,
        environment: 'migrations',
      });
      expect(warning.message).toContain('Alembic as configured would never run it');
      // The notice counts the files already there; the PR's file has its own warning.
      expect(
        only(
          { ...report, findings: report.findings.filter((f) => f.severity === 'notice') },
          'unread-revision-files',
        ).message,
      ).toMatch(/^3 revision files/);
      // Alembic, as configured, indeed sees only the top folder.
      land();
      expect(oracle(V)[0].heads).toEqual(['root0']);
      // Named as env.py names them, the subfolders are read, and the fork the PR makes there is found.
      repo.checkout('main');
      const named = await check('main', 'pr', { migrations: [V] });
      expect(named.findings.filter((f) => f.severity !== 'notice').map((f) => f.rule)).toEqual([
        'stale-parent',
      ]);
      expect(only(named, 'stale-parent').fix?.edits?.[0].replacement).toContain("'exp3'");
    },
  );
});

describe('3. a missing parent is the cause, not a fork', () => {
  function missingRepo(): void {
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': INI,
        ...scriptFolder('migrations'),
        ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
      })
      .commit('base');
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cccc03', down: 'zzz' }))
      .commit('pr');
  }

  it.skipIf(!!noAlembic)(
    'one missing-parent, with the head of base as the likely parent, and no merge command (Alembic cannot load it)',
    async () => {
      missingRepo();
      const report = await check();
      expect(rules(report)).toEqual(['error:missing-parent']);
      const f = only(report, 'missing-parent');
      expect(f).toMatchObject({ file: `${V}/cccc03_rev.py`, line: 16 });
      expect(f.message).toMatch(/^Revision zzz referenced from cccc03 is not present\. /);
      expect(f.fix?.summary).toBe(
        'Set down_revision to `bbbb02`, the head of base (the likely intended parent).',
      );
      expect(f.fix?.edits?.[0]).toMatchObject({
        original: "down_revision: Union[str, Sequence[str], None] = 'zzz'",
        replacement: "down_revision: Union[str, Sequence[str], None] = 'bbbb02'",
      });
      expect(report.findings.filter((x) => x.fix?.command)).toEqual([]);
      // Alembic agrees: it cannot load the tree, so a merge command would have failed.
      land();
      expect(oracle(V)[0].error).toMatch(/KeyError|zzz/);
      // The suggested parent mends it.
      repo.checkout('pr');
      repo.write({ [`${V}/cccc03_rev.py`]: revisionFile({ id: 'cccc03', down: 'bbbb02' }) }).commit('fix');
      expect((await check()).findings).toEqual([]);
      land();
      expect(alembicHeads()).toEqual(['cccc03 (head)']);
    },
  );

  it('with a real fork beside it, the fork is reported, but no command that Alembic could not run', async () => {
    missingRepo();
    repo
      .write(revisions(V, { id: 'dddd04', down: 'bbbb02' }, { id: 'eeee05', down: 'bbbb02' }))
      .commit('and a fork');
    const report = await check();
    expect(rules(report)).toEqual(['error:missing-parent', 'error:multiple-heads']);
    const heads = only(report, 'multiple-heads');
    expect(heads.message).toContain('has 2 heads (base has 1): `dddd04` (added by this PR');
    expect(heads.message).not.toContain('cccc03');
    expect(report.findings.filter((f) => f.fix?.command)).toEqual([]);
    expect(heads.fix?.summary).toContain(
      'add a merge revision joining the heads once Alembic can load the tree (a down_revision names a revision that is not there)',
    );
  });

  it.skipIf(!!noAlembic)('every merge command suggested for a fork runs with the real Alembic', async () => {
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': INI,
        ...scriptFolder('migrations'),
        ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
      })
      .commit('base');
    // Two revisions of the PR on one parent (no stale parent: multiple-heads offers the merge).
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }, { id: 'dddd04', down: 'bbbb02' }))
      .commit('pr');
    const report = await check();
    const commands = report.findings.flatMap((f) => (f.fix?.command ? [f.fix.command] : []));
    expect(commands).toEqual(['alembic merge -m "merge heads" cccc03 dddd04']);
    land();
    for (const command of commands) runSuggested(command);
    expect(alembicHeads()).toHaveLength(1);
  });
});

describe('4. squashes and reused ids', () => {
  /** Base a <- b <- c; the PR deletes the three and keeps c's id in one squash file, as a new base. */
  function squashRepo(rewrite: (text: string) => string = (t) => t): void {
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': INI,
        ...scriptFolder('migrations'),
        ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }, { id: 'cccc03', down: 'bbbb02' }),
      })
      .commit('base');
    repo.checkout('pr', true);
    repo.git('rm', '-q', `${V}/aaaa01_rev.py`, `${V}/bbbb02_rev.py`, `${V}/cccc03_rev.py`);
    repo.write({ [`${V}/squash.py`]: rewrite(revisionFile({ id: 'cccc03' })) }).commit('squash');
  }

  const SQUASH_BODY = (t: string) =>
    t.replace(
      '    op.execute("SELECT 1")\n',
      ['users', 'orders', 'items', 'prices', 'stock', 'carts']
        .map((n) => `    op.create_table("${n}", sa.Column("id", sa.Integer(), primary_key=True))\n`)
        .join(''),
    );

  it.skipIf(!!noAlembic)(
    'one finding: which ids survive, who is unaffected, who is stranded; the kept file counts as changed',
    async () => {
      // Rewritten enough that git pairs it with nothing: three deletions and an addition.
      squashRepo(SQUASH_BODY);
      expect(repo.git('diff', '-M', '--name-status', 'main', 'pr').split('\n').sort()).toEqual([
        `A\t${V}/squash.py`,
        `D\t${V}/aaaa01_rev.py`,
        `D\t${V}/bbbb02_rev.py`,
        `D\t${V}/cccc03_rev.py`,
      ]);
      const report = await check();
      expect(rules(report)).toEqual(['warning:squashed-migrations']);
      const f = only(report, 'squashed-migrations');
      expect(f).toMatchObject({ file: `${V}/squash.py`, line: 15 });
      expect(f.message).toBe(
        `This PR squashes 2 revisions (\`aaaa01\`, \`bbbb02\`) into ${V}/squash.py, which keeps the id \`cccc03\` with a new down_revision. ` +
          'Databases at `cccc03` (or later) are unaffected; databases at any older revision can no longer upgrade: Alembic no longer knows the revision they are at.',
      );
      const env = report.environments[0];
      expect(env.modified).toEqual([`${V}/squash.py`]);
      expect(env.deleted).toEqual([`${V}/aaaa01_rev.py`, `${V}/bbbb02_rev.py`]);
      expect(env.added).toEqual([]);
      expect(env.mergedHeads).toEqual(['cccc03']);
      land();
      expect(alembicHeads()).toEqual(['cccc03 (head)']);
    },
  );

  it('a squash git reads as a rename of one of the files it replaces is the same one finding', async () => {
    squashRepo();
    // git pairs the squash with one of the files it replaces (whichever reads most alike).
    expect(repo.git('diff', '-M', '--name-status', 'main', 'pr')).toMatch(
      /^R\d+\t\S+_rev\.py\t\S+squash\.py$/m,
    );
    const report = await check();
    expect(rules(report)).toEqual(['warning:squashed-migrations']);
    expect(report.environments[0].modified).toEqual([`${V}/squash.py`]);
  });

  it('a squash written into the old head’s own file is the same one finding', async () => {
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': INI,
        ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }, { id: 'cccc03', down: 'bbbb02' }),
      })
      .commit('base');
    repo.checkout('pr', true).remove(`${V}/aaaa01_rev.py`, `${V}/bbbb02_rev.py`);
    repo.write({ [`${V}/cccc03_rev.py`]: SQUASH_BODY(revisionFile({ id: 'cccc03' })) }).commit('squash');
    const report = await check();
    expect(rules(report)).toEqual(['warning:squashed-migrations']);
    expect(only(report, 'squashed-migrations').file).toBe(`${V}/cccc03_rev.py`);
    expect(report.environments[0].modified).toEqual([`${V}/cccc03_rev.py`]);
  });

  it('a revision moved to another file and edited is an edit; moved alone, nothing', async () => {
    repo = new TestRepo();
    repo
      .write({ 'alembic.ini': INI, ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }) })
      .commit('base');
    repo.checkout('pr', true);
    repo.git('mv', `${V}/bbbb02_rev.py`, `${V}/0002_bbbb02.py`);
    repo.commit('rename');
    const moved = await check();
    expect(moved.findings).toEqual([]);
    expect(moved.environments[0].modified).toEqual([]);
    repo
      .write({
        [`${V}/0002_bbbb02.py`]: SQUASH_BODY(revisionFile({ id: 'bbbb02', down: 'aaaa01' })),
      })
      .commit('and edit');
    const edited = await check();
    const f = only(edited, 'modified-migration');
    expect(f).toMatchObject({ severity: 'warning', file: `${V}/0002_bbbb02.py` });
    expect(f.message).toBe(
      `\`bbbb02\` already exists on the base branch and this PR moves it from ${V}/bbbb02_rev.py to ${V}/0002_bbbb02.py and edits it; databases already upgraded past \`bbbb02\` will never run the change.`,
    );
    expect(edited.environments[0].modified).toEqual([`${V}/0002_bbbb02.py`]);
    expect(edited.environments[0].deleted).toEqual([]);
  });
});

describe('5. edits that cannot change what runs', () => {
  const specs = Array.from({ length: 12 }, (_, i) => ({
    id: `r${String(i).padStart(3, '0')}`,
    down: i ? `r${String(i - 1).padStart(3, '0')}` : null,
    style: 'old' as const,
  }));
  const path = (id: string) => `${V}/${id}_rev.py`;
  /** What a formatter and a typing pass do to a revision file. */
  const restyle = (t: string) =>
    t
      .replace(
        'from alembic import op\nimport sqlalchemy as sa',
        'import sqlalchemy as sa\nfrom alembic import op',
      )
      .replace(
        /^(revision|down_revision|branch_labels|depends_on) = /gm,
        '$1: str | tuple[str, ...] | None = ',
      )
      .replaceAll("'", '"')
      .replace('op.execute("SELECT 1")', 'op.execute(  # reformatted\n        "SELECT 1",\n    )');

  it('annotations, formatting, quotes and imports in many old revisions: one notice for all; an edit in upgrade() stays a warning', async () => {
    repo = new TestRepo();
    repo.write({ 'alembic.ini': INI, ...revisions(V, ...specs) }).commit('base');
    repo
      .checkout('pr', true)
      .write(Object.fromEntries(specs.map((s) => [path(s.id), restyle(revisionFile(s))])))
      .commit('typing and black');
    const report = await check();
    expect(rules(report)).toEqual(['notice:modified-migration']);
    expect(only(report, 'modified-migration').message).toBe(
      `This PR edits 12 revisions that exist on the base branch without changing what they run: the revision identifiers keep their values and upgrade()/downgrade() their code (${specs
        .slice(0, 5)
        .map((s) => path(s.id))
        .join(', ')} and 7 more).`,
    );
    expect(report.environments[0].modified).toHaveLength(12);
    expect(report.ok).toBe(true);
    // One of them also changes what upgrade() runs: that one is a warning, the rest stay one notice.
    repo
      .write({ [path('r004')]: restyle(revisionFile(specs[4])).replace('SELECT 1', 'SELECT 2') })
      .commit('and a real edit');
    const mixed = await check();
    expect(rules(mixed)).toEqual(['notice:modified-migration', 'warning:modified-migration']);
    expect(mixed.findings.find((f) => f.severity === 'warning')?.file).toBe(path('r004'));
    expect(mixed.findings.find((f) => f.severity === 'notice')?.message).toMatch(
      /^This PR edits 11 revisions/,
    );
  });

  it('a changed revision identifier is no harmless edit, however it is written', async () => {
    repo = new TestRepo();
    repo.write({ 'alembic.ini': INI, ...revisions(V, ...specs.slice(0, 3)) }).commit('base');
    repo
      .checkout('pr', true)
      .write({ [path('r002')]: restyle(revisionFile({ ...specs[2], down: 'r000' })) })
      .commit('re-parent');
    expect(rules(await check())).toContain('warning:modified-migration');
  });
});

describe('6. template configs', () => {
  it('a template the PR adds is skipped with one notice, and no environment; later, not a word', async () => {
    repo = new TestRepo();
    repo
      .write({ 'alembic.ini': INI, ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }) })
      .commit('base');
    repo
      .checkout('pr', true)
      .write({
        'cookiecutter/alembic.ini': '[alembic]\nscript_location = {alembic_dir}\nsqlalchemy.url = {db_url}\n',
        'jinja/alembic.ini': '[alembic]\nscript_location = %(here)s/{{ dir }}\n',
      })
      .commit('templates');
    const report = await check();
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      ['template-config', 'notice', 'cookiecutter/alembic.ini', 2],
      ['template-config', 'notice', 'jinja/alembic.ini', 2],
    ]);
    expect(report.findings[0].message).toBe(
      'cookiecutter/alembic.ini looks like a template filled in at run time (script_location = {alembic_dir}): not an Alembic environment, skipped.',
    );
    expect(report.findings[1].message).toContain('(script_location = %(here)s/{{ dir }})');
    expect(report.environments.map((e) => e.path)).toEqual(['migrations']);
    // Once on base, every later report is as if it were not there.
    repo.checkout('main');
    repo.git('merge', '-q', '--no-edit', 'pr');
    repo
      .checkout('later', true)
      .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
      .commit('later');
    const later = await check('main', 'later');
    expect(later.findings).toEqual([]);
    expect(later.environments.map((e) => e.path)).toEqual(['migrations']);
  });
});

describe('7. one report, one order', () => {
  it.skipIf(!!noAlembic)(
    'a stale parent and the head it adds: one error in the terminal and the comment, the fork and both fixes',
    async () => {
      repo = new TestRepo();
      repo
        .write({
          'alembic.ini': INI,
          ...scriptFolder('migrations'),
          ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
        })
        .commit('base');
      // The PR's revision sorts before base's new one: Alembic prints it first.
      repo
        .checkout('pr', true)
        .write(revisions(V, { id: '0ppp01', down: 'bbbb02' }))
        .commit('pr');
      repo
        .checkout('main')
        .write(revisions(V, { id: 'cccc03', down: 'bbbb02' }))
        .commit('moved on');
      const report = await check();
      expect(report.counts.error).toBe(1);
      const f = only(report, 'stale-parent');
      expect(f.alsoRules).toEqual(['multiple-heads']);
      expect(f.fix?.edits?.[0].replacement).toContain("'cccc03'");
      // Heads in the order Alembic prints them (files loaded sorted, as 1.10+ does; 1.8 takes the file
      // system's order), not base's first.
      land();
      expect(oracle(V)[0].heads).toEqual(['0ppp01', 'cccc03']);
      expect(f.fix?.command).toBe('alembic merge -m "merge heads" 0ppp01 cccc03');
      runSuggested(f.fix!.command!);
      expect(alembicHeads()).toHaveLength(1);
      repo.git('reset', '-q', '--hard');
      repo.git('clean', '-qfd');
      repo.checkout('main');
      const text = headsup('--base', 'main', '--head', 'pr').out;
      expect(text.match(/^error /gm)).toHaveLength(1);
      expect(text).toContain('error   stale-parent + multiple-heads  migrations/versions/0ppp01_rev.py:16');
      expect(text).toContain("+ down_revision: Union[str, Sequence[str], None] = 'cccc03'");
      expect(text).toContain(`or run: ${f.fix?.command}`);
      const md = headsup('--base', 'main', '--head', 'pr', '--format', 'markdown').out;
      expect(md).toContain('#### Error\n');
      expect(md).toContain('❌ **stale-parent** + **multiple-heads** in');
      expect(md.match(/❌ \*\*[a-z-]+\*\*/g)).toHaveLength(1);
      // The PR's head forks: drawn red.
      expect(md).toMatch(/class [^\n]*0ppp01[^\n]* newhead/);
    },
  );

  it('a PR head that is the only head is drawn as a head, not in the alarm colour', () => {
    repo = new TestRepo();
    repo.write({ 'alembic.ini': INI, ...revisions(V, { id: 'aaaa01' }) }).commit('base');
    repo
      .checkout('pr', true)
      .write(revisions(V, { id: 'bbbb02', down: 'aaaa01' }))
      .commit('pr');
    const md = headsup('--base', 'main', '--head', 'pr', '--format', 'markdown').out;
    expect(md).toContain('bbbb02(["bbbb02 (PR) · head"])');
    expect(md).not.toMatch(/^ {2}class .* newhead$/m);
    expect(md).not.toContain('in red');
  });

  it('text and markdown list the findings in the report’s order', async () => {
    repo = new TestRepo();
    repo
      .write({
        'alembic.ini': INI,
        ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }, { id: 'cccc03', down: 'bbbb02' }),
      })
      .commit('base');
    repo.checkout('pr', true);
    repo.remove(`${V}/aaaa01_rev.py`);
    repo
      .write({
        [`${V}/bbbb02_rev.py`]: revisionFile({ id: 'bbbb02', down: 'aaaa01' }).replace(
          'SELECT 1',
          'SELECT 2',
        ),
        ...revisions(V, { id: 'dddd04', down: 'nope' }, { id: 'eeee05', down: 'cccc03', revises: 'x' }),
      })
      .commit('pr');
    const json = JSON.parse(headsup('--base', 'main', '--head', 'pr', '--format', 'json').out) as Report;
    const order = json.findings.map((f) => `${f.rule} ${f.file}`);
    expect(order.length).toBeGreaterThanOrEqual(4);
    const text = headsup('--base', 'main', '--head', 'pr').out;
    const inText = [...text.matchAll(/^(?:error|warning|notice) +(\S+) {2}(\S+?)(?::\d+)?$/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(inText).toEqual(order);
    const md = headsup('--base', 'main', '--head', 'pr', '--format', 'markdown').out;
    const inMarkdown = [
      ...md.matchAll(/(?:^(?:❌|⚠️|ℹ️) \*\*([\w-]+)\*\* in `([^`:]+)|^\| \S+ \| ([\w-]+) \| `([^`:]+))/gmu),
    ].map((m) => `${m[1] ?? m[3]} ${m[2] ?? m[4]}`);
    expect(inMarkdown).toEqual(order);
  });
});
