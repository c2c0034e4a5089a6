/**
 * Feeds the SQL rules statements as the dry run captures them (SQL text, file and line, traced locks,
 * autocommit), through the real engine and parsers, and returns the findings.
 */
import { emptySnapshot, type SchemaSnapshot, type TableSnapshot } from '../../src/dryrun/schema/model.js';
import type { DryRunLock, DryRunStatement, DryRunStep, Finding } from '../../src/report/model.js';
import { sqlFindings, type SqlRulesInput, type SqlSettings } from '../../src/rules/sql/engine.js';
import type { SqlDialect } from '../../src/rules/sql/lib/types.js';

export interface Captured {
  sql: string;
  /** Default: 10, 11, 12 … in order. */
  line?: number;
  /** Traced locks (pg_locks rows); default: none traced (null). */
  locks?: DryRunLock[] | null;
  autocommit?: boolean;
  ms?: number;
  /** Default `r1`; each revision is its own step (its own transaction). */
  revision?: string;
}

export interface LintOptions {
  dialect?: SqlDialect;
  mode?: 'online' | 'offline';
  /** Tables at the base heads: `{ users: ['id integer not null', 'email varchar(200)'] }`; absent: inferred. */
  base?: Record<string, string[]>;
  /** Indexes at the base heads, by table. */
  indexes?: Record<string, string[]>;
  /** CHECK expressions at the base heads, by table (as PostgreSQL prints them). */
  checks?: Record<string, string[]>;
  sizes?: Record<string, number>;
  settings?: SqlSettings;
  serverVersion?: string;
  /** Revision files' text, by path (suppressions). */
  sources?: Record<string, string>;
  preamble?: string[];
}

export const FILE = (revision: string) => `migrations/versions/${revision}_x.py`;

/** A traced lock as the dry run records it. */
export const lock = (relation: string, mode: string, preexisting = true): DryRunLock => ({
  relation,
  mode,
  preexisting,
});

export function schema(
  tables: Record<string, string[]>,
  indexes: Record<string, string[]> = {},
  checks: Record<string, string[]> = {},
): SchemaSnapshot {
  const s = emptySnapshot('postgresql');
  s.tables = Object.entries(tables).map(([name, cols]): TableSnapshot => ({
    name,
    columns: cols.map((c) => {
      const [col, ...rest] = c.split(' ');
      const text = rest.join(' ');
      const notNull = /\bnot null\b/i.test(text);
      return { name: col, type: text.replace(/\s*\bnot null\b/i, '').trim(), nullable: !notNull };
    }),
    uniques: [],
    checks: (checks[name] ?? []).map((expression) => ({ expression })),
    foreignKeys: [],
    indexes: (indexes[name] ?? []).map((i) => ({ name: i, columns: [], unique: false })),
  }));
  return s;
}

export function steps(statements: (string | Captured)[]): DryRunStep[] {
  const byRevision = new Map<string, DryRunStatement[]>();
  statements.forEach((x, i) => {
    const c: Captured = typeof x === 'string' ? { sql: x } : x;
    const revision = c.revision ?? 'r1';
    const st: DryRunStatement = {
      sql: c.sql,
      ms: c.ms ?? 5,
      file: FILE(revision),
      line: c.line ?? 10 + i,
      locks: c.locks === undefined ? null : c.locks,
    };
    if (c.autocommit) st.autocommit = true;
    byRevision.set(revision, [...(byRevision.get(revision) ?? []), st]);
  });
  return [...byRevision].map(([revision, list]) => ({
    revision,
    direction: 'upgrade',
    phase: 'upgrade',
    ms: 0,
    statements: [
      ...list,
      {
        sql: `UPDATE alembic_version SET version_num='${revision}'`,
        ms: 1,
        locks: null,
        bookkeeping: true,
      },
    ],
  }));
}

export async function lint(statements: (string | Captured)[], opts: LintOptions = {}): Promise<Finding[]> {
  const st = steps(statements);
  const input: SqlRulesInput = {
    environment: 'migrations',
    dialect: opts.dialect ?? 'postgresql',
    mode: opts.mode ?? 'online',
    steps: st,
    prRevisions: new Set(st.map((s) => s.revision)),
    fileOf: new Map(st.map((s) => [s.revision, FILE(s.revision)])),
    sources: new Map(Object.entries(opts.sources ?? {})),
    ...(opts.serverVersion ? { serverVersion: opts.serverVersion } : {}),
    ...(opts.base ? { baseSchema: schema(opts.base, opts.indexes, opts.checks) } : {}),
    ...(opts.sizes ? { tableSizes: new Map(Object.entries(opts.sizes)) } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.preamble ? { preamble: opts.preamble.map((sql) => ({ sql, ms: 0, locks: null })) } : {}),
  };
  return (await sqlFindings(input)).findings;
}

/** The findings of one rule. */
export async function lintRule(
  rule: string,
  statements: (string | Captured)[],
  opts: LintOptions = {},
): Promise<Finding[]> {
  return (await lint(statements, opts)).filter((f) => f.rule === rule);
}
