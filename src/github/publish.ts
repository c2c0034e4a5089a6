import * as core from '@actions/core';
import type { Report } from '../report/model.js';
import type { Octokit } from './client.js';
import { statusOf } from './client.js';
import type { Author, Repo } from './comment.js';
import type { RunContext, WorkflowRunEvent } from './event.js';
import { downloadReport, ArtifactError } from './artifact.js';
import { validateReport, type RunInfo } from './validate-report.js';
import { publishToPr, type Notes } from './pr-feedback.js';

export class PublishError extends Error {
  override name = 'PublishError';
}

interface Pr {
  number: number;
  head: { sha: string; repo: { full_name: string } | null };
  base: { repo: { full_name: string } };
  changed_files?: number;
  state: string;
}

/**
 * The report's head must be the commit GitHub says the run checked: the PR head itself, or the merge commit
 * GitHub built from it (whose second parent is the PR head). Anything else is someone else's report.
 */
async function checkHead(
  octokit: Octokit,
  repo: Repo,
  report: Report,
  info: RunInfo | undefined,
  trusted: string,
) {
  if (info?.headSha !== undefined && info.headSha !== trusted)
    throw new PublishError(
      `the report is about ${info.headSha.slice(0, 12)}, but the run checked ${trusted.slice(0, 12)}`,
    );
  const head = report.head.sha;
  if (head === trusted) return;
  if (!head) throw new PublishError('the report names no head commit');
  let parents: string[];
  try {
    const { data } = await octokit.rest.git.getCommit({ ...repo, commit_sha: head });
    parents = data.parents.map((p) => p.sha);
  } catch (e) {
    throw new PublishError(
      `cannot look up the report's head commit ${head.slice(0, 12)} (${statusOf(e) ?? 'error'})`,
    );
  }
  if (parents.length !== 2 || parents[1] !== trusted)
    throw new PublishError(
      `the report's head ${head.slice(0, 12)} is not a merge of the run's head ${trusted.slice(0, 12)}`,
    );
}

/** The open PR whose head is the run's head commit, found from trusted event data; hints are only verified. */
async function findPr(
  octokit: Octokit,
  repo: Repo,
  ev: WorkflowRunEvent,
  hint?: number,
): Promise<Pr | undefined> {
  const candidates = new Set([...ev.pullRequests, ...(hint ? [hint] : [])]);
  const fromApi = async () => {
    if (!ev.headRepo || !ev.headBranch) return [];
    const owner = ev.headRepo.split('/')[0];
    const { data } = await octokit.rest.pulls.list({
      ...repo,
      state: 'open',
      head: `${owner}:${ev.headBranch}`,
      per_page: 10,
    });
    return data.map((p) => p.number);
  };
  if (!candidates.size) for (const n of await fromApi()) candidates.add(n);
  for (const number of candidates) {
    let pr: Pr;
    try {
      pr = (await octokit.rest.pulls.get({ ...repo, pull_number: number })).data as unknown as Pr;
    } catch (e) {
      if (statusOf(e) === 404) continue;
      throw e;
    }
    const here = `${repo.owner}/${repo.repo}`.toLowerCase();
    if (pr.base.repo.full_name.toLowerCase() !== here) continue;
    if ((pr.head.repo?.full_name ?? '').toLowerCase() !== ev.headRepo.toLowerCase()) continue;
    // A PR that moved on since the run gets the next run's report, not this one.
    if (pr.head.sha !== ev.headSha || pr.state !== 'open') continue;
    return pr;
  }
  return undefined;
}

/**
 * mode: publish, on workflow_run: posts the report an unprivileged pull_request run uploaded. The artifact
 * is untrusted (a fork wrote it): size-bounded, schema-validated, and tied to the run's head commit.
 */
export async function publish(
  octokit: Octokit,
  o: {
    repo: Repo;
    run: RunContext;
    event: WorkflowRunEvent;
    me: Author;
    key: string;
    comment: boolean;
    suggestions: boolean;
  },
): Promise<{ report?: Report; notes: Notes; number?: number }> {
  const ev = o.event;
  if (ev.event !== 'pull_request')
    return { notes: [`Nothing to publish: run ${ev.runId} was a ${ev.event} run.`] };
  if (ev.conclusion === 'cancelled' || ev.conclusion === 'skipped')
    return { notes: [`Nothing to publish: run ${ev.runId} was ${ev.conclusion}.`] };
  let raw: Buffer | undefined;
  try {
    raw = await downloadReport(octokit, o.repo, ev.runId);
  } catch (e) {
    if (e instanceof ArtifactError) throw new PublishError(e.message);
    throw e;
  }
  if (!raw) {
    core.warning(`headsup: run ${ev.runId} uploaded no headsup-report artifact; nothing to publish.`);
    return { notes: [`Nothing to publish: run ${ev.runId} uploaded no headsup-report artifact.`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new PublishError('the report artifact is not JSON');
  }
  const { report, info } = validateReport(json);
  await checkHead(octokit, o.repo, report, info, ev.headSha);
  const pr = await findPr(octokit, o.repo, ev, info?.pullRequest);
  if (!pr)
    return {
      report,
      notes: [`No open PR has head ${ev.headSha.slice(0, 12)} (closed, or pushed to since); nothing posted.`],
    };
  const notes = await publishToPr(octokit, {
    repo: o.repo,
    run: o.run,
    number: pr.number,
    headSha: ev.headSha,
    current: { headSha: pr.head.sha, changedFiles: pr.changed_files },
    key: o.key,
    me: o.me,
    report,
    comment: o.comment,
    suggestions: o.suggestions,
  });
  return {
    report,
    notes: [`Published the report of run ${ev.runId} to #${pr.number}.`, ...notes],
    number: pr.number,
  };
}
