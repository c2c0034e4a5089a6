import { join } from 'node:path';
import type { DatabaseSpec } from '../database-spec.js';
import { describeDatabase } from '../database-spec.js';
import {
  DatabaseUnavailable,
  type ConnectTarget,
  type Engine,
  type ThrowawayDatabase,
} from '../databases/types.js';
import type { MigrationEnvironment } from '../formats/alembic/environment.js';
import type { RunnerConfig } from '../formats/alembic/runner/protocol.js';
import type { FileTree } from '../git/tree.js';
import type { DryRun, DryRunStatement, Finding } from '../report/model.js';
import type { SchemaSnapshot } from './schema/index.js';
import type { Checkout } from '../git/materialize.js';
import { trace } from '../trace.js';
import { EVIDENCE } from './evidence.js';
import { existsSync } from 'node:fs';
import type { PGliteDatabase } from '../databases/index.js';
import type { RevisionGraph } from '../graph/types.js';
import { dropWarmBase, sameVersions, storeWarmBase, warmBaseFor } from './warm-base.js';
import type { BaseState } from './sequence.js';
import { detectDialect, type DetectedDialect } from './dialect.js';
import { irreversibleDowngrade, type Irreversible } from './irreversible.js';
import { pgliteExtensionName } from '../databases/index.js';
import { runSequence } from './sequence.js';
import { runOffline } from './offline.js';
import type { AlembicRunner } from '../formats/alembic/runner/runner.js';

export interface DryRunOptions {
  /** `--database`; undefined picks the embedded engine for the detected dialect. */
  database?: DatabaseSpec;
  /** `--dialect`; undefined detects it. */
  dialect?: Engine;
  /** `--python`. */
  python: string;
  /** The whole dry run of one environment, database start to drop. */
  timeoutMs: number;
  /** One statement (PostgreSQL statement_timeout, MySQL max_execution_time). */
  statementTimeoutMs: number;
  /** Environment variables that get the throwaway URL besides sqlalchemy.url. */
  urlVariables: string[];
  /** `.headsup.yml`'s `tables.size-query`, run at the base heads. */
  sizeQuery?: string;
}

/** How the dry run reaches its parts: databases and the Python runner (injected so each can be tested alone). */
export interface DryRunParts {
  /** `extensions`: what the migrations create (PGlite loads only those it is given). */
  openDatabase(
    spec: DatabaseSpec,
    engine: Engine,
    opts: { extensions: string[]; dataDir?: string },
  ): Promise<ThrowawayDatabase>;
  openRunner(python: string, config: RunnerConfig): Promise<AlembicRunner>;
}

/** One environment, as the static checks read it in the tree that will land. */
export interface DryRunSubject {
  env: MigrationEnvironment;
  /** The environment's name, as findings call it (its path, and the ini section where not [alembic]). */
  name: string;
  /** The merged tree, for reading env.py and the PR's revision files. */
  tree: FileTree;
  /** Base heads that exist in the merged tree. */
  baseHeads: string[];
  prRevisions: ReadonlySet<string>;
  /** Revision id → file in the merged tree. */
  fileOf: ReadonlyMap<string, string>;
  /** Every revision file of the environment (for dialect hints). */
  revisionFiles: readonly string[];
  /** The merged tree's revision graph (what the warm base's key is made of). */
  graph: RevisionGraph;
  envChanged: boolean;
  /** Why Alembic could not load this graph (a missing parent, a cycle): then nothing runs. */
  blocked?: string;
  /** The tree on disk, made when first needed and shared by the environments. */
  checkout: () => Promise<Checkout>;
  /** The base commit's tree on disk (its models, for drift that was already there); made when first needed. */
  baseCheckout?: () => Promise<Checkout>;
}

export interface DryRunOutcome {
  dryRun: DryRun;
  findings: Finding[];
  /** What the SQL rules judge with: the schema at the base heads, env.py's own statements, table sizes. */
  context?: {
    baseSchema?: SchemaSnapshot;
    preamble: DryRunStatement[];
    tableSizes?: Map<string, number>;
  };
}

const skipped = (database: string, reason: string, extra: Partial<DryRun> = {}): DryRun => ({
  status: 'skipped',
  reason,
  database,
  steps: [],
  schemaDiff: null,
  ...extra,
});

/** Engines with an embedded, server-less default. MySQL has none: offline SQL then, said so. */
function defaultSpec(dialect: Engine): DatabaseSpec {
  if (dialect === 'sqlite') return { kind: 'sqlite' };
  if (dialect === 'mysql') return { kind: 'none' };
  return { kind: 'pglite' };
}

function engineOf(spec: DatabaseSpec, dialect: Engine): Engine {
  if (spec.kind === 'url') return spec.engine;
  if (spec.kind === 'docker') return spec.engine === 'postgres' ? 'postgresql' : 'mysql';
  if (spec.kind === 'sqlite') return 'sqlite';
  if (spec.kind === 'pglite') return 'postgresql';
  return dialect;
}

const DEFAULT_DRIVER: Record<Engine, string> = {
  postgresql: 'postgresql+psycopg2',
  mysql: 'mysql+pymysql',
  sqlite: 'sqlite',
};

/** Runs one environment's dry run end to end; every resource it makes is gone when it returns. */
export async function dryRunEnvironment(
  subject: DryRunSubject,
  options: DryRunOptions,
  parts: DryRunParts,
): Promise<DryRunOutcome> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  // The user's --dialect, else the engine of the database they named, else what the sources say.
  const named = options.database && options.database.kind !== 'none' ? options.database : undefined;
  const detected: DetectedDialect = options.dialect
    ? { dialect: options.dialect, basis: '--dialect' }
    : named
      ? { dialect: engineOf(named, 'postgresql'), basis: '--database' }
      : await detectDialect(
          subject.tree,
          subject.env,
          subject.revisionFiles,
          [...subject.fileOf.entries()].filter(([id]) => subject.prRevisions.has(id)).map(([, f]) => f),
        );
  const spec = options.database ?? defaultSpec(detected.dialect);
  const engine = engineOf(spec, detected.dialect);
  const database = describeDatabase(spec);
  const dialect = { name: detected.dialect, basis: detected.basis };
  if (subject.blocked) return { dryRun: skipped(database, subject.blocked, { dialect }), findings: [] };
  if (!(await hasEnvPy(subject)))
    return {
      dryRun: skipped(
        database,
        `no env.py in ${subject.env.path}: Alembic has nothing to run the revisions with`,
        {
          dialect,
        },
      ),
      findings: [],
    };
  // git writes the tree while the rest gets ready (and, online, while the database boots): Python alone needs it.
  const checkout = subject.checkout().catch((e: unknown) => {
    throw new CheckoutFailed(`the tree that will land could not be written to disk: ${errorText(e)}`);
  });
  checkout.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const irreversible = await irreversibleOf(subject);
  /** The runner's configuration for this environment in a tree on disk (the merged tree; the base's for drift). */
  const configIn =
    (dir: string) =>
    (target: ConnectTarget | undefined, traceLocks: boolean): RunnerConfig => ({
      root: dir,
      ...(subject.env.configFile ? { configFile: join(dir, subject.env.configFile) } : {}),
      ...(subject.env.configSection ? { section: subject.env.configSection } : {}),
      ...(!subject.env.configFile
        ? {
            scriptLocation: join(dir, subject.env.path),
            versionLocations: subject.env.versionLocations.map((l) => join(dir, l)),
          }
        : {}),
      ...(target ? { target } : {}),
      urlVariables: options.urlVariables,
      statementTimeoutMs: options.statementTimeoutMs,
      traceLocks,
    });
  if (spec.kind === 'none') {
    const why =
      options.database?.kind === 'none'
        ? '--database none'
        : 'MySQL/MariaDB has no embedded engine; pass a server URL (--database mysql://…) to run the migrations';
    let runner: AlembicRunner | undefined;
    try {
      const { dir } = await checkout;
      runner = await parts.openRunner(options.python, configIn(dir)(offlineTarget(engine), false));
    } catch (e) {
      return unavailableOutcome(subject, database, dialect, pythonProblem(e, options.python));
    }
    try {
      const offline = await runOffline(runner, {
        environment: subject.name,
        baseHeads: subject.baseHeads,
        prRevisions: subject.prRevisions,
        fileOf: subject.fileOf,
        deadline,
      });
      return {
        dryRun: {
          status: offline.status,
          mode: 'offline',
          reason: offline.reason ? `${why}; ${offline.reason}` : `offline SQL only: ${why}`,
          database,
          dialect,
          python: pythonOf(runner),
          ms: Date.now() - started,
          steps: offline.steps,
          schemaDiff: null,
        },
        findings: offline.findings,
      };
    } finally {
      await runner.close();
    }
  }

  // Extensions the migrations create: PGlite has only those it boots with. One a migration's code makes
  // some other way shows as a failure naming it; then one more boot with it.
  let extensions = await extensionsOf(subject);
  for (let attempt = 0; ; attempt++) {
    const outcome = await onlineRun(subject, options, parts, {
      spec,
      engine: options.dialect ?? engine,
      database,
      dialect,
      extensions,
      irreversible,
      checkout,
      configIn,
      deadline,
      started,
    });
    const missing = outcome.missingExtension;
    if (
      missing &&
      attempt === 0 &&
      spec.kind === 'pglite' &&
      pgliteExtensionName(missing) &&
      !extensions.includes(missing)
    ) {
      extensions = [...extensions, missing];
      continue;
    }
    if (missing && !(spec.kind === 'pglite' && pgliteExtensionName(missing)))
      outcome.findings.push(extensionUnavailable(subject, missing, spec));
    return {
      dryRun: outcome.dryRun,
      findings: outcome.findings,
      ...(outcome.context ? { context: outcome.context } : {}),
    };
  }
}

interface OnlineRun {
  spec: DatabaseSpec;
  engine: Engine;
  database: string;
  dialect: NonNullable<DryRun['dialect']>;
  extensions: string[];
  irreversible: Map<string, Irreversible>;
  /** The merged tree on disk, still being written when the run starts. */
  checkout: Promise<Checkout>;
  configIn: (dir: string) => (target: ConnectTarget | undefined, traceLocks: boolean) => RunnerConfig;
  deadline: number;
  started: number;
}

/** One attempt on a fresh throwaway database: made, used, and dropped before this returns. */
async function onlineRun(
  subject: DryRunSubject,
  options: DryRunOptions,
  parts: DryRunParts,
  run: OnlineRun,
): Promise<DryRunOutcome & { missingExtension?: string }> {
  const { database, dialect } = run;
  let db: ThrowawayDatabase | undefined;
  let runner: AlembicRunner | undefined;
  // The embedded PostgreSQL can boot from the data directory a run on the same base left: no replay then.
  const warm =
    run.spec.kind === 'pglite'
      ? await warmBaseFor({
          tree: subject.tree,
          env: subject.env,
          graph: subject.graph,
          baseHeads: subject.baseHeads,
          extensions: run.extensions,
        })
      : undefined;
  const open = (hit: boolean) =>
    parts.openDatabase(run.spec, run.engine, {
      extensions: run.extensions,
      ...(hit && warm ? { dataDir: warm.file } : {}),
    });
  let hit = !!warm?.meta && existsSync(warm.file);
  try {
    // The database boots while git writes the tree and Python starts and imports Alembic.
    trace(
      `${subject.name}: creating the throwaway database (${database}${hit ? ', warm base' : ''}) and starting Python`,
    );
    const [dbResult, runnerResult] = await Promise.allSettled([
      open(hit).then((d) => {
        trace(`${subject.name}: database ready (${d.description})`);
        return d;
      }),
      run.checkout
        .then(({ dir }) => parts.openRunner(options.python, run.configIn(dir)(undefined, false)))
        .then((r) => {
          trace(`${subject.name}: Python ready (${r.hello.executable}, Alembic ${r.hello.alembic})`);
          return r;
        }),
    ]);
    if (dbResult.status === 'fulfilled') db = dbResult.value;
    else if (hit) {
      // A warm base that does not boot (damaged, another PGlite): drop it and boot as usual.
      hit = false;
      dropWarmBase(warm!);
      db = await open(false).catch((e: unknown) => {
        if (e instanceof DatabaseUnavailable) return undefined;
        throw e;
      });
    }
    if (runnerResult.status === 'fulfilled') runner = runnerResult.value;
    if (!db && dbResult.status === 'rejected') {
      if (dbResult.reason instanceof DatabaseUnavailable)
        return unavailableOutcome(subject, database, dialect, dbResult.reason.message);
      throw dbResult.reason;
    }
    if (runnerResult.status === 'rejected')
      return unavailableOutcome(
        subject,
        database,
        dialect,
        pythonProblem(runnerResult.reason, options.python),
      );
    if (hit && !sameVersions(warm!.meta!, runner!.hello)) {
      // Made with another Alembic or SQLAlchemy: replay instead, on a fresh database.
      hit = false;
      await db!.dispose();
      db = await open(false);
    }
    const targeted = await runner!.run(
      { cmd: 'target', target: db!.target, traceLocks: EVIDENCE && db!.engine === 'postgresql' },
      { timeoutMs: Math.max(1, run.deadline - Date.now()) },
    );
    if (targeted.failure) return unavailableOutcome(subject, database, dialect, targeted.failure.message);
    db = db!;
    runner = runner!;
    const seq = await runSequence(db, runner, {
      environment: subject.name,
      scriptLocation: subject.env.path,
      baseHeads: subject.baseHeads,
      prRevisions: subject.prRevisions,
      fileOf: subject.fileOf,
      irreversible: run.irreversible,
      envChanged: subject.envChanged,
      traceLocks: EVIDENCE && db.engine === 'postgresql',
      deadline: run.deadline,
      ...(options.sizeQuery ? { sizeQuery: options.sizeQuery } : {}),
      ...(hit && warm?.meta ? { warm: warm.meta } : {}),
      ...(subject.baseCheckout
        ? {
            baseDrift: async (versionTable: { name: string; schema: string | null } | undefined) => {
              // Another Python, in the base tree: this one has imported the merged tree's models.
              trace(`${subject.name}: the base's models against the base heads`);
              const base = await subject.baseCheckout!().catch(() => undefined);
              if (!base) return undefined;
              const other = await parts
                .openRunner(options.python, run.configIn(base.dir)(db!.target, false))
                .catch(() => undefined);
              if (!other) return undefined;
              try {
                const ignore = versionTable
                  ? [versionTable.schema ? `${versionTable.schema}.${versionTable.name}` : versionTable.name]
                  : [];
                const r = await other.run(
                  { cmd: 'drift', ignoreTables: ignore },
                  { timeoutMs: Math.max(1, run.deadline - Date.now()) },
                );
                return r.drift;
              } finally {
                await other.close();
              }
            },
          }
        : {}),
      ...(warm && !hit && 'dumpDataDir' in db
        ? {
            onReplayed: async (replay: BaseState) => {
              const { python, alembic, sqlalchemy } = runner!.hello;
              const dumping = db as PGliteDatabase;
              trace(`${subject.name}: keeping the base for later runs`);
              await storeWarmBase(warm!, { python, alembic, sqlalchemy, ...replay }, (f) =>
                dumping.dumpDataDir(f),
              );
            },
          }
        : {}),
    });
    return {
      dryRun: {
        status: seq.status,
        mode: 'online',
        ...(seq.reason ? { reason: seq.reason } : {}),
        database,
        engine: db.description,
        engineVersion: db.engineVersion,
        dialect,
        ...(seq.baseReplay ? { baseReplay: seq.baseReplay } : {}),
        python: pythonOf(runner),
        phases: seq.phases,
        ms: Date.now() - run.started,
        steps: seq.steps,
        ...(seq.drift ? { drift: seq.drift } : {}),
        schemaDiff: seq.schemaDiff,
      },
      findings: seq.findings,
      context: {
        ...(seq.baseSchema ? { baseSchema: seq.baseSchema } : {}),
        preamble: seq.preamble,
        ...(seq.tableSizes ? { tableSizes: seq.tableSizes } : {}),
      },
      ...(seq.missingExtension ? { missingExtension: seq.missingExtension } : {}),
    };
  } finally {
    await runner?.close();
    trace(`${subject.name}: Python stopped`);
    await db?.dispose();
    trace(`${subject.name}: database dropped`);
  }
}

function unavailableOutcome(
  subject: DryRunSubject,
  database: string,
  dialect: NonNullable<DryRun['dialect']>,
  message: string,
  file?: string,
): DryRunOutcome {
  return {
    dryRun: skipped(database, message, { dialect }),
    findings: [
      {
        rule: 'dry-run-unavailable',
        severity: 'warning',
        environment: subject.name,
        ...(file ? { file } : {}),
        message: `The dry run could not start: ${message}`,
      },
    ],
  };
}

function extensionUnavailable(subject: DryRunSubject, name: string, spec: DatabaseSpec): Finding {
  const embedded = spec.kind === 'pglite';
  return {
    rule: 'extension-unavailable',
    severity: 'warning',
    environment: subject.name,
    message: embedded
      ? `The migrations create the PostgreSQL extension \`${name}\`, which the embedded PostgreSQL (PGlite) does not have, so the dry run could not go past it.`
      : `The migrations create the PostgreSQL extension \`${name}\`, which this database server does not have installed.`,
    fix: {
      summary: embedded
        ? 'Run the dry run on a PostgreSQL server that has it: --database postgres://user@host/db (the action: a `services: postgres:` container with the extension, e.g. postgis/postgis, and its URL as the `database` input).'
        : `Install the extension on the server headsup uses (CREATE EXTENSION ${name} must work there).`,
    },
  };
}

const CREATE_EXTENSION = /create\s+extension\s+(?:if\s+not\s+exists\s+)?("[^"]+"|[\w-]+)/gi;

/**
 * The extensions the migrations and env.py create, found in their source text (usually inside
 * `op.execute("CREATE EXTENSION …")`): only which extensions to boot PGlite with, never a verdict.
 */
async function extensionsOf(subject: DryRunSubject): Promise<string[]> {
  const dir = subject.env.path === '.' ? '' : `${subject.env.path}/`;
  const texts = await Promise.all(
    [`${dir}env.py`, ...subject.revisionFiles].map((p) => subject.tree.read(p).catch(() => undefined)),
  );
  const names = new Set<string>();
  for (const t of texts)
    for (const m of t?.toString('utf8').matchAll(CREATE_EXTENSION) ?? [])
      names.add(m[1].replace(/"/g, '').toLowerCase());
  return [...names];
}

function offlineTarget(engine: Engine): ConnectTarget {
  return {
    engine,
    host: engine === 'sqlite' ? undefined : 'localhost',
    database: engine === 'sqlite' ? ':memory:' : 'headsup_offline',
    defaultDriver: DEFAULT_DRIVER[engine],
  };
}

/** The runner's own sentence, naming the interpreter as the user gave it when that is not already said. */
/** The merged tree could not be written: not Python's problem, said as it is. */
class CheckoutFailed extends Error {}

function pythonProblem(e: unknown, python: string): string {
  if (e instanceof CheckoutFailed) return e.message;
  const text = errorText(e);
  return text.includes(python) ? text : `${text} (--python ${python})`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function hasEnvPy(subject: DryRunSubject): Promise<boolean> {
  const path = `${subject.env.path === '.' ? '' : `${subject.env.path}/`}env.py`;
  return (await subject.tree.read(path).catch(() => undefined)) !== undefined;
}

/** The PR's revisions whose downgrade is empty, missing or raises, read from their source. */
async function irreversibleOf(subject: DryRunSubject): Promise<Map<string, Irreversible>> {
  const out = new Map<string, Irreversible>();
  for (const id of subject.prRevisions) {
    const file = subject.fileOf.get(id);
    const source = file ? await subject.tree.read(file).catch(() => undefined) : undefined;
    const how = source ? irreversibleDowngrade(source.toString('utf8')) : undefined;
    if (how) out.set(id, how);
  }
  return out;
}

function pythonOf(runner: AlembicRunner): NonNullable<DryRun['python']> {
  const { executable, python, alembic, sqlalchemy } = runner.hello;
  return { executable, version: python, alembic, sqlalchemy };
}
