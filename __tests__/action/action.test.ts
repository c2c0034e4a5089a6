import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FakeGitHub } from './fake-github.js';
import { runAction, zip } from './harness.js';
import { MAX_SUGGESTIONS } from '../../src/github/suggestions.js';
import {
  REPO,
  V,
  fakePull,
  mergeCommit,
  pullPayload,
  registerPull,
  revisionFile,
  revisions,
  stalePrRepo,
  INI,
  TestRepo,
  type PrRepo,
} from './repos.js';

const MARKER =
  /^<!-- headsup:comment key=default sha=([0-9a-f]{40}) run=(\d+) attempt=(\d+) state=(\w+) -->\n/;

let fake: FakeGitHub;
const repos: TestRepo[] = [];
beforeAll(async () => {
  fake = await new FakeGitHub().start();
});
afterAll(async () => {
  await fake.stop();
  for (const r of repos) r.cleanup();
});
afterEach(() => {
  fake.readOnly = false;
  fake.failures = [];
});

function track<T extends { repo: TestRepo } | TestRepo>(x: T): T {
  repos.push('repo' in x ? x.repo : x);
  return x;
}

/** Fresh fake state per scenario, same server. */
function reset(): void {
  fake.reset();
}

const posts = (path: RegExp) =>
  fake.calls.filter((c) => c.method === 'POST' && path.test(c.path) && c.status < 300);
const patches = () => fake.calls.filter((c) => c.method === 'PATCH' && c.status < 300);

describe('pull_request: the living comment', () => {
  let pr: PrRepo;
  let commentId: number;

  it('first run: fails the check, creates one comment, one review with suggestions, annotations, summary, outputs', async () => {
    reset();
    pr = track(stalePrRepo());
    registerPull(fake, fakePull(7, pr.prHead, pr.prFiles), pr.prFiles);
    // The payload's base.sha is the fork point (stale); the merge commit's first parent is the real base.
    const r = await runAction({
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 7, baseSha: pr.forkPoint, headSha: pr.prHead }),
      sha: pr.merge,
      runId: 100,
    });
    expect(r.code, r.stderr + r.stdout).toBe(1);
    const created = posts(/\/issues\/7\/comments$/);
    expect(created).toHaveLength(1);
    const comment = fake.comments.get(7)![0];
    commentId = comment.id;
    const m = MARKER.exec(comment.body)!;
    expect(m?.[1]).toBe(pr.prHead);
    expect(m[4]).toBe('findings');
    expect(comment.body).toContain('would fork the migration graph');
    expect(comment.body).toContain('```mermaid');
    expect(comment.body).toContain("+ down_revision: Union[str, Sequence[str], None] = 'cccc03'");
    expect(comment.body).toContain(`https://github.com/acme/app/blob/${pr.prHead}/${V}/dddd04_rev.py#L16`);
    expect(comment.body).toContain('https://github.com/acme/app/actions/runs/100');
    // Only the PR's revision counts as added: the base moved on, and the merge commit's parent says so.
    expect(comment.body).toMatch(/1 new revision/);
    // One review, one suggestion per line (down_revision and the Revises: docstring line).
    const reviews = posts(/\/pulls\/7\/reviews$/);
    expect(reviews).toHaveLength(1);
    const body = reviews[0].body as {
      commit_id: string;
      comments: { path: string; line: number; body: string }[];
    };
    expect(body.commit_id).toBe(pr.prHead);
    expect(body.comments.map((c) => c.line).sort()).toEqual([16, 4]);
    expect(body.comments[0].body).toContain(
      "```suggestion\ndown_revision: Union[str, Sequence[str], None] = 'cccc03'\n```",
    );
    // Annotations, outputs, summary.
    const errors = r.annotations.filter((a) => a.level === 'error' && a.props.title?.startsWith('headsup:'));
    // One cause, one error: the stale parent, standing for the extra head it makes.
    expect(errors.map((a) => a.props.title)).toEqual(['headsup: stale-parent + multiple-heads']);
    expect(errors[0].props).toMatchObject({ file: `${V}/dddd04_rev.py`, line: '16' });
    expect(r.outputs).toMatchObject({ errors: '1', warnings: '0', conflict: 'true' });
    expect(r.outputs.heads.split(' ').sort()).toEqual(['cccc03', 'dddd04']);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.github).toEqual({ event: 'pull_request', pullRequest: 7, headSha: pr.prHead });
    expect(r.summary).toContain('## headsup · migration review');
    expect(r.summary).toContain('PR comment created');
    // The fixture is real Alembic: Alembic itself sees the two heads on the merged tree.
    const heads = execFileSync('/usr/bin/python3', ['-m', 'alembic', 'heads'], {
      cwd: pr.repo.dir,
      encoding: 'utf8',
    });
    expect(heads.match(/^\w+/gm)!.sort()).toEqual(['cccc03', 'dddd04']);
  });

  it('second run: edits the same comment and does not repeat the review', async () => {
    fake.calls = [];
    const r = await runAction({
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 7, baseSha: pr.forkPoint, headSha: pr.prHead }),
      sha: pr.merge,
      runId: 101,
    });
    expect(r.code).toBe(1);
    expect(posts(/\/issues\/7\/comments$/)).toHaveLength(0);
    expect(patches().map((c) => c.path)).toEqual([`/repos/${REPO}/issues/comments/${commentId}`]);
    expect(posts(/\/reviews$/)).toHaveLength(0);
    expect(fake.comments.get(7)).toHaveLength(1);
    expect(MARKER.exec(fake.comments.get(7)![0].body)![2]).toBe('101');
  });

  it('a fixed PR turns the comment into a short ✅ and the check passes', async () => {
    fake.calls = [];
    pr.repo.git('checkout', '-q', 'feature');
    pr.repo.write(revisions(V, { id: 'dddd04', down: 'cccc03' }));
    const fixed = pr.repo.commit('re-parent onto cccc03');
    const merge = mergeCommit(pr.repo, pr.baseTip, 'feature');
    fake.pulls.get(7)!.head.sha = fixed;
    const r = await runAction({
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 7, baseSha: pr.forkPoint, headSha: fixed }),
      sha: merge,
      runId: 102,
    });
    expect(r.code, r.stdout).toBe(0);
    const [comment] = fake.comments.get(7)!;
    expect(comment.id).toBe(commentId);
    expect(MARKER.exec(comment.body)![4]).toBe('resolved');
    expect(comment.body.split('\n').slice(1, 4).join('\n')).toContain('✅ **Fixed.**');
    expect(r.outputs).toMatchObject({ errors: '0', conflict: 'false', heads: 'dddd04' });
  });

  it('a stale run (for an older commit) does not overwrite the newer comment', async () => {
    fake.calls = [];
    const before = fake.comments.get(7)![0].body;
    // Run 103 checks the old head, but the PR has moved on to the fixed commit.
    pr.repo.git('checkout', '-q', '--detach', pr.merge);
    const r = await runAction({
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 7, baseSha: pr.forkPoint, headSha: pr.prHead }),
      sha: pr.merge,
      runId: 103,
    });
    expect(r.code).toBe(1);
    expect(fake.writes()).toEqual([]);
    expect(fake.comments.get(7)![0].body).toBe(before);
    expect(
      r.annotations.some(
        (a) => a.level === 'notice' && /comment left as is: the PR head is now/.test(a.message),
      ),
    ).toBe(true);
  });

  it('an earlier run of the same commit does not overwrite a later run, and duplicates are cleaned up (oldest wins)', async () => {
    reset();
    const p = track(stalePrRepo());
    registerPull(fake, fakePull(8, p.prHead, p.prFiles), p.prFiles);
    const mk = (run: number) =>
      `<!-- headsup:comment key=default sha=${p.prHead} run=${run} attempt=1 state=findings -->\nold ${run}`;
    const oldest = fake.addComment(8, mk(50));
    fake.addComment(8, mk(51));
    fake.addComment(8, `${mk(99)}`, { login: 'mallory', type: 'User' }); // look-alike from a person: ignored
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 8, baseSha: p.forkPoint, headSha: p.prHead }),
      sha: p.merge,
      runId: 60,
      inputs: { suggestions: 'false' },
    });
    expect(r.code).toBe(1);
    const left = fake.comments.get(8)!;
    expect(left.map((c) => c.id)).toEqual([oldest.id, left[1].id]);
    expect(left[1].user.login).toBe('mallory');
    expect(MARKER.exec(left[0].body)![2]).toBe('60');
    // Now a re-run of run 55 arrives late: run 60 already wrote this commit's comment.
    fake.calls = [];
    const late = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 8, baseSha: p.forkPoint, headSha: p.prHead }),
      sha: p.merge,
      runId: 55,
      inputs: { suggestions: 'false' },
    });
    expect(late.code).toBe(1);
    expect(fake.writes()).toEqual([]);
  });
});

describe('forks, tokens and the API', () => {
  it('403 on a fork: comment skipped with a notice; summary and annotations written; the check still fails', async () => {
    reset();
    const p = track(stalePrRepo());
    registerPull(fake, fakePull(9, p.prHead, p.prFiles, 'someone/app'), p.prFiles);
    fake.readOnly = true;
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 9, baseSha: p.baseTip, headSha: p.prHead, headRepo: 'someone/app' }),
      sha: p.merge,
    });
    expect(r.code).toBe(1);
    expect(fake.comments.get(9) ?? []).toHaveLength(0);
    expect(fake.writes().every((c) => c.status === 403)).toBe(true);
    const notices = r.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
    expect(notices.some((n) => n.includes('PR comment skipped'))).toBe(true);
    expect(r.annotations.filter((a) => a.level === 'error').length).toBeGreaterThanOrEqual(1);
    expect(r.summary).toContain('would fork the migration graph');
    expect(r.summary).toContain('read-only');
    expect(r.stdout).toContain('::error::headsup: 1 error(s)');
  });

  it('a malformed event payload is a one-line failure, not a crash', async () => {
    reset();
    const pr = track(stalePrRepo());
    const r = await runAction({
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: '{"number": 7,',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^::error::headsup: cannot read the event payload .*event\.json: /m);
    expect(fake.calls).toEqual([]);
  });

  it('API 5xx then success: the call is retried and the comment still lands', async () => {
    reset();
    const p = track(stalePrRepo());
    registerPull(fake, fakePull(10, p.prHead, p.prFiles), p.prFiles);
    fake.failures = [{ method: 'GET', path: /\/issues\/10\/comments$/, status: 502, times: 1 }];
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 10, baseSha: p.baseTip, headSha: p.prHead }),
      sha: p.merge,
      inputs: { suggestions: 'false' },
    });
    expect(r.code).toBe(1);
    const lists = fake.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/issues/10/comments'));
    expect(lists.map((c) => c.status).slice(0, 2)).toEqual([502, 200]);
    expect(fake.comments.get(10)).toHaveLength(1);
  });

  it('a fix outside the visible diff falls back to the comment; a PR over 3,000 files says so', async () => {
    reset();
    const p = track(stalePrRepo());
    const pull = fakePull(11, p.prHead, p.prFiles);
    // GitHub leaves out the patch of huge diffs, and lists 3,000 of the 3,500 files.
    for (const f of pull.files) delete f.patch;
    pull.changed_files = 3500;
    registerPull(fake, pull, p.prFiles);
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 11, baseSha: p.baseTip, headSha: p.prHead }),
      sha: p.merge,
    });
    expect(r.code).toBe(1);
    expect(posts(/\/reviews$/)).toHaveLength(0);
    const [comment] = fake.comments.get(11)!;
    expect(comment.body).toContain('touches lines outside the PR diff');
    expect(comment.body).toContain("This PR changes 3500 files; GitHub's API lists only the first 3,000");
    expect(comment.body).toContain("+ down_revision: Union[str, Sequence[str], None] = 'cccc03'");
  });

  it('a shallow checkout (fetch-depth: 1) fetches the base and deepens until the merge base is known', async () => {
    reset();
    const origin = track(stalePrRepo());
    origin.repo.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
    origin.repo.git('update-ref', 'refs/pull/12/merge', origin.merge);
    const work = track(new TestRepo());
    work.git('remote', 'add', 'origin', `file://${origin.repo.dir}`);
    work.git('fetch', '-q', '--no-tags', '--depth=1', 'origin', 'refs/pull/12/merge');
    work.git('checkout', '-q', '--detach', 'FETCH_HEAD');
    expect(work.git('rev-parse', '--is-shallow-repository')).toBe('true');
    registerPull(fake, fakePull(12, origin.prHead, origin.prFiles), origin.prFiles);
    const r = await runAction({
      fake,
      workspace: work.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 12, baseSha: origin.forkPoint, headSha: origin.prHead }),
      sha: origin.merge,
      inputs: { comment: 'false', suggestions: 'false' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('git fetch --depth=1 origin');
    expect(r.stdout).toContain('--deepen=1');
    expect(r.outputs).toMatchObject({ errors: '1', conflict: 'true' });
  });

  it('pull_request_target: static checks only, and it says why', async () => {
    reset();
    const p = track(stalePrRepo());
    p.repo.git('checkout', '-q', 'main'); // the base, as pull_request_target checks out
    registerPull(fake, fakePull(13, p.prHead, p.prFiles), p.prFiles);
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request_target',
      payload: pullPayload({ number: 13, baseSha: p.baseTip, headSha: p.prHead }),
      sha: p.baseTip,
      inputs: { suggestions: 'false' },
    });
    expect(r.code).toBe(1);
    const warning = r.annotations.find(
      (a) => a.level === 'warning' && a.message.includes('pull_request_target'),
    );
    expect(warning?.message).toMatch(/does not run the PR's migration code/);
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'));
    expect(report.environments[0].dryRun.status).toBe('skipped');
    expect(fake.comments.get(13)).toHaveLength(1);
  });
});

describe('merge queue, publish, radar', () => {
  it('merge_group: checks the merged tree, fails to block the queue, makes no API calls', async () => {
    reset();
    const p = track(stalePrRepo());
    // The queue's commit: main + the PR, like the merge commit.
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'merge_group',
      payload: {
        merge_group: {
          base_sha: p.baseTip,
          head_sha: p.merge,
          head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc',
        },
        repository: { full_name: REPO, default_branch: 'main' },
      },
      sha: p.merge,
    });
    expect(r.code).toBe(1);
    expect(fake.calls).toEqual([]);
    expect(r.stdout).toContain('blocking the merge queue');
    expect(r.outputs.conflict).toBe('true');
    expect(r.summary).toContain('would fork the migration graph');
  });

  it('workflow_run publish: posts the artifact of an unprivileged run after validating it', async () => {
    reset();
    const p = track(stalePrRepo());
    registerPull(fake, fakePull(14, p.prHead, p.prFiles, 'someone/app'), p.prFiles);
    // 1. The fork's pull_request run: read-only token, so it only uploads the report.
    fake.readOnly = true;
    const check = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 14, baseSha: p.baseTip, headSha: p.prHead, headRepo: 'someone/app' }),
      sha: p.merge,
      runId: 500,
    });
    expect(check.code).toBe(1);
    fake.readOnly = false;
    const reportJson = readFileSync(check.outputs.report);
    fake.artifacts.set(500, [
      { id: 77, name: 'headsup-report', zip: zip({ 'headsup-report.json': reportJson }) },
    ]);
    fake.commits.set(p.merge, [p.baseTip, p.prHead]);
    const workflowRun = (over: Record<string, unknown> = {}) => ({
      workflow_run: {
        id: 500,
        event: 'pull_request',
        conclusion: 'failure',
        head_sha: p.prHead,
        head_branch: 'feature',
        head_repository: { full_name: 'someone/app' },
        pull_requests: [],
        ...over,
      },
      repository: { full_name: REPO, default_branch: 'main' },
    });
    // 2. The privileged workflow_run: no checkout of PR code, only the artifact.
    fake.calls = [];
    const r = await runAction({
      fake,
      workspace: p.repo.dir,
      event: 'workflow_run',
      payload: workflowRun(),
      runId: 501,
      inputs: { mode: 'publish' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [comment] = fake.comments.get(14)!;
    expect(comment.body).toMatch(new RegExp(`^<!-- headsup:comment key=default sha=${p.prHead} run=501 `));
    expect(comment.body).toContain('would fork the migration graph');
    // The artifact's PR number is only a hint: the PR is read from the API and must have the run's head.
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === '/repos/acme/app/pulls/14')).toBe(true);
    // The artifact storage is another origin: the token is not sent there.
    const storage = fake.calls.find((c) => c.path.startsWith('/_storage/'));
    expect(storage?.auth).toBeUndefined();
    expect(r.summary).toContain('Published the report of run 500 to #14');

    /** Run 500's artifact replaced by `report`, then a publish run: what an altered upload would meet. */
    const publishArtifact = (artifactId: number, report: unknown, runId: number) => {
      fake.artifacts.set(500, [
        {
          id: artifactId,
          name: 'headsup-report',
          zip: zip({ 'headsup-report.json': JSON.stringify(report) }),
        },
      ]);
      fake.calls = [];
      return runAction({
        fake,
        workspace: p.repo.dir,
        event: 'workflow_run',
        payload: workflowRun(),
        runId,
        inputs: { mode: 'publish' },
      });
    };

    // A tampered artifact (claims to be clean) is refused; nothing is posted.
    const tampered = JSON.parse(reportJson.toString());
    tampered.findings = [];
    const bad = await publishArtifact(78, tampered, 502);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/refusing to publish the artifact of run 500: report \$\.counts\.error/);
    expect(fake.writes()).toEqual([]);

    // A report about another commit is refused too.
    const other = JSON.parse(reportJson.toString());
    other.github.headSha = p.baseTip;
    const wrong = await publishArtifact(79, other, 503);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toContain('but the run checked');
    expect(fake.writes()).toEqual([]);
  });

  it('radar on push to main: warns the two of three open PRs that build on the same parent', async () => {
    reset();
    const repo = track(new TestRepo());
    repo.write({ 'alembic.ini': INI, 'migrations/env.py': '# env\n', ...revisions(V, { id: 'aaaa01' }) });
    const before = repo.commit('base');
    repo.write(revisions(V, { id: 'bbbb02', down: 'aaaa01' }));
    const after = repo.commit('merge a PR');
    const files = (id: string, down: string) => ({ [`${V}/${id}_rev.py`]: revisionFile({ id, down }) });
    const f11 = { ...files('r11aaa', 'bbbb02'), 'app/models.py': 'x = 1\n' };
    const f12 = files('r12bbb', 'bbbb02');
    const f13 = { ...files('r13ccc', 'bbbb02'), ...files('r13ddd', 'r13ccc') };
    // #13 builds on bbbb02 too, so make it the one that does not: a chain on top of #12's revision.
    const f13b = files('r13ccc', 'r12bbb');
    registerPull(fake, fakePull(11, 'a'.repeat(40), f11), f11);
    registerPull(fake, fakePull(12, 'b'.repeat(40), f12), f12);
    registerPull(fake, fakePull(13, 'c'.repeat(40), f13b), f13b);
    void f13;
    const r = await runAction({
      fake,
      workspace: repo.dir,
      event: 'push',
      payload: {
        ref: 'refs/heads/main',
        before,
        after,
        repository: { full_name: REPO, default_branch: 'main' },
      },
      sha: after,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const c11 = fake.comments.get(11)!;
    const c12 = fake.comments.get(12)!;
    expect(c11).toHaveLength(1);
    expect(c12).toHaveLength(1);
    expect(c11[0].body).toMatch(/^<!-- headsup:radar key=default /);
    expect(c11[0].body).toContain('#12 (`r12bbb`) also builds on `bbbb02`');
    expect(c12[0].body).toContain('#11 (`r11aaa`) also builds on `bbbb02`');
    expect(fake.comments.get(13) ?? []).toHaveLength(0);
    // API only: files by blob, no contents of app code.
    expect(fake.calls.filter((c) => c.path.includes('/git/blobs/'))).toHaveLength(3);
    expect(fake.calls.find((c) => c.path === '/repos/acme/app/pulls')?.query.base).toBe('main');
    expect(r.summary).toContain('Open-PR radar');

    // #12 is re-parented: the next radar run turns #11's and #12's warnings into ✅.
    const f12b = files('r12bbb', 'r11aaa');
    registerPull(fake, fakePull(12, 'd'.repeat(40), f12b), f12b);
    fake.pulls.get(13)!.state = 'closed';
    const again = await runAction({
      fake,
      workspace: repo.dir,
      event: 'workflow_dispatch',
      payload: { repository: { full_name: REPO, default_branch: 'main' } },
      runId: 200,
      inputs: { mode: 'radar' },
    });
    expect(again.code, again.stdout).toBe(0);
    expect(fake.comments.get(11)![0].body).toContain('✅ No other open PR builds on the same parent');
    expect(fake.comments.get(12)![0].body).toContain('✅');
    expect(again.outputs.overlapping).toBe('0');
  });
});

describe('limits and hostile text', () => {
  it('an oversized report: the comment stays within 65,536 characters with the verdict and findings; the summary has the rest', async () => {
    reset();
    const repo = track(new TestRepo());
    repo.write({
      'alembic.ini': INI,
      'migrations/env.py': '# env\n',
      ...revisions(V, { id: 'aaaa01' }, { id: 'bbbb02', down: 'aaaa01' }),
    });
    const base = repo.commit('base');
    repo.checkout('feature', true);
    // 400 chained revisions whose docstrings disagree with down_revision: 400 notices, long ids.
    const specs = Array.from({ length: 400 }, (_, i) => ({
      id: `r${String(i).padStart(4, '0')}${'x'.repeat(20)}`,
      down: i === 0 ? 'bbbb02' : `r${String(i - 1).padStart(4, '0')}${'x'.repeat(20)}`,
      revises: `something-else-${'y'.repeat(60)}`,
    }));
    // And one conflict: a second head off aaaa01.
    specs.push({ id: 'zzzz99', down: 'aaaa01', revises: 'aaaa01' });
    const files = revisions(V, ...specs);
    repo.write(files);
    const head = repo.commit('huge PR');
    const merge = mergeCommit(repo, base, 'feature');
    registerPull(fake, fakePull(15, head, files), files);
    const r = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 15, baseSha: base, headSha: head }),
      sha: merge,
      inputs: { suggestions: 'false' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const [comment] = fake.comments.get(15)!;
    expect(comment.body.length).toBeLessThanOrEqual(65_536);
    expect(comment.body.split('\n')[3]).toMatch(/^❌/);
    expect(comment.body).toContain('multiple-heads');
    expect(comment.body).toContain("shortened to fit GitHub's size limit");
    expect(comment.body).toContain('see the job summary');
    expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(Number(r.outputs.notices)).toBeGreaterThanOrEqual(400);
    // The summary holds every row that the comment could not.
    const rows = (s: string) => s.split('\n').filter((l) => l.startsWith('| ℹ️')).length;
    expect(rows(r.summary)).toBeGreaterThan(rows(comment.body));
    expect(rows(r.summary)).toBe(Number(r.outputs.notices));
    // Annotations: at most 10 per level.
    const ours = r.annotations.filter((a) => a.props.title?.startsWith('headsup:'));
    expect(ours.filter((a) => a.level === 'notice').length).toBe(10);
  });

  it('many stale revisions: one review with at most 50 suggestions, the comment carries every fix', async () => {
    reset();
    // 60 PR revisions, each on bbbb02, which base has since continued with cccc03: 60 stale parents, 120 edits.
    const pr = track(
      stalePrRepo(
        Array.from({ length: 60 }, (_, i) => ({ id: `s${String(i).padStart(3, '0')}`, down: 'bbbb02' })),
      ),
    );
    registerPull(fake, fakePull(16, pr.prHead, pr.prFiles), pr.prFiles);
    const r = await runAction({
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 16, baseSha: pr.forkPoint, headSha: pr.prHead }),
      sha: pr.merge,
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.outputs.errors).toBe('60'); // 60 stale parents, the first also telling the fork they make
    const reviews = posts(/\/pulls\/16\/reviews$/);
    expect(reviews).toHaveLength(1);
    expect((reviews[0].body as { comments: unknown[] }).comments).toHaveLength(MAX_SUGGESTIONS);
    const [comment] = fake.comments.get(16)!;
    expect(comment.body.length).toBeLessThanOrEqual(65_536);
    // The revisions past the cap still get their fix, in the comment.
    expect(comment.body).toContain('`s059` revises `bbbb02`');
    expect(
      comment.body.match(/\+ down_revision: Union\[str, Sequence\[str\], None\] = 'cccc03'/g),
    ).toHaveLength(60);
  });

  it('hostile migration text stays inert: no mentions, no HTML, fences intact', async () => {
    reset();
    const repo = track(new TestRepo());
    repo.write({
      'alembic.ini': INI,
      'migrations/env.py': '# env\n',
      ...revisions(V, { id: 'aaaa01' }),
    });
    const base = repo.commit('base');
    repo.checkout('feature', true);
    const evil = 'x@octocat<img src=x onerror=alert(1)>```|#1';
    const file = `${V}/@acme_team_<b>boom</b>.py`.replace('</b>', '&lt;b');
    const text =
      `"""@octocat <script>alert(1)</script>\n\nRevision ID: ${evil}\nRevises: aaaa01\n"""\n` +
      `revision = "${evil}"\ndown_revision = "aaaa01"\nbranch_labels = None\ndepends_on = None\n\n` +
      'def upgrade():\n    pass\n\ndef downgrade():\n    pass\n';
    const second = revisions(V, { id: 'bbbb02', down: 'aaaa01' });
    repo.write({ [file]: text, ...second });
    const head = repo.commit('evil');
    const merge = mergeCommit(repo, base, 'feature');
    registerPull(fake, fakePull(16, head, { [file]: text, ...second }), { [file]: text, ...second });
    const r = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 16, baseSha: base, headSha: head }),
      sha: merge,
      inputs: { suggestions: 'false' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const [comment] = fake.comments.get(16)!;
    if (process.env.HEADSUP_DUMP)
      (await import('node:fs')).writeFileSync(process.env.HEADSUP_DUMP, comment.body);
    const { inertProblems } = await import('./inert.js');
    expect(inertProblems(comment.body)).toEqual([]);
    expect(inertProblems(r.summary)).toEqual([]);
  });
});
