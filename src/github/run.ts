import * as core from '@actions/core';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve as resolvePath, sep } from 'node:path';
import { runCheck } from '../pipeline.js';
import type { Report } from '../report/model.js';
import { renderSummary } from '../report/summary.js';
import { UsageError } from '../errors.js';
import { readInputs, envInputs, type Inputs } from './inputs.js';
import { resolveEvent, type GitHubEvent, type RunContext } from './event.js';
import { createClient, type Octokit } from './client.js';
import { whoAmI } from './comment.js';
import { groupKey } from './marker.js';
import { planCheck } from './plan.js';
import { annotate } from './annotations.js';
import { setOutputs } from './outputs.js';
import { fileUrl, ruleDocUrl, runUrl } from './links.js';
import { publishToPr } from './pr-feedback.js';
import { publish, PublishError } from './publish.js';
import { runRadar } from './radar.js';
import { toplevel } from './checkout.js';
import { ReportValidationError, type RunInfo } from './validate-report.js';
import { REPORT_FILE } from './artifact.js';
import { restoreBaseCache } from './base-cache.js';

/** The action: read inputs and event, do what the mode asks, and return the exit status. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const inputs = readInputs(envInputs(env));
    const { event, run: ctx } = resolveEvent(env);
    const octokit = inputs.token ? await createClient(inputs.token) : undefined;
    if (!octokit) core.notice('headsup: no token input; the PR comment, suggestions and radar are skipped.');
    const key = groupKey(inputs.migrations, inputs.workingDirectory);
    if (inputs.mode === 'publish') return await publishMode(inputs, event, ctx, octokit, key);
    if (inputs.mode === 'radar') return await radarMode(inputs, event, ctx, octokit, key);
    return await checkMode(inputs, event, ctx, octokit, key, env);
  } catch (e) {
    const err = e as Error;
    const known = ['UsageError', 'GitError', 'PublishError', 'RadarError', 'ReportValidationError'].includes(
      err.name,
    );
    core.setFailed(`headsup: ${known ? '' : 'internal error: '}${err.message}`);
    if (!known && err.stack) core.debug(err.stack);
    return 2;
  }
}

function workdirOf(inputs: Inputs, ctx: RunContext): string {
  const dir = resolvePath(ctx.workspace, inputs.workingDirectory);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(
      `input working-directory: ${inputs.workingDirectory} is not a directory in the workspace`,
    );
  if (inputs.config && !existsSync(resolvePath(dir, inputs.config)))
    throw new UsageError(`input config: ${inputs.config} does not exist in ${inputs.workingDirectory}`);
  return dir;
}

/** The report as a file for upload-artifact and later steps, with routing hints for a publish run. */
function writeReport(
  report: Report,
  info: RunInfo,
  ctx: RunContext,
  key: string,
  env: NodeJS.ProcessEnv,
): string {
  const dir = join(env.RUNNER_TEMP || tmpdir(), `headsup-${ctx.runId}-${key}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, REPORT_FILE);
  writeFileSync(path, JSON.stringify({ ...report, github: info }, null, 2) + '\n');
  return path;
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

const noteBlock = (notes: string[]) =>
  notes.length ? [`> [!NOTE]\n${notes.map((n) => `> ${n}`).join('\n>\n')}`] : [];

async function checkMode(
  inputs: Inputs,
  event: GitHubEvent,
  ctx: RunContext,
  octokit: Octokit | undefined,
  key: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const cwd = workdirOf(inputs, ctx);
  const root = (await toplevel(cwd)) ?? cwd;
  const plan = await planCheck(cwd, event, inputs.allowPullRequestTarget);
  core.info(`headsup: checking ${plan.base ?? 'merge-base with the default branch'} → ${plan.head}`);
  const cache =
    inputs.dryRun && plan.mayRunPrCode ? await restoreBaseCache(`${ctx.runId}-${ctx.runAttempt}`) : undefined;
  const report = await runCheck({
    repo: cwd,
    base: plan.base,
    head: plan.head,
    migrations: inputs.migrations,
    failOn: inputs.failOn,
    // `database: none` still runs Alembic, offline (--sql): that too is the PR's code.
    dryRun: inputs.dryRun && plan.mayRunPrCode,
    database: inputs.database,
    dialect: inputs.dialect,
    python: inputs.python,
    timeoutMs: inputs.timeoutMs,
    statementTimeoutMs: inputs.statementTimeoutMs,
    urlVariables: inputs.urlVariables,
    // The input is relative to working-directory; the config is read from the repository's tree.
    ...(inputs.config
      ? { config: relative(root, resolvePath(cwd, inputs.config)).split(sep).join('/') }
      : {}),
  });
  await cache?.save();
  const info: RunInfo = {
    event: event.kind,
    ...(plan.pr ? { pullRequest: plan.pr.number, headSha: plan.pr.headSha } : {}),
  };
  setOutputs(report, writeReport(report, info, ctx, key, env));
  const prefix = relative(ctx.workspace, root).split(sep).join('/');
  const { hidden } = annotate(report.findings, prefix.startsWith('..') ? '' : prefix);
  if (hidden)
    core.info(`${hidden} more findings are in the job summary (GitHub shows 10 annotations per level).`);

  const notes = [...plan.notes];
  // One identity lookup per run, however many parts of it need to recognise our own comments.
  let me: ReturnType<typeof whoAmI> | undefined;
  const identity = (client: Octokit) => (me ??= whoAmI(client, inputs.token));
  const headSha = plan.pr?.headSha ?? report.head.sha ?? ctx.sha;
  if (plan.pr && octokit && (inputs.comment || inputs.suggestions)) {
    try {
      const { data: pr } = await octokit.rest.pulls.get({
        owner: ctx.owner,
        repo: ctx.repo,
        pull_number: plan.pr.number,
      });
      notes.push(
        ...(await publishToPr(octokit, {
          repo: { owner: ctx.owner, repo: ctx.repo },
          run: ctx,
          number: plan.pr.number,
          headSha: plan.pr.headSha,
          current: { headSha: pr.head.sha, changedFiles: pr.changed_files },
          key,
          me: await identity(octokit),
          report,
          comment: inputs.comment,
          suggestions: inputs.suggestions,
        })),
      );
    } catch (e) {
      // The review is in the summary and annotations; an API outage must not hide it behind a crash.
      core.warning(`headsup: could not update the PR: ${(e as Error).message.split('\n')[0]}`);
      notes.push('The PR comment could not be updated (GitHub API error); see the log.');
    }
  }
  const extra: string[] = [];
  if (plan.radar && octokit) {
    try {
      const r = await runRadar(octokit, {
        repo: { owner: ctx.owner, repo: ctx.repo },
        run: ctx,
        me: await identity(octokit),
        key,
        base: event.kind === 'push' ? event.defaultBranch : undefined,
        workingDirectory: inputs.workingDirectory,
        migrations: inputs.migrations,
        comment: inputs.comment,
      });
      extra.push(r.summary);
    } catch (e) {
      core.warning(`headsup radar failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  await writeSummary(
    renderSummary(report, {
      fileUrl: headSha ? fileUrl(ctx, headSha) : undefined,
      ruleUrl: ruleDocUrl(ctx, env, headSha),
      runUrl: runUrl(ctx),
      commit: headSha,
      notes: noteBlock(notes),
      extra,
    }),
  );
  if (!report.ok) {
    const { error, warning } = report.counts;
    core.setFailed(
      `headsup: ${error} error(s), ${warning} warning(s) at or above fail-on: ${report.failOn}` +
        (plan.purpose === 'merge_group' ? ' (blocking the merge queue)' : ''),
    );
    return 1;
  }
  return 0;
}

async function publishMode(
  inputs: Inputs,
  event: GitHubEvent,
  ctx: RunContext,
  octokit: Octokit | undefined,
  key: string,
): Promise<number> {
  if (event.kind !== 'workflow_run')
    throw new UsageError(
      `mode: publish runs on workflow_run events (this is ${event.kind === 'other' ? event.name : event.kind})`,
    );
  if (!octokit) throw new UsageError('mode: publish needs a token');
  try {
    const r = await publish(octokit, {
      repo: { owner: ctx.owner, repo: ctx.repo },
      run: ctx,
      event,
      me: await whoAmI(octokit, inputs.token),
      key,
      comment: inputs.comment,
      suggestions: inputs.suggestions,
    });
    for (const n of r.notes) core.info(n);
    if (r.report)
      await writeSummary(
        renderSummary(r.report, {
          fileUrl: fileUrl(ctx, event.headSha),
          ruleUrl: ruleDocUrl(ctx, process.env, event.headSha),
          runUrl: runUrl(ctx),
          commit: event.headSha,
          notes: noteBlock(r.notes),
        }),
      );
    else await writeSummary(['## headsup · publish', ...noteBlock(r.notes)].join('\n\n') + '\n');
    return 0;
  } catch (e) {
    if (e instanceof PublishError || e instanceof ReportValidationError)
      throw new PublishError(`refusing to publish the artifact of run ${event.runId}: ${e.message}`);
    throw e;
  }
}

async function radarMode(
  inputs: Inputs,
  event: GitHubEvent,
  ctx: RunContext,
  octokit: Octokit | undefined,
  key: string,
): Promise<number> {
  if (!octokit) throw new UsageError('mode: radar needs a token');
  const base =
    event.kind === 'push' ? event.defaultBranch : event.kind === 'other' ? event.defaultBranch : undefined;
  const r = await runRadar(octokit, {
    repo: { owner: ctx.owner, repo: ctx.repo },
    run: ctx,
    me: await whoAmI(octokit, inputs.token),
    key,
    base,
    workingDirectory: inputs.workingDirectory,
    migrations: inputs.migrations,
    comment: inputs.comment,
  });
  await writeSummary(`## headsup · open-PR radar\n\n${r.summary}\n`);
  core.setOutput('overlapping', String(r.overlapping));
  return 0;
}
