import type { AddedRevision, EnvironmentReport, Finding, Report } from '../../src/report/model.js';
import { countFindings } from '../../src/report/model.js';

/** One environment in which the PR adds `added` on top of `baseHead`; everything else plain. */
export function environmentOf(
  added: AddedRevision[],
  baseHead: string,
  over: Partial<EnvironmentReport> = {},
): EnvironmentReport {
  return {
    kind: 'alembic',
    path: 'migrations',
    source: 'alembic.ini',
    baseHeads: [baseHead],
    mergedHeads: [baseHead, ...added.map((a) => a.revision)],
    added,
    modified: [],
    deleted: [],
    revisionCount: added.length + 1,
    dryRun: { status: 'skipped', reason: 'no database', database: 'none', steps: [], schemaDiff: null },
    sketch: {
      nodes: [
        { id: baseHead, origin: 'base', head: true },
        ...added.map((a) => ({ id: a.revision, origin: 'pr' as const, head: true })),
      ],
      edges: added.flatMap((a) => a.downRevisions.map((d) => ({ from: d, to: a.revision }))),
    },
    ...over,
  };
}

/** A failing report over the given environments and findings. */
export function reportOf(
  environments: EnvironmentReport[],
  findings: Finding[],
  over: Partial<Report> = {},
): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'headsup', version: '0.0.0-test' },
    ok: false,
    failOn: 'error',
    base: { ref: 'main', sha: null },
    head: { ref: 'pr', sha: null },
    environments,
    findings,
    counts: countFindings(findings),
    ...over,
  };
}
