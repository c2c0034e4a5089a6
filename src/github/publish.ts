import * as core from '@actions/core';
import type { Report } from '../report/model.js';
import type { Octokit } from './client.js';
import { describeError, statusOf } from './client.js';
import type { Author, Repo } from './comment.js';
import type { RunContext, WorkflowRunEvent } from './event.js';
import { downloadReport, ArtifactError, ArtifactUnavailable } from './artifact.js';
import { isReparentEdit, ReportValidationError, validateReport, type RunInfo } from './validate-report.js';
import { publishToPr, type Notes } from './pr-feedback.js';
import { listPrFiles } from './pr-files.js';

/** The artifact cannot be trusted as it is: run() reports it as a refusal to publish. */
export class PublishError extends Error {
  override name = 'PublishError';
}

/**
 * GitHub failed us, not the artifact (expired, storage or API errors). Named PublishError so run() reports it
 * in one line, but not one, so it is not worded as a refusal.
 */
export class PublishFailure extends Error {
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
    const what = `cannot look up the report's head commit ${head.slice(0, 12)}`;
    // GitHub does not know the commit: the report names one that was never pushed here.
    if (statusOf(e) === 404 || statusOf(e) === 422) throw new PublishError(`${what} (${statusOf(e)})`);
    throw new PublishFailure(`${what}: ${describeError(e)}`);
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

export interface PublishOptions {
  repo: Repo;
  run: RunContext;
  event: WorkflowRunEvent;
  me: Author;
  key: string;
  comment: boolean;
  suggestions: boolean;
}

export type Published = { report?: Report; notes: Notes; number?: number };

/**
 * mode: publish, on workflow_run: posts the report an unprivileged pull_request run uploaded. The artifact
 * is untrusted (a fork wrote it): size-bounded, schema-validated, tied to the run's head commit, and only
 * plain re-parent edits of the PR's own lines are offered as suggestions. A failure is also written to the
 * job summary, so the run page says why nothing was posted.
 */
export async function publish(octokit: Octokit, o: PublishOptions): Promise<Published> {
  try {
    return await publishRun(octokit, o);
  } catch (e) {
    await failureSummary(o.event.runId, e);
    throw e;
  }
}

async function publishRun(octokit: Octokit, o: PublishOptions): Promise<Published> {
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
    if (e instanceof ArtifactUnavailable) throw new PublishFailure(e.message);
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
  const pr = await failing('could not look up the PR', () => findPr(octokit, o.repo, ev, info?.pullRequest));
  if (!pr)
    return {
      report,
      notes: [`No open PR has head ${ev.headSha.slice(0, 12)} (closed, or pushed to since); nothing posted.`],
    };
  const vetted = await vetEdits(octokit, o.repo, pr, report);
  const notes = await failing(`could not publish to #${pr.number}`, () =>
    publishToPr(octokit, {
      repo: o.repo,
      run: o.run,
      number: pr.number,
      headSha: ev.headSha,
      current: { headSha: pr.head.sha, changedFiles: pr.changed_files },
      key: o.key,
      me: o.me,
      report: vetted.report,
      comment: o.comment,
      suggestions: o.suggestions,
    }),
  );
  return {
    report: vetted.report,
    notes: [`Published the report of run ${ev.runId} to #${pr.number}.`, ...vetted.notes, ...notes],
    number: pr.number,
  };
}

/** Runs an API step; its failure becomes a one-line PublishFailure naming the step. */
async function failing<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw new PublishFailure(`${what}: ${describeError(e)}`);
  }
}

/** Files read to check edits against: a real report's fixes touch a few revision files. */
const MAX_EDITED_FILES = 50;

/**
 * The report with only the edits `isReparentEdit` accepts against the PR head's own files: any other edit
 * would have the bot suggest (or the comment show) code the fork chose. When the files cannot be read, no
 * edit is offered.
 */
async function vetEdits(
  octokit: Octokit,
  repo: Repo,
  pr: Pr,
  report: Report,
): Promise<{ report: Report; notes: Notes }> {
  const all = report.findings.flatMap((f) => f.fix?.edits ?? []);
  if (!all.length) return { report, notes: [] };
  let lines: Map<string, string[]>;
  try {
    lines = await editedFiles(octokit, repo, pr, [...new Set(all.map((e) => e.file))]);
  } catch (e) {
    lines = new Map();
    core.warning(`headsup: could not read the PR's files to check the report's edits (${describeError(e)}).`);
  }
  const keep = (e: (typeof all)[number]) => isReparentEdit(e, lines.get(e.file)?.[e.line - 1]);
  const dropped = all.filter((e) => !keep(e));
  if (!dropped.length) return { report, notes: [] };
  const where = [...new Set(dropped.map((e) => `${e.file}:${e.line}`))].slice(0, 10).join(', ');
  core.warning(
    `headsup: ${dropped.length} edit(s) in the artifact are not a one-line re-parent of the PR's own line; not offered (${where}).`,
  );
  const findings = report.findings.map((f) => {
    if (!f.fix?.edits) return f;
    const edits = f.fix.edits.filter(keep);
    const { edits: _dropped, ...fix } = f.fix;
    return { ...f, fix: edits.length ? { ...fix, edits } : fix };
  });
  return {
    report: { ...report, findings },
    notes: [
      `${dropped.length} suggested edit(s) from the artifact could not be verified against the PR's files and were left out.`,
    ],
  };
}

/** The lines of the PR head's version of each of `paths` that the PR changes (read by blob). */
async function editedFiles(octokit: Octokit, repo: Repo, pr: Pr, paths: string[]) {
  const { files } = await listPrFiles(octokit, repo, pr.number, pr.changed_files);
  const byPath = new Map(files.map((f) => [f.filename, f]));
  const out = new Map<string, string[]>();
  for (const path of paths.slice(0, MAX_EDITED_FILES)) {
    const sha = byPath.get(path)?.sha;
    if (!sha || byPath.get(path)?.status === 'removed') continue;
    const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
    out.set(path, Buffer.from(data.content, 'base64').toString('utf8').split('\n'));
  }
  return out;
}

/** The job summary of a publish run that posted nothing: why, in one line. */
async function failureSummary(runId: number, e: unknown): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const refused = e instanceof ReportValidationError || e instanceof PublishError;
  const why = refused
    ? `Refusing to publish the artifact of run ${runId}: ${(e as Error).message}`
    : e instanceof PublishFailure
      ? `Nothing published: ${e.message}`
      : `Nothing published: ${describeError(e)}`;
  try {
    await core.summary.addRaw(`## headsup · publish\n\n> [!CAUTION]\n> ${why}\n`, true).write();
  } catch (err) {
    core.debug(`job summary not written: ${(err as Error).message}`);
  }
}
