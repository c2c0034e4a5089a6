import { setTimeout as sleep } from 'node:timers/promises';
import type { Finding, Report } from '../report/model.js';
import { fenced } from '../report/escape.js';
import type { Octokit } from './client.js';
import { statusOf } from './client.js';
import type { Author, Repo } from './comment.js';
import { formatMarker, parseMarker } from './marker.js';
import { commentableLines, type PrFiles } from './pr-files.js';

type Edit = NonNullable<NonNullable<Finding['fix']>['edits']>[number];

export interface SuggestionResult {
  /** posted: a review now holds them; exists: an earlier run posted this commit's review. */
  status: 'posted' | 'exists' | 'none';
  posted: number;
  /** Edits that could not be offered in the diff (the comment shows them instead). */
  outside: Edit[];
}

/** Rules whose fixes are exact line replacements worth a one-click suggestion. */
const SUGGESTED_RULES = new Set(['stale-parent']);
/** Suggestions per review: a PR with thousands of stale revisions gets the first ones, the comment the rest. */
export const MAX_SUGGESTIONS = 50;

export function suggestedEdits(report: Report): Edit[] {
  return report.findings
    .filter((f) => SUGGESTED_RULES.has(f.rule) && f.fix?.edits?.length)
    .flatMap((f) => f.fix!.edits!);
}

interface SuggestOptions {
  repo: Repo;
  number: number;
  headSha: string;
  key: string;
  me: Author;
  run: number;
  attempt: number;
  report: Report;
  files: () => Promise<PrFiles>;
}

/**
 * One review per head commit with a ```suggestion``` per edit; edits outside the PR diff are returned so the
 * comment can carry them. Re-runs on the same commit find the earlier review by its marker and post nothing.
 */
export async function postSuggestions(octokit: Octokit, o: SuggestOptions): Promise<SuggestionResult> {
  const edits = suggestedEdits(o.report);
  if (!edits.length) return { status: 'none', posted: 0, outside: [] };
  if (await ourReviewExists(octokit, o)) return { status: 'exists', posted: 0, outside: [] };
  const { files } = await o.files();
  const byPath = new Map(files.map((f) => [f.filename, f]));
  const inside: Edit[] = [];
  const outside: Edit[] = [];
  for (const e of edits) {
    const lines = commentableLines(byPath.get(e.file)?.patch);
    let ok = lines.size > 0 && inside.length < MAX_SUGGESTIONS;
    for (let l = e.line; ok && l <= e.endLine; l++) ok = lines.has(l);
    (ok ? inside : outside).push(e);
  }
  if (!inside.length) return { status: 'none', posted: 0, outside };
  try {
    await createReviewOnce(octokit, o, inside);
  } catch (e) {
    // 422: GitHub disagrees that a line is in the diff; the comment carries the fix instead.
    if (statusOf(e) === 422) return { status: 'none', posted: 0, outside: edits };
    throw e;
  }
  return { status: 'posted', posted: inside.length, outside };
}

/** Whether this token already reviewed this head commit for this key (an earlier run, or a POST that landed). */
async function ourReviewExists(octokit: Octokit, o: SuggestOptions): Promise<boolean> {
  const reviews = (await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...o.repo,
    pull_number: o.number,
    per_page: 100,
  })) as { body?: string | null; user?: { login?: string; type?: string } | null }[];
  return reviews.some((r) => {
    const m = parseMarker(r.body);
    const mine = r.user?.type === 'Bot' || (o.me.login !== undefined && r.user?.login === o.me.login);
    return mine && m?.kind === 'review' && m.key === o.key && m.sha === o.headSha;
  });
}

/** Waits before each new attempt at creating the review (the client's retry plugin waits 1, 4, 9 s). */
export const REVIEW_RETRY_DELAYS_MS = [1000, 4000];

/**
 * Creates the review at most once. A 5xx or a dropped connection does not say the POST failed (a proxy's 502
 * can follow a review GitHub did create), so the client's blind re-send is off here: look before each retry.
 */
async function createReviewOnce(octokit: Octokit, o: SuggestOptions, inside: Edit[]): Promise<void> {
  const marker = formatMarker({
    kind: 'review',
    key: o.key,
    sha: o.headSha,
    run: o.run,
    attempt: o.attempt,
    state: 'findings',
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await octokit.rest.pulls.createReview({
        ...o.repo,
        pull_number: o.number,
        commit_id: o.headSha,
        event: 'COMMENT',
        body: `${marker}\n**headsup:** one-click fixes: re-parent onto the current base head (\`stale-parent\`).`,
        comments: inside.map((e) => ({
          path: e.file,
          side: 'RIGHT' as const,
          line: e.endLine,
          ...(e.endLine > e.line ? { start_line: e.line, start_side: 'RIGHT' as const } : {}),
          body: `Re-parent onto the current base head:\n\n${fenced(e.replacement, 'suggestion')}`,
        })),
        request: { retries: 0 },
      });
      return;
    } catch (e) {
      if (!mayHaveLanded(e)) throw e;
      const wait = REVIEW_RETRY_DELAYS_MS[attempt];
      if (wait !== undefined) await sleep(wait);
      if (await ourReviewExists(octokit, o)) return;
      if (wait === undefined) throw e;
    }
  }
}

/** 5xx, or no HTTP status at all (network): GitHub may have acted on the request before the error. */
function mayHaveLanded(e: unknown): boolean {
  const status = statusOf(e);
  return status === undefined || status >= 500;
}
