import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** Where this run lives: repository, run, and the URLs to link back to it. */
export interface RunContext {
  owner: string;
  repo: string;
  serverUrl: string;
  runId: number;
  runAttempt: number;
  /** GITHUB_SHA: the commit the workflow checked out (a PR's merge commit, a merge group's head). */
  sha?: string;
  workspace: string;
}

export interface PullRequestEvent {
  kind: 'pull_request';
  /** pull_request_target: the workflow is the base's, with a write token; PR code must not run unasked. */
  target: boolean;
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
  headRepo: string;
  fork: boolean;
}

export interface MergeGroupEvent {
  kind: 'merge_group';
  baseSha: string;
  headSha: string;
  headRef: string;
}

export interface PushEvent {
  kind: 'push';
  /** null for a newly created branch (GitHub sends all zeros). */
  before: string | null;
  after: string;
  ref: string;
  defaultBranch: string;
  onDefaultBranch: boolean;
}

export interface WorkflowRunEvent {
  kind: 'workflow_run';
  runId: number;
  /** The head commit of the run that produced the artifact: the trusted anchor for publishing. */
  headSha: string;
  headBranch: string;
  headRepo: string;
  event: string;
  conclusion: string | null;
  pullRequests: number[];
}

export interface OtherEvent {
  kind: 'other';
  name: string;
  defaultBranch?: string;
}

export type GitHubEvent = PullRequestEvent | MergeGroupEvent | PushEvent | WorkflowRunEvent | OtherEvent;

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const ZERO = /^0+$/;

type Json = Record<string, unknown>;

/** Reads `path` (a.b.c) from the payload, failing with a clear message when absent or of the wrong type. */
function field<T>(payload: Json, path: string, check: (v: unknown) => v is T, what: string): T {
  let v: unknown = payload;
  for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as Json)[key] : undefined;
  if (!check(v)) throw new UsageError(`event payload: ${path} is not ${what}`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isSha = (v: unknown): v is string => typeof v === 'string' && SHA.test(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const sha = (p: Json, path: string) => field(p, path, isSha, 'a commit sha');
const str = (p: Json, path: string) => field(p, path, isString, 'a string');

function optionalString(payload: Json, path: string): string | undefined {
  try {
    return str(payload, path);
  } catch {
    return undefined;
  }
}

export function parseEvent(name: string, payload: Json): GitHubEvent {
  switch (name) {
    case 'pull_request':
    case 'pull_request_target': {
      const baseRepo = str(payload, 'pull_request.base.repo.full_name');
      // A deleted fork has no head repo; it is still a fork.
      const headRepo = optionalString(payload, 'pull_request.head.repo.full_name') ?? '';
      return {
        kind: 'pull_request',
        target: name === 'pull_request_target',
        number: field(payload, 'pull_request.number', isInt, 'a PR number'),
        baseSha: sha(payload, 'pull_request.base.sha'),
        baseRef: str(payload, 'pull_request.base.ref'),
        headSha: sha(payload, 'pull_request.head.sha'),
        headRepo,
        fork: headRepo !== baseRepo,
      };
    }
    case 'merge_group':
      return {
        kind: 'merge_group',
        baseSha: sha(payload, 'merge_group.base_sha'),
        headSha: sha(payload, 'merge_group.head_sha'),
        headRef: str(payload, 'merge_group.head_ref'),
      };
    case 'push': {
      const before = str(payload, 'before');
      const ref = str(payload, 'ref');
      const defaultBranch = str(payload, 'repository.default_branch');
      return {
        kind: 'push',
        before: ZERO.test(before) ? null : sha(payload, 'before'),
        after: sha(payload, 'after'),
        ref,
        defaultBranch,
        onDefaultBranch: ref === `refs/heads/${defaultBranch}`,
      };
    }
    case 'workflow_run': {
      const prs = (payload.workflow_run as Json | undefined)?.pull_requests;
      return {
        kind: 'workflow_run',
        runId: field(payload, 'workflow_run.id', isInt, 'a run id'),
        headSha: sha(payload, 'workflow_run.head_sha'),
        headBranch: optionalString(payload, 'workflow_run.head_branch') ?? '',
        headRepo: optionalString(payload, 'workflow_run.head_repository.full_name') ?? '',
        event: str(payload, 'workflow_run.event'),
        conclusion: optionalString(payload, 'workflow_run.conclusion') ?? null,
        // Empty for PRs from forks: GitHub only fills it for same-repository branches.
        pullRequests: Array.isArray(prs)
          ? prs.map((p) => (p as Json)?.number).filter((n): n is number => isInt(n))
          : [],
      };
    }
    default:
      return { kind: 'other', name, defaultBranch: optionalString(payload, 'repository.default_branch') };
  }
}

/** The event and the run, from the variables the runner sets. */
export function resolveEvent(env: NodeJS.ProcessEnv): { event: GitHubEvent; run: RunContext } {
  const name = env.GITHUB_EVENT_NAME;
  if (!name) throw new UsageError('GITHUB_EVENT_NAME is not set: run headsup as a GitHub Action step');
  const [owner, repo, extra] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || extra !== undefined)
    throw new UsageError(`GITHUB_REPOSITORY '${env.GITHUB_REPOSITORY ?? ''}' is not owner/name`);
  let payload: Json = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
      if (parsed && typeof parsed === 'object') payload = parsed as Json;
    } catch (e) {
      throw new UsageError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(e as Error).message}`);
    }
  }
  const runId = Number(env.GITHUB_RUN_ID ?? 0);
  return {
    event: parseEvent(name, payload),
    run: {
      owner,
      repo,
      serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
      runId: Number.isSafeInteger(runId) ? runId : 0,
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1) || 1,
      sha: env.GITHUB_SHA && SHA.test(env.GITHUB_SHA) ? env.GITHUB_SHA : undefined,
      workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    },
  };
}
