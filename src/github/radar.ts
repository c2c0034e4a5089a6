import * as core from '@actions/core';
import { posix } from 'node:path';
import { parseRevisionFile } from '../formats/alembic/parse.js';
import { code } from '../report/escape.js';
import type { Octokit } from './client.js';
import { describeError, isForbidden, isRateLimited, statusOf } from './client.js';
import { upsertSticky, type Author, type Repo } from './comment.js';
import type { RunContext } from './event.js';
import { runUrl } from './links.js';
import { listPrFiles } from './pr-files.js';
import { plural, someOf } from '../report/wording.js';

/** GFM splits table cells on `|`, even inside code spans. */
const cellCode = (s: string) => code(s).replace(/\|/g, '\\|');

/** Bounds on API work: a radar run must stay cheap however many PRs are open. */
const MAX_PRS = 200;
const MAX_FILES_PER_PR = 50;
const MAX_FILE_BYTES = 1 << 20;

export interface RadarRevision {
  id: string;
  parents: string[];
  file: string;
}

export interface RadarPr {
  number: number;
  headSha: string;
  revisions: RadarRevision[];
  /** GitHub listed only the first 3,000 files: migrations beyond that are unseen. */
  capped: boolean;
}

export interface Overlap {
  parent: string;
  revision: RadarRevision;
  /** Other PRs with a new revision on the same parent. */
  others: { number: number; revision: string }[];
}

/** Which added files could be revision files: under the named directories, or any `versions/` folder. */
export function migrationPathFilter(
  workingDirectory: string,
  migrations?: string[],
): (path: string) => boolean {
  if (!migrations?.length) return (p) => p.endsWith('.py') && /(^|\/)versions\//.test(p);
  const roots = migrations.map((m) => posix.normalize(posix.join(workingDirectory, m)).replace(/^\.\/?/, ''));
  return (p) => p.endsWith('.py') && roots.some((r) => r === '' || p.startsWith(`${r}/`));
}

/** For each PR, its new revisions whose parent is also the parent of another open PR's new revision. */
export function findOverlaps(prs: RadarPr[]): Map<number, Overlap[]> {
  const byParent = new Map<string, { number: number; revision: string }[]>();
  for (const pr of prs) {
    const own = new Set(pr.revisions.map((r) => r.id));
    for (const r of pr.revisions)
      for (const p of r.parents) {
        if (own.has(p)) continue;
        const list = byParent.get(p) ?? [];
        list.push({ number: pr.number, revision: r.id });
        byParent.set(p, list);
      }
  }
  const out = new Map<number, Overlap[]>();
  for (const pr of prs) {
    const own = new Set(pr.revisions.map((r) => r.id));
    const overlaps: Overlap[] = [];
    for (const r of pr.revisions)
      for (const p of r.parents) {
        if (own.has(p)) continue;
        const others = (byParent.get(p) ?? []).filter((o) => o.number !== pr.number);
        if (others.length) overlaps.push({ parent: p, revision: r, others });
      }
    if (overlaps.length) out.set(pr.number, overlaps);
  }
  return out;
}

/** The radar could not start (GitHub would not list open PRs): one line, not a stack. */
export class RadarError extends Error {
  override name = 'RadarError';
}

/** A PR the radar could not look at or comment on, and why. */
export interface Skipped {
  number: number;
  reason: string;
}

/** GitHub refused for the whole token (not for this one PR): every later call would fail the same way. */
function tokenFailure(e: unknown): boolean {
  const s = statusOf(e);
  if (isRateLimited(e) || s === 401) return true;
  // A locked conversation is one PR's state; anything else refused is the token's permissions.
  return s === 403 && !/\blocked\b/i.test(describeError(e));
}

/**
 * Decides when to stop calling GitHub for the remaining PRs: at once for a token-wide refusal, or after a
 * few outages in a row (5xx after retries, timeouts), rather than spend minutes per PR on a broken API.
 */
class Breaker {
  private outages = 0;
  reason?: string;
  ok(): void {
    this.outages = 0;
  }
  /** Records a failure; true when the loop should stop. */
  trip(e: unknown): boolean {
    const s = statusOf(e);
    if (tokenFailure(e)) this.reason = describeError(e);
    else if ((s === undefined || s >= 500) && ++this.outages >= 3)
      this.reason = `GitHub API keeps failing: ${describeError(e)}`;
    return this.reason !== undefined;
  }
}

interface OpenPr {
  number: number;
  head: { sha: string };
}

/** One PR's new revisions, read by blob (PR heads from forks live in the base repository's object store too). */
async function readPr(
  octokit: Octokit,
  repo: Repo,
  pr: OpenPr,
  isMigration: (p: string) => boolean,
): Promise<RadarPr | undefined> {
  const { files, capped } = await listPrFiles(octokit, repo, pr.number);
  const candidates = files
    .filter((f) => (f.status === 'added' || f.status === 'renamed' || f.status === 'copied') && f.sha)
    .filter((f) => isMigration(f.filename))
    .slice(0, MAX_FILES_PER_PR);
  const revisions: RadarRevision[] = [];
  for (const f of candidates) {
    const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: f.sha! });
    if ((data.size ?? 0) > MAX_FILE_BYTES) continue;
    const parsed = await parseRevisionFile(f.filename, Buffer.from(data.content, 'base64'));
    const id = parsed.revision?.value;
    if (id && parsed.downRevision)
      revisions.push({ id, parents: parsed.downRevision.value, file: f.filename });
  }
  if (capped)
    core.warning(
      `headsup radar: #${pr.number} changes more than 3,000 files; GitHub lists only 3,000, so some of its migrations may be unseen.`,
    );
  return revisions.length || capped
    ? { number: pr.number, headSha: pr.head.sha, revisions, capped }
    : undefined;
}

/**
 * Open PRs' new revision files, read through the API only (no checkout of PR code). A PR whose files cannot
 * be read is skipped with its reason; the others are still checked.
 */
async function collect(
  octokit: Octokit,
  repo: Repo,
  base: string | undefined,
  isMigration: (p: string) => boolean,
) {
  let open: OpenPr[];
  try {
    open = (await octokit.paginate(octokit.rest.pulls.list, {
      ...repo,
      state: 'open',
      ...(base ? { base } : {}),
      per_page: 100,
    })) as OpenPr[];
  } catch (e) {
    throw new RadarError(`radar: could not list open PRs: ${describeError(e)}`);
  }
  if (open.length > MAX_PRS)
    core.warning(`headsup radar: ${open.length} open PRs; looking at the ${MAX_PRS} most recent.`);
  const list = open.slice(0, MAX_PRS);
  const prs: RadarPr[] = [];
  const unchecked: Skipped[] = [];
  const breaker = new Breaker();
  for (const [i, pr] of list.entries()) {
    try {
      const found = await readPr(octokit, repo, pr, isMigration);
      breaker.ok();
      if (found) prs.push(found);
    } catch (e) {
      const reason = describeError(e);
      core.warning(`headsup radar: #${pr.number} not checked: could not read its files: ${reason}`);
      unchecked.push({ number: pr.number, reason });
      if (!breaker.trip(e)) continue;
      core.warning(`headsup radar: stopped reading open PRs: ${breaker.reason}`);
      for (const rest of list.slice(i + 1)) unchecked.push({ number: rest.number, reason: 'not reached' });
      break;
    }
  }
  return { prs, unchecked, complete: open.length <= MAX_PRS && !unchecked.length };
}

function radarBody(pr: RadarPr, overlaps: Overlap[] | undefined, run: RunContext): string {
  const url = runUrl(run);
  const footer = `<sub>headsup radar${url ? ` · [run](${url})` : ''}</sub>`;
  if (!overlaps)
    return [
      '### headsup · open-PR radar',
      '✅ No other open PR builds on the same parent revision as this one anymore.',
      footer,
    ].join('\n\n');
  const lines = overlaps.map((o) => {
    const others = o.others.map((x) => `#${x.number} (${code(x.revision)})`).join(', ');
    return `- ${code(o.revision.id)} in ${code(o.revision.file)} revises ${code(o.parent)}; ${others} also build${o.others.length === 1 ? 's' : ''} on ${code(o.parent)}.`;
  });
  return [
    '### headsup · open-PR radar',
    '⚠️ **Another open PR builds on the same parent revision.** Whichever merges second must re-parent its revision onto the other (or add a merge revision).',
    lines.join('\n'),
    footer,
  ].join('\n\n');
}

export interface RadarOptions {
  repo: Repo;
  run: RunContext;
  me: Author;
  key: string;
  base?: string;
  workingDirectory: string;
  migrations?: string[];
  comment: boolean;
}

/**
 * Lists open PRs, finds new revisions that share a parent across PRs, and keeps a radar comment on each PR
 * involved (turned ✅ when the overlap is gone). Returns Markdown for the job summary.
 */
export async function runRadar(
  octokit: Octokit,
  o: RadarOptions,
): Promise<{ summary: string; overlapping: number }> {
  const { prs, unchecked, complete } = await collect(
    octokit,
    o.repo,
    o.base,
    migrationPathFilter(o.workingDirectory, o.migrations),
  );
  const overlaps = findOverlaps(prs);
  const skipped = o.comment ? await commentAll(octokit, o, prs, overlaps, complete) : [];
  // Without comments there is no ✅ to hold back.
  const summary = radarSummary(prs, overlaps, unchecked, skipped, complete || !o.comment);
  return { summary, overlapping: overlaps.size };
}

/**
 * Keeps the radar comment of each PR up to date. One PR that cannot take a comment (locked, closed meanwhile)
 * is skipped; a token that cannot write, or a rate limit, stops the loop. While some open PR went unchecked,
 * a warning is not turned ✅: the overlap may be with that PR.
 */
async function commentAll(
  octokit: Octokit,
  o: RadarOptions,
  prs: RadarPr[],
  overlaps: Map<number, Overlap[]>,
  complete: boolean,
): Promise<Skipped[]> {
  const skipped: Skipped[] = [];
  const breaker = new Breaker();
  for (const pr of prs) {
    const mine = overlaps.get(pr.number);
    try {
      const outcome = await upsertSticky(octokit, {
        repo: o.repo,
        number: pr.number,
        me: o.me,
        newestRunWins: true,
        marker: { kind: 'radar', key: o.key, sha: pr.headSha, run: o.run.runId, attempt: o.run.runAttempt },
        body: (previous) => {
          if (mine) return { text: radarBody(pr, mine, o.run), state: 'findings' };
          if (complete && previous && previous.state !== 'clean')
            return { text: radarBody(pr, undefined, o.run), state: 'resolved' };
          return undefined;
        },
      });
      breaker.ok();
      core.info(`radar #${pr.number}: ${outcome.action}`);
    } catch (e) {
      if (isForbidden(e) && tokenFailure(e)) {
        core.notice(
          `headsup radar: comments skipped: the token cannot write to pull requests (needs pull-requests: write; ${describeError(e)}).`,
        );
        break;
      }
      const reason = describeError(e);
      core.warning(`headsup radar: #${pr.number}: comment skipped: ${reason}`);
      skipped.push({ number: pr.number, reason });
      if (!breaker.trip(e)) continue;
      core.warning(`headsup radar: comments stopped: ${breaker.reason}`);
      break;
    }
  }
  return skipped;
}

const skippedList = (list: Skipped[]) =>
  someOf(
    list.map((x) => `#${x.number} (${code(x.reason)})`),
    20,
  );

function radarSummary(
  prs: RadarPr[],
  overlaps: Map<number, Overlap[]>,
  unchecked: Skipped[],
  skipped: Skipped[],
  complete: boolean,
): string {
  const rows = [...overlaps].flatMap(([n, list]) =>
    list.map(
      (x) =>
        `| #${n} | ${cellCode(x.revision.id)} | ${cellCode(x.parent)} | ${x.others.map((y) => `#${y.number}`).join(', ')} |`,
    ),
  );
  const problems = [
    ...(unchecked.length
      ? [`${plural(unchecked.length, 'open PR')} not checked: ${skippedList(unchecked)}.`]
      : []),
    ...(!complete
      ? ['Radar warnings were not turned ✅ this run: an overlap may be with a PR that was not checked.']
      : []),
    ...(skipped.length ? [`Radar comment not updated on ${skippedList(skipped)}.`] : []),
  ];
  return [
    '### Open-PR radar',
    `${plural(prs.length, 'open PR')} ${prs.length === 1 ? 'adds' : 'add'} migrations; ${overlaps.size} share a parent revision with another.`,
    ...(rows.length
      ? ['| PR | new revision | parent | also built on by |\n|---|---|---|---|\n' + rows.join('\n')]
      : []),
    ...(problems.length ? [`> [!WARNING]\n${problems.map((p) => `> ${p}`).join('\n>\n')}`] : []),
    ...prs
      .filter((p) => p.capped)
      .map((p) => `> #${p.number}: more than 3,000 changed files; GitHub lists only 3,000.`),
  ].join('\n\n');
}
