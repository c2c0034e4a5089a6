/**
 * The fixes are exact: for random PRs that build on revisions base has moved past (the stale revision spelled
 * in any declaration form the parser differential knows, single and chained PR revisions), applying every edit
 * `check` suggests — and nothing else — or, in every other case, running the `alembic merge` it suggests
 * (with the real Alembic) must leave nothing to block: `check` passes, and the real Alembic (Debian's) finds
 * in the tree `git merge` produces the heads base had, with the PR's newest revision (or the merge revision)
 * in place of the head the PR forked from (and a second, labelled branch left alone).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/pipeline.js';
import { INI, TestRepo, revisions, type RevisionSpec } from './helpers/git-repo.js';
import { pick, prng, suiteCount, suiteSeed } from './helpers/random.js';
import { randomRevisionFile } from './helpers/random-revision.js';
import { alembicMissing, PYTHON, REVISION_MAP_ORACLE } from './helpers/alembic.js';

const SEED = suiteSeed(0xf1_c5ed);
const CASES = suiteCount(30);
const V = 'migrations/versions';
/** Alembic's own revision template, from Debian's package. */
const MAKO = (() => {
  try {
    return readFileSync('/usr/lib/python3/dist-packages/alembic/templates/generic/script.py.mako', 'utf8');
  } catch {
    return '';
  }
})();

/**
 * Replaces lines line..endLine (1-based) of a file, as a reviewer applying the suggestion would; what the
 * edit says it replaces must be what is there.
 */
function apply(
  dir: string,
  edit: { file: string; line: number; endLine: number; replacement: string; original?: string },
) {
  const path = join(dir, edit.file);
  // Line numbers and texts are the source's after Python's newline normalization (CRLF reads as LF).
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  expect(lines.slice(edit.line - 1, edit.endLine).join('\n'), edit.file).toBe(edit.original);
  lines.splice(edit.line - 1, edit.endLine - edit.line + 1, ...edit.replacement.split('\n'));
  writeFileSync(path, lines.join('\n'));
}

describe('applying the suggested fixes', () => {
  const skip = alembicMissing('the fix differential');
  const root = mkdtempSync(join(tmpdir(), 'headsup-fix-diff-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(!!skip)(`resolves every stale parent, in ${CASES} random PRs`, async () => {
    const rng = prng(SEED);
    const landed: { dir: string; heads: string[]; story: string }[] = [];
    for (let c = 0; c < CASES; c++) {
      const repo = new TestRepo();
      try {
        const style = (): Pick<RevisionSpec, 'style' | 'quote'> => ({
          style: rng() < 0.5 ? 'old' : 'typed',
          quote: rng() < 0.5 ? "'" : '"',
        });
        // Base: a chain, sometimes with a side branch merged back in.
        const chain: string[] = [];
        const specs: RevisionSpec[] = [];
        for (let i = 0, n = 2 + Math.floor(rng() * 5); i < n; i++) {
          const id = `base${c}x${i}`;
          specs.push({ id, down: chain.length ? chain[chain.length - 1] : null, ...style() });
          chain.push(id);
        }
        // Now and then a second, labelled branch beside it (its own base), which the fix must not pick.
        let other: string | undefined;
        if (rng() < 0.35) {
          for (let i = 0, n = 1 + Math.floor(rng() * 2); i < n; i++) {
            const id = `other${c}x${i}`;
            specs.push({ id, down: other ?? null, ...(other ? {} : { labels: [`lab${c}`] }), ...style() });
            other = id;
          }
        }
        repo
          .write({
            'alembic.ini': INI,
            'migrations/env.py': '# env\n',
            'migrations/script.py.mako': MAKO, // what `alembic merge` writes new revisions from
            ...revisions(V, ...specs),
          })
          .commit('base');
        // The PR: one to three revisions on the head as it was at the fork (now and then on an older one).
        repo.checkout('pr', true);
        const pr: RevisionSpec[] = [];
        let parent = rng() < 0.2 ? pick(rng, chain) : chain[chain.length - 1];
        for (let i = 0, n = 1 + Math.floor(rng() * 3); i < n; i++) {
          const id = `pr${c}x${i}`;
          pr.push({ id, down: parent, ...style() });
          parent = id;
        }
        // The first PR revision (the one on a stale parent) is spelled in any declaration form.
        const [first, ...rest] = pr;
        const { text } = randomRevisionFile(
          rng,
          { revision: first.id, down_revision: [first.down as string], branch_labels: [], depends_on: [] },
          { dynamic: false },
        );
        repo.write({ [`${V}/${first.id}_rev.py`]: text, ...revisions(V, ...rest) }).commit('pr');
        // Meanwhile base moves on by one to three revisions (one of them a merge of a short side branch).
        repo.checkout('main');
        const moved: RevisionSpec[] = [];
        let head = chain[chain.length - 1];
        for (let i = 0, n = 1 + Math.floor(rng() * 3); i < n; i++) {
          const id = `main${c}x${i}`;
          if (rng() < 0.25) {
            const side = `side${c}x${i}`;
            moved.push({ id: side, down: head, ...style() });
            moved.push({ id, down: [head, side], ...style() });
          } else moved.push({ id, down: head, ...style() });
          head = id;
        }
        if (other && rng() < 0.5) {
          const id = `other${c}moved`;
          moved.push({ id, down: other, ...style() });
          other = id;
        }
        repo.write(revisions(V, ...moved)).commit('moved on');

        const before = await runCheck({
          repo: repo.dir,
          base: 'main',
          head: 'pr',
          failOn: 'error',
          dryRun: false,
        });
        const stale = before.findings.filter((f) => f.rule === 'stale-parent');
        const story = `case ${c}: base ${chain.join(' ')}; pr ${pr.map((s) => s.id).join(' ')}; moved ${moved.map((s) => s.id).join(' ')}`;
        expect(stale, story).toHaveLength(1); // only the PR's first revision is on a stale parent
        expect(before.ok, story).toBe(false);

        repo.checkout('pr');
        let newest = pr[pr.length - 1].id;
        if (c % 2 === 0) {
          // Apply exactly the suggested edits, on the PR branch (bottom-up: no edit moves the next one's lines).
          const edits = stale.flatMap((f) => f.fix?.edits ?? []).sort((a, b) => b.line - a.line);
          expect(edits.length, story).toBeGreaterThan(0);
          for (const e of edits) apply(repo.dir, e);
          repo.commit('apply the suggested fix');
        } else {
          // The alternative: bring base in and run the suggested `alembic merge`, with the real Alembic.
          repo.git('merge', '-q', '--no-edit', 'main');
          // Either finding's command: stale-parent's joins the two lines, multiple-heads' the forked branch (one
          // finding, stale-parent's, when the stale parent is all that forks it).
          const forked = before.findings.find(
            (f) => f.rule === 'multiple-heads' || f.alsoRules?.includes('multiple-heads'),
          );
          expect(forked, story).toBeDefined();
          const command = (c % 4 === 1 ? stale[0] : forked!).fix?.command ?? '';
          const args = /^alembic merge -m "merge heads" ((?:\S+ ?)+)$/.exec(command)?.[1].split(' ');
          expect(args, `${story}: ${command}`).toBeDefined();
          newest = `merge${c}`;
          execFileSync(
            PYTHON,
            ['-m', 'alembic', 'merge', '-m', 'merge heads', '--rev-id', newest, ...args!],
            {
              cwd: repo.dir,
              stdio: 'pipe',
            },
          );
          repo.commit('merge heads');
        }
        const after = await runCheck({
          repo: repo.dir,
          base: 'main',
          head: 'pr',
          failOn: 'error',
          dryRun: false,
        });
        expect(
          after.findings.filter((f) => f.severity !== 'notice').map((f) => `${f.rule}: ${f.message}`),
          story,
        ).toEqual([]);
        expect(after.ok, story).toBe(true);

        repo.checkout('landed', true);
        repo.git('reset', '-q', '--hard', 'main');
        repo.git('merge', '-q', '--no-edit', 'pr');
        const dir = join(root, `case${c}`);
        mkdirSync(dir, { recursive: true });
        execFileSync('sh', ['-c', `git archive landed ${V} | tar -x -C '${dir}'`], { cwd: repo.dir });
        const heads = [newest, ...(other ? [other] : [])].sort();
        landed.push({ dir: join(dir, V), heads, story });
      } finally {
        repo.cleanup();
      }
    }
    const oracle = JSON.parse(
      execFileSync(PYTHON, [REVISION_MAP_ORACLE], {
        input: JSON.stringify(landed.map((l) => l.dir)),
        encoding: 'utf8',
      }),
    ) as { error: string | null; heads?: string[] }[];
    for (const [k, l] of landed.entries()) {
      expect(oracle[k].error, l.story).toBeNull();
      expect([...oracle[k].heads!].sort(), l.story).toEqual(l.heads);
    }
    expect(landed).toHaveLength(CASES);
  });
});
