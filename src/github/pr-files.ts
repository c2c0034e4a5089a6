import type { Octokit } from './client.js';
import type { Repo } from './comment.js';

/** GitHub's "list pull request files" stops at 3,000 files, however many the PR changes. */
export const PR_FILES_CAP = 3000;

export interface PrFile {
  filename: string;
  status: string;
  sha?: string | null;
  patch?: string;
  previous_filename?: string;
}

export interface PrFiles {
  files: PrFile[];
  /** True when the listing hit GitHub's cap: files beyond it are invisible to the API. */
  capped: boolean;
}

export async function listPrFiles(
  octokit: Octokit,
  repo: Repo,
  number: number,
  changedFiles?: number,
): Promise<PrFiles> {
  const files = (await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...repo,
    pull_number: number,
    per_page: 100,
  })) as PrFile[];
  return {
    files,
    capped: files.length >= PR_FILES_CAP || (changedFiles !== undefined && changedFiles > files.length),
  };
}

/** Right-side (new file) lines a review comment may target: those in a hunk of the patch. */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let right = 0;
  for (const line of patch.replace(/\n$/, '').split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      right = Number(hunk[1]);
      continue;
    }
    if (right === 0 || line.startsWith('\\')) continue;
    if (line.startsWith('-')) continue;
    lines.add(right++);
  }
  return lines;
}
