import * as core from '@actions/core';
import type { getOctokit } from '@actions/github';
import { STATUS_CODES } from 'node:http';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type Octokit = ReturnType<typeof getOctokit>;

/** Per request, redirects and body included: a connection that accepts and never answers must not hold the job. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Retries 5xx, network errors and timeouts; waits out rate limits twice, then gives up rather than stall a CI
 * job. Errors leave with a one-line message that names the call (see `explain`).
 * @actions/github is loaded here, not at start-up: loading it parses the event payload and throws on a
 * malformed one, which run() has by then already reported in one line.
 */
export async function createClient(token: string, env: NodeJS.ProcessEnv = process.env): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const again = retryCount < 2 && retryAfter <= 120;
      core.info(
        `GitHub API ${kind} on ${options.method} ${options.url}; ${again ? `retrying in ${retryAfter} s` : 'giving up'}`,
      );
      return again;
    };
  const octokit = getOctokit(
    token,
    {
      userAgent: 'headsup-action',
      retry: { retries: 3 },
      throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') },
      request: { fetch: timedFetch(timeoutMs(env.HEADSUP_API_TIMEOUT_MS)) },
    },
    retry,
    throttling,
  );
  // Registered last, so it runs outermost: after the retry and throttling plugins gave up.
  octokit.hook.error('request', (error) => {
    throw explain(error);
  });
  return octokit;
}

/** HEADSUP_API_TIMEOUT_MS, when it is a positive number (tests use a second or two). */
export function timeoutMs(value: string | undefined): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

/**
 * A failure on the wire that has no HTTP status of its own. Octokit turns anything fetch throws into a 500
 * RequestError, so the retry plugin retries these like a network error.
 */
class WireError extends Error {
  override name = 'WireError';
}

/** Statuses whose answers have no body (the Response constructor refuses one). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/** fetch with a deadline over the whole exchange: the body is read here, under the same signal. */
export function timedFetch(ms: number): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await buffered(await fetch(input, { ...init, signal }));
    } catch (e) {
      if (deadline.aborted) throw new WireError(`no answer from GitHub within ${ms / 1000} s`);
      throw e;
    }
  };
}

async function buffered(res: Response): Promise<Response> {
  if (NO_BODY.has(res.status) || res.status < 200) return res;
  const body = await res.arrayBuffer();
  if (res.ok && body.byteLength && isJson(res.headers.get('content-type')) && !parses(body))
    throw new WireError(`malformed JSON in GitHub's answer (${res.status})`);
  const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  // Octokit reports the final URL (after a redirect), e.g. artifact storage's.
  Object.defineProperty(copy, 'url', { value: res.url });
  return copy;
}

const isJson = (type: string | null) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type ?? '');

function parses(body: ArrayBuffer): boolean {
  try {
    JSON.parse(Buffer.from(body).toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** What an Octokit RequestError carries that we read. */
interface ApiError {
  status?: unknown;
  message?: unknown;
  request?: { method?: string; url?: string };
  response?: { url?: string; headers?: Record<string, string | undefined>; data?: unknown };
}

/** Status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(e: unknown): number | undefined {
  const status = (e as ApiError)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The `message` of GitHub's JSON error body, if it has one. */
export function apiMessage(e: unknown): string | undefined {
  const data = (e as ApiError)?.response?.data;
  const message = data && typeof data === 'object' ? (data as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message.trim() ? message.trim().split('\n')[0] : undefined;
}

/**
 * GitHub refused for want of API quota (primary: no requests left until the reset; secondary: too many too
 * fast), not for want of permission. Answered with 403 or 429.
 */
export function isRateLimited(e: unknown): boolean {
  const s = statusOf(e);
  if (s === 429) return true;
  if (s !== 403) return false;
  const headers = (e as ApiError).response?.headers ?? {};
  return (
    headers['x-ratelimit-remaining'] === '0' ||
    headers['retry-after'] !== undefined ||
    /\brate limit/i.test(apiMessage(e) ?? '')
  );
}

/** A token that may read but not write here (a fork's PR, or missing permissions); a rate limit is not that. */
export function isForbidden(e: unknown): boolean {
  const s = statusOf(e);
  return (s === 403 || s === 401 || s === 404) && !isRateLimited(e);
}

/** A short reason for the log or a summary: GitHub's own message when it sent one, else the status. */
export function describeError(e: unknown): string {
  const status = statusOf(e);
  const own = apiMessage(e);
  if (status !== undefined && own && !isRateLimited(e) && (e as ApiError).response)
    return `${clip(own.replace(/ - https:\/\/docs\.github\.com\S*$/, ''))} (${status})`;
  return clip(String((e as ApiError)?.message ?? e).split('\n')[0]);
}

const clip = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Where a failed call went, for messages: `GET /repos/o/r/pulls`. */
function callOf(e: ApiError): string {
  const method = e.request?.method ?? '';
  let path = e.request?.url ?? '';
  try {
    path = new URL(path).pathname;
  } catch {
    // keep it as it is
  }
  return `${method} ${path}`.trim();
}

/**
 * Rewrites the message of an error that would otherwise say little or the wrong thing (an HTML error page, a
 * rate limit, a timeout), keeping GitHub's own JSON message as it is. Status, response and request stay.
 */
export function explain(error: unknown): unknown {
  const e = error as ApiError & Error;
  if (!e || typeof e !== 'object' || statusOf(e) === undefined || !e.request) return error;
  const status = statusOf(e)!;
  const call = callOf(e);
  if (isRateLimited(e)) e.message = `${rateLimitText(e)} (${status}, ${call})`;
  else if (!e.response) {
    const cause = (e as { cause?: unknown }).cause;
    const why = cause instanceof WireError ? cause.message : `network error: ${String(e.message)}`;
    e.message = `${why} (${call})`;
  } else if (!apiMessage(e)) e.message = `${STATUS_CODES[status] ?? 'HTTP error'} (${status}, ${call})`;
  return e;
}

function rateLimitText(e: ApiError): string {
  const headers = e.response?.headers ?? {};
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && reset > 0)
    return `GitHub API rate limit exhausted until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC`;
  const after = Number(headers['retry-after']);
  return after > 0
    ? `GitHub API rate limit hit; GitHub asks to wait ${after} s`
    : 'GitHub API rate limit hit';
}
