/** The one report every renderer reads. Renderers format it; they never decide a verdict. */

export type Severity = 'error' | 'warning' | 'notice';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];
export type FailOn = 'error' | 'warning' | 'never';

/** An exact edit that resolves a finding. */
export interface Fix {
  /** One sentence: what to do. */
  summary: string;
  /** Replace lines `line`..`endLine` (1-based, inclusive) of `file` with `replacement`. */
  edits?: { file: string; line: number; endLine: number; replacement: string; original?: string }[];
  /** A command that resolves it instead (e.g. `alembic merge`). */
  command?: string;
}

export interface Finding {
  rule: string;
  /**
   * Other rules this one finding stands for: one cause, told once (a stale parent and the extra head it
   * makes: `stale-parent` with `alsoRules: ["multiple-heads"]`).
   */
  alsoRules?: string[];
  severity: Severity;
  message: string;
  /** Environment path ('' when the finding is about the whole run). */
  environment: string;
  file?: string;
  line?: number;
  fix?: Fix;
  /** The SQL statement the finding is about, as the dry run executed it (SQL rules). */
  statement?: string;
}

/** A suppression that took effect: `# headsup: ignore[rule] reason` next to the code it covers. */
export interface Waiver {
  rule: string;
  environment: string;
  file: string;
  /** The suppression comment's line. */
  line: number;
  /** Empty when none was given (that is a warning of its own). */
  reason: string;
  /** `statement`: the statement on or below the comment; `file`: the whole file (written above the first def). */
  scope: 'statement' | 'file';
  /** Findings it suppressed. */
  suppressed: number;
}

export interface AddedRevision {
  revision: string;
  downRevisions: string[];
  file: string;
  line: number;
  branchLabels: string[];
}

/** A relation lock a statement took (PostgreSQL's `pg_locks`, as traced on the throwaway database). */
export interface DryRunLock {
  /** The relation's name (`schema.table` outside the search path); a bare OID for one dropped since. */
  relation: string;
  /** `pg_locks.mode`, e.g. AccessExclusiveLock. */
  mode: string;
  /** Whether the relation existed at the base heads (a lock on a table the PR creates harms nobody). */
  preexisting?: boolean;
}

export interface DryRunStatement {
  sql: string;
  ms: number;
  /** The migration file and line whose code issued the statement; absent for Alembic's own bookkeeping. */
  file?: string;
  line?: number;
  /** Locks it took; null when not traced (autocommit statements such as CONCURRENTLY, engines without pg_locks). */
  locks: DryRunLock[] | null;
  /** Ran outside a transaction (an `autocommit_block`). */
  autocommit?: boolean;
  /** Alembic's version-table update that ends each revision (kept here, left out of the comment). */
  bookkeeping?: boolean;
  /** PostgreSQL: the lock_timeout and statement_timeout the migration had in force (null: none). */
  timeouts?: { lock: string | null; statement: string | null };
}

/** The three passes over the PR's revisions: up, down to the base heads, up again. */
export type DryRunPhase = 'upgrade' | 'downgrade' | 'reupgrade';

export interface DryRunStep {
  revision: string;
  direction: 'upgrade' | 'downgrade';
  phase: DryRunPhase;
  ms: number;
  statements: DryRunStatement[];
  /** The failure, in one message (the database's own where it has one). */
  error?: string;
}

export interface DryRun {
  status: 'passed' | 'failed' | 'skipped';
  /** `online`: run on a database; `offline`: the SQL Alembic renders without one (`--sql`). */
  mode?: 'online' | 'offline';
  /** Why it was skipped or what failed, in one line. */
  reason?: string;
  /** What was asked for (`pglite`, a URL with its password masked, `docker:postgres:16`, `none`). */
  database: string;
  /** The engine that ran it, e.g. "PostgreSQL 18.6 (PGlite, embedded)". */
  engine?: string;
  /** The server's own version string. */
  engineVersion?: string;
  /** The dialect the migrations are taken to target, and how headsup knows. */
  dialect?: { name: 'postgresql' | 'mysql' | 'sqlite'; basis: string };
  /** The base history replayed before the PR's revisions ran (timed; its SQL is not shown). */
  baseReplay?: { revisions: number; statements: number; ms: number; ok: boolean; cached?: boolean };
  /** The interpreter and library versions that ran Alembic. */
  python?: { executable: string; version: string; alembic: string; sqlalchemy: string };
  /** Phases that ran and their outcome; absent ones did not run. */
  phases?: Partial<Record<DryRunPhase, { ok: boolean; ms: number }>>;
  /** Wall time of the whole dry run of this environment (database start to drop). */
  ms?: number;
  steps: DryRunStep[];
  /** env.py's target_metadata against the database after the PR's revisions (as `alembic check`). */
  drift?: DryRunDrift;
  /** What the PR's revisions changed in the schema (base heads → after them); null when nothing ran. */
  schemaDiff: SchemaDiffEntry[] | null;
}

export interface DryRunDrift {
  /** False when env.py has no target_metadata: nothing to compare. */
  compared: boolean;
  /** What the models and the migrations disagree on; `preexisting`: already so at the base heads. */
  items: {
    kind: string;
    side: 'models' | 'database';
    table?: string;
    column?: string;
    detail: string;
    preexisting?: boolean;
  }[];
}

/** One difference between two schema snapshots. */
export interface SchemaDiffEntry {
  action: 'added' | 'dropped' | 'changed';
  /** table, column, index, foreign key, enum value, … */
  kind: string;
  /** The table (or enum) it belongs to. */
  parent?: string;
  name: string;
  /** The readable line(s): `+ column users.nickname varchar(50) NULL`, `~ column users.name: varchar(50) → text`. */
  text: string;
  /** For a change: each field, before and after. */
  fields?: { field: string; before: string; after: string }[];
}

/** Edges for a small picture: the base heads, the PR's revisions and what joins them. */
export interface GraphSketch {
  /** extraHead: a head the PR adds beside another of its branch (the fork multiple-heads reports). */
  nodes: { id: string; origin: 'base' | 'pr'; head: boolean; extraHead?: boolean }[];
  /** indirect: several revisions collapsed into one edge. */
  edges: { from: string; to: string; indirect?: boolean }[];
}

export interface EnvironmentReport {
  kind: 'alembic';
  /** The script location (or --migrations directory), repo-relative. */
  path: string;
  /**
   * What findings' `environment` holds for it: the path, with the ini section when not [alembic]
   * (`mig [main]`). Absent in reports of older versions: then the path.
   */
  name?: string;
  /** The config file it comes from, when one (alembic.ini, pyproject.toml). */
  configFile?: string;
  /** Its ini section when not [alembic]: Alembic runs it as `alembic -n SECTION`. */
  section?: string;
  source: string;
  baseHeads: string[];
  mergedHeads: string[];
  added: AddedRevision[];
  modified: string[];
  deleted: string[];
  revisionCount: number;
  dryRun: DryRun;
  sketch: GraphSketch;
}

export interface TreeRef {
  ref: string;
  sha: string | null;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'headsup'; version: string };
  ok: boolean;
  failOn: FailOn;
  base: TreeRef;
  head: TreeRef;
  environments: EnvironmentReport[];
  findings: Finding[];
  counts: Record<Severity, number>;
  /** Advice about the comparison itself, e.g. that the default base is behind the remote branch. */
  hints?: string[];
  /** Suppressions that took effect, with their reasons (absent when none). */
  waivers?: Waiver[];
}

const rank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank[a.severity] - rank[b.severity] ||
    a.environment.localeCompare(b.environment) ||
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    a.rule.localeCompare(b.rule)
  );
}

/** Whether a finding of this severity fails the run under `failOn`. */
export function fails(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return rank[severity] <= rank[failOn];
}

export function countFindings(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The environment's name, as findings call it. */
export function environmentLabel(env: Pick<EnvironmentReport, 'name' | 'path'>): string {
  return env.name ?? env.path;
}

/**
 * Whether the PR changes anything in this environment: its revision files, its heads, or anything that
 * draws a warning or an error there (a file in a versions folder that is no revision, say).
 */
export function touchedByPr(env: EnvironmentReport, findings: readonly Finding[] = []): boolean {
  return (
    env.added.length > 0 ||
    env.modified.length > 0 ||
    env.deleted.length > 0 ||
    env.baseHeads.join() !== env.mergedHeads.join() ||
    findings.some((f) => f.environment === environmentLabel(env) && f.severity !== 'notice')
  );
}
