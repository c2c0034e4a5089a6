import * as core from '@actions/core';
import type { Octokit } from './client.js';
import { statusOf } from './client.js';
import { formatMarker, newerRun, parseMarker, type Marker } from './marker.js';

export interface Repo {
  owner: string;
  repo: string;
}

/** Who may have written our comments: any bot (GITHUB_TOKEN, app tokens) or the PAT's own user. */
export interface Author {
  login?: string;
}

interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/**
 * The token's identity, so a look-alike marker in someone else's comment is ignored. Installation tokens
 * (`ghs_`, including GITHUB_TOKEN) cannot call /user; their comments are authored by a bot account.
 */
export async function whoAmI(octokit: Octokit, token: string): Promise<Author> {
  if (token.startsWith('ghs_')) return {};
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return { login: data.login };
  } catch {
    return {};
  }
}

function writtenBy(c: IssueComment, me: Author): boolean {
  return c.user?.type === 'Bot' || (me.login !== undefined && c.user?.login === me.login);
}

export type Outcome =
  | { action: 'created' | 'updated' | 'unchanged'; id: number }
  | { action: 'stale'; reason: string }
  | { action: 'nothing-to-say' };

export interface StickyOptions {
  repo: Repo;
  number: number;
  me: Author;
  /** The marker this body is written from; its sha and run decide staleness (its state comes from `body`). */
  marker: Omit<Marker, 'state'>;
  /** The PR's head right now (from the API); a run for any other commit is stale. */
  currentHeadSha?: string;
  /** Any later run wins, whatever commit it saw (the radar looks at all PRs at once, not at one commit). */
  newestRunWins?: boolean;
  /**
   * Body and state for a given previous marker (lets the caller turn a fixed PR's comment into a short ✅);
   * undefined: nothing worth a new comment.
   */
  body: (previous: Marker | undefined) => { text: string; state: Marker['state'] } | undefined;
}

/**
 * One comment per PR and key, edited in place. The oldest of ours wins and later duplicates (racing runs)
 * are deleted; a run for an older commit, or an earlier run than the one that wrote the comment, writes nothing.
 */
export async function upsertSticky(octokit: Octokit, o: StickyOptions): Promise<Outcome> {
  if (o.currentHeadSha && o.marker.sha !== o.currentHeadSha)
    return {
      action: 'stale',
      reason: `the PR head is now ${o.currentHeadSha.slice(0, 12)}; this run checked ${o.marker.sha.slice(0, 12)}`,
    };
  const ours = await listOurs(octokit, o);
  const later = ours.find((x) => (o.newestRunWins || x.m.sha === o.marker.sha) && newerRun(x.m, o.marker));
  if (later)
    return {
      action: 'stale',
      reason: `run ${later.m.run} (attempt ${later.m.attempt}) already wrote this commit's comment`,
    };
  const [keep, ...duplicates] = ours;
  await remove(octokit, o.repo, duplicates);
  const next = o.body(keep?.m);
  if (next === undefined) return keep ? { action: 'unchanged', id: keep.c.id } : { action: 'nothing-to-say' };
  const marker: Marker = { ...o.marker, state: next.state };
  const body = `${formatMarker(marker)}\n${next.text}`;
  if (keep) {
    const updated = await update(octokit, o.repo, keep, body, marker);
    if (updated) return updated;
    core.info(`headsup comment ${keep.c.id} was deleted meanwhile; writing a new one`);
  }
  return create(octokit, o, body, marker);
}

/** Creates the comment, then lets the oldest of ours win over racing runs that created one too. */
async function create(octokit: Octokit, o: StickyOptions, body: string, marker: Marker): Promise<Outcome> {
  const { data } = await octokit.rest.issues.createComment({ ...o.repo, issue_number: o.number, body });
  // Two runs that both found nothing both create: look again, and let the oldest comment win.
  const now = await listOurs(octokit, o);
  if (now.length < 2 || now[0].c.id === data.id) return { action: 'created', id: data.id };
  const [oldest, ...rest] = now;
  if (newerRun(oldest.m, o.marker)) {
    await remove(octokit, o.repo, rest);
    return { action: 'stale', reason: 'a later run wrote the comment meanwhile' };
  }
  const updated = await update(octokit, o.repo, oldest, body, marker);
  // The oldest vanished meanwhile: ours stays, the other duplicates go.
  await remove(octokit, o.repo, updated ? rest : rest.filter((x) => x.c.id !== data.id));
  return updated ?? { action: 'created', id: data.id };
}

async function listOurs(octokit: Octokit, o: StickyOptions): Promise<{ c: IssueComment; m: Marker }[]> {
  const all = (await octokit.paginate(octokit.rest.issues.listComments, {
    ...o.repo,
    issue_number: o.number,
    per_page: 100,
  })) as IssueComment[];
  return all
    .map((c) => ({ c, m: parseMarker(c.body) }))
    .filter(
      (x): x is { c: IssueComment; m: Marker } =>
        x.m !== undefined && x.m.kind === o.marker.kind && x.m.key === o.marker.key && writtenBy(x.c, o.me),
    )
    .sort((a, b) => a.c.id - b.c.id);
}

async function remove(octokit: Octokit, repo: Repo, comments: { c: IssueComment }[]): Promise<void> {
  for (const d of comments) {
    try {
      await octokit.rest.issues.deleteComment({ ...repo, comment_id: d.c.id });
      core.info(`deleted duplicate headsup comment ${d.c.id}`);
    } catch (e) {
      // A racing run may have deleted it first.
      if (statusOf(e) !== 404) throw e;
    }
  }
}

/**
 * Edits in place; skips the call when only the run that wrote it would change. Undefined: the comment is gone
 * (404: deleted since we listed it; a token that cannot write gets 403, and could not have listed it on a 404).
 */
async function update(
  octokit: Octokit,
  repo: Repo,
  keep: { c: IssueComment; m: Marker },
  body: string,
  marker: Marker,
): Promise<Outcome | undefined> {
  const text = (b: string | null | undefined) => (b ?? '').slice((b ?? '').indexOf('\n') + 1);
  if (keep.m.sha === marker.sha && keep.m.state === marker.state && text(keep.c.body) === text(body))
    return { action: 'unchanged', id: keep.c.id };
  try {
    await octokit.rest.issues.updateComment({ ...repo, comment_id: keep.c.id, body });
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
  return { action: 'updated', id: keep.c.id };
}
