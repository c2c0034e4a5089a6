import * as core from '@actions/core';
import type { Report } from '../report/model.js';
import { renderMarkdown, renderResolved } from '../report/markdown.js';
import { code } from '../report/escape.js';
import type { Octokit } from './client.js';
import { describeError, isForbidden, statusOf } from './client.js';
import { upsertSticky, type Author, type Repo } from './comment.js';
import type { RunContext } from './event.js';
import { fileUrl, ruleDocUrl, runUrl } from './links.js';
import { listPrFiles } from './pr-files.js';
import { postSuggestions, type SuggestionResult } from './suggestions.js';

export interface FeedbackOptions {
  repo: Repo;
  run: RunContext;
  number: number;
  /** The PR head commit this report describes. */
  headSha: string;
  /** The PR head right now, and its size, from the API. */
  current: { headSha: string; changedFiles?: number };
  key: string;
  me: Author;
  report: Report;
  comment: boolean;
  suggestions: boolean;
  /** Extra Markdown for the comment (already escaped). */
  extra?: string[];
}

/** Notes for the job summary about what happened to the comment and suggestions. */
export type Notes = string[];

function nothingToSay(report: Report): boolean {
  return (
    report.findings.length === 0 &&
    report.environments.every((e) => !e.added.length && !e.modified.length && !e.deleted.length)
  );
}

/**
 * Suggestions, then the sticky comment (which says what became of them). A read-only token (fork PR) skips
 * them with a notice, not a failure; a failed suggestions step is a warning and never costs the comment.
 */
export async function publishToPr(octokit: Octokit, o: FeedbackOptions): Promise<Notes> {
  const notes: Notes = [];
  const extra = [...(o.extra ?? [])];
  const stale = o.current.headSha !== o.headSha;
  if (o.current.changedFiles !== undefined && o.current.changedFiles > 3000)
    extra.push(
      `> [!NOTE]\n> This PR changes ${o.current.changedFiles} files; GitHub's API lists only the first 3,000, so one-click suggestions may be missing for the rest. The check itself read git and saw every file.`,
    );
  if (o.suggestions && !stale) {
    const s = await trySuggestions(octokit, o);
    if (s.line) extra.push(s.line);
    notes.push(...s.notes);
  }
  if (!o.comment) return notes;
  const ruleUrl = ruleDocUrl(o.run, process.env, o.headSha);
  const opts = {
    fileUrl: fileUrl(o.run, o.headSha),
    ...(ruleUrl ? { ruleUrl } : {}),
    runUrl: runUrl(o.run),
    summaryUrl: runUrl(o.run),
    commit: o.headSha,
    extra,
  };
  try {
    const outcome = await upsertSticky(octokit, {
      repo: o.repo,
      number: o.number,
      me: o.me,
      currentHeadSha: o.current.headSha,
      marker: { kind: 'comment', key: o.key, sha: o.headSha, run: o.run.runId, attempt: o.run.runAttempt },
      body: (previous) => {
        const clean = o.report.counts.error === 0 && o.report.counts.warning === 0;
        if (clean && previous && previous.state !== 'clean')
          return { text: renderResolved(o.report, opts), state: 'resolved' };
        if (!previous && nothingToSay(o.report)) return undefined;
        return { text: renderMarkdown(o.report, opts), state: clean ? 'clean' : 'findings' };
      },
    });
    if (outcome.action === 'stale') {
      core.notice(`headsup: comment left as is: ${outcome.reason}.`);
      notes.push(`PR comment left as is: ${outcome.reason}.`);
    } else if (outcome.action === 'nothing-to-say')
      notes.push('No PR comment: no migration changes and nothing found.');
    else notes.push(`PR comment ${outcome.action} (id ${outcome.id}).`);
  } catch (e) {
    if (!isForbidden(e)) throw e;
    core.notice(
      `headsup: PR comment skipped: the token cannot write here (${statusText(e)}). For PRs from forks, use the ` +
        'two-workflow setup (pull_request uploads the report, workflow_run publishes it).',
    );
    notes.push(
      'PR comment skipped: the token is read-only here (a fork PR?); see the fork-safe setup in the README.',
    );
  }
  return notes;
}

/** Posts the review; whatever goes wrong, the caller still gets a line for the comment and goes on to write it. */
async function trySuggestions(
  octokit: Octokit,
  o: FeedbackOptions,
): Promise<{ line?: string; notes: Notes }> {
  try {
    const s = await postSuggestions(octokit, {
      repo: o.repo,
      number: o.number,
      headSha: o.headSha,
      key: o.key,
      me: o.me,
      run: o.run.runId,
      attempt: o.run.runAttempt,
      report: o.report,
      files: () => listPrFiles(octokit, o.repo, o.number, o.current.changedFiles),
    });
    return {
      line: suggestionLine(s),
      notes: s.posted ? [`Posted ${s.posted} one-click suggestion(s) as a review.`] : [],
    };
  } catch (e) {
    if (isForbidden(e)) {
      core.notice(
        `headsup: review suggestions skipped: the token cannot write to this PR (${statusText(e)}).`,
      );
      return { notes: ['Review suggestions skipped: the token is read-only here (a fork PR?).'] };
    }
    core.warning(`headsup: review suggestions not posted: ${describeError(e)}`);
    const status = statusOf(e);
    return {
      line: `💡 One-click suggestions could not be posted this run (${status ? `GitHub API error ${status}` : 'see the job log'}); apply the fix above by hand, or re-run the job.`,
      notes: ['Review suggestions not posted (GitHub API error); see the log.'],
    };
  }
}

function suggestionLine(s: SuggestionResult): string | undefined {
  const outside = [...new Set(s.outside.map((e) => `${e.file}:${e.line}`))];
  if (s.status === 'posted' || s.status === 'exists') {
    const tail = outside.length
      ? ` Apply the fix above by hand for ${outside.map(code).join(', ')} (outside the PR diff).`
      : '';
    return `💡 One-click fix: see the review suggestions on this commit.${tail}`;
  }
  if (outside.length)
    return `💡 The fix above touches lines outside the PR diff (${outside.map(code).join(', ')}), so it is not offered as a suggestion; apply it by hand.`;
  return undefined;
}

function statusText(e: unknown): string {
  const err = e as { status?: number; message?: string };
  return `${err.status ?? '?'} ${String(err.message ?? '')
    .split('\n')[0]
    .slice(0, 200)}`;
}
