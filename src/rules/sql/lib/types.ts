import type { DryRunStatement, DryRunStep, Severity } from '../../../report/model.js';
import type { MyNode, PgNode } from './parsers.js';
import type { Fact } from './facts.js';
import type { Tables } from './tables.js';
import type { Version } from './version.js';

export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

/** What `headsup rules <id>` shows: Alembic code as a user writes it, before and after. */
export interface RuleExample {
  unsafe: string;
  safe: string;
}

/** A rule's card: what it is, for the docs and the report. */
export interface SqlRuleMeta {
  /** kebab-case, stable: users suppress and configure rules by it. */
  id: string;
  severity: Severity;
  dialects: readonly SqlDialect[];
  /** One line: what the rule flags and why it matters. */
  doc: string;
  /** The safe alternative, in one or two sentences (the finding's fix unless the rule says better). */
  safe: string;
  example: RuleExample;
}

/** What a rule says about one statement. */
export interface Hit {
  message: string;
  /** Overrides the rule's `safe` when the statement allows a more exact fix. */
  fix?: string;
}

export interface SqlRule extends SqlRuleMeta {
  check(s: Statement, ctx: RuleContext): Hit | Hit[] | undefined;
}

/** A lock a statement holds on a table, and how headsup knows. */
export interface HeldLock {
  table: string;
  mode: LockMode;
  /** traced: pg_locks on the throwaway database; inferred: from the statement (offline, autocommit). */
  how: 'traced' | 'inferred';
  /** The statement that took it (this one, or an earlier one in the same transaction). */
  by: Statement;
}

export type LockMode =
  | 'AccessShareLock'
  | 'RowShareLock'
  | 'RowExclusiveLock'
  | 'ShareUpdateExclusiveLock'
  | 'ShareLock'
  | 'ShareRowExclusiveLock'
  | 'ExclusiveLock'
  | 'AccessExclusiveLock';

/** One transaction (or one autocommit statement) of a phase. */
export interface Transaction {
  statements: Statement[];
  /** Ran outside a transaction block (an `autocommit_block`, or between COMMIT and BEGIN). */
  autocommit: boolean;
}

/** One executed statement with everything a rule may ask of it. */
export interface Statement {
  sql: string;
  raw: DryRunStatement;
  step: DryRunStep;
  /** Where the finding goes: the op.* line, or the revision file when the SQL was rendered offline. */
  file?: string;
  line?: number;
  /** PostgreSQL's parse tree of it (postgresql), else node-sql-parser's (mysql, sqlite). */
  pg?: PgNode;
  my?: MyNode;
  /** What it does in every dialect's words (drops, renames, data changes). */
  facts: Fact[];
  /** Every table it names. */
  tables: string[];
  /** PostgreSQL statements that name new objects: their identifiers as written (the tree has them truncated). */
  identifiers?: string[];
  tx: Transaction;
  /** Locks on tables this statement holds when it runs: its own and those taken earlier in its transaction. */
  locks: HeldLock[];
  /** A `lock_timeout` is in effect for it (SET earlier in the session or SET LOCAL in its transaction). */
  lockTimeout: boolean;
}

export interface RuleContext {
  dialect: SqlDialect;
  /** The server version rules assume (config, else the dry run's server, else a default), said in messages. */
  version: Version;
  mode: 'online' | 'offline';
  tables: Tables;
  /** Every statement of the phase, in order (rules that look back or ahead). */
  statements: readonly Statement[];
}
