import * as core from '@actions/core';
import { UsageError } from '../errors.js';
import type { GitHubEvent } from './event.js';
import { ensureCommit, ensureMergeBase, parentsOf, resolve } from './checkout.js';

/** What to compare for this event, and what to do with the result. */
export interface CheckPlan {
  base?: string;
  head: string;
  /** The PR this run reviews (comment, suggestions). */
  pr?: { number: number; headSha: string; fork: boolean };
  /** merge_group: the queue's check, no comment. push: the default branch itself. */
  purpose: 'pull_request' | 'merge_group' | 'push' | 'other';
  /** False under pull_request_target unless allowed: the dry run would execute the PR's migration code. */
  mayRunPrCode: boolean;
  radar: boolean;
  notes: string[];
}

const SHALLOW_HINT =
  'fetch the history with actions/checkout `fetch-depth: 0` (recommended), or check that the token can read the repository';

async function need(cwd: string, sha: string, what: string): Promise<void> {
  if (!(await ensureCommit(cwd, sha)))
    throw new UsageError(
      `the ${what} commit ${sha.slice(0, 12)} is not in the checkout and cannot be fetched; ${SHALLOW_HINT}`,
    );
}

async function needMergeBase(cwd: string, base: string, head: string): Promise<void> {
  if (!(await ensureMergeBase(cwd, base, head)))
    throw new UsageError(
      `no merge base between ${base.slice(0, 12)} and ${head.slice(0, 12)}; ${SHALLOW_HINT}`,
    );
}

/** Works out base and head for the event, fetching what a shallow checkout lacks. */
export async function planCheck(
  cwd: string,
  event: GitHubEvent,
  allowPullRequestTarget: boolean,
): Promise<CheckPlan> {
  const head = await resolve(cwd, 'HEAD');
  if (!head) throw new UsageError(`${cwd} is not a git checkout with a commit (run actions/checkout first)`);
  switch (event.kind) {
    case 'pull_request': {
      const pr = { number: event.number, headSha: event.headSha, fork: event.fork };
      if (event.target) {
        // The checkout is the base branch; the PR's files are read from git objects, never executed.
        await need(cwd, event.headSha, 'PR head');
        await need(cwd, event.baseSha, 'base');
        await needMergeBase(cwd, event.baseSha, event.headSha);
        const notes = allowPullRequestTarget
          ? []
          : [
              "pull_request_target runs with a write token and the base repository's secrets, so headsup does not run the PR's migration code here: the dry run is off and only the static checks ran. Use the fork-safe pull_request + workflow_run pair, or set allow-pull-request-target: true if every PR author is trusted.",
            ];
        if (notes.length) core.warning(notes[0]);
        return {
          base: event.baseSha,
          head: event.headSha,
          pr,
          purpose: 'pull_request',
          mayRunPrCode: allowPullRequestTarget,
          radar: false,
          notes,
        };
      }
      // GitHub checks out refs/pull/N/merge; its first parent is the exact base it was merged onto, which
      // is fresher than the payload's base.sha when the base branch moved after the PR was opened.
      const parents = await parentsOf(cwd, head);
      const base = parents.length === 2 && parents[1] === event.headSha ? parents[0] : event.baseSha;
      await need(cwd, base, 'base');
      await needMergeBase(cwd, base, head);
      return { base, head: 'HEAD', pr, purpose: 'pull_request', mayRunPrCode: true, radar: false, notes: [] };
    }
    case 'merge_group':
      await need(cwd, event.baseSha, 'merge group base');
      await needMergeBase(cwd, event.baseSha, head);
      return {
        base: event.baseSha,
        head: 'HEAD',
        purpose: 'merge_group',
        mayRunPrCode: true,
        radar: false,
        notes: [],
      };
    case 'push': {
      const radar = event.onDefaultBranch;
      if (!event.before) {
        return {
          head: 'HEAD',
          purpose: 'push',
          mayRunPrCode: true,
          radar,
          notes: ['New branch: compared with the merge base of the default branch.'],
        };
      }
      // A force push can leave `before` unreachable: then compare like a new branch.
      if (!(await ensureCommit(cwd, event.before)) || !(await ensureMergeBase(cwd, event.before, head)))
        return {
          head: 'HEAD',
          purpose: 'push',
          mayRunPrCode: true,
          radar,
          notes: [
            `The previous head ${event.before.slice(0, 12)} is gone (force push?): compared with the merge base of the default branch.`,
          ],
        };
      return { base: event.before, head: 'HEAD', purpose: 'push', mayRunPrCode: true, radar, notes: [] };
    }
    case 'workflow_run':
      throw new UsageError('workflow_run events publish a report made elsewhere: set `mode: publish`');
    default:
      return { head: 'HEAD', purpose: 'other', mayRunPrCode: true, radar: false, notes: [] };
  }
}
