import type { Octokit } from './client.js';
import type { Repo } from './comment.js';
import { unzip } from './unzip.js';

/** The artifact name the check workflow uploads and the file inside it (see examples/workflows). */
export const ARTIFACT_NAME = 'headsup-report';
export const REPORT_FILE = 'headsup-report.json';
const MAX_ARTIFACT_BYTES = 20 << 20;

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

/** The report file from run `runId`'s artifact, or undefined when the run uploaded none. */
export async function downloadReport(
  octokit: Octokit,
  repo: Repo,
  runId: number,
): Promise<Buffer | undefined> {
  const artifacts = (await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    ...repo,
    run_id: runId,
    per_page: 100,
  })) as { id: number; name: string; expired: boolean; size_in_bytes: number }[];
  const artifact = artifacts
    .filter((a) => a.name === ARTIFACT_NAME && !a.expired)
    .sort((a, b) => b.id - a.id)[0];
  if (!artifact) return undefined;
  if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES)
    throw new ArtifactError(
      `artifact ${ARTIFACT_NAME} is ${artifact.size_in_bytes} bytes; a report is far smaller`,
    );
  // GitHub answers with a redirect to short-lived storage; fetch follows it without our Authorization header.
  const { data } = await octokit.rest.actions.downloadArtifact({
    ...repo,
    artifact_id: artifact.id,
    archive_format: 'zip',
  });
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
