import { STATUS_CODES } from 'node:http';
import type { Octokit } from './client.js';
import { describeError, statusOf } from './client.js';
import type { Repo } from './comment.js';
import { unzip } from './unzip.js';

/** The artifact name the check workflow uploads and the file inside it (see examples/workflows). */
export const ARTIFACT_NAME = 'headsup-report';
export const REPORT_FILE = 'headsup-report.json';
const MAX_ARTIFACT_BYTES = 20 << 20;

/** The artifact's content is unusable: the uploader's doing, so a publish run refuses it. */
export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

/** GitHub could not hand the artifact over (expired, storage refused, API down): nothing to judge yet. */
export class ArtifactUnavailable extends Error {
  override name = 'ArtifactUnavailable';
}

/** The report file from run `runId`'s artifact, or undefined when the run uploaded none. */
export async function downloadReport(
  octokit: Octokit,
  repo: Repo,
  runId: number,
): Promise<Buffer | undefined> {
  const artifacts = await listArtifacts(octokit, repo, runId);
  const named = artifacts.filter((a) => a.name === ARTIFACT_NAME);
  const artifact = named.filter((a) => !a.expired).sort((a, b) => b.id - a.id)[0];
  if (!artifact) {
    if (named.length) throw new ArtifactUnavailable(`${what(runId)}: expired`);
    return undefined;
  }
  if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES)
    throw new ArtifactError(
      `artifact ${ARTIFACT_NAME} is ${artifact.size_in_bytes} bytes; a report is far smaller`,
    );
  let data: unknown;
  try {
    // GitHub answers with a redirect to short-lived storage; fetch follows it without our Authorization header.
    ({ data } = await octokit.rest.actions.downloadArtifact({
      ...repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    }));
  } catch (e) {
    throw new ArtifactUnavailable(`${what(runId)}: ${downloadFailure(e)}`);
  }
  const zip = Buffer.from(data as ArrayBuffer);
  if (zip.length > MAX_ARTIFACT_BYTES) throw new ArtifactError('artifact download is larger than announced');
  let files: Map<string, Buffer>;
  try {
    files = unzip(zip);
  } catch (e) {
    throw new ArtifactError((e as Error).message);
  }
  const matches = [...files.keys()].filter((n) => n === REPORT_FILE || n.endsWith(`/${REPORT_FILE}`));
  if (matches.length !== 1)
    throw new ArtifactError(
      `artifact ${ARTIFACT_NAME} holds ${matches.length} files named ${REPORT_FILE}; expected one`,
    );
  return files.get(matches[0]);
}

const what = (runId: number) => `could not download the ${ARTIFACT_NAME} artifact of run ${runId}`;

async function listArtifacts(octokit: Octokit, repo: Repo, runId: number) {
  try {
    return (await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
      ...repo,
      run_id: runId,
      per_page: 100,
    })) as { id: number; name: string; expired: boolean; size_in_bytes: number }[];
  } catch (e) {
    throw new ArtifactUnavailable(`could not list the artifacts of run ${runId}: ${describeError(e)}`);
  }
}

/** Why a download failed: GitHub says 410 once an artifact expired; storage answers after the redirect. */
function downloadFailure(e: unknown): string {
  const status = statusOf(e);
  if (status === 410) return 'expired (410)';
  const err = e as { request?: { url?: string }; response?: { url?: string } };
  // Storage's answer is XML or nothing, and its URL is signed: name the status only.
  if (status && err.response?.url && originOf(err.response.url) !== originOf(err.request?.url))
    return `artifact storage answered ${STATUS_CODES[status] ?? 'HTTP error'} (${status})`;
  return describeError(e);
}

function originOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '').origin;
  } catch {
    return undefined;
  }
}
