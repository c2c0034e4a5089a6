import type { ThrowawayDatabase } from '../databases/types.js';
import type {
  DryRun,
  DryRunDrift,
  DryRunLock,
  DryRunPhase,
  DryRunStatement,
  DryRunStep,
  Finding,
  SchemaDiffEntry,
} from '../report/model.js';
import { SchemaEvidence } from './evidence.js';
import type { SchemaSnapshot } from './schema/index.js';
import type { CapturedStatement } from '../formats/alembic/runner/protocol.js';
import type { AlembicRunner, RunFailure, RunResult, RunStep } from '../formats/alembic/runner/runner.js';
import type { DriftResult } from '../formats/alembic/runner/result.js';
import type { DriftItem } from '../formats/alembic/runner/protocol.js';
import { EVIDENCE } from './evidence.js';
import { tableSizesFrom } from '../config/config.js';
import { irreversibleFinding, type Irreversible } from './irreversible.js';
import { databaseMessage, failureFix } from './failures.js';
import { versionRows, relationsOf } from './probe.js';
import { plural } from '../report/wording.js';
import { trace } from '../trace.js';
import { missingExtension } from '../databases/index.js';

/** What the sequence needs to know of the environment (the merged tree's graph, as the static checks read it). */
export interface SequenceInput {
  /** The environment's name, as findings call it. */
  environment: string;
  /** Its script location (the folder of env.py), repo-relative. */
  scriptLocation: string;
  /** Base heads that exist in the merged tree: where the base replay stops and the downgrade returns to. */
  baseHeads: string[];
  /** Revisions the PR adds. */
  prRevisions: ReadonlySet<string>;
  /** Revision id → its file, for findings of revisions that ran nothing. */
  fileOf: ReadonlyMap<string, string>;
  /** PR revisions whose downgrade does nothing or raises: no round trip is expected of them. */
  irreversible: ReadonlyMap<string, Irreversible>;
  /** `.headsup.yml`'s `tables.size-query`: run at the base heads, its rows give table sizes to the rules. */
  sizeQuery?: string;
  /** The PR edited env.py (or the config): a failure there is the PR's, not the environment's. */
  envChanged: boolean;
  /** Trace relation locks per statement (PostgreSQL). */
  traceLocks: boolean;
  /** Milliseconds left for the whole sequence. */
  deadline: number;
  /** The database already holds the base heads (booted from a warm base): no replay. */
  warm?: BaseState;
  /** After a replay that worked: keep the database as it is now for later runs. */
  onReplayed?: (state: BaseState) => Promise<void>;
  /**
   * The base tree's own models against the database while it is at the base heads: asked only when the
   * merged tree's models drift, to tell drift the PR brings from drift base already had.
   */
  baseDrift?: (
    versionTable: { name: string; schema: string | null } | undefined,
  ) => Promise<DriftResult | undefined>;
}

/** The database at the base heads, as a warm base keeps it. */
export interface BaseState {
  revisions: number;
  versionTable: { name: string; schema: string | null };
  /** relationsOf() at the base heads, as entries. */
  relations?: [string, string][];
  baseSchema?: SchemaSnapshot;
}

export interface SequenceResult {
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
  steps: DryRunStep[];
  phases: Partial<Record<DryRunPhase, { ok: boolean; ms: number }>>;
  baseReplay?: NonNullable<DryRun['baseReplay']>;
  findings: Finding[];
  /** An extension a statement needed that the database lacks (`extension "x" is not available`). */
  missingExtension?: string;
  /** What the PR's revisions changed in the schema; null when they did not run. */
  schemaDiff: SchemaDiffEntry[] | null;
  /** The schema at the base heads: what existed before the PR (rules judge against it). */
  baseSchema?: SchemaSnapshot;
  drift?: DryRunDrift;
  /** Statements of the PR's upgrade outside any revision (env.py's own `SET lock_timeout`, Alembic's checks). */
  preamble: DryRunStatement[];
  /** Rows per table from the configured size query, run at the base heads. */
  tableSizes?: Map<string, number>;
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);

/**
 * The dry run proper: replay base's history to its heads (timed, not shown), the PR's revisions up (captured),
 * down to the base heads, and up again. Each outcome becomes findings pinned to the migration's file and line.
 * Node reads the database only between Python's commands (PGlite has a single backend).
 */
export async function runSequence(
  db: ThrowawayDatabase,
  runner: AlembicRunner,
  input: SequenceInput,
): Promise<SequenceResult> {
  const findings: Finding[] = [];
  const steps: DryRunStep[] = [];
  const phases: SequenceResult['phases'] = {};
  const left = () => Math.max(1, input.deadline - Date.now());
  let missing: string | undefined;
  let drift: DryRunDrift | undefined;
  let preamble: DryRunStatement[] = [];
  let tableSizes: Map<string, number> | undefined;
  let driftAfter: DriftResult | undefined;
  const evidence = new SchemaEvidence(db);
  const driftFindings = (): Finding[] => (drift ? modelDrift(drift, input) : []);
  const result = (
    status: SequenceResult['status'],
    reason?: string,
    baseReplay?: SequenceResult['baseReplay'],
  ) => ({
    status,
    reason,
    steps,
    phases,
    baseReplay,
    findings: [...findings, ...driftFindings()],
    schemaDiff: evidence.schemaDiff(),
    baseSchema: evidence.base,
    ...(drift ? { drift } : {}),
    preamble,
    ...(tableSizes ? { tableSizes } : {}),
    ...(missing ? { missingExtension: missing } : {}),
  });
  const lacks = (r: RunResult) => (missing ??= r.failure ? missingExtension(r.failure.message) : undefined);

  // 1. Base replay: base's own history on an empty database. Its failure is not the PR's.
  let baseReplay: SequenceResult['baseReplay'];
  let before: string[] = [];
  let versionTable: { name: string; schema: string | null } | undefined;
  if (input.baseHeads.length && input.warm) {
    trace(`${input.environment}: base from the warm cache`);
    versionTable = input.warm.versionTable;
    baseReplay = { revisions: input.warm.revisions, statements: 0, ms: 0, ok: true, cached: true };
    before = await versionRows(db, versionTable);
  } else if (input.baseHeads.length) {
    trace(`${input.environment}: base replay`);
    const replay = await runner.run(
      { cmd: 'upgrade', targets: input.baseHeads, traceLocks: false },
      { timeoutMs: left() },
    );
    versionTable = tableOf(replay) ?? versionTable;
    baseReplay = {
      revisions: replay.steps.length,
      statements: replay.steps.reduce((t, r) => t + r.statements.length, replay.other.length),
      ms: replay.ms,
      ok: !replay.failure,
    };
    if (replay.failure) {
      lacks(replay);
      findings.push(replayFailure(replay.failure, input, runner));
      return result('failed', `base history did not replay: ${oneLine(replay.failure.message)}`, baseReplay);
    }
    if (!replay.configured && !replay.steps.length) {
      findings.push(notConfigured(input));
      return result('skipped', 'env.py never called context.configure(): no migrations ran', baseReplay);
    }
    before = await versionRows(db, versionTable);
    if (!before.length) {
      findings.push(urlIgnored(input, runner, replay));
      return result('failed', 'env.py did not run the migrations on the throwaway database', baseReplay);
    }
  }
  // What exists at the base heads: its relations (for locks) and its schema. A warm base brings them along.
  const preexisting =
    input.warm?.relations !== undefined
      ? new Map(input.warm.relations)
      : input.traceLocks
        ? await relationsOf(db)
        : new Map<string, string>();
  evidence.setVersionTable(versionTable);
  if (input.warm?.baseSchema) evidence.set('base', input.warm.baseSchema);
  else await evidence.take('base');
  if (input.sizeQuery) tableSizes = await sizesOf(db, input.sizeQuery);
  if (baseReplay && !baseReplay.cached)
    await input.onReplayed?.({
      revisions: baseReplay.revisions,
      versionTable: versionTable ?? { name: 'alembic_version', schema: null },
      ...(input.traceLocks ? { relations: [...preexisting] } : {}),
      ...(evidence.base ? { baseSchema: evidence.base } : {}),
    });

  // 2. The PR's revisions, captured.
  trace(`${input.environment}: the PR's revisions up`);
  const up = await runner.run({ cmd: 'upgrade', targets: ['heads'] }, { timeoutMs: left() });
  versionTable = tableOf(up) ?? versionTable;
  steps.push(...toSteps(up, 'upgrade', preexisting));
  preamble = up.other.map((s) => statementOf(s, preexisting));
  phases.upgrade = { ok: !up.failure, ms: up.ms };
  if (up.failure) {
    lacks(up);
    findings.push(
      up.failure.kind === 'env' && !input.envChanged && !input.baseHeads.length
        ? unavailable(
            `env.py failed before any migration ran: ${oneLine(up.failure.message)}`,
            input,
            up.failure,
          )
        : runFailure('dry-run-failed', 'error', up.failure, input, 'upgrading'),
    );
    return result('failed', `upgrade failed: ${oneLine(up.failure.message)}`, baseReplay);
  }
  if (!up.configured && !up.steps.length) {
    findings.push(notConfigured(input));
    return result('skipped', 'env.py never called context.configure(): no migrations ran', baseReplay);
  }
  const after = await versionRows(db, versionTable);
  if (up.steps.length && (!after.length || sameRows(before, after))) {
    findings.push(urlIgnored(input, runner, up));
    return result('failed', 'env.py did not run the migrations on the throwaway database', baseReplay);
  }
  evidence.setVersionTable(versionTable);
  await evidence.take('upgrade');
  // The models against the database at all heads, as `alembic check` would.
  if (EVIDENCE) {
    const ignore = versionTable
      ? [versionTable.schema ? `${versionTable.schema}.${versionTable.name}` : versionTable.name]
      : [];
    const compared = await runner.run({ cmd: 'drift', ignoreTables: ignore }, { timeoutMs: left() });
    driftAfter = compared.drift;
    if (driftAfter)
      drift = { compared: driftAfter.hasTargetMetadata, items: driftAfter.items.map((i) => driftItem(i)) };
  }

  // 3. Back down to the base heads; deliberately irreversible revisions are said, not failed.
  const ran = up.steps.filter((r) => input.prRevisions.has(r.revision));
  const oneWay = ran.filter((r) => input.irreversible.has(r.revision));
  for (const r of oneWay) findings.push(irreversibleNotice(r, input));
  if (oneWay.length || !ran.length) {
    const why = oneWay.length
      ? `round trip skipped: ${oneWay.map((r) => `\`${r.revision}\``).join(', ')} cannot be downgraded`
      : undefined;
    return result('passed', why, baseReplay);
  }
  // Exactly the PR's revisions, newest first: `downgrade <base head>` would also take down base's own
  // revisions when the PR builds below base's heads.
  trace(`${input.environment}: down`);
  const down = await runner.run(
    { cmd: 'unapply', revisions: ran.map((r) => r.revision).reverse() },
    { timeoutMs: left() },
  );
  steps.push(...toSteps(down, 'downgrade', preexisting));
  phases.downgrade = { ok: !down.failure, ms: down.ms };
  if (down.failure) {
    findings.push(runFailure('downgrade-failed', 'warning', down.failure, input, 'downgrading'));
    return result('passed', `downgrade failed: ${oneLine(down.failure.message)}`, baseReplay);
  }
  await evidence.take('downgrade');
  // The database is at the base heads again: the base's own models say which drift was already there.
  if (driftAfter?.items.length && input.baseDrift) {
    const before = await input.baseDrift(versionTable);
    if (before) {
      const known = new Set(before.items.map(driftKey));
      drift = { compared: true, items: driftAfter.items.map((i) => driftItem(i, known.has(driftKey(i)))) };
    }
  }
  const roundTrip = () =>
    evidence.roundTrip({
      environment: input.environment,
      steps,
      newest: ran[ran.length - 1]?.revision,
      fileOf: input.fileOf,
    });

  // 4. Up again: a revision must survive its own downgrade.
  trace(`${input.environment}: up again`);
  const again = await runner.run({ cmd: 'upgrade', targets: ['heads'] }, { timeoutMs: left() });
  steps.push(...toSteps(again, 'reupgrade', preexisting));
  phases.reupgrade = { ok: !again.failure, ms: again.ms };
  if (again.failure) {
    findings.push(...roundTrip());
    findings.push(
      runFailure('dry-run-failed', 'error', again.failure, input, 'upgrading again after the downgrade'),
    );
    return result('failed', `upgrade after downgrade failed: ${oneLine(again.failure.message)}`, baseReplay);
  }
  await evidence.take('reupgrade');
  findings.push(...roundTrip());
  return result('passed', undefined, baseReplay);
}

/** The size query's rows (first column the table, second its rows); a query that fails gives none. */
async function sizesOf(db: ThrowawayDatabase, sql: string): Promise<Map<string, number> | undefined> {
  try {
    const rows = await db.query<Record<string, unknown>>(sql);
    return tableSizesFrom(rows.map((r) => Object.values(r)));
  } catch {
    return undefined;
  }
}

function sameRows(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function oneLine(s: string): string {
  const first = s.trim().split('\n')[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/** The version table env.py configured (its name and schema may differ from Alembic's default). */
function tableOf(r: RunResult): { name: string; schema: string | null } | undefined {
  return r.configured
    ? { name: r.configured.versionTable, schema: r.configured.versionTableSchema }
    : undefined;
}

function toSteps(
  outcome: RunResult,
  phase: DryRunPhase,
  preexisting: ReadonlyMap<string, string>,
): DryRunStep[] {
  return outcome.steps.map((r: RunStep) => {
    const statements = r.statements.map((s) => statementOf(s, preexisting));
    const step: DryRunStep = {
      revision: r.revision,
      direction: r.direction,
      phase,
      // A revision that did not finish took what its statements took.
      ms: r.ms ?? statements.reduce((t, s) => t + s.ms, 0),
      statements,
    };
    if (r.error) step.error = r.error.message;
    return step;
  });
}

function statementOf(s: CapturedStatement, preexisting: ReadonlyMap<string, string>): DryRunStatement {
  const out: DryRunStatement = {
    sql: s.sql,
    ms: s.ms,
    locks: s.locks === undefined || s.locks === null ? null : locksOf(s.locks, preexisting),
  };
  if (s.file !== undefined) out.file = s.file;
  if (s.line !== undefined) out.line = s.line;
  if (s.autocommit) out.autocommit = true;
  if (s.bookkeeping) out.bookkeeping = true;
  if (s.timeouts) out.timeouts = s.timeouts;
  return out;
}

function locksOf(
  rows: NonNullable<CapturedStatement['locks']>,
  preexisting: ReadonlyMap<string, string>,
): DryRunLock[] {
  const out: DryRunLock[] = [];
  for (const r of rows) {
    if (r.locktype !== 'relation' || !r.relation) continue;
    const known = preexisting.get(r.relation);
    // A bare OID that was not there at the base heads: a relation made and gone inside the PR's own work
    // (its number differs from run to run, and it blocks nobody).
    if (!known && /^\d+$/.test(r.relation)) continue;
    out.push({ relation: known ?? r.relation, mode: r.mode, preexisting: known !== undefined });
  }
  return out;
}

/** The failure's own place, else the revision's file: a finding always points somewhere a reviewer can open. */
function place(f: RunFailure, input: SequenceInput): { file?: string; line?: number } {
  if (f.file) return { file: f.file, line: f.line };
  const file = f.revision ? input.fileOf.get(f.revision) : undefined;
  return file ? { file } : {};
}

function runFailure(
  rule: 'dry-run-failed' | 'downgrade-failed',
  severity: 'error' | 'warning',
  f: RunFailure,
  input: SequenceInput,
  doing: string,
): Finding {
  if (f.kind === 'timeout')
    return {
      rule: 'dry-run-timeout',
      severity: 'error',
      environment: input.environment,
      ...place(f, input),
      message: `${f.revision ? `\`${f.revision}\`` : 'The dry run'} did not finish ${doing}: ${oneLine(f.message)}`,
      fix: {
        summary:
          'Look for a statement that waits (a lock, a long data migration); raise --statement-timeout / --timeout if the work is expected to take this long.',
      },
    };
  const what = f.revision ? `\`${f.revision}\` failed ${doing}` : `Alembic failed ${doing}`;
  const fix = failureFix(f.message, f.sql);
  return {
    rule,
    severity,
    environment: input.environment,
    ...place(f, input),
    message: `${what} on the throwaway database: ${databaseMessage(f.message)}`,
    ...(f.sql ? { statement: f.sql.length > 4_000 ? `${f.sql.slice(0, 4_000)}…` : f.sql } : {}),
    ...(fix ? { fix: { summary: fix } } : {}),
  };
}

function unavailable(message: string, input: SequenceInput, f?: RunFailure): Finding {
  return {
    rule: 'dry-run-unavailable',
    severity: 'warning',
    environment: input.environment,
    ...(f ? place(f, input) : {}),
    message,
    fix: {
      summary:
        "Make env.py importable in this job: install the app's requirements before headsup (pip install -r requirements.txt), and pass --python (the action's `python` input) for the interpreter that has them.",
    },
  };
}

function replayFailure(f: RunFailure, input: SequenceInput, runner: AlembicRunner): Finding {
  // Alembic imports every revision file before it runs any: a PR file that does not import fails the replay.
  const prFile = [...input.prRevisions].some((id) => input.fileOf.get(id) === f.file);
  if (prFile || (f.revision && input.prRevisions.has(f.revision)))
    return runFailure('dry-run-failed', 'error', f, input, 'loading the revisions');
  if (f.kind === 'env' && !input.envChanged)
    return unavailable(
      `env.py could not run (before any of the PR's revisions): ${oneLine(f.message)}${importHint(runner)}`,
      input,
      f,
    );
  if (f.kind === 'env') return runFailure('dry-run-failed', 'error', f, input, 'loading env.py');
  if (f.kind === 'timeout')
    return runFailure('dry-run-failed', 'error', f, input, 'replaying the base history');
  return {
    rule: 'base-replay-failed',
    severity: 'warning',
    environment: input.environment,
    ...place(f, input),
    message:
      `The base branch's own history does not replay on an empty database${f.revision ? ` (at \`${f.revision}\`)` : ''}: ${oneLine(f.message)}. ` +
      "This is not the PR's doing, but the PR's revisions were not run.",
  };
}

function driftKey(i: DriftItem): string {
  return `${i.kind}\0${i.schema ?? ''}\0${i.table ?? ''}\0${i.column ?? ''}\0${i.name ?? ''}\0${i.detail}`;
}

function driftItem(i: DriftItem, preexisting?: boolean): DryRunDrift['items'][number] {
  return {
    kind: i.kind,
    side: i.side,
    ...(i.table ? { table: i.schema ? `${i.schema}.${i.table}` : i.table } : {}),
    ...(i.column ? { column: i.column } : {}),
    detail: i.detail,
    ...(preexisting ? { preexisting: true } : {}),
  };
}

/** `model-drift`: what the models and the migrations disagree on once the PR's revisions ran. */
function modelDrift(drift: DryRunDrift, input: SequenceInput): Finding[] {
  const out: Finding[] = [];
  const fresh = drift.items.filter((i) => !i.preexisting);
  const old = drift.items.filter((i) => i.preexisting);
  const list = (items: DryRunDrift['items']) =>
    items
      .slice(0, 20)
      .map((i) => `${i.side === 'models' ? 'models only' : 'migrations only'}: ${i.detail}`)
      .join('; ') + (items.length > 20 ? `; and ${items.length - 20} more` : '');
  if (fresh.length)
    out.push({
      rule: 'model-drift',
      severity: 'warning',
      environment: input.environment,
      file: envPyOf(input),
      message: `After this PR's revisions, the models (env.py's target_metadata) and the database the migrations build disagree: ${list(fresh)}.`,
      fix: {
        summary:
          'Add a migration for what the models have (alembic revision --autogenerate shows it), or change the models to match the migrations.',
      },
    });
  if (old.length)
    out.push({
      rule: 'model-drift',
      severity: 'notice',
      environment: input.environment,
      file: envPyOf(input),
      message: `The models and the migrations already disagreed at the base heads (not this PR's doing): ${list(old)}.`,
    });
  return out;
}

function notConfigured(input: SequenceInput): Finding {
  return {
    rule: 'dry-run-unavailable',
    severity: 'warning',
    environment: input.environment,
    file: envPyOf(input),
    message:
      'env.py ran but never called context.configure() and context.run_migrations(), so Alembic ran nothing: there is nothing to dry-run.',
    fix: {
      summary:
        'Use an env.py as `alembic init` writes it (run_migrations_online/offline), or pass --no-dry-run (the action: dry-run: false).',
    },
  };
}

function envPyOf(input: SequenceInput): string {
  return `${input.scriptLocation === '.' ? '' : `${input.scriptLocation}/`}env.py`;
}

function importHint(runner: AlembicRunner): string {
  return ` (Python: ${runner.hello.executable})`;
}

function urlIgnored(input: SequenceInput, runner: AlembicRunner, outcome: RunResult): Finding {
  return {
    rule: 'database-url-ignored',
    severity: 'error',
    environment: input.environment,
    file: envPyOf(input),
    message:
      `Alembic ran ${plural(outcome.steps.length, 'revision')}, but the throwaway database's version table did not move: ` +
      'env.py reached a database by other means than SQLAlchemy engines, `sqlalchemy.url` or DATABASE_URL. ' +
      `The migrations may have run against that database (Python: ${runner.hello.executable}).`,
    fix: {
      summary:
        "Have env.py build its engine from config.get_main_option('sqlalchemy.url') (or the DATABASE_URL variable) with create_engine/engine_from_config, so a dry run can point it at a throwaway database.",
    },
  };
}

function irreversibleNotice(r: RunStep, input: SequenceInput): Finding {
  return irreversibleFinding(
    r.revision,
    input.irreversible.get(r.revision)!,
    input.environment,
    input.fileOf.get(r.revision),
    `, so the round trip (down and up again) was skipped (upgrade took ${ms(r.ms ?? 0)})`,
  );
}
