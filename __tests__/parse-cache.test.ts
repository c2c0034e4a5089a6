import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo, forkedRepo, revisionFile } from './helpers/git-repo.js';
import { bundled } from './helpers/bundle.js';

const V = 'migrations/versions';
let repo: TestRepo;
afterEach(() => repo?.cleanup());

describe('the parse cache (real bundle, real git)', () => {
  it('a warm run gives the same answers, sees edits, keeps exact fix lines, and survives a corrupt cache', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'headsup-cache-'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bundled('cli.js'), ...args, '--repo', repo.dir], {
        encoding: 'utf8',
        env: { ...process.env, HEADSUP_CACHE: '', HEADSUP_CACHE_DIR: cacheDir },
      });
    repo = forkedRepo(V);

    const cold = run('graph', '--format', 'json');
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const warm = run('graph', '--format', 'json');
    expect(warm.stdout).toBe(cold.stdout);

    // The warm run answers from the stored results (loaded while git lists the files), not by parsing:
    // a stored entry altered by hand shows through.
    const stored = join(cacheDir, readdirSync(cacheDir)[0]);
    const saved = readFileSync(stored, 'utf8');
    const entries = JSON.parse(saved) as [string, unknown[]][];
    const entry = entries.find(([key]) => key.startsWith(`${V}/cccc03_rev.py\0`))!;
    expect(entry[1][0]).toBe('cccc03');
    entry[1][0] = 'doctored';
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

    const file = join(cacheDir, readdirSync(cacheDir)[0]);
    writeFileSync(file, '{not json');
    expect(run('graph', '--format', 'json').stdout).toBe(cold.stdout);
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });
});
