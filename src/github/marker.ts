/**
 * The hidden first line that identifies headsup's own comments and reviews, and what they were written from.
 * Only the first line is read: report text further down (SQL in a code block) could contain a look-alike.
 */
export type MarkerKind = 'comment' | 'radar' | 'review';
/** clean: nothing found; findings: errors or warnings shown; resolved: clean after earlier findings. */
export type MarkerState = 'clean' | 'findings' | 'resolved';

export interface Marker {
  kind: MarkerKind;
  /** Which environment group (one comment per group and PR). */
  key: string;
  /** Head commit the body describes. */
  sha: string;
  run: number;
  attempt: number;
  state: MarkerState;
}

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LINE =
  /^<!-- headsup:(comment|radar|review) key=([a-z0-9][a-z0-9-]{0,39}) sha=([0-9a-f]{40}(?:[0-9a-f]{24})?|none) run=(\d{1,20}) attempt=(\d{1,6}) state=(clean|findings|resolved) -->$/;

export function formatMarker(m: Marker): string {
  if (!KEY.test(m.key)) throw new Error(`invalid marker key '${m.key}'`);
  return `<!-- headsup:${m.kind} key=${m.key} sha=${m.sha} run=${m.run} attempt=${m.attempt} state=${m.state} -->`;
}

export function parseMarker(body: string | null | undefined): Marker | undefined {
  const first = (body ?? '').split('\n', 1)[0].trimEnd();
  const m = LINE.exec(first);
  if (!m) return undefined;
  return {
    kind: m[1] as Marker['kind'],
    key: m[2],
    sha: m[3],
    run: Number(m[4]),
    attempt: Number(m[5]),
    state: m[6] as MarkerState,
  };
}

/** Whether `a` was written by a later run than `b` (re-runs keep the run id and raise the attempt). */
export function newerRun(a: Pick<Marker, 'run' | 'attempt'>, b: Pick<Marker, 'run' | 'attempt'>): boolean {
  return a.run > b.run || (a.run === b.run && a.attempt > b.attempt);
}

/** A stable key for a set of migration directories: 'default' when discovered. */
export function groupKey(dirs: string[] | undefined, workingDirectory = '.'): string {
  if (!dirs?.length && workingDirectory === '.') return 'default';
  const text = [workingDirectory, ...(dirs ?? []).slice().sort()].join('\n');
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(text)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return `g-${h.toString(16).padStart(8, '0')}`;
}
