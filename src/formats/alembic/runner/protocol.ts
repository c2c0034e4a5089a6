/**
 * The messages between headsup and its Alembic runner (runner.py, shipped in dist/): one JSON object per
 * line on file descriptor 3, both ways, so that what env.py prints on stdout/stderr never mixes with them.
 * Every message from Python is validated before use (see validate.ts): the runner runs inside the user's
 * environment, next to the user's code.
 */
import type { ConnectTarget, LockRow } from '../../../databases/types.js';

/** How the runner is started (passed as JSON in HEADSUP_RUNNER_CONFIG). */
export interface RunnerConfig {
  /** Absolute path of the checked-out tree the migrations run from (repo root). */
  root: string;
  /** The ini file, absolute, when the environment has one; Alembic runs from its folder. */
  configFile?: string;
  /** Its section when not [alembic] (`alembic -n NAME`). */
  section?: string;
  /** Absolute script location (the folder holding env.py) when there is no ini to say it. */
  scriptLocation?: string;
  /** Absolute version locations, when headsup knows them without an ini (explicit or env.py-only environments). */
  versionLocations?: string[];
  /** Where engines go; absent when a `target` command will say it (Python starts while the database boots). */
  target?: ConnectTarget;
  /** Environment variable(s) that also get the throwaway URL (default ["DATABASE_URL"]). */
  urlVariables: string[];
  /** Per-statement timeout in ms (PostgreSQL statement_timeout, MySQL max_execution_time / lock_wait_timeout); 0 = none. */
  statementTimeoutMs: number;
  /** Probe pg_locks after every statement (PostgreSQL only). */
  traceLocks: boolean;
}

/** Node → Python. */
export type Command =
  /** Where every engine goes from now on, once the throwaway database exists. */
  | { cmd: 'target'; target: ConnectTarget; traceLocks: boolean }
  /** Runs `alembic upgrade T` (or downgrade) for each target in turn, in one process, capturing every statement. */
  | { cmd: 'upgrade' | 'downgrade'; targets: string[]; traceLocks?: boolean }
  /** Runs exactly these revisions' downgrade(), in this order (children first), with Alembic's bookkeeping. */
  | { cmd: 'unapply'; revisions: string[] }
  /** Offline: `alembic upgrade FROM:TO --sql` per range, the SQL split per revision. */
  | { cmd: 'offline'; ranges: string[] }
  /**
   * Model drift: runs env.py as `alembic check` does and compares its target_metadata with the database
   * (Alembic's compare_metadata, with env.py's include_object/include_name, compare_type, ... honoured). Writes
   * nothing. `ignoreTables`: headsup's own tables (a marker table), by name or `schema.name`, left out on both
   * sides; Alembic's version table is always left out.
   */
  | { cmd: 'drift'; ignoreTables?: string[] }
  | { cmd: 'exit' };

export interface CapturedStatement {
  sql: string;
  /** Wall time of the statement on the throwaway database. */
  ms: number;
  /** The migration file (repo-relative posix) and line whose code issued it; absent for Alembic's own bookkeeping. */
  file?: string;
  line?: number;
  /** Relation locks the statement added (PostgreSQL with traceLocks); null when not traced (autocommit). */
  locks?: LockRow[] | null;
  /** Ran outside a transaction (autocommit_block, CONCURRENTLY). */
  autocommit?: boolean;
  /** Alembic's own version-table update at the end of a revision, not the revision's code. */
  bookkeeping?: boolean;
  /** PostgreSQL: lock_timeout and statement_timeout in force for it (null: none; headsup's own guard not counted). */
  timeouts?: { lock: string | null; statement: string | null };
}

/** What compare_metadata reports, one kind per diff tuple; 'other' for an op Alembic or a plugin adds that headsup does not know. */
export const DRIFT_KINDS = [
  'add_table',
  'remove_table',
  'add_table_comment',
  'remove_table_comment',
  'add_column',
  'remove_column',
  'modify_type',
  'modify_nullable',
  'modify_default',
  'modify_comment',
  'add_index',
  'remove_index',
  'add_constraint',
  'remove_constraint',
  'add_fk',
  'remove_fk',
  'other',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One difference between the models (env.py's target_metadata) and the database the migrations built. */
export interface DriftItem {
  kind: DriftKind;
  /**
   * Which side has it: 'models' = the models have what the migrations do not create (add_*, and modify_*:
   * the models ask for another type, nullability, default or comment); 'database' = the migrations create
   * what the models lack (remove_*).
   */
  side: 'models' | 'database';
  schema?: string;
  table?: string;
  column?: string;
  /** The index's or constraint's name. */
  name?: string;
  /** modify_* and table comments: what each side has, as SQL text (`VARCHAR(50)`, `NOT NULL`, `server default now()`). */
  models?: string;
  database?: string;
  /** One line a reviewer reads: `column users.nickname: the models have VARCHAR(50), the database has TEXT`. */
  detail: string;
}

/** Python → Node. */
export type RunnerMessage =
  | {
      t: 'hello';
      python: string;
      executable: string;
      alembic: string;
      sqlalchemy: string;
    }
  /** The runner cannot work in this interpreter (alembic or sqlalchemy missing, too old). */
  | { t: 'unavailable'; message: string }
  /** env.py called context.configure (first time per command). */
  | {
      t: 'configured';
      versionTable: string;
      versionTableSchema: string | null;
      hasTargetMetadata: boolean;
      offline: boolean;
    }
  /**
   * An engine the user's code created, and where the runner pointed it (passwords masked). `async`: it needed
   * an async driver. `ignored`: create_engine arguments dropped because they bypass the URL or belong to
   * another driver (creator, async_creator, pool, connect_args).
   */
  | { t: 'engine'; requested: string; used: string; async?: boolean; ignored?: string[] }
  | { t: 'begin'; revision: string; direction: 'upgrade' | 'downgrade'; file: string }
  | ({ t: 'statement' } & CapturedStatement)
  | { t: 'end'; revision: string; direction: 'upgrade' | 'downgrade'; ms: number }
  /** Offline SQL of one revision (the text Alembic rendered). */
  | { t: 'offline-sql'; revision: string; sql: string }
  /**
   * The drift command's comparison (sent before `done`). `heads`: the revisions the database was at. Items
   * in a stable order: by schema, table, kind, column, name.
   */
  | { t: 'drift'; hasTargetMetadata: boolean; heads: string[]; diffs: DriftItem[] }
  | { t: 'done'; ms: number }
  | {
      t: 'failed';
      /** The database's own message, or the Python exception's. */
      message: string;
      /**
       * 'database': the SQL failed; 'python': migration code raised (or a revision file does not import);
       * 'env': env.py or its imports failed; 'alembic': Alembic refused the command outside any revision
       * (unknown revision, several heads); 'timeout': the per-statement timeout fired.
       */
      kind: RunnerFailureKind;
      /** Innermost frame in a migration file, else in env.py (repo-relative). */
      file?: string;
      line?: number;
      revision?: string;
      /** The statement that failed, parameters rendered (kind 'database' / 'timeout'). */
      sql?: string;
      traceback: string;
    };

export type RunnerFailureKind = 'database' | 'python' | 'env' | 'alembic' | 'timeout';
