import type { DryRun, DryRunLock, DryRunPhase, DryRunStep, EnvironmentReport } from './model.js';
import { plural } from './wording.js';

/** Words for the three passes, as every renderer says them. */
export const PHASE_WORDS: Record<DryRunPhase, string> = {
  upgrade: 'up',
  downgrade: 'down',
  reupgrade: 'up again',
};
const ORDER: DryRunPhase[] = ['upgrade', 'downgrade', 'reupgrade'];

export const duration = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);

/** One PR revision's passes, in order: what each ran and whether it failed. */
export interface RevisionPasses {
  revision: string;
  passes: { phase: DryRunPhase; step: DryRunStep }[];
  failed: boolean;
}

export function passesOf(env: EnvironmentReport, revision: string): RevisionPasses {
  const passes = ORDER.flatMap((phase) =>
    env.dryRun.steps
      .filter((s) => s.revision === revision && s.phase === phase)
      .map((step) => ({ phase, step })),
  );
  return { revision, passes, failed: passes.some((p) => p.step.error !== undefined) };
}

/** The statements a reviewer reads: the revision's own, without Alembic's version-table update. */
export function ownStatements(step: DryRunStep): DryRunStep['statements'] {
  return step.statements.filter((s) => !s.bookkeeping);
}

/** `up 3 statements 12 ms · down 1 statement 4 ms · up again …`. */
export function passesLine(p: RevisionPasses): string {
  return p.passes
    .map(
      ({ phase, step }) =>
        `${PHASE_WORDS[phase]} ${step.error !== undefined ? '✗' : '✓'} ${plural(ownStatements(step).length, 'statement')} ${duration(step.ms)}`,
    )
    .join(' · ');
}

/** The engine line: where it ran, the base replay, each phase's outcome. */
export function dryRunHeadline(d: DryRun): string {
  if (d.status === 'skipped') return `dry run skipped: ${d.reason ?? 'no reason given'}`;
  if (d.mode === 'offline') return `offline SQL (no database): ${d.reason ?? 'alembic upgrade --sql'}`;
  const bits = [`dry run on ${d.engine ?? d.database}`];
  if (d.baseReplay?.cached)
    bits.push(`base (${plural(d.baseReplay.revisions, 'revision')}) from the warm cache`);
  else if (d.baseReplay)
    bits.push(
      `base replayed: ${plural(d.baseReplay.revisions, 'revision')} in ${duration(d.baseReplay.ms)}${d.baseReplay.ok ? '' : ' ✗'}`,
    );
  for (const phase of ORDER) {
    const p = d.phases?.[phase];
    if (p) bits.push(`${PHASE_WORDS[phase]} ${p.ok ? '✓' : '✗'} ${duration(p.ms)}`);
  }
  if (d.drift && !d.drift.compared) bits.push('models not compared (no target_metadata)');
  else if (d.drift) {
    const fresh = d.drift.items.filter((i) => !i.preexisting).length;
    bits.push(fresh ? `models ✗ ${plural(fresh, 'difference')}` : 'models ✓');
  }
  return bits.join(' · ');
}

/** What a lock mode blocks, in a reviewer's words (PostgreSQL's table-level lock conflicts). */
export const LOCK_BLOCKS: Record<string, string> = {
  AccessExclusiveLock: 'blocks reads and writes',
  ExclusiveLock: 'blocks writes and most reads of rows for update',
  ShareRowExclusiveLock: 'blocks writes',
  ShareLock: 'blocks writes',
  ShareUpdateExclusiveLock: 'blocks other schema changes and VACUUM',
  RowExclusiveLock: 'blocks nothing ordinary',
  RowShareLock: 'blocks nothing ordinary',
  AccessShareLock: 'blocks nothing ordinary',
};

/** Locks a reviewer cares about: on relations that existed at the base heads, stronger than row locks. */
export function notableLocks(locks: DryRunLock[] | null): DryRunLock[] {
  if (!locks) return [];
  return locks.filter(
    (l) =>
      l.preexisting &&
      l.mode !== 'AccessShareLock' &&
      l.mode !== 'RowShareLock' &&
      l.mode !== 'RowExclusiveLock',
  );
}

/** `AccessExclusiveLock` → `ACCESS EXCLUSIVE`, as PostgreSQL's documentation names the modes. */
export function lockName(mode: string): string {
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}
