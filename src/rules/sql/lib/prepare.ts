/**
 * Turns a phase's captured statements into what rules read: each parsed once, placed in its transaction,
 * with the locks it holds (traced, or inferred where no trace exists) and whether a lock_timeout covers it.
 */
import type { DryRunStatement, DryRunStep } from '../../../report/model.js';
import { myFacts, pgFacts } from './facts.js';
import { inferLocks, isLockMode, strength } from './locks.js';
import type { FuncCall } from 'libpg-query';
import { body, walk } from './pg.js';
import type { MyParser, PgNode, PgParser } from './parsers.js';
import type { Tables } from './tables.js';
import type { HeldLock, SqlDialect, Statement, Transaction } from './types.js';

/** Statements that name new objects: PostgreSQL truncates their identifiers past 63 bytes, silently. */
const NAMING = [
  'CreateStmt',
  'IndexStmt',
  'AlterTableStmt',
  'RenameStmt',
  'CreateEnumStmt',
  'CompositeTypeStmt',
  'CreateSeqStmt',
  'ViewStmt',
  'CreateTableAsStmt',
  'CreateSchemaStmt',
  'CreateTrigStmt',
  'CreateFunctionStmt',
  'CreateDomainStmt',
];

export interface Unparsed {
  statement: DryRunStatement;
  step: DryRunStep;
  error: string;
}

export interface Parsing {
  statements: Statement[];
  unparsed: Unparsed[];
}

/** Every statement of the steps parsed, in order; Alembic's bookkeeping kept (it ends a transaction) but not parsed. */
export function parseSteps(
  steps: readonly DryRunStep[],
  parser: PgParser | MyParser,
  dialect: SqlDialect,
  place: (step: DryRunStep, st: DryRunStatement) => { file?: string; line?: number },
): Parsing {
  const statements: Statement[] = [];
  const unparsed: Unparsed[] = [];
  for (const step of steps)
    for (const raw of step.statements) {
      const sql = raw.sql.trim();
      const s: Statement = {
        sql,
        raw,
        step,
        ...place(step, raw),
        facts: [],
        tables: [],
        tx: { statements: [], autocommit: false },
        locks: [],
        lockTimeout: false,
      };
      if (!raw.bookkeeping) {
        const parsed = parser.parse(sql);
        if (!parsed.ok) {
          unparsed.push({ statement: raw, step, error: parsed.error });
          continue;
        }
        const facts =
          dialect === 'postgresql' ? pgFacts(parsed.node as never) : myFacts(parsed.node as never);
        if (dialect === 'postgresql') {
          s.pg = parsed.node as Statement['pg'];
          if (NAMING.some((k) => k in parsed.node))
            s.identifiers = (parser as PgParser).identifiers(sql).map((t) => t.text);
        } else s.my = parsed.node as Statement['my'];
        s.facts = facts.facts;
        s.tables = facts.tables;
      }
      statements.push(s);
    }
  return { statements, unparsed };
}

/**
 * Places each statement in its transaction. Online, the runner runs a transaction per revision; a statement in
 * an `autocommit_block` runs alone and the next one opens a new transaction; an explicit COMMIT ends one and
 * the driver begins the next. Offline SQL spells its BEGIN and COMMIT, and between a COMMIT and a BEGIN each
 * statement runs alone. Session settings (SET lock_timeout) last across revisions: one connection runs them.
 */
export function link(
  statements: Statement[],
  opts: { mode: 'online' | 'offline'; tables: Tables; assumeLockTimeout: boolean },
): void {
  const { tables } = opts;
  let tx: Transaction | null = null;
  let step: DryRunStep | undefined;
  let session = opts.assumeLockTimeout;
  const local = new WeakMap<Transaction, boolean>();
  const held = new WeakMap<Transaction, Map<string, HeldLock>>();
  const open = (): Transaction => ({ statements: [], autocommit: false });
  for (const s of statements) {
    if (s.step !== step) {
      step = s.step;
      tx = open();
    }
    const control = transactionControl(s);
    let mine: Transaction;
    if (s.raw.autocommit) {
      mine = { statements: [], autocommit: true };
      tx = null;
    } else if (control === 'begin') {
      tx = mine = open();
    } else if (control === 'end') {
      mine = tx ?? { statements: [], autocommit: true };
      tx = opts.mode === 'online' ? open() : null;
    } else if (tx) mine = tx;
    else if (opts.mode === 'online') tx = mine = open();
    else mine = { statements: [], autocommit: true };
    mine.statements.push(s);
    s.tx = mine;

    const setting = lockTimeoutSetting(s.pg);
    if (setting?.local) local.set(mine, setting.on);
    else if (setting) session = setting.on;
    s.lockTimeout = session || (local.get(mine) ?? false);

    const before = held.get(mine) ?? new Map<string, HeldLock>();
    const own = ownLocks(s, tables);
    const merged = new Map(before);
    for (const l of own) {
      const k = tables.key(l.table);
      const prev = merged.get(k);
      if (!prev || strength(l.mode) > strength(prev.mode)) merged.set(k, l);
    }
    s.locks = [...merged.values()];
    if (!mine.autocommit) held.set(mine, merged);
  }
}

/** The locks the statement itself took: pg_locks rows on tables when traced, else what its kind needs. */
function ownLocks(s: Statement, tables: Tables): HeldLock[] {
  if (s.raw.locks)
    return s.raw.locks.flatMap((l) =>
      isLockMode(l.mode) && tables.isTable(l.relation)
        ? [{ table: l.relation, mode: l.mode, how: 'traced' as const, by: s }]
        : [],
    );
  if (!s.pg) return [];
  return inferLocks(s.pg)
    .filter((l) => l.table)
    .map((l) => ({ ...l, how: 'inferred' as const, by: s }));
}

/** BEGIN/COMMIT as PostgreSQL parses them (MySQL's DDL commits implicitly: its rules need no transactions). */
function transactionControl(s: Statement): 'begin' | 'end' | undefined {
  const kind = body(s.pg, 'TransactionStmt')?.kind;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'begin';
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') return 'end';
  return undefined;
}

/** `SET [LOCAL] lock_timeout = …`, `RESET lock_timeout`, `SELECT set_config('lock_timeout', …, local)`. */
export function lockTimeoutSetting(node: PgNode | undefined): { on: boolean; local: boolean } | undefined {
  const set = body(node, 'VariableSetStmt');
  if (set && set.kind === 'VAR_RESET_ALL') return { on: false, local: !!set.is_local };
  if (set?.name === 'lock_timeout') {
    if (set.kind !== 'VAR_SET_VALUE') return { on: false, local: !!set.is_local };
    const value = body(set.args?.[0], 'A_Const');
    return { on: !isZero(value?.sval?.sval ?? String(value?.ival?.ival ?? 0)), local: !!set.is_local };
  }
  for (const [kind, v] of walk(body(node, 'SelectStmt'))) {
    const call = kind === 'FuncCall' ? (v as FuncCall) : undefined;
    if (call?.funcname?.map((n) => body(n, 'String')?.sval).at(-1) !== 'set_config') continue;
    const [name, value, local] = (call.args ?? []).map((a) => body(a, 'A_Const'));
    if (name?.sval?.sval !== 'lock_timeout') continue;
    return { on: !isZero(value?.sval?.sval ?? '0'), local: local?.boolval?.boolval === true };
  }
  return undefined;
}

/** `0`, `'0'`, `'0s'`: PostgreSQL's "no timeout". */
function isZero(value: string): boolean {
  return /^\s*0+\s*(us|ms|s|min|h|d)?\s*$/i.test(value);
}
