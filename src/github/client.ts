import * as core from '@actions/core';
import type { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type Octokit = ReturnType<typeof getOctokit>;

/**
 * Retries 5xx and network errors; waits out rate limits twice, then gives up rather than stall a CI job.
 * @actions/github is loaded here, not at start-up: loading it parses the event payload and throws on a
 * malformed one, which run() has by then already reported in one line.
 */
export async function createClient(token: string): Promise<Octokit> {
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
  return getOctokit(
    token,
    {
      userAgent: 'headsup-action',
      retry: { retries: 3 },
      throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') },
    },
    retry,
    throttling,
  );
}

/** Status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A token that may read but not write here (a fork's PR, or missing permissions). */
export function isForbidden(e: unknown): boolean {
  const s = statusOf(e);
  return s === 403 || s === 401 || s === 404;
}
