import type { RunContext } from './event.js';

/** Encodes each path segment (and the parentheses Markdown links would stop at). */
function encodePath(file: string): string {
  return file
    .split('/')
    .map((s) =>
      encodeURIComponent(s).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

export function repoUrl(run: RunContext): string {
  return `${run.serverUrl}/${encodeURIComponent(run.owner)}/${encodeURIComponent(run.repo)}`;
}

/** A file at a commit, with its line highlighted. */
export function fileUrl(run: RunContext, sha: string) {
  return (file: string, line?: number) =>
    `${repoUrl(run)}/blob/${sha}/${encodePath(file)}${line ? `#L${line}` : ''}`;
}

/** The run page, which shows the job summary. */
export function runUrl(run: RunContext): string | undefined {
  if (!run.runId) return undefined;
  return `${repoUrl(run)}/actions/runs/${run.runId}${run.runAttempt > 1 ? `/attempts/${run.runAttempt}` : ''}`;
}

/**
 * A rule's documentation: docs/rules.md in headsup's own repository, at the ref the workflow runs
 * (GITHUB_ACTION_REPOSITORY, GITHUB_ACTION_REF). For a local action (`uses: ./`) those are unset and the docs
 * are the checked-out repository's, at `sha`.
 */
export function ruleDocUrl(run: RunContext, env: NodeJS.ProcessEnv, sha?: string) {
  const repository = env.GITHUB_ACTION_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF;
  const base =
    repository && /^[\w.-]+\/[\w.-]+$/.test(repository)
      ? `${run.serverUrl}/${repository}/blob/${encodeURIComponent(ref || 'main')}/docs/rules.md`
      : sha
        ? `${repoUrl(run)}/blob/${sha}/docs/rules.md`
        : undefined;
  return base ? (rule: string) => `${base}#${encodeURIComponent(rule)}` : undefined;
}
