import type { FileTree, FileChange } from './git/tree.js';
import { BlobReader, GitTree } from './git/git-tree.js';
import { startListing, WorkTree } from './git/work-tree.js';
import { OverlayTree } from './git/overlay-tree.js';
import { BothChanged } from './git/three-way.js';
import { misplacedMigrations } from './rules/graph/misplaced-migration.js';
import { templateConfigFindings } from './rules/graph/template-config.js';
import { unreadRevisionFiles } from './rules/graph/unread-revision-files.js';
import { changedFiles } from './git/changes.js';
import {
  defaultBranchRef,
  GitError,
  mergeBase,
  rootAndCommits,
  rootCommitsAndFork,
  runGit,
} from './git/git.js';
import { discoverEnvironments } from './formats/alembic/discover.js';
import {
  environmentName,
  type ConfigProblem,
  type MigrationEnvironment,
} from './formats/alembic/environment.js';
import { loadEnvironment, preloadParserFor } from './analysis/load.js';
import { ParseCache } from './analysis/parse-cache.js';
import { sketchOf } from './analysis/sketch.js';
import { sortEdits } from './analysis/same-program.js';
import { revisionRenames } from './analysis/renames.js';
import type { EnvSnapshot } from './analysis/snapshot.js';
import { rules } from './rules/graph/index.js';
import { oneFindingPerCause } from './rules/graph/one-cause.js';
import type { RuleContext } from './rules/graph/rule.js';
import {
  compareFindings,
  countFindings,
  touchedByPr,
  fails,
  type DryRun,
  type EnvironmentReport,
  type FailOn,
  type Finding,
  type Report,
  type Waiver,
} from './report/model.js';
import { UsageError } from './errors.js';
import { plural } from './report/wording.js';
import { describeDatabase, type DatabaseSpec, type Dialect } from './database-spec.js';
import { dryRunEnvironment, type DryRunParts } from './dryrun/dry-run.js';
import { realParts } from './dryrun/parts.js';
import { trace } from './trace.js';
import { materializeCommit, materializeMerged, type Checkout } from './git/materialize.js';
import type { EnvSnapshot as Snapshot } from './analysis/snapshot.js';
import { loadConfig } from './config/load.js';
import { applyRuleSettings, sqlSettings, type HeadsupConfig } from './config/config.js';
import { KNOWN_RULES } from './rules/catalog.js';
import { sqlFindings } from './rules/sql/engine.js';

export interface CheckOptions {
  repo: string;
  base?: string;
  head?: string;
  migrations?: string[];
  failOn: FailOn;
  dryRun: boolean;
  database?: DatabaseSpec;
  /** `--dialect`; detected per environment when absent. */
  dialect?: Dialect;
  /** `--python` (default `python3`). */
  python?: string;
  /** Whole dry run of one environment, and one statement, in milliseconds. */
  timeoutMs?: number;
  statementTimeoutMs?: number;
  /** Variables that also get the throwaway database's URL (default DATABASE_URL). */
  urlVariables?: string[];
  /** The dry run's parts (databases, the Python runner); the real ones unless a test swaps them. */
  parts?: DryRunParts;
  /** A headsup config file (repo-relative); default `.headsup.yml` when it exists. */
  config?: string;
}

/** Defaults a user can change: a dry run is bounded so that a hang becomes a finding, never a stuck job. */
export const DRY_RUN_DEFAULTS = { timeoutMs: 10 * 60_000, statementTimeoutMs: 60_000, python: 'python3' };

export { VERSION } from './version.js';
import { VERSION } from './version.js';

interface Trees {
  root: string;
  /** Where the PR forked from base (base itself unless base moved on). */
  fork: string;
  base: GitTree;
  head: FileTree;
  merged: FileTree;
  changes: FileChange[];
  /** Advice about the comparison itself (not findings about migrations). */
  hints: string[];
  /** Parse results earlier runs stored; loaded while git works out the trees. */
  cache: ParseCache;
  close(): void;
}

/** Base, head, and the tree that will land (base ∪ PR), built from git plumbing only. */
async function openTrees(opts: CheckOptions): Promise<Trees> {
  const hints: string[] = [];
  const refs = [opts.head ?? 'HEAD', ...(opts.base ? [opts.base] : [])];
  // The working tree's listing goes side by side with finding the root and the commits.
  const listing = opts.head ? undefined : startListing(opts.repo);
  // With a base named, its merge base with head comes from the same git run.
  const resolved: { root: string; shas: string[]; fork?: string } = await (
    opts.base ? rootCommitsAndFork(opts.repo, refs[0], opts.base) : rootAndCommits(opts.repo, refs)
  ).catch((e: unknown) => (opts.head ? Promise.reject(e) : unbornHead(e)));
  const { root, shas, fork: knownFork } = resolved;
  const headSha = opts.head ? shas[0] : undefined;
  const headish = shas[0];
  let baseSha: string;
  let baseRef = opts.base;
  if (opts.base) baseSha = shas[1];
  else {
    const remote = await defaultBranchRef(root);
    if (!remote)
      throw new UsageError(
        'cannot find the default branch (no origin/HEAD, main or master); pass --base REF',
      );
    baseSha = await mergeBase(root, remote, headish);
    baseRef = `merge-base(${remote}, ${opts.head ?? 'HEAD'})`;
    const ahead = Number(
      (await runGit(root, ['rev-list', '--count', `${baseSha}..${remote}`])).toString().trim(),
    );
    if (ahead > 0) {
      hints.push(
        `${remote} is ${plural(ahead, 'commit')} past this branch's fork point; ` +
          `\`--base ${remote}\` checks against where it is now.`,
      );
    }
  }
  // The PR's own changes are measured from where it forked; base may have moved on since.
  const reader = new BlobReader(root);
  const base = new GitTree(root, baseSha, baseRef!, reader);
  const head = headSha
    ? new GitTree(root, headSha, opts.head!, reader)
    : new WorkTree(root, 'working tree', true, listing);
  // Both listings run in git while the changes are computed (a monorepo's take a while); errors surface
  // where the lists are used.
  for (const tree of [base, head]) tree.list().catch(() => {});
  const cache = new ParseCache(root, VERSION);
  preloadParserFor(cache);
  // The default base is a merge base of head already: its own fork point.
  const fork = knownFork ?? (opts.base ? await mergeBase(root, baseSha, headish) : baseSha);
  const prChanges = await changedFiles(
    root,
    fork,
    head instanceof WorkTree ? { worktree: head } : { sha: headSha! },
  );
  const changes = fork === baseSha ? prChanges : await followBaseRenames(root, fork, base, prChanges);
  let merged: FileTree = head;
  if (fork !== baseSha) {
    const both = await BothChanged.of(root, fork, baseSha, head, changes, (path) =>
      hints.push(
        `${path} was changed on both sides since this branch forked, and git cannot merge the two: read as the PR has it (update the branch to check the real merge)`,
      ),
    );
    merged = new OverlayTree(base, head, changes, both);
  }
  return {
    root,
    fork,
    base,
    head,
    merged,
    changes,
    hints,
    cache,
    close: () => reader.close(),
  };
}

/**
 * Marks the PR's edits of files base renamed since the fork with base's new path (`landsAt`): git's merge
 * lands such an edit there. Only asked of git when an edited file is gone from base, which is rare.
 */
async function followBaseRenames(
  root: string,
  fork: string,
  base: GitTree,
  changes: FileChange[],
): Promise<FileChange[]> {
  const edited = changes.filter((c) => c.status === 'modified').map((c) => c.path);
  if (!edited.length || (await base.contentIds(edited)).every((id) => id !== undefined)) return changes;
  const moves = await changedFiles(root, fork, { sha: base.sha });
  const renamed = new Map(moves.filter((c) => c.status === 'renamed').map((c) => [c.oldPath!, c.path]));
  return changes.map((c) => {
    const to = c.status === 'modified' ? renamed.get(c.path) : undefined;
    return to === undefined ? c : { ...c, landsAt: to };
  });
}

/** A repository without commits has nothing to compare against; say so rather than "unknown revision 'HEAD'". */
function unbornHead(e: unknown): never {
  if (e instanceof GitError && e.message === "unknown revision 'HEAD'")
    throw new UsageError(
      'this repository has no commits yet, so there is no base to compare with; commit first ' +
        '(`headsup graph` reads the working tree as it is)',
    );
  throw e;
}

function skippedDryRun(opts: CheckOptions, reason?: string): DryRun {
  const database = opts.database ? describeDatabase(opts.database) : 'none';
  return {
    status: 'skipped',
    reason: reason ?? (opts.dryRun ? 'no migration changes to run' : 'dry run disabled (--no-dry-run)'),
    database,
    steps: [],
    schemaDiff: null,
  };
}

/** Graph problems that stop Alembic from loading its script directory: nothing can run then. */
const BLOCKING = new Set([
  'cycle',
  'self-loop',
  'dependency-cycle',
  'missing-parent',
  'missing-dependency',
  'duplicate-branch-label',
  'label-clashes-revision',
]);

function blockedReason(merged: Snapshot): string | undefined {
  const p = merged.graph.problems.find((x) => BLOCKING.has(x.kind));
  return p ? `Alembic cannot load this revision graph (${p.message}): fix that first` : undefined;
}

/**
 * Environments from both sides, matched by name (path, and ini section where not [alembic]), or by config
 * file and section when the PR moved one (its `script_location` changed with the folder: the same revisions,
 * so nothing is deleted or new). One on a single side exists only there.
 */
async function environmentsOf(trees: Trees, explicit: string[] | undefined, findings: Finding[]) {
  const [onBase, onMerged] = await Promise.all([
    discoverEnvironments(trees.base, explicit),
    discoverEnvironments(trees.merged, explicit),
  ]);
  // A config problem base already has is not the PR's doing: a notice, as for the graph's problems.
  // Matched by file and message, not line: the PR may have edited elsewhere in the file.
  const key = (p: ConfigProblem) => `${p.file}\0${p.message}`;
  const onBaseProblems = new Set(onBase.problems.map(key));
  for (const p of onMerged.problems) {
    const old = onBaseProblems.has(key(p));
    findings.push({
      rule: 'config-error',
      severity: old ? 'notice' : 'error',
      environment: '',
      file: p.file,
      line: p.line,
      message: old ? `${p.message} (already on the base branch)` : p.message,
    });
  }
  findings.push(...templateConfigFindings(onMerged.templates, trees.changes));
  const pairs = new Map<string, { base?: MigrationEnvironment; merged?: MigrationEnvironment }>();
  for (const e of onBase.environments) pairs.set(environmentName(e), { base: e });
  for (const e of onMerged.environments)
    pairs.set(environmentName(e), { ...pairs.get(environmentName(e)), merged: e });
  // A moved environment: the only one of its config file and section left on each side, under a new path.
  const single = (side: 'base' | 'merged', of: MigrationEnvironment) => {
    const lone = [...pairs].filter(
      ([, p]) =>
        p[side]?.configFile === of.configFile &&
        p[side]?.configSection === of.configSection &&
        !p[side === 'base' ? 'merged' : 'base'],
    );
    return lone.length === 1 ? lone[0] : undefined;
  };
  for (const [name, pair] of [...pairs]) {
    if (!pair.merged?.configFile || pair.base || single('merged', pair.merged)?.[0] !== name) continue;
    const from = single('base', pair.merged);
    if (!from || from[1].base?.source !== pair.merged.source) continue;
    pairs.delete(from[0]);
    pairs.set(name, { base: from[1].base, merged: pair.merged });
  }
  // One whose config file moved with it (`git mv alembic.ini migrations svc/`): paired by that rename (and
  // its section), or by its env.py's where it has no config file.
  const anchor = (e: MigrationEnvironment) => e.configFile ?? `${e.path}/env.py`;
  const renamedTo = new Map(
    trees.changes.filter((c) => c.status === 'renamed').map((c) => [c.oldPath!, c.path]),
  );
  for (const [name, pair] of [...pairs]) {
    if (!pair.merged || pair.base) continue;
    const from = [...pairs].find(
      ([, p]) =>
        p.base &&
        !p.merged &&
        p.base.source === pair.merged!.source &&
        p.base.configSection === pair.merged!.configSection &&
        renamedTo.get(anchor(p.base)) === anchor(pair.merged!),
    );
    if (!from) continue;
    pairs.delete(from[0]);
    pairs.set(name, { base: from[1].base, merged: pair.merged });
  }
  return pairs;
}

function changesIn(changes: FileChange[], base: EnvSnapshot | undefined, merged: EnvSnapshot): FileChange[] {
  const inEnv = (p?: string) => p !== undefined && (merged.byPath.has(p) || (base?.byPath.has(p) ?? false));
  return changes.filter((c) => inEnv(c.path) || inEnv(c.oldPath) || inEnv(c.landsAt));
}

export async function runCheck(opts: CheckOptions): Promise<Report> {
  const trees = await openTrees(opts);
  try {
    const findings: Finding[] = [];
    const waivers: Waiver[] = [];
    const loaded = await loadConfig(trees.merged, opts.config, KNOWN_RULES);
    findings.push(...loaded.findings);
    const cache = trees.cache;
    const touched = new Set(
      trees.changes.flatMap((c) => [c.path, c.oldPath, c.landsAt].filter((p) => p !== undefined)),
    );
    const environments: EnvironmentReport[] = [];
    const contexts: RuleContext[] = [];
    const landed = new Set<string>();
    const landedEnvironments: MigrationEnvironment[] = [];
    for (const [name, pair] of await environmentsOf(trees, opts.migrations, findings)) {
      const base = pair.base ? await loadEnvironment(trees.base, pair.base, cache, touched) : undefined;
      // An environment the PR removed entirely is checked as an empty merged tree (every file deleted).
      const merged = await loadEnvironment(trees.merged, pair.merged ?? pair.base!, cache, touched);
      for (const f of merged.files) landed.add(f.file);
      if (pair.merged) landedEnvironments.push(merged.env);
      const edits = await sortEdits(
        revisionRenames(changesIn(trees.changes, base, merged), base, merged),
        trees,
        { base, merged },
      );
      const ctx: RuleContext = {
        environment: name,
        base,
        merged,
        changes: edits.changes,
        edits,
        prRevisions: new Set(merged.graph.nodes.map((n) => n.id).filter((id) => !base?.graph.byId.has(id))),
      };
      if (merged.env.source === 'explicit' && merged.files.length === 0 && !base?.files.length) {
        // Most likely a typo in --migrations (or the action's `migrations` input): say so rather than pass.
        findings.push({
          rule: 'config-error',
          severity: 'error',
          environment: name,
          file: merged.env.path,
          message: `migrations directory '${merged.env.path}' (--migrations, or the action's migrations input) holds no revision files on either side (is the path right?)`,
        });
      }
      findings.push(
        ...oneFindingPerCause(
          ctx,
          rules.flatMap((rule) => rule.check(ctx)),
        ),
      );
      contexts.push(ctx);
      environments.push(environmentReport(ctx, opts));
    }
    findings.push(
      ...(await misplacedMigrations({
        head: trees.head,
        changes: trees.changes,
        landed,
        explicit: opts.migrations,
        baseRenames: () => changedFiles(trees.root, trees.fork, { sha: trees.base.sha }),
      })),
      ...(await unreadRevisionFiles({
        tree: trees.merged,
        environments: landedEnvironments,
        landed,
        changes: trees.changes,
      })),
    );
    cache.save();
    trace('static checks done');
    if (opts.dryRun) await dryRuns(trees, opts, contexts, environments, findings, waivers, loaded.config);
    // The config's rule settings apply to every finding, graph and SQL alike.
    const reported = applyRuleSettings(findings, loaded.config).sort(compareFindings);
    return {
      schemaVersion: 1,
      tool: { name: 'headsup', version: VERSION },
      ok: !reported.some((f) => fails(f.severity, opts.failOn)),
      failOn: opts.failOn,
      base: { ref: trees.base.label, sha: trees.base.sha ?? null },
      head: { ref: trees.head.label, sha: trees.head.sha ?? null },
      environments,
      findings: reported,
      counts: countFindings(reported),
      ...(trees.hints.length ? { hints: trees.hints } : {}),
      ...(waivers.length ? { waivers } : {}),
    };
  } finally {
    trees.close();
  }
}

/**
 * The dry run of every environment the PR changes, one after the other (each boots its own throwaway
 * database, and an embedded PostgreSQL holds hundreds of megabytes). The tree that will land is put on disk
 * once, when the first one needs it, and removed at the end.
 */
async function dryRuns(
  trees: Trees,
  opts: CheckOptions,
  contexts: RuleContext[],
  environments: EnvironmentReport[],
  findings: Finding[],
  waivers: Waiver[],
  config: HeadsupConfig,
): Promise<void> {
  let checkout: Promise<Checkout> | undefined;
  let baseCheckout: Promise<Checkout> | undefined;
  const parts = opts.parts ?? realParts;
  const changed = new Set(
    trees.changes.flatMap((c) => [c.path, c.oldPath, c.landsAt].filter((p) => p !== undefined)),
  );
  try {
    for (let i = 0; i < contexts.length; i++) {
      const ctx = contexts[i];
      const report = environments[i];
      if (!touchedByPr(report, findings)) {
        report.dryRun = skippedDryRun(opts, 'unchanged by this PR');
        continue;
      }
      const { merged, base } = ctx;
      const env = merged.env;
      const dir = env.path === '.' ? '' : `${env.path}/`;
      const fileOf = new Map(merged.graph.nodes.map((n) => [n.id, n.file]));
      const outcome = await dryRunEnvironment(
        {
          env,
          name: ctx.environment,
          tree: trees.merged,
          baseHeads: (base?.graph.heads ?? []).filter((h) => merged.graph.byId.has(h)),
          prRevisions: ctx.prRevisions,
          fileOf,
          revisionFiles: merged.files.map((f) => f.file),
          graph: merged.graph,
          envChanged: changed.has(`${dir}env.py`) || (!!env.configFile && changed.has(env.configFile)),
          blocked: blockedReason(merged),
          checkout: () =>
            (checkout ??= materializeMerged({
              root: trees.root,
              base: trees.base.sha,
              fork: trees.fork,
              head: trees.head.sha,
            })),
          baseCheckout: () => (baseCheckout ??= materializeCommit(trees.root, trees.base.sha!)),
        },
        {
          database: opts.database,
          dialect: opts.dialect,
          python: opts.python ?? DRY_RUN_DEFAULTS.python,
          timeoutMs: opts.timeoutMs ?? DRY_RUN_DEFAULTS.timeoutMs,
          statementTimeoutMs: opts.statementTimeoutMs ?? DRY_RUN_DEFAULTS.statementTimeoutMs,
          urlVariables: opts.urlVariables ?? ['DATABASE_URL'],
          ...(config.tables.sizeQuery ? { sizeQuery: config.tables.sizeQuery } : {}),
        },
        parts,
      );
      report.dryRun = outcome.dryRun;
      // The SQL rules over what ran; the suppressions in the PR's files apply to the dry run's findings too.
      const sql = await sqlFindings({
        environment: ctx.environment,
        dialect: outcome.dryRun.dialect?.name ?? 'postgresql',
        mode: outcome.dryRun.mode ?? 'online',
        steps: outcome.dryRun.steps,
        prRevisions: ctx.prRevisions,
        fileOf,
        sources: await sourcesOf(trees.merged, ctx.prRevisions, fileOf),
        ...(outcome.dryRun.engineVersion ? { serverVersion: outcome.dryRun.engineVersion } : {}),
        ...(outcome.context?.baseSchema ? { baseSchema: outcome.context.baseSchema } : {}),
        ...(outcome.context?.preamble.length ? { preamble: outcome.context.preamble } : {}),
        // The config's sizes win over the size query's rows.
        ...(config.tables.sizes.size || outcome.context?.tableSizes?.size
          ? { tableSizes: new Map([...(outcome.context?.tableSizes ?? []), ...config.tables.sizes]) }
          : {}),
        settings: sqlSettings(config),
        findings: outcome.findings,
        knownRules: KNOWN_RULES,
      });
      findings.push(...sql.findings);
      waivers.push(...sql.waivers);
    }
  } finally {
    for (const tree of [checkout, baseCheckout]) if (tree) (await tree.catch(() => undefined))?.remove();
  }
}

/** The PR's revision files' text, for the suppressions written in them. */
async function sourcesOf(
  tree: FileTree,
  prRevisions: ReadonlySet<string>,
  fileOf: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const files = [...new Set([...prRevisions].flatMap((id) => fileOf.get(id) ?? []))];
  const texts = await Promise.all(files.map((f) => tree.read(f).catch(() => undefined)));
  return new Map(files.flatMap((f, i) => (texts[i] ? [[f, texts[i].toString('utf8')] as const] : [])));
}

function environmentReport(ctx: RuleContext, opts: CheckOptions): EnvironmentReport {
  const { merged, base } = ctx;
  const order = merged.graph.order ?? merged.graph.nodes.map((n) => n.id);
  const env = merged.env;
  return {
    kind: 'alembic',
    path: env.path,
    name: ctx.environment,
    ...(env.configFile ? { configFile: env.configFile } : {}),
    ...(env.configSection ? { section: env.configSection } : {}),
    source: env.source,
    baseHeads: base?.graph.heads ?? [],
    mergedHeads: merged.graph.heads,
    added: order
      .filter((id) => ctx.prRevisions.has(id))
      .map((id) => merged.graph.byId.get(id)!)
      .map((n) => ({
        revision: n.id,
        downRevisions: n.downRevisions,
        file: n.file,
        line: n.line,
        branchLabels: n.branchLabels,
      })),
    // Edited in place, or moved and edited (a squash's file keeping an old id).
    modified: ctx.changes
      .filter(
        (c) =>
          c.status === 'modified' ||
          (c.status === 'renamed' && (ctx.edits?.edited.has(c.path) || ctx.edits?.harmless.has(c.path))),
      )
      .map((c) => c.path),
    deleted: ctx.changes.filter((c) => c.status === 'deleted').map((c) => c.path),
    revisionCount: merged.graph.nodes.length,
    dryRun: skippedDryRun(opts),
    sketch: sketchOf(ctx),
  };
}
