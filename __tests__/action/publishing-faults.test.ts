import { describe, expect, it } from 'vitest';
import { injectFault, jsonBody, reply, useFakeGitHub, stalePullRequest } from './faults.js';
import { runAction, type ActionRun } from './harness.js';
import { pullPayload, type PrRepo } from './repos.js';

const MARKER =
  /^<!-- headsup:comment key=default sha=([0-9a-f]{40}) run=(\d+) attempt=(\d+) state=(\w+) -->\n/;
const REVIEWS = /\/pulls\/7\/reviews$/;

const { fake, repos } = useFakeGitHub();

/** A fresh stale-parent PR #7 (two errors, two one-click suggestions) on a clean fake. */
const stalePr = () => stalePullRequest(fake, repos);

function check(pr: PrRepo, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    fake,
    workspace: pr.repo.dir,
    event: 'pull_request',
    payload: pullPayload({ number: 7, baseSha: pr.forkPoint, headSha: pr.prHead }),
    sha: pr.merge,
    runId: 100,
    inputs,
  });
}

const calls = (method: string, path: RegExp) =>
  fake.calls.filter((c) => c.method === method && path.test(c.path));
const warnings = (r: ActionRun) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const notices = (r: ActionRun) => r.annotations.filter((a) => a.level === 'notice').map((a) => a.message);

/** The PR's one comment: written by this run (100), describing the findings. */
function theComment(pr: PrRepo) {
  const comments = fake.comments.get(7) ?? [];
  expect(comments).toHaveLength(1);
  const m = MARKER.exec(comments[0].body);
  expect(m?.slice(1)).toEqual([pr.prHead, '100', '1', 'findings']);
  expect(comments[0].body).toContain('would fork the migration graph');
  return comments[0];
}

describe('a failed suggestions step never costs the PR comment', () => {
  it('review rejected (400): the comment is created and says the suggestions are missing', async () => {
    const pr = stalePr();
    fake.failures = [{ method: 'POST', path: REVIEWS, status: 400, times: 1 }];
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    const comment = theComment(pr);
    expect(comment.body).toContain(
      'One-click suggestions could not be posted this run (GitHub API error 400)',
    );
    expect(comment.body).not.toContain('see the review suggestions');
    // A 400 is an answer, not a doubt: no second POST.
    expect(calls('POST', REVIEWS)).toHaveLength(1);
    expect(warnings(r)).toEqual([
      expect.stringMatching(/^headsup: review suggestions not posted: Server Error \(400\)$/),
    ]);
    expect(r.summary).toContain('PR comment created');
    expect(r.summary).toContain('Review suggestions not posted');
  });

  it('review creation keeps failing (500): three attempts, a look before each retry, then the comment', async () => {
    const pr = stalePr();
    fake.failures = [{ method: 'POST', path: REVIEWS, status: 500, times: 99 }];
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    const review = fake.calls.filter((c) => REVIEWS.test(c.path)).map((c) => `${c.method} ${c.status}`);
    expect(review).toEqual(['GET 200', 'POST 500', 'GET 200', 'POST 500', 'GET 200', 'POST 500', 'GET 200']);
    expect(fake.reviews.get(7)).toBeUndefined();
    expect(theComment(pr).body).toContain('could not be posted this run (GitHub API error 500)');
    expect(warnings(r)).toEqual([
      expect.stringMatching(/^headsup: review suggestions not posted: Server Error \(500\)$/),
    ]);
  });

  it('an old ✅ comment turns into the findings when listing the PR files fails (502)', async () => {
    const pr = stalePr();
    const old = fake.addComment(
      7,
      `<!-- headsup:comment key=default sha=${'1'.repeat(40)} run=90 attempt=1 state=clean -->\n✅ clean`,
    );
    fake.failures = [{ method: 'GET', path: /\/pulls\/7\/files$/, status: 502, times: 99 }];
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    const comment = theComment(pr);
    expect(comment.id).toBe(old.id);
    expect(comment.body).toContain('could not be posted this run (GitHub API error 502)');
    expect(calls('POST', REVIEWS)).toHaveLength(0);
    expect(r.summary).toContain(`PR comment updated (id ${old.id})`);
  });
});

describe('one review per head commit, whatever the network does', () => {
  it('a review POST that lands but answers 502 is not sent again', async () => {
    const pr = stalePr();
    injectFault(fake, async (req, res, url) => {
      if (req.method !== 'POST' || !REVIEWS.test(url.pathname) || fake.reviews.has(7)) return false;
      // GitHub created it; the proxy in front lost the answer.
      const body = await jsonBody(req);
      const review = {
        id: fake.id(),
        body: String(body.body),
        commit_id: String(body.commit_id),
        user: { login: 'github-actions[bot]', type: 'Bot' },
        comments: body.comments as unknown[],
      };
      fake.reviews.set(7, [review]);
      return reply(res, 502, '<html>Bad gateway</html>', 'text/html');
    });
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    expect(calls('POST', REVIEWS).map((c) => c.status)).toEqual([502]);
    expect(fake.reviews.get(7)).toHaveLength(1);
    expect(theComment(pr).body).toContain('💡 One-click fix: see the review suggestions on this commit.');
    expect(warnings(r)).toEqual([]);
    expect(r.summary).toContain('Posted 2 one-click suggestion(s) as a review.');
  });

  it('a review POST that fails (502) before landing is sent again, once', async () => {
    const pr = stalePr();
    fake.failures = [{ method: 'POST', path: REVIEWS, status: 502, times: 1 }];
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    expect(calls('POST', REVIEWS).map((c) => c.status)).toEqual([502, 200]);
    expect(fake.reviews.get(7)).toHaveLength(1);
    expect(theComment(pr).body).toContain('see the review suggestions on this commit');
  });
});

describe('the sticky comment', () => {
  it('deleted between listing and editing: written anew, not taken for a read-only token', async () => {
    const pr = stalePr();
    const old = fake.addComment(
      7,
      `<!-- headsup:comment key=default sha=${pr.prHead} run=50 attempt=1 state=findings -->\nold`,
    );
    injectFault(fake, async (req, res, url) => {
      if (req.method !== 'PATCH' || url.pathname !== `/repos/acme/app/issues/comments/${old.id}`)
        return false;
      await jsonBody(req);
      fake.comments.set(7, []); // someone deleted it a moment ago
      return reply(res, 404, '{"message":"Not Found"}');
    });
    const r = await check(pr, { suggestions: 'false' });
    expect(r.code, r.stdout).toBe(1);
    const comment = theComment(pr);
    expect(comment.id).not.toBe(old.id);
    expect(calls('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(notices(r).filter((n) => /cannot write/.test(n))).toEqual([]);
    expect(r.summary).toContain(`PR comment created (id ${comment.id})`);
  });
});
