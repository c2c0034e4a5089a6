import { describe, expect, it } from 'vitest';
import {
  describeError,
  isForbidden,
  isRateLimited,
  timeoutMs,
  DEFAULT_TIMEOUT_MS,
} from '../../src/github/client.js';
import { answer, injectFault, runWithEnv, useFakeGitHub, stalePullRequest } from './faults.js';
import { pullPayload, type PrRepo } from './repos.js';

const COMMENTS = '/repos/acme/app/issues/7/comments';

const { fake, repos } = useFakeGitHub();

/** A fresh stale-parent PR #7 on a clean fake (two errors: the check fails whatever the API does). */
const stalePr = () => stalePullRequest(fake, repos);

const check = (pr: PrRepo, env: Record<string, string> = {}) =>
  runWithEnv(
    {
      fake,
      workspace: pr.repo.dir,
      event: 'pull_request',
      payload: pullPayload({ number: 7, baseSha: pr.forkPoint, headSha: pr.prHead }),
      sha: pr.merge,
      inputs: { suggestions: 'false' },
    },
    env,
  );

const listings = () => fake.calls.filter((c) => c.method === 'GET' && c.path === COMMENTS);

describe('a GitHub that stalls is given up on, per request', () => {
  it('a connection that never answers: four bounded attempts, then the check reports as usual', async () => {
    const pr = stalePr();
    injectFault(fake, (req, _res, url) => req.method === 'GET' && url.pathname === COMMENTS);
    const r = await check(pr, { HEADSUP_API_TIMEOUT_MS: '1000' });
    expect(r.code, r.stdout).toBe(1);
    // One try and three retries (1 + 4 + 9 s apart), each cut at 1 s: not Node's 300 s each.
    expect(listings()).toHaveLength(4);
    expect(r.ms).toBeLessThan(45_000);
    expect(r.messages('warning')).toEqual([
      `headsup: could not update the PR: no answer from GitHub within 1 s (GET ${COMMENTS})`,
    ]);
    expect(r.summary).toContain('## headsup · migration review');
    expect(fake.comments.get(7)).toBeUndefined();
  });

  it('an answer whose body stalls halfway is cut too, and a retry that answers wins', async () => {
    const pr = stalePr();
    let stalled = 0;
    injectFault(fake, (req, res, url) => {
      if (req.method !== 'GET' || url.pathname !== COMMENTS || stalled++) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[{"id": 1, ');
      return true;
    });
    const r = await check(pr, { HEADSUP_API_TIMEOUT_MS: '1000' });
    expect(r.code, r.stdout).toBe(1);
    expect(listings().length).toBeGreaterThanOrEqual(2);
    expect(r.messages('warning')).toEqual([]);
    expect(fake.comments.get(7)).toHaveLength(1);
  });
});

describe('errors say what failed, not what a body or a quota looked like', () => {
  it('an exhausted rate limit is not taken for a read-only fork token', async () => {
    const pr = stalePr();
    const reset = Math.floor(Date.now() / 1000) + 3600;
    injectFault(fake, (req, res, url) =>
      url.pathname.startsWith(COMMENTS)
        ? answer(req, res, 403, '{"message":"API rate limit exceeded for installation ID 1."}', {
            'content-type': 'application/json',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(reset),
          })
        : false,
    );
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    const until = new Date(reset * 1000).toISOString().slice(11, 16);
    expect(r.messages('warning')).toEqual([
      `headsup: could not update the PR: GitHub API rate limit exhausted until ${until} UTC (403, GET ${COMMENTS})`,
    ]);
    expect(r.messages('notice')).toEqual([]);
    expect(r.stdout).not.toContain('cannot write');
    // Not waited out for an hour: given up at once.
    expect(listings()).toHaveLength(1);
  });

  it('an HTML error page is described by its status, after the retries', async () => {
    const pr = stalePr();
    injectFault(fake, (req, res, url) =>
      url.pathname === COMMENTS
        ? answer(req, res, 503, '<html><body><h1>Unicorn!</h1></body></html>', {
            'content-type': 'text/html',
          })
        : false,
    );
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    expect(listings()).toHaveLength(4);
    expect(r.messages('warning')).toEqual([
      `headsup: could not update the PR: Service Unavailable (503, GET ${COMMENTS})`,
    ]);
    expect(r.stdout).not.toContain('Unicorn');
  });

  it('malformed JSON is retried like a cut connection, then named as such', async () => {
    const pr = stalePr();
    injectFault(fake, (req, res, url) =>
      req.method === 'GET' && url.pathname === COMMENTS
        ? answer(req, res, 200, '[{"id": 1, "body": ')
        : false,
    );
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    expect(listings()).toHaveLength(4);
    expect(r.messages('warning')).toEqual([
      `headsup: could not update the PR: malformed JSON in GitHub's answer (200) (GET ${COMMENTS})`,
    ]);
    expect(r.stdout).not.toContain("Cannot use 'in' operator");
  });

  it('a malformed answer once: the retry gets the real one and the comment is written', async () => {
    const pr = stalePr();
    let once = 0;
    injectFault(fake, (req, res, url) =>
      req.method === 'GET' && url.pathname === COMMENTS && !once++ ? answer(req, res, 200, '{"id":') : false,
    );
    const r = await check(pr);
    expect(r.code, r.stdout).toBe(1);
    expect(r.messages('warning')).toEqual([]);
    expect(fake.comments.get(7)).toHaveLength(1);
  });
});

describe('client helpers', () => {
  const err = (status: number, message: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), {
      status,
      request: { method: 'POST', url: 'https://api.github.com/repos/o/r/issues/1/comments?x=1' },
      response: { url: '', headers, data: { message } },
    });

  it('tells a rate limit from a missing permission', () => {
    const quota = err(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' });
    const secondary = err(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '600' });
    const readOnly = err(403, 'Resource not accessible by integration');
    expect([quota, secondary, err(429, 'Too Many Requests')].map(isRateLimited)).toEqual([true, true, true]);
    expect([quota, secondary].map(isForbidden)).toEqual([false, false]);
    expect([isRateLimited(readOnly), isForbidden(readOnly)]).toEqual([false, true]);
    expect(isForbidden(err(401, 'Bad credentials'))).toBe(true);
  });

  it('describes an error by GitHub message and status, without the docs link', () => {
    const e = err(410, 'Artifact has expired - https://docs.github.com/rest/actions/artifacts');
    expect(describeError(e)).toBe('Artifact has expired (410)');
    expect(describeError(new Error('boom\nstack'))).toBe('boom');
  });

  it('reads the timeout from HEADSUP_API_TIMEOUT_MS, else 30 s', () => {
    expect(timeoutMs('1500')).toBe(1500);
    expect([undefined, '', '0', '-1', 'soon'].map(timeoutMs)).toEqual(Array(5).fill(DEFAULT_TIMEOUT_MS));
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });
});
