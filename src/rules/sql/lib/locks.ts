/**
 * PostgreSQL's table locks: their order, what each blocks, and which a statement needs when no trace says
 * (offline SQL, statements run in autocommit). A trace from pg_locks always wins over these inferences.
 */
import { duration, LOCK_BLOCKS, lockName } from '../../../report/dry-run-view.js';
import { alterCommands, body, constraintOf, relationName } from './pg.js';
import type { PgNode } from './parsers.js';
import type { HeldLock, LockMode, Statement } from './types.js';

export const LOCK_ORDER: readonly LockMode[] = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
];

export function isLockMode(mode: string): mode is LockMode {
  return (LOCK_ORDER as readonly string[]).includes(mode);
}

export function strength(mode: LockMode): number {
  return LOCK_ORDER.indexOf(mode);
}

/** At least SHARE: blocks writes (INSERT, UPDATE, DELETE) or more. */
export function blocksWrites(mode: LockMode): boolean {
  return strength(mode) >= strength('ShareLock');
}

/** `ACCESS EXCLUSIVE lock (blocks reads and writes)`. */
export function lockWords(mode: LockMode): string {
  return `${lockName(mode)} lock (${LOCK_BLOCKS[mode]})`;
}

/** The locks a statement needs on tables, read from its parse tree (PostgreSQL's documented lock levels). */
export function inferLocks(node: PgNode): { table: string; mode: LockMode }[] {
  const index = body(node, 'IndexStmt');
  if (index)
    return [
      {
        table: relationName(index.relation),
        mode: index.concurrent ? 'ShareUpdateExclusiveLock' : 'ShareLock',
      },
    ];
  const alter = body(node, 'AlterTableStmt');
  if (alter?.objtype === 'OBJECT_TABLE') {
    const table = relationName(alter.relation);
    const out: { table: string; mode: LockMode }[] = [];
    let mode: LockMode = 'ShareUpdateExclusiveLock';
    for (const cmd of alterCommands(alter)) {
      const fk = constraintOf(cmd.def);
      const m: LockMode =
        cmd.subtype === 'AT_ValidateConstraint' ||
        cmd.subtype === 'AT_SetStatistics' ||
        cmd.subtype === 'AT_SetOptions' ||
        cmd.subtype === 'AT_ResetOptions'
          ? 'ShareUpdateExclusiveLock'
          : cmd.subtype === 'AT_AddConstraint' && fk?.contype === 'CONSTR_FOREIGN'
            ? 'ShareRowExclusiveLock'
            : 'AccessExclusiveLock';
      if (strength(m) > strength(mode)) mode = m;
      if (fk?.contype === 'CONSTR_FOREIGN' && fk.pktable)
        out.push({ table: relationName(fk.pktable), mode: 'ShareRowExclusiveLock' });
    }
    return [{ table, mode }, ...out];
  }
  const rename = body(node, 'RenameStmt');
  if (rename?.relation) return [{ table: relationName(rename.relation), mode: 'AccessExclusiveLock' }];
  const truncate = body(node, 'TruncateStmt');
  if (truncate)
    return (truncate.relations ?? []).map((r) => ({
      table: relationName(body(r, 'RangeVar')),
      mode: 'AccessExclusiveLock',
    }));
  const cluster = body(node, 'ClusterStmt');
  if (cluster?.relation) return [{ table: relationName(cluster.relation), mode: 'AccessExclusiveLock' }];
  const vacuum = body(node, 'VacuumStmt');
  if (vacuum) {
    const full = (vacuum.options ?? []).some((o) => body(o, 'DefElem')?.defname === 'full');
    return (vacuum.rels ?? []).map((r) => ({
      table: relationName(body(r, 'VacuumRelation')?.relation),
      mode: full ? 'AccessExclusiveLock' : 'ShareUpdateExclusiveLock',
    }));
  }
  const reindex = body(node, 'ReindexStmt');
  if (reindex?.relation && reindex.kind === 'REINDEX_OBJECT_TABLE')
    return [{ table: relationName(reindex.relation), mode: 'ShareLock' }];
  const lock = body(node, 'LockStmt');
  if (lock) {
    const mode = LOCK_STMT_MODES[lock.mode ?? 8] ?? 'AccessExclusiveLock';
    return (lock.relations ?? []).map((r) => ({ table: relationName(body(r, 'RangeVar')), mode }));
  }
  const drop = body(node, 'DropStmt');
  if (drop?.removeType === 'OBJECT_TABLE')
    return (drop.objects ?? []).map((o) => ({
      table: (body(o, 'List')?.items ?? []).map((i) => body(i, 'String')?.sval).join('.'),
      mode: 'AccessExclusiveLock',
    }));
  const dml = body(node, 'UpdateStmt') ?? body(node, 'DeleteStmt') ?? body(node, 'InsertStmt');
  if (dml?.relation) return [{ table: relationName(dml.relation), mode: 'RowExclusiveLock' }];
  return [];
}

/** LOCK TABLE's numeric modes (PostgreSQL's lockdefs.h). */
const LOCK_STMT_MODES: Record<number, LockMode> = {
  1: 'AccessShareLock',
  2: 'RowShareLock',
  3: 'RowExclusiveLock',
  4: 'ShareUpdateExclusiveLock',
  5: 'ShareLock',
  6: 'ShareRowExclusiveLock',
  7: 'ExclusiveLock',
  8: 'AccessExclusiveLock',
};

/** The strongest lock the statement holds on `table` (its own or its transaction's), if any. */
export function lockOn(s: Statement, table: string, key: (t: string) => string): HeldLock | undefined {
  const k = key(table);
  return s.locks
    .filter((l) => key(l.table) === k)
    .reduce<HeldLock | undefined>((a, l) => (!a || strength(l.mode) > strength(a.mode) ? l : a), undefined);
}

/**
 * How long a lock taken by `s` was held on the throwaway database: from `s` to the end of its transaction
 * (the sum of the statements' times; commits are not timed).
 */
export function heldMs(s: Statement): number {
  const all = s.tx.statements;
  return all.slice(all.indexOf(s)).reduce((t, x) => t + x.raw.ms, 0);
}

/**
 * How headsup knows of a lock, in one sentence: traced, with the time it was held on the throwaway database
 * (an empty copy: said as such, not as a forecast), or inferred from the statement where nothing was traced.
 */
export function lockEvidence(l: HeldLock, mode: 'online' | 'offline'): string {
  if (l.how === 'inferred')
    return mode === 'offline'
      ? 'The lock is inferred from the statement (offline SQL: nothing was traced).'
      : l.by.raw.autocommit
        ? 'The lock is inferred from the statement (it ran in autocommit, where locks are not traced).'
        : 'The lock is inferred from the statement (no lock trace covers it).';
  const until = l.by.tx.autocommit ? '' : ', to the end of its transaction';
  return `The lock was traced on the throwaway database and held ${duration(heldMs(l.by))} there${until}; production’s rows make it longer.`;
}
