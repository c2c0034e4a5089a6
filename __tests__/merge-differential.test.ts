/**
 * Differential test of "the tree that will actually land": for random base/PR histories on real git
 * repositories (revisions added, re-parented, renamed, deleted and edited on both sides), `check`'s merged
 * view (base ∪ PR, built from git plumbing without merging) must have the heads that the real Alembic
 * (Debian's) finds in the tree `git merge` actually produces (the PR as a commit, or as uncommitted work in
 * the working tree); where Alembic refuses that tree, `check` must report an error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/pipeline.js';
import type { Report } from '../src/report/model.js';
import { INI, TestRepo, revisionFile } from './helpers/git-repo.js';
import { pick, prng, type Rng, suiteCount, suiteSeed } from './helpers/random.js';
import { alembicMissing, PYTHON, REVISION_MAP_ORACLE } from './helpers/alembic.js';

const SEED = suiteSeed(0x3e_46e0);
const CASES = suiteCount(60);
const V = 'migrations/versions';

/** One revision file as the test tracks it: where it is and what its header says. */
interface File {
  path: string;
  id: string;
  down: string[];
  /** Creation order: a revision only ever builds on older ones, so re-parenting makes no cycle. */
  seq: number;
  /** Lines appended by body edits. */
  tail?: string;
}

let created = 0;

const write = (repo: TestRepo, f: File, extra = '') =>
  repo.write({ [f.path]: revisionFile({ id: f.id, down: f.down.length ? f.down : null }) + extra });

type Op = 'new' | 'renamed' | 'deleted' | 'reparented' | 'body';

/**
 * What one side may still do to a file the other side changed without git stopping on a conflict:
 * rename, or body-edit (appended at the end), a file whose header the other side re-parented; body-edit or
 * re-parent a file the other side renamed; rename or re-parent one the other side body-edited. git joins
 * both edits then, and so must the landed tree. Everything else stays clear of the other side's files.
 */
const ALLOWED: Record<Op, Op[]> = {
  new: [],
  renamed: ['body', 'reparented'],
  deleted: [],
  reparented: ['renamed', 'body'],
  body: ['renamed', 'reparented'],
};

/** Random edits on one side; `other`: what the other side did, by path. */
function edit(
  rng: Rng,
  repo: TestRepo,
  files: Map<string, File>,
  side: string,
  other: ReadonlyMap<string, Op>,
): Map<string, Op> {
  const done = new Map<string, Op>();
  const ids = () => [...files.values()].map((f) => f.id);
  const may = (f: File, op: Op) => {
    const theirs = other.get(f.path);
    return !done.has(f.path) && (theirs === undefined || ALLOWED[theirs].includes(op));
  };
  for (let n = 1 + Math.floor(rng() * 3), k = 0; k < n; k++) {
    const roll = rng();
    const op: Op =
      roll < 0.4
        ? 'new'
        : roll < 0.55
          ? 'renamed'
          : roll < 0.65
            ? 'deleted'
            : roll < 0.85
              ? 'reparented'
              : 'body';
    // Deletions mostly take a revision nothing builds on (deleting an inner one breaks base, which is rarer).
    const leaves = new Set(ids().filter((id) => ![...files.values()].some((g) => g.down.includes(id))));
    const candidates = [...files.values()].filter(
      (f) => may(f, op) && (op !== 'deleted' || leaves.has(f.id) || rng() < 0.2),
    );
    if (op === 'new' || !candidates.length) {
      // A new revision on one or two existing ones (a merge now and then).
      const parents =
        rng() < 0.15 && files.size >= 2 ? [pick(rng, ids()), pick(rng, ids())] : [pick(rng, ids())];
      const id = `${side}${k}${Math.floor(rng() * 1e6).toString(16)}`;
      const f = { path: `${V}/${id}_new.py`, id, down: [...new Set(parents)], seq: created++ };
      files.set(f.path, f);
      write(repo, f);
      done.set(f.path, 'new');
      continue;
    }
    const f = pick(rng, candidates);
    done.set(f.path, op);
    if (op === 'renamed') {
      // Content kept, so git sees a rename.
      const to = `${V}/${f.id}_renamed_${side}.py`;
      repo.git('mv', f.path, to);
      files.delete(f.path);
      files.set(to, { ...f, path: to });
      done.set(to, 'new');
    } else if (op === 'deleted') {
      repo.remove(f.path);
      files.delete(f.path);
    } else if (op === 'reparented') {
      // Onto an older revision (creation order), so no cycle; the body stays as it was.
      const older = [...files.values()].filter((g) => g.seq < f.seq);
      f.down = older.length ? [pick(rng, older).id] : [];
      write(repo, f, f.tail);
    } else {
      // A body-only edit at the end of the file: the header is untouched.
      f.tail = `${f.tail ?? ''}\n\n# ${side} edit ${k}\n`;
      write(repo, f, f.tail);
    }
  }
  return done;
}

describe("check's merged tree vs a real git merge, read by Alembic", () => {
  const skip = alembicMissing('the merge differential');
  const root = mkdtempSync(join(tmpdir(), 'headsup-merge-diff-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(!!skip)(`agrees on the heads after merge for ${CASES} random histories`, async () => {
    const rng = prng(SEED);
    const cases: { dir: string; base: string; report: Report; story: string }[] = [];
    let conflicts = 0;
    for (let c = 0; c < CASES; c++) {
      const repo = new TestRepo();
      try {
        const files = new Map<string, File>();
        let prev: string[] = [];
        for (let i = 0, n = 2 + Math.floor(rng() * 6); i < n; i++) {
          const id = `b${i}${Math.floor(rng() * 1e6).toString(16)}`;
          const f = {
            path: `${V}/${id}_base.py`,
            id,
            down: rng() < 0.2 && i > 1 ? [] : prev.slice(-1),
            seq: created++,
          };
          if (rng() < 0.25 && i > 1) f.down = [pick(rng, [...files.values()]).id];
          files.set(f.path, f);
          write(repo, f);
          prev = [...prev, id];
        }
        repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n' }).commit('base');
        const atFork = new Map([...files].map(([p, f]) => [p, { ...f, down: [...f.down] }]));
        repo.checkout('pr', true);
        const prDid = edit(rng, repo, files, 'p', new Map());
        repo.commit('pr');
        repo.checkout('main');
        // Base moves on, keeping clear of what would stop git (see ALLOWED).
        edit(rng, repo, atFork, 'm', prDid);
        repo.commit('moved on');
        repo.checkout('landed', true);
        try {
          repo.git('merge', '-q', '--no-edit', 'pr');
        } catch {
          conflicts++;
          continue;
        }
        const dir = join(root, `case${c}`);
        for (const ref of ['landed', 'main']) {
          mkdirSync(join(dir, ref), { recursive: true });
          execFileSync('sh', ['-c', `git archive ${ref} ${V} | tar -x -C '${join(dir, ref)}'`], {
            cwd: repo.dir,
          });
        }
        const story = repo.git('log', '--all', '--stat', '--format=%s', '--', V);
        // Every third case checks the PR as uncommitted work instead: the working tree holds the PR's files
        // while HEAD and the index stay at the fork (edits unstaged, new and moved files untracked).
        const worktree = c % 3 === 2;
        if (worktree) {
          repo.git('checkout', '-q', '--detach', 'pr');
          repo.git('reset', '-q', '--mixed', 'HEAD~1');
        }
        const report = await runCheck({
          repo: repo.dir,
          base: 'main',
          head: worktree ? undefined : 'pr',
          failOn: 'error',
          dryRun: false,
        });
        cases.push({ dir: join(dir, 'landed', V), base: join(dir, 'main', V), report, story });
      } finally {
        repo.cleanup();
      }
    }
    expect(cases.length).toBeGreaterThan(CASES * 0.8); // the generator mostly makes mergeable histories
    const oracle = JSON.parse(
      execFileSync(PYTHON, [REVISION_MAP_ORACLE], {
        input: JSON.stringify(cases.flatMap((c) => [c.dir, c.base])),
        encoding: 'utf8',
      }),
    ) as { dir: string; error: string | null; heads?: string[] }[];
    let compared = 0;
    let refused = 0;
    for (const [k, c] of cases.entries()) {
      const [o, onBase] = [oracle[2 * k], oracle[2 * k + 1]];
      const env = c.report.environments[0];
      const why = `case ${c.dir}\n${c.story}\nfindings: ${JSON.stringify(c.report.findings.map((f) => f.message))}`;
      if (o.error) {
        // Alembic refuses the landed tree: the check must not pass it, unless base was already broken, which
        // is said (as a notice: the PR is not blamed for it).
        const said = onBase.error
          ? c.report.findings.length > 0
          : c.report.findings.some((f) => f.severity === 'error');
        expect(said, `${o.error}\n${why}`).toBe(true);
        refused++;
        continue;
      }
      expect([...env.mergedHeads].sort(), why).toEqual([...o.heads!].sort());
      compared++;
    }
    expect(compared).toBeGreaterThan(CASES / 2);
    console.log(
      `merge differential: ${compared} compared, ${refused} refused by Alembic, ${conflicts} git conflicts`,
    );
  });
});
