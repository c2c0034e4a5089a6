/**
 * What one runner command produced, assembled from the runner's messages: the revisions it ran (each with the
 * statements it executed), what happened outside them, and how it ended.
 */
import type { CapturedStatement, DriftItem, RunnerFailureKind, RunnerMessage } from './protocol.js';

export type Direction = 'upgrade' | 'downgrade';

/** One revision run in one direction. */
export interface RunStep {
  revision: string;
  direction: Direction;
  /** The revision file, repo-relative posix. */
  file: string;
  statements: CapturedStatement[];
  /** The revision's time (its function and version-table update); null when it did not finish. */
  ms: number | null;
  /** Offline commands: the SQL Alembic rendered for this revision. */
  offlineSql?: string;
  /** Set on the revision that failed. */
  error?: RunFailure;
}

export interface RunFailure {
  message: string;
  /** The runner's kinds, plus 'crashed' when the Python process died or spoke out of protocol. */
  kind: RunnerFailureKind | 'crashed';
  file?: string;
  line?: number;
  revision?: string;
  sql?: string;
  traceback: string;
}

export interface ConfiguredInfo {
  versionTable: string;
  versionTableSchema: string | null;
  hasTargetMetadata: boolean;
  offline: boolean;
}

export interface EngineInfo {
  requested: string;
  used: string;
  async: boolean;
  ignored: string[];
}

/** The drift command's comparison of env.py's target_metadata with the database. */
export interface DriftResult {
  /** False when env.py's target_metadata is None (or an empty list): nothing was compared. */
  hasTargetMetadata: boolean;
  /** The revisions in the version table when the comparison ran. */
  heads: string[];
  /** Stable order: by schema, table, kind, column, name. Empty when the models and the database agree. */
  items: DriftItem[];
}

export interface RunResult {
  ok: boolean;
  /** Wall time of the whole command seen from Node (Python's env.py imports included). */
  ms: number;
  steps: RunStep[];
  /** Statements outside any revision: Alembic's own (version table checks, CREATE TABLE alembic_version) or env.py's. */
  other: CapturedStatement[];
  /** From env.py's first context.configure() of the command; null when it never got there. */
  configured: ConfiguredInfo | null;
  engines: EngineInfo[];
  /** The drift command's result; absent for other commands and when the comparison failed. */
  drift?: DriftResult;
  failure: RunFailure | null;
  /** The end of what the user's code printed on stdout/stderr during the command. */
  output: string;
}

/** Folds one command's messages into a RunResult; `accept` says when the command is over. */
export class ResultCollector {
  readonly steps: RunStep[] = [];
  readonly other: CapturedStatement[] = [];
  readonly engines: EngineInfo[] = [];
  configured: ConfiguredInfo | null = null;
  drift: DriftResult | undefined;
  failure: RunFailure | null = null;
  private current: RunStep | undefined;
  private finished = false;

  get done(): boolean {
    return this.finished;
  }

  /** The revision running now, if any (for a timeout or a crash). */
  get running(): RunStep | undefined {
    return this.current;
  }

  /** Returns true once the command has ended (done or failed). */
  accept(msg: RunnerMessage): boolean {
    switch (msg.t) {
      case 'configured':
        this.configured ??= {
          versionTable: msg.versionTable,
          versionTableSchema: msg.versionTableSchema,
          hasTargetMetadata: msg.hasTargetMetadata,
          offline: msg.offline,
        };
        break;
      case 'engine':
        this.engines.push({
          requested: msg.requested,
          used: msg.used,
          async: msg.async ?? false,
          ignored: msg.ignored ?? [],
        });
        break;
      case 'begin':
        this.current = {
          revision: msg.revision,
          direction: msg.direction,
          file: msg.file,
          statements: [],
          ms: null,
        };
        this.steps.push(this.current);
        break;
      case 'statement': {
        const { t: _t, ...statement } = msg;
        (this.current?.statements ?? this.other).push(statement);
        break;
      }
      case 'offline-sql':
        if (this.current?.revision === msg.revision) this.current.offlineSql = msg.sql;
        break;
      case 'end':
        if (this.current?.revision === msg.revision) this.current.ms = msg.ms;
        this.current = undefined;
        break;
      case 'drift':
        this.drift = { hasTargetMetadata: msg.hasTargetMetadata, heads: msg.heads, items: msg.diffs };
        break;
      case 'done':
        this.finished = true;
        break;
      case 'failed': {
        const { t: _t, ...failure } = msg;
        this.fail(failure);
        break;
      }
      case 'hello':
      case 'unavailable':
        this.fail({
          kind: 'crashed',
          message: `the runner sent "${msg.t}" in the middle of a command`,
          traceback: '',
        });
        break;
    }
    return this.finished;
  }

  /** Ends the command with this failure, pinned on the revision that was running when it names none. */
  fail(failure: RunFailure): void {
    if (this.finished) return;
    const step = this.current;
    const pinned = step && !failure.revision ? { ...failure, revision: step.revision } : failure;
    this.failure = pinned;
    if (step && pinned.revision === step.revision) step.error = pinned;
    this.current = undefined;
    this.finished = true;
  }

  result(ms: number, output: string): RunResult {
    return {
      ok: this.finished && this.failure === null,
      ms,
      steps: this.steps,
      other: this.other,
      configured: this.configured,
      engines: this.engines,
      ...(this.drift && !this.failure ? { drift: this.drift } : {}),
      failure: this.failure,
      output,
    };
  }
}
