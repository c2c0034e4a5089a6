import {
  countFindings,
  environmentLabel,
  type AddedRevision,
  fails,
  type DryRun,
  type DryRunLock,
  type DryRunStatement,
  type DryRunStep,
  type SchemaDiffEntry,
  type EnvironmentReport,
  type Finding,
  type Report,
  type Severity,
  type Waiver,
} from '../report/model.js';

/** What the check run adds beside the report so a publish run can route it (hints only; verified by the API). */
export interface RunInfo {
  event: string;
  pullRequest?: number;
  /** The PR's head commit (the report's head may be the merge commit GitHub built). */
  headSha?: string;
}

/**
 * Reads a report produced by another, unprivileged run (a fork's PR could have written anything): checks
 * every field against the schema, bounds every size, and builds fresh objects holding only known fields.
 * The verdict (ok, counts) must agree with the findings, so a report cannot claim to be clean.
 */
export function validateReport(input: unknown): { report: Report; info?: RunInfo } {
  const v = new V();
  const o = v.obj(input, '$');
  if (o.schemaVersion !== 1) v.fail('$.schemaVersion', 'is not 1');
  const tool = v.obj(o.tool, '$.tool');
  if (tool.name !== 'headsup') v.fail('$.tool.name', "is not 'headsup'");
  const failOn = v.oneOf(o.failOn, '$.failOn', ['error', 'warning', 'never'] as const);
  const findings = v.arr(o.findings, '$.findings', 5_000, (f, p) => finding(v, f, p));
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'headsup', version: v.str(tool.version, '$.tool.version', 64) },
    ok: v.bool(o.ok, '$.ok'),
    failOn,
    base: ref(v, o.base, '$.base'),
    head: ref(v, o.head, '$.head'),
    environments: v.arr(o.environments, '$.environments', 100, (e, p) => environment(v, e, p)),
    findings,
    counts: counts(v, o.counts, '$.counts'),
  };
  if (o.hints !== undefined) report.hints = v.arr(o.hints, '$.hints', 10, (h, p) => v.str(h, p, 500));
  if (o.waivers !== undefined)
    report.waivers = v.arr(o.waivers, '$.waivers', 1_000, (w, p) => waiver(v, w, p));
  const expected = countFindings(findings);
  for (const s of ['error', 'warning', 'notice'] as const)
    if (report.counts[s] !== expected[s])
      v.fail(`$.counts.${s}`, `says ${report.counts[s]}, findings hold ${expected[s]}`);
  if (report.ok !== !findings.some((f) => fails(f.severity, failOn)))
    v.fail('$.ok', `disagrees with the findings under fail-on ${failOn}`);
  report.environments.forEach((e, i) => {
    const extra = unexplainedHeads(e, findings);
    if (extra) v.fail(`$.environments[${i}].mergedHeads`, extra);
  });
  let info: RunInfo | undefined;
  if (o.github !== undefined) {
    const g = v.obj(o.github, '$.github');
    info = { event: v.str(g.event, '$.github.event', 64) };
    if (g.pullRequest !== undefined) info.pullRequest = v.int(g.pullRequest, '$.github.pullRequest', 1);
    if (g.headSha !== undefined) info.headSha = v.sha(g.headSha, '$.github.headSha');
  }
  return { report, info };
}

/**
 * Heads can only multiply with a multiple-heads finding (headsup's own rule, or another finding standing for
 * it): a report that dropped the finding but kept the graph would read as clean. New labelled branches are
 * meant to have a head of their own, and a chain hanging from a missing revision has its missing-parent error.
 */
function unexplainedHeads(env: EnvironmentReport, findings: Finding[]): string | undefined {
  const name = environmentLabel(env);
  const mine = findings.filter((f) => f.environment === name);
  const added = new Map(env.added.map((a) => [a.revision, a]));
  // Whether `id` (an added revision) or an added revision below it satisfies `test`.
  const below = (id: string, test: (a: AddedRevision) => boolean, seen = new Set<string>()): boolean => {
    const a = added.get(id);
    if (!a || seen.has(id)) return false;
    seen.add(id);
    return test(a) || a.downRevisions.some((p) => below(p, test, seen));
  };
  const broken = new Set(
    mine.filter((f) => f.rule === 'missing-parent' && f.severity === 'error').map((f) => f.file),
  );
  const fresh = env.mergedHeads.filter(
    (h) =>
      !env.baseHeads.includes(h) &&
      below(h, (a) => a.branchLabels.length > 0 || (broken.size > 0 && broken.has(a.file))),
  ).length;
  const heads = env.mergedHeads.length - fresh;
  if (heads <= Math.max(1, env.baseHeads.length)) return undefined;
  if (mine.some((f) => f.rule === 'multiple-heads' || f.alsoRules?.includes('multiple-heads')))
    return undefined;
  return `has ${env.mergedHeads.length} heads (base ${env.baseHeads.length}) but the findings hold no multiple-heads`;
}

type Edit = NonNullable<NonNullable<Finding['fix']>['edits']>[number];

const STRING = `(?:'[^'"\\\\\\n]*'|"[^'"\\\\\\n]*")`;
const STRINGS = `\\s*(?:${STRING}\\s*,\\s*)*(?:${STRING}\\s*)?`;
/** A revision value as headsup writes it: None, one quoted id, or a tuple or list of them. Nothing to run. */
const REVISION_VALUE = new RegExp(`^(?:None\\b|${STRING}|\\(${STRINGS}\\)|\\[${STRINGS}\\])`);
const DOWN_REVISION = /^\s*down_revision\s*(?::[^=]*)?=\s*/;
const REVISES = /^\s*Revises:/;

/**
 * Whether a publish run may offer `edit` (from a report a fork wrote) as a one-click suggestion: one line,
 * `original` is what the PR's file holds at that line (`actual`), and the replacement changes only the
 * revision value of a `down_revision =` line or the ids of a docstring's `Revises:` line.
 */
export function isReparentEdit(edit: Edit, actual: string | undefined): boolean {
  if (edit.line !== edit.endLine || edit.original === undefined || actual === undefined) return false;
  const [original, replacement] = [edit.original, edit.replacement].map((l) => l.replace(/\r$/, ''));
  if (original !== actual.replace(/\r$/, '') || /[\r\n]/.test(replacement)) return false;
  return sameAssignment(original, replacement) || sameRevises(original, replacement);
}

function sameAssignment(original: string, replacement: string): boolean {
  const [a, b] = [DOWN_REVISION.exec(original)?.[0], DOWN_REVISION.exec(replacement)?.[0]];
  if (a === undefined || a !== b) return false;
  const [va, vb] = [
    REVISION_VALUE.exec(original.slice(a.length)),
    REVISION_VALUE.exec(replacement.slice(a.length)),
  ];
  if (!va || !vb) return false;
  // Whatever follows the value (a comment, another statement) is the file's own, and must stay as it is.
  return original.slice(a.length + va[0].length) === replacement.slice(a.length + vb[0].length);
}

function sameRevises(original: string, replacement: string): boolean {
  const prefix = REVISES.exec(original)?.[0];
  // In a docstring: no quote may end it, no backslash may escape one.
  return (
    prefix !== undefined && replacement.startsWith(prefix) && !/['"\\]/.test(replacement.slice(prefix.length))
  );
}

export class ReportValidationError extends Error {
  override name = 'ReportValidationError';
}

const STR = 4_096;
const BIG = 1 << 20;

class V {
  fail(path: string, why: string): never {
    throw new ReportValidationError(`report ${path} ${why}`);
  }
  obj(x: unknown, p: string): Record<string, unknown> {
    if (!x || typeof x !== 'object' || Array.isArray(x)) this.fail(p, 'is not an object');
    return x as Record<string, unknown>;
  }
  str(x: unknown, p: string, max = STR): string {
    if (typeof x !== 'string') this.fail(p, 'is not a string');
    if ((x as string).length > max) this.fail(p, `is longer than ${max} characters`);
    return x as string;
  }
  optStr(x: unknown, p: string, max = STR): string | undefined {
    return x === undefined || x === null ? undefined : this.str(x, p, max);
  }
  bool(x: unknown, p: string): boolean {
    if (typeof x !== 'boolean') this.fail(p, 'is not a boolean');
    return x as boolean;
  }
  int(x: unknown, p: string, min = 0): number {
    if (!Number.isSafeInteger(x) || (x as number) < min) this.fail(p, `is not an integer ≥ ${min}`);
    return x as number;
  }
  num(x: unknown, p: string): number {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) this.fail(p, 'is not a finite number ≥ 0');
    return x as number;
  }
  sha(x: unknown, p: string): string {
    const s = this.str(x, p, 64);
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s)) this.fail(p, 'is not a commit sha');
    return s;
  }
  oneOf<T extends string>(x: unknown, p: string, allowed: readonly T[]): T {
    if (!(allowed as readonly unknown[]).includes(x)) this.fail(p, `is not one of ${allowed.join(', ')}`);
    return x as T;
  }
  arr<T>(x: unknown, p: string, max: number, item: (x: unknown, p: string) => T): T[] {
    if (!Array.isArray(x)) this.fail(p, 'is not an array');
    const a = x as unknown[];
    if (a.length > max) this.fail(p, `has more than ${max} items`);
    return a.map((e, i) => item(e, `${p}[${i}]`));
  }
  strs(x: unknown, p: string, max = 1_000): string[] {
    return this.arr(x, p, max, (e, q) => this.str(e, q, 256));
  }
}

function ref(v: V, x: unknown, p: string): Report['base'] {
  const o = v.obj(x, p);
  return { ref: v.str(o.ref, `${p}.ref`, 256), sha: o.sha === null ? null : v.sha(o.sha, `${p}.sha`) };
}

function counts(v: V, x: unknown, p: string): Record<Severity, number> {
  const o = v.obj(x, p);
  return {
    error: v.int(o.error, `${p}.error`),
    warning: v.int(o.warning, `${p}.warning`),
    notice: v.int(o.notice, `${p}.notice`),
  };
}

function finding(v: V, x: unknown, p: string): Finding {
  const o = v.obj(x, p);
  const rule = v.str(o.rule, `${p}.rule`, 64);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(rule)) v.fail(`${p}.rule`, 'is not a rule id');
  const also =
    o.alsoRules === undefined
      ? undefined
      : v.arr(o.alsoRules, `${p}.alsoRules`, 10, (r, q) => {
          const id = v.str(r, q, 64);
          if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) v.fail(q, 'is not a rule id');
          return id;
        });
  const f: Finding = {
    rule,
    ...(also ? { alsoRules: also } : {}),
    severity: v.oneOf(o.severity, `${p}.severity`, ['error', 'warning', 'notice'] as const),
    message: v.str(o.message, `${p}.message`, 20_000),
    environment: v.str(o.environment, `${p}.environment`, 1_024),
  };
  if (o.file !== undefined) f.file = v.str(o.file, `${p}.file`, 1_024);
  if (o.line !== undefined) f.line = v.int(o.line, `${p}.line`, 1);
  if (o.fix !== undefined) {
    const fix = v.obj(o.fix, `${p}.fix`);
    f.fix = { summary: v.str(fix.summary, `${p}.fix.summary`) };
    if (fix.edits !== undefined)
      f.fix.edits = v.arr(fix.edits, `${p}.fix.edits`, 20, (e, q) => {
        const eo = v.obj(e, q);
        const edit: NonNullable<NonNullable<Finding['fix']>['edits']>[number] = {
          file: v.str(eo.file, `${q}.file`, 1_024),
          line: v.int(eo.line, `${q}.line`, 1),
          endLine: v.int(eo.endLine, `${q}.endLine`, 1),
          replacement: v.str(eo.replacement, `${q}.replacement`, 20_000),
        };
        if (edit.endLine < edit.line) v.fail(`${q}.endLine`, 'is before line');
        if (eo.original !== undefined) edit.original = v.str(eo.original, `${q}.original`, 20_000);
        return edit;
      });
    if (fix.command !== undefined) f.fix.command = v.str(fix.command, `${p}.fix.command`);
  }
  if (o.statement !== undefined) f.statement = v.str(o.statement, `${p}.statement`, 20_000);
  return f;
}

function waiver(v: V, x: unknown, p: string): Waiver {
  const o = v.obj(x, p);
  const rule = v.str(o.rule, `${p}.rule`, 64);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(rule)) v.fail(`${p}.rule`, 'is not a rule id');
  return {
    rule,
    environment: v.str(o.environment, `${p}.environment`, 1_100),
    file: v.str(o.file, `${p}.file`, 1_024),
    line: v.int(o.line, `${p}.line`, 1),
    reason: v.str(o.reason, `${p}.reason`, 2_000),
    scope: v.oneOf(o.scope, `${p}.scope`, ['statement', 'file'] as const),
    suppressed: v.int(o.suppressed, `${p}.suppressed`, 1),
  };
}

function dryRun(v: V, x: unknown, p: string): DryRun {
  const o = v.obj(x, p);
  const d: DryRun = {
    status: v.oneOf(o.status, `${p}.status`, ['passed', 'failed', 'skipped'] as const),
    database: v.str(o.database, `${p}.database`, 256),
    schemaDiff: null,
    steps: v.arr(o.steps, `${p}.steps`, 5_000, (s, q) => step(v, s, q)),
  };
  if (o.mode !== undefined) d.mode = v.oneOf(o.mode, `${p}.mode`, ['online', 'offline'] as const);
  const reason = v.optStr(o.reason, `${p}.reason`, 2_000);
  if (reason !== undefined) d.reason = reason;
  const engine = v.optStr(o.engine, `${p}.engine`, 256);
  if (engine !== undefined) d.engine = engine;
  const engineVersion = v.optStr(o.engineVersion, `${p}.engineVersion`, 256);
  if (engineVersion !== undefined) d.engineVersion = engineVersion;
  if (o.dialect !== undefined) {
    const dl = v.obj(o.dialect, `${p}.dialect`);
    d.dialect = {
      name: v.oneOf(dl.name, `${p}.dialect.name`, ['postgresql', 'mysql', 'sqlite'] as const),
      basis: v.str(dl.basis, `${p}.dialect.basis`, 1_024),
    };
  }
  if (o.baseReplay !== undefined) {
    const b = v.obj(o.baseReplay, `${p}.baseReplay`);
    d.baseReplay = {
      revisions: v.int(b.revisions, `${p}.baseReplay.revisions`),
      statements: v.int(b.statements, `${p}.baseReplay.statements`),
      ms: v.num(b.ms, `${p}.baseReplay.ms`),
      ok: v.bool(b.ok, `${p}.baseReplay.ok`),
    };
    if (b.cached !== undefined) d.baseReplay.cached = v.bool(b.cached, `${p}.baseReplay.cached`);
  }
  if (o.python !== undefined) {
    const py = v.obj(o.python, `${p}.python`);
    d.python = {
      executable: v.str(py.executable, `${p}.python.executable`, 1_024),
      version: v.str(py.version, `${p}.python.version`, 256),
      alembic: v.str(py.alembic, `${p}.python.alembic`, 64),
      sqlalchemy: v.str(py.sqlalchemy, `${p}.python.sqlalchemy`, 64),
    };
  }
  if (o.phases !== undefined) {
    const ph = v.obj(o.phases, `${p}.phases`);
    d.phases = {};
    for (const name of PHASES) {
      if (ph[name] === undefined) continue;
      const e = v.obj(ph[name], `${p}.phases.${name}`);
      d.phases[name] = {
        ok: v.bool(e.ok, `${p}.phases.${name}.ok`),
        ms: v.num(e.ms, `${p}.phases.${name}.ms`),
      };
    }
  }
  if (o.ms !== undefined) d.ms = v.num(o.ms, `${p}.ms`);
  if (o.drift !== undefined) {
    const dr = v.obj(o.drift, `${p}.drift`);
    d.drift = {
      compared: v.bool(dr.compared, `${p}.drift.compared`),
      items: v.arr(dr.items, `${p}.drift.items`, 1_000, (i, q) => {
        const io = v.obj(i, q);
        const item: NonNullable<DryRun['drift']>['items'][number] = {
          kind: v.str(io.kind, `${q}.kind`, 64),
          side: v.oneOf(io.side, `${q}.side`, ['models', 'database'] as const),
          detail: v.str(io.detail, `${q}.detail`, 4_096),
        };
        if (io.table !== undefined) item.table = v.str(io.table, `${q}.table`, 512);
        if (io.column !== undefined) item.column = v.str(io.column, `${q}.column`, 512);
        if (io.preexisting !== undefined) item.preexisting = v.bool(io.preexisting, `${q}.preexisting`);
        return item;
      }),
    };
  }
  d.schemaDiff =
    o.schemaDiff === null || o.schemaDiff === undefined
      ? null
      : v.arr(o.schemaDiff, `${p}.schemaDiff`, 5_000, (e, q) => schemaDiffEntry(v, e, q));
  return d;
}

const PHASES = ['upgrade', 'downgrade', 'reupgrade'] as const;

function schemaDiffEntry(v: V, e: unknown, q: string): SchemaDiffEntry {
  const o = v.obj(e, q);
  const out: SchemaDiffEntry = {
    action: v.oneOf(o.action, `${q}.action`, ['added', 'dropped', 'changed'] as const),
    kind: v.str(o.kind, `${q}.kind`, 64),
    name: v.str(o.name, `${q}.name`, 1_024),
    text: v.str(o.text, `${q}.text`, 20_000),
  };
  if (o.parent !== undefined) out.parent = v.str(o.parent, `${q}.parent`, 1_024);
  if (o.fields !== undefined)
    out.fields = v.arr(o.fields, `${q}.fields`, 50, (f, r) => {
      const fo = v.obj(f, r);
      return {
        field: v.str(fo.field, `${r}.field`, 256),
        before: v.str(fo.before, `${r}.before`, 4_096),
        after: v.str(fo.after, `${r}.after`, 4_096),
      };
    });
  return out;
}

function step(v: V, s: unknown, q: string): DryRunStep {
  const so = v.obj(s, q);
  const out: DryRunStep = {
    revision: v.str(so.revision, `${q}.revision`, 256),
    direction: v.oneOf(so.direction, `${q}.direction`, ['upgrade', 'downgrade'] as const),
    phase: v.oneOf(so.phase, `${q}.phase`, PHASES),
    ms: v.num(so.ms, `${q}.ms`),
    statements: v.arr(so.statements, `${q}.statements`, 10_000, (st, r) => statement(v, st, r)),
  };
  const error = v.optStr(so.error, `${q}.error`, 20_000);
  if (error !== undefined) out.error = error;
  return out;
}

function statement(v: V, st: unknown, r: string): DryRunStatement {
  const o = v.obj(st, r);
  const out: DryRunStatement = {
    sql: v.str(o.sql, `${r}.sql`, BIG),
    ms: v.num(o.ms, `${r}.ms`),
    locks:
      o.locks === null
        ? null
        : v.arr(o.locks, `${r}.locks`, 100, (l, q) => {
            const lo = v.obj(l, q);
            const lock: DryRunLock = {
              relation: v.str(lo.relation, `${q}.relation`, 256),
              mode: v.str(lo.mode, `${q}.mode`, 64),
            };
            if (lo.preexisting !== undefined) lock.preexisting = v.bool(lo.preexisting, `${q}.preexisting`);
            return lock;
          }),
  };
  if (o.file !== undefined) out.file = v.str(o.file, `${r}.file`, 1_024);
  if (o.line !== undefined) out.line = v.int(o.line, `${r}.line`, 1);
  if (o.autocommit !== undefined) out.autocommit = v.bool(o.autocommit, `${r}.autocommit`);
  if (o.bookkeeping !== undefined) out.bookkeeping = v.bool(o.bookkeeping, `${r}.bookkeeping`);
  if (o.timeouts !== undefined) {
    const t = v.obj(o.timeouts, `${r}.timeouts`);
    out.timeouts = {
      lock: t.lock === null ? null : v.str(t.lock, `${r}.timeouts.lock`, 64),
      statement: t.statement === null ? null : v.str(t.statement, `${r}.timeouts.statement`, 64),
    };
  }
  return out;
}

function environment(v: V, x: unknown, p: string): EnvironmentReport {
  const o = v.obj(x, p);
  const sketch = v.obj(o.sketch, `${p}.sketch`);
  const env: EnvironmentReport = {
    kind: v.oneOf(o.kind, `${p}.kind`, ['alembic'] as const),
    path: v.str(o.path, `${p}.path`, 1_024),
    source: v.str(o.source, `${p}.source`, 1_024),
    baseHeads: v.strs(o.baseHeads, `${p}.baseHeads`),
    mergedHeads: v.strs(o.mergedHeads, `${p}.mergedHeads`),
    added: v.arr(o.added, `${p}.added`, 5_000, (a, q) => {
      const ao = v.obj(a, q);
      return {
        revision: v.str(ao.revision, `${q}.revision`, 256),
        downRevisions: v.strs(ao.downRevisions, `${q}.downRevisions`, 100),
        file: v.str(ao.file, `${q}.file`, 1_024),
        line: v.int(ao.line, `${q}.line`),
        branchLabels: v.strs(ao.branchLabels ?? [], `${q}.branchLabels`, 100),
      };
    }),
    modified: v.strs(o.modified, `${p}.modified`, 5_000),
    deleted: v.strs(o.deleted, `${p}.deleted`, 5_000),
    revisionCount: v.int(o.revisionCount, `${p}.revisionCount`),
    dryRun: dryRun(v, o.dryRun, `${p}.dryRun`),
    sketch: {
      nodes: v.arr(sketch.nodes, `${p}.sketch.nodes`, 500, (n, q) => {
        const no = v.obj(n, q);
        const node: EnvironmentReport['sketch']['nodes'][number] = {
          id: v.str(no.id, `${q}.id`, 256),
          origin: v.oneOf(no.origin, `${q}.origin`, ['base', 'pr'] as const),
          head: v.bool(no.head, `${q}.head`),
        };
        if (no.extraHead !== undefined) node.extraHead = v.bool(no.extraHead, `${q}.extraHead`);
        return node;
      }),
      edges: v.arr(sketch.edges, `${p}.sketch.edges`, 1_000, (e, q) => {
        const eo = v.obj(e, q);
        const edge: EnvironmentReport['sketch']['edges'][number] = {
          from: v.str(eo.from, `${q}.from`, 256),
          to: v.str(eo.to, `${q}.to`, 256),
        };
        if (eo.indirect !== undefined) edge.indirect = v.bool(eo.indirect, `${q}.indirect`);
        return edge;
      }),
    },
  };
  // Optional fields, in the order the pipeline writes them (the name first: findings refer to it).
  const name = v.optStr(o.name, `${p}.name`, 1_100);
  const configFile = v.optStr(o.configFile, `${p}.configFile`, 1_024);
  const section = v.optStr(o.section, `${p}.section`, 256);
  const { kind, path, ...rest } = env;
  return {
    kind,
    path,
    ...(name !== undefined ? { name } : {}),
    ...(configFile !== undefined ? { configFile } : {}),
    ...(section !== undefined ? { section } : {}),
    ...rest,
  };
}
