import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo, forkedRepo, revisions } from './helpers/git-repo.js';
import { bundled } from './helpers/bundle.js';

const CLI = bundled('cli.js');
const V = 'migrations/versions';

function headsup(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** main has a <- b <- c; branch pr forked at b and added d(b). */
function forked(): TestRepo {
  repo = forkedRepo(V);
  return repo;
}

describe('headsup check (the bundled CLI)', () => {
  it('exit 1 with readable text when the PR forks the graph', () => {
    forked();
    const r = headsup(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('stale-parent');
    expect(r.out).toContain("+ down_revision: Union[str, Sequence[str], None] = 'cccc03'");
    expect(r.out).not.toContain('\u001b['); // no colour off a TTY
  });

  it('exit 0 when clean, and --fail-on never never fails', () => {
    forked();
    expect(headsup(['check', '--repo', repo.dir, '--base', 'main', '--head', 'main']).code).toBe(0);
    expect(
      headsup(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--fail-on', 'never']).code,
    ).toBe(0);
  });

  it('a file in a versions folder that is no revision fails once, and its environment is not "unchanged"', () => {
    forked();
    repo
      .checkout('pr')
      .write({ [`${V}/helpers.py`]: 'def helper():\n    return 1\n' })
      .commit('helper');
    const r = headsup(['check', '--repo', repo.dir, '--base', 'pr~1', '--head', 'pr', '--no-dry-run']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('unchanged by this PR');
    expect(r.out.match(/invalid-migration/g)).toHaveLength(1);
    expect(r.out).toContain('no `revision` assignment');
  });

  it('JSON has the contract shape', () => {
    forked();
    const r = headsup(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--format', 'json']);
    const report = JSON.parse(r.out);
    expect(report.schemaVersion).toBe(1);
    // This project has no env.py: nothing to dry-run, said without a finding.
    expect(report.ok).toBe(false);
    expect(report.base).toEqual({ ref: 'main', sha: repo.git('rev-parse', 'main') });
    expect(report.head).toEqual({ ref: 'pr', sha: repo.git('rev-parse', 'pr') });
    const env = report.environments[0];
    expect(env).toMatchObject({ kind: 'alembic', path: 'migrations', baseHeads: ['cccc03'] });
    expect(env.added).toEqual([
      {
        revision: 'dddd04',
        downRevisions: ['bbbb02'],
        file: `${V}/dddd04_rev.py`,
        line: 15,
        branchLabels: [],
      },
    ]);
    expect(env.dryRun).toMatchObject({
      status: 'skipped',
      steps: [],
      reason: expect.stringContaining('no env.py'),
    });
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['rule', 'severity', 'message', 'environment', 'file', 'line']),
      );
      expect(['error', 'warning', 'notice']).toContain(f.severity);
    }
  });

  it('--output writes the chosen format to a file; markdown carries the fix and the picture', () => {
    forked();
    const out = join(mkdtempSync(join(tmpdir(), 'headsup-out-')), 'comment.md');
    const r = headsup([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'pr',
      '--format',
      'markdown',
      '--output',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('would fork the migration graph');
    expect(md).toContain('```mermaid');
    expect(md).toContain("+ down_revision: Union[str, Sequence[str], None] = 'cccc03'");
    rmSync(join(out, '..'), { recursive: true });
  });

  it('a --migrations directory with nothing in it is an error, not a silent pass', () => {
    forked();
    const r = headsup([
      'check',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--migrations',
      'migrashuns',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const [f] = JSON.parse(r.out).findings;
    expect(f).toMatchObject({ rule: 'config-error', severity: 'error', file: 'migrashuns' });
    // `graph` says so too, instead of drawing an empty history.
    const g = headsup(['graph', '--repo', repo.dir, '--migrations', 'migrashuns', '--format', 'json']);
    expect(JSON.parse(g.out).configProblems).toEqual([
      {
        message:
          "migrations directory 'migrashuns' (--migrations) holds no revision files (is the path right?)",
        file: 'migrashuns',
        line: null,
      },
    ]);
  });

  it('the default base is the fork point with origin, and says when origin has moved on', () => {
    forked();
    const origin = new TestRepo();
    origin.git('config', 'receive.denyCurrentBranch', 'ignore');
    repo.git('remote', 'add', 'origin', origin.dir);
    repo.git('push', '-q', 'origin', 'main');
    repo.git('fetch', '-q', 'origin');
    repo.git('checkout', '-q', 'pr');
    const r = headsup(['check', '--repo', repo.dir, '--format', 'json']);
    const report = JSON.parse(r.out);
    expect(report.base.sha).toBe(repo.git('merge-base', 'origin/main', 'pr'));
    expect(report.ok).toBe(true);
    expect(report.hints).toEqual([
      "origin/main is 1 commit past this branch's fork point; `--base origin/main` checks against where it is now.",
    ]);
    expect(headsup(['check', '--repo', repo.dir, '--base', 'origin/main']).code).toBe(1);
    origin.cleanup();
  });

  it('--help, for the tool or a command, prints the usage and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['check', '--help'], ['graph', '-h']]) {
      const r = headsup(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out, args.join(' ')).toContain('headsup graph [--repo DIR]');
      expect(r.err, args.join(' ')).toBe('');
    }
    expect(headsup([]).code).toBe(2); // no command at all is a usage error (the usage is still printed)
  });

  it('usage and git errors are one line and exit 2', () => {
    forked();
    const cases = [
      ['check', '--repo', repo.dir, '--base', 'no-such-ref'],
      ['check', '--repo', tmpdir(), '--base', 'main'],
      ['check', '--format', 'yaml'],
      ['check', '--bogus'],
      ['frobnicate'],
      ['check', '--repo', repo.dir, '--database', 'oracle://x'],
      ['check', '--repo', join(repo.dir, 'alembic.ini'), '--base', 'main'], // a file, not a directory
      ['graph', '--repo', join(repo.dir, 'alembic.ini')],
      ['check', '--repo', repo.dir, '--base', 'main', '--output', join(repo.dir, 'no', 'such', 'dir.json')],
    ];
    const unborn = mkdtempSync(join(tmpdir(), 'headsup-unborn-'));
    spawnSync('git', ['init', '-q', unborn]);
    cases.push(['check', '--repo', unborn]);
    for (const args of cases) {
      const r = headsup(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err).toMatch(/^headsup: /);
      expect(r.err).not.toContain('internal error');
    }
    expect(headsup(['check', '--repo', unborn]).err).toContain('no commits yet');
    rmSync(unborn, { recursive: true, force: true });
  });

  it('a change of mode alone (chmod +x) is no edit of a migration, on disk or committed', () => {
    forked();
    repo.checkout('pr');
    chmodSync(join(repo.dir, V, 'bbbb02_rev.py'), 0o755);
    const rules = (args: string[]) =>
      JSON.parse(
        headsup(['check', '--repo', repo.dir, '--no-dry-run', '--format', 'json', ...args]).out,
      ).findings.map((f: { rule: string }) => f.rule);
    expect(rules(['--base', 'pr'])).toEqual([]);
    repo.commit('chmod +x');
    expect(rules(['--base', 'pr~1', '--head', 'pr'])).toEqual([]);
    repo.write({
      [`${V}/aaaa01_rev.py`]: readFileSync(join(repo.dir, V, 'aaaa01_rev.py'), 'utf8') + '# edit\n',
    });
    expect(rules(['--base', 'pr'])).toEqual(['modified-migration']); // a real edit still counts
  });

  it('--migrations is read from the repository root, absolute paths inside it too; one outside exits 2', () => {
    forked();
    const envPath = (args: string[], cwd = repo.dir) => {
      const r = headsup(['check', '--base', 'main', '--head', 'main', '--format', 'json', ...args], cwd);
      expect(r.err).toBe('');
      return JSON.parse(r.out).environments.map((e: { path: string }) => e.path);
    };
    expect(envPath(['--migrations', V])).toEqual([V]); // repo-relative, from the root
    expect(envPath(['--migrations', join(repo.dir, V)])).toEqual([V]);
    expect(envPath(['--migrations', `../${basename(repo.dir)}/${V}/`])).toEqual([V]);
    expect(envPath(['--migrations', V], join(repo.dir, 'migrations'))).toEqual([V]); // from a subfolder too
    const graph = headsup(
      ['graph', '--migrations', join(repo.dir, V), '--format', 'json'],
      join(repo.dir, V),
    );
    expect(JSON.parse(graph.out).environments[0].path).toBe(V);
    for (const outside of [tmpdir(), '..', `../x/${V}`]) {
      const r = headsup(['check', '--base', 'main', '--migrations', outside], repo.dir);
      expect(r.code, outside).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        new RegExp(`^headsup: --migrations '${outside}' is outside the repository [^\n]+\n$`),
      );
    }
  });

  it('without a merge base, says why (a shallow clone: how to fetch the history) and names the refs given', () => {
    forked();
    const clone = mkdtempSync(join(tmpdir(), 'headsup-shallow-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: clone, encoding: 'utf8' });
    git('clone', '-q', '--depth', '1', '--branch', 'pr', `file://${repo.dir}`, '.');
    git('fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    expect(git('rev-parse', '--is-shallow-repository').stdout.trim()).toBe('true');
    const shallow = headsup(['check', '--repo', clone, '--base', 'origin/main']);
    expect(shallow.code).toBe(2);
    expect(shallow.err).toBe(
      "headsup: no common ancestor between 'origin/main' and 'HEAD' in this shallow clone (its history is " +
        'cut off); fetch it with `git fetch --unshallow` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)\n',
    );
    git('fetch', '-q', '--unshallow');
    expect(headsup(['check', '--repo', clone, '--base', 'origin/main']).code).toBe(1); // the fix works
    rmSync(clone, { recursive: true, force: true });

    repo.git('checkout', '-q', '--orphan', 'lone');
    repo.commit('unrelated root');
    const unrelated = headsup(['check', '--repo', repo.dir, '--base', 'main', '--head', 'lone']);
    expect(unrelated.code).toBe(2);
    expect(unrelated.err).toBe(
      "headsup: no common ancestor between 'main' and 'lone' (their histories are unrelated)\n",
    );
  });
});

describe('headsup graph', () => {
  it('a revision file whose name is not UTF-8 is read, as Alembic (os.listdir) reads it: committed, edited, or outside git', () => {
    forked();
    const name = Buffer.concat([
      Buffer.from(join(repo.dir, V, 'eeee05_caf')),
      Buffer.from([0xe9]),
      Buffer.from('.py'),
    ]);
    writeFileSync(name, "revision = 'eeee05'\ndown_revision = 'cccc03'\n");
    repo.commit('latin-1 name');
    const heads = () =>
      JSON.parse(headsup(['graph', '--repo', repo.dir, '--format', 'json']).out).environments[0].heads;
    expect(heads()).toEqual(['eeee05']);
    writeFileSync(name, "revision = 'eeee05'\ndown_revision = 'bbbb02'\n");
    expect(heads()).toEqual(['cccc03', 'eeee05']);
    rmSync(join(repo.dir, '.git'), { recursive: true, force: true });
    expect(heads()).toEqual(['cccc03', 'eeee05']);
  });

  it('json, text and mermaid for the working tree and for a ref', () => {
    forked();
    const j = JSON.parse(headsup(['graph', '--repo', repo.dir, '--format', 'json']).out);
    const env = j.environments[0];
    expect(env).toMatchObject({
      path: 'migrations',
      heads: ['cccc03'],
      bases: ['aaaa01'],
      order: ['aaaa01', 'bbbb02', 'cccc03'],
    });
    expect(env.revisions).toHaveLength(3);
    // Each revision is one row with exactly these fields, in this order (PRODUCT.md's contract).
    const rows = headsup(['graph', '--repo', repo.dir, '--format', 'json']).out.split('\n');
    const row = rows.find((l) => l.includes('"id":"bbbb02"'))!;
    expect(Object.keys(JSON.parse(row.trim().replace(/,$/, '')))).toEqual([
      'id',
      'downRevisions',
      'dependsOn',
      'branchLabels',
      'file',
      'line',
    ]);
    const atPr = JSON.parse(headsup(['graph', '--repo', repo.dir, '--ref', 'pr', '--format', 'json']).out);
    expect(atPr.environments[0].heads).toEqual(['dddd04']);
    expect(headsup(['graph', '--repo', repo.dir]).out).toContain('heads: cccc03');
    const m = headsup(['graph', '--repo', repo.dir, '--format', 'mermaid']).out;
    expect(m).toContain('graph BT');
    expect(m).toContain('r_cccc03 --> r_bbbb02');
  });

  it('says which config files it could not use, in text and JSON', () => {
    forked();
    repo.write({ 'svc/pyproject.toml': '[tool.alembic]\nscript_location = 5\n' });
    const t = headsup(['graph', '--repo', repo.dir]);
    expect(t.code).toBe(0);
    expect(t.out.split('\n')[0]).toBe(
      'config problem: svc/pyproject.toml: script_location must be a string (svc/pyproject.toml:2)',
    );
    expect(t.out).toContain('heads: cccc03'); // alembic.ini still counts
    const j = JSON.parse(headsup(['graph', '--repo', repo.dir, '--format', 'json']).out);
    expect(j.configProblems).toEqual([
      {
        message: 'svc/pyproject.toml: script_location must be a string',
        file: 'svc/pyproject.toml',
        line: 2,
      },
    ]);
  });

  it('works on a plain directory with --migrations', () => {
    repo = new TestRepo();
    repo.write(revisions('db/revs', { id: 'p1' }, { id: 'p2', down: 'p1' }, { id: 'p3', down: 'p1' }));
    const j = JSON.parse(
      headsup(['graph', '--repo', repo.dir, '--migrations', 'db/revs', '--format', 'json']).out,
    );
    expect(j.environments[0].heads.sort()).toEqual(['p2', 'p3']);
    expect(j.environments[0].branchpoints).toEqual(['p1']);
  });

  it('a file too large to parse, or to read at all, is a problem of that file; the rest is still drawn', () => {
    forked();
    // Sparse files: no disk or time spent on them.
    const sparse = (name: string, size: number) => {
      writeFileSync(join(repo.dir, V, name), '');
      truncateSync(join(repo.dir, V, name), size);
    };
    sparse('big_x.py', 65 * 2 ** 20);
    sparse('huge_x.py', 2 ** 31 + 1);
    const r = headsup(['graph', '--repo', repo.dir, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const env = JSON.parse(r.out).environments[0];
    expect(env.heads).toEqual(['cccc03']);
    expect(env.problems).toEqual([
      {
        kind: 'unreadable',
        message: 'too large for a revision file (65 MiB); not parsed',
        file: `${V}/big_x.py`,
        line: 1,
      },
      {
        kind: 'unreadable',
        message: `cannot read ${V}/huge_x.py: over 2 GiB`,
        file: `${V}/huge_x.py`,
        line: 1,
      },
    ]);
    const check = headsup(['check', '--repo', repo.dir, '--base', 'main', '--no-dry-run']);
    expect(check.code).toBe(1);
    expect(check.out).toContain(`invalid-migration  ${V}/huge_x.py:1`);
  });

  it('a reader that stops early (`| head`) ends the run quietly, with its status', () => {
    repo = new TestRepo();
    const chain = Array.from({ length: 1500 }, (_, i) => ({
      id: `r${i}`,
      down: i ? `r${i - 1}` : undefined,
    }));
    repo.write({ 'alembic.ini': '[alembic]\nscript_location = migrations\n', ...revisions(V, ...chain) });
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" graph --format json | head -c 100`],
      {
        cwd: repo.dir,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toHaveLength(100);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('stopped by a signal', () => {
  it('SIGTERM or SIGINT mid-run removes the scratch files git was writing, and exits as the signal would', async () => {
    repo = new TestRepo();
    const files: Record<string, string> = { 'alembic.ini': '[alembic]\nscript_location = m\n' };
    for (let i = 0; i < 3000; i++)
      files[`m/versions/r${i}.py`] = `revision = 'r${i}'\ndown_revision = ${i ? `'r${i - 1}'` : 'None'}\n`;
    repo.write(files).commit('many');
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const scratch = mkdtempSync(join(tmpdir(), 'headsup-signal-'));
      try {
        const child = spawn(process.execPath, [bundled('cli.js'), 'graph', '--format', 'json'], {
          cwd: repo.dir,
          env: { ...process.env, TMPDIR: scratch, HEADSUP_CACHE: 'off' },
          stdio: 'ignore',
        });
        const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
        // Signal it while a scratch folder of git's output exists.
        let seen = false;
        for (let t = 0; t < 5000 && child.exitCode === null && !seen; t++) {
          seen = readdirSync(scratch).length > 0;
          if (!seen) await new Promise((r) => setTimeout(r, 1));
        }
        expect(seen, `${signal}: no scratch folder appeared`).toBe(true);
        child.kill(signal);
        expect(await exited).toBe(code);
        expect(readdirSync(scratch), signal).toEqual([]);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
  });
});
