import * as core from '@actions/core';
import { posix } from 'node:path';
import { parseRevisionFile } from '../formats/alembic/parse.js';
import { code } from '../report/escape.js';
import type { Octokit } from './client.js';
import { isForbidden } from './client.js';
import { upsertSticky, type Author, type Repo } from './comment.js';
import type { RunContext } from './event.js';
import { runUrl } from './links.js';
import { plural } from '../report/wording.js';
import { listPrFiles } from './pr-files.js';

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

/** Open PRs' new revision files, read through the API only (no checkout of PR code). */
async function collect(
  octokit: Octokit,
  repo: Repo,
  base: string | undefined,
  isMigration: (p: string) => boolean,
) {
  const open = (await octokit.paginate(octokit.rest.pulls.list, {
    ...repo,
    state: 'open',
    ...(base ? { base } : {}),
    per_page: 100,
  })) as { number: number; head: { sha: string } }[];
  if (open.length > MAX_PRS)
    core.warning(`headsup radar: ${open.length} open PRs; looking at the ${MAX_PRS} most recent.`);
  const prs: RadarPr[] = [];
  for (const pr of open.slice(0, MAX_PRS)) {
    const { files, capped } = await listPrFiles(octokit, repo, pr.number);
    const candidates = files
      .filter((f) => (f.status === 'added' || f.status === 'renamed' || f.status === 'copied') && f.sha)
      .filter((f) => isMigration(f.filename))
      .slice(0, MAX_FILES_PER_PR);
    const revisions: RadarRevision[] = [];
    for (const f of candidates) {
      // By blob: PR heads from forks live in the base repository's object store too.
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
    if (revisions.length || capped) prs.push({ number: pr.number, headSha: pr.head.sha, revisions, capped });
  }
  return prs;
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

/**
 * Lists open PRs, finds new revisions that share a parent across PRs, and keeps a radar comment on each PR
 * involved (turned ✅ when the overlap is gone). Returns Markdown for the job summary.
 */
export async function runRadar(
  octokit: Octokit,
  o: {
    repo: Repo;
    run: RunContext;
    me: Author;
    key: string;
    base?: string;
    workingDirectory: string;
    migrations?: string[];
    comment: boolean;
  },
): Promise<{ summary: string; overlapping: number }> {
  const prs = await collect(octokit, o.repo, o.base, migrationPathFilter(o.workingDirectory, o.migrations));
  const overlaps = findOverlaps(prs);
  let readOnly = false;
  if (o.comment)
    for (const pr of prs) {
      if (readOnly) break;
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
            if (previous && previous.state !== 'clean')
              return { text: radarBody(pr, undefined, o.run), state: 'resolved' };
            return undefined;
          },
        });
        core.info(`radar #${pr.number}: ${outcome.action}`);
      } catch (e) {
        if (!isForbidden(e)) throw e;
        readOnly = true;
        core.notice(
          'headsup radar: comments skipped: the token cannot write to pull requests (needs pull-requests: write).',
        );
      }
    }
  const rows = [...overlaps].flatMap(([n, list]) =>
    list.map(
      (x) =>
        `| #${n} | ${cellCode(x.revision.id)} | ${cellCode(x.parent)} | ${x.others.map((y) => `#${y.number}`).join(', ')} |`,
    ),
  );
  const summary = [
    '### Open-PR radar',
    `${plural(prs.length, 'open PR')} ${prs.length === 1 ? 'adds' : 'add'} migrations; ${overlaps.size} share a parent revision with another.`,
    ...(rows.length
      ? ['| PR | new revision | parent | also built on by |\n|---|---|---|---|\n' + rows.join('\n')]
      : []),
    ...prs
      .filter((p) => p.capped)
      .map((p) => `> #${p.number}: more than 3,000 changed files; GitHub lists only 3,000.`),
  ].join('\n\n');
  return { summary, overlapping: overlaps.size };
}
