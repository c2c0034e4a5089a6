/**
 * The SQL rules over one environment's dry run: every statement the PR's revisions executed, parsed by a real
 * parser, judged with its context (dialect and version, the tables at the base heads, its transaction, the
 * locks it took), each finding on the line of the `op.*` call that issued it; then the suppressions written
 * in the revision files.
 */
import { parser as pythonParser } from '@lezer/python';
import type { SchemaSnapshot } from '../../dryrun/schema/model.js';
import { irreversibleDowngrade, irreversibleFinding } from '../../dryrun/irreversible.js';
import type { DryRunStatement, DryRunStep, Finding, Waiver } from '../../report/model.js';
import { applySuppressions, suppressionsIn } from '../suppress/suppress.js';
import { link, lockTimeoutSetting, parseSteps, type Unparsed } from './lib/prepare.js';
import { mysqlParser, postgresParser, type MyGrammar } from './lib/parsers.js';
import { BATCH_PREFIX, columnKey, tableKey, Tables } from './lib/tables.js';
import type { Hit, RuleContext, SqlDialect, SqlRule, Statement } from './lib/types.js';
import { chooseVersion } from './lib/version.js';
import { sqlRules } from './index.js';

/** What the configuration says about the SQL rules (`.headsup.yml`, action inputs). */
export interface SqlSettings {
  /** The PostgreSQL version production runs (`15`, `14.9`): rules judge by it, not by the throwaway's. */
  postgresVersion?: string;
  /** The MySQL or MariaDB version production runs (`8.0.36`, `10.11-MariaDB`). */
  mysqlVersion?: string;
  /** A lock_timeout production sets outside the migrations (the role, the deploy script): assumed in effect. */
  lockTimeout?: boolean;
}

export interface SqlRulesInput {
  /** The environment's name, as findings call it. */
  environment: string;
  dialect: SqlDialect;
  mode: 'online' | 'offline';
  /** The dry run's steps; the rules read the PR revisions' first upgrade. */
  steps: readonly DryRunStep[];
  prRevisions: ReadonlySet<string>;
  /** Revision id → its file (statements rendered offline carry no place of their own). */
  fileOf: ReadonlyMap<string, string>;
  /** The PR's revision files' text, by path: suppressions are read from them. */
  sources: ReadonlyMap<string, string>;
  /** The dry run's server version (`DryRun.engineVersion`). */
  serverVersion?: string;
  /** The schema at the base heads; absent: a table is pre-existing unless the PR creates it. */
  baseSchema?: SchemaSnapshot;
  /** Rows per table (the config's sizes, or its size query run on the base snapshot's database). */
  tableSizes?: ReadonlyMap<string, number>;
  settings?: SqlSettings;
  /** Statements env.py ran on the connection before the first revision (a `SET lock_timeout` there counts). */
  preamble?: readonly DryRunStatement[];
  /** The dry run's own findings for this environment: the suppressions apply to them too. */
  findings?: readonly Finding[];
  /** Every rule id headsup has (to tell a suppression's typo from a rule that did not fire). */
  knownRules?: ReadonlySet<string>;
}

export interface SqlRulesResult {
  /** The rules' findings and the dry run's, less what the suppressions cover, plus notes about them. */
  findings: Finding[];
  waivers: Waiver[];
}

/** How much of a statement a finding carries (the comment clips it further). */
const STATEMENT_MAX = 4_000;

function clip(sql: string, max: number): string {
  return sql.length > max ? `${sql.slice(0, max)}…` : sql;
}

export async function sqlFindings(input: SqlRulesInput): Promise<SqlRulesResult> {
  const steps = input.steps.filter((s) => s.phase === 'upgrade' && input.prRevisions.has(s.revision));
  const found: Finding[] = [];
  if (steps.some((s) => s.statements.some((st) => !st.bookkeeping)))
    found.push(...(await checkStatements(input, steps)));
  if (input.mode === 'offline') found.push(...irreversible(input));
  const suppressions = [...input.sources].flatMap(([file, text]) => suppressionsIn(file, text));
  // Online, a revision the dry run never reached (it stopped at an earlier failure) drew no findings to suppress.
  const ran = new Set(steps.map((s) => input.fileOf.get(s.revision)));
  const notRun =
    input.mode === 'online'
      ? new Set([...input.sources.keys()].filter((f) => !ran.has(f)))
      : new Set<string>();
  return applySuppressions(
    [...found, ...(input.findings ?? [])],
    suppressions,
    input.environment,
    input.knownRules ?? new Set(sqlRules.map((r) => r.id)),
    notRun,
  );
}

function grammarOf(input: SqlRulesInput): MyGrammar {
  if (input.dialect === 'sqlite') return 'sqlite';
  const version = input.settings?.mysqlVersion ?? input.serverVersion ?? '';
  return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

async function checkStatements(input: SqlRulesInput, steps: DryRunStep[]): Promise<Finding[]> {
  const { dialect } = input;
  const pg = dialect === 'postgresql' ? await postgresParser() : undefined;
  const parser = pg ?? (await mysqlParser(grammarOf(input)));
  const defLines = new Map<string, number | undefined>();
  const place = (step: DryRunStep, st: DryRunStatement) => {
    const file = st.file ?? input.fileOf.get(step.revision);
    if (st.file && st.line) return { file, line: st.line };
    if (!file) return {};
    if (!defLines.has(file)) defLines.set(file, defLine(input.sources.get(file), 'upgrade'));
    const line = defLines.get(file);
    return line ? { file, line } : { file };
  };
  const { statements, unparsed } = parseSteps(steps, parser, dialect, place);
  const created = new Set<string>();
  const named = new Set<string>();
  const added = new Set<string>();
  for (const s of statements) {
    for (const f of s.facts)
      if (f.kind === 'create-table' && !f.table.startsWith(BATCH_PREFIX))
        created.add(tableKey(f.table, dialect));
      else if (f.kind === 'add-column') added.add(columnKey(f.table, f.column, dialect));
    for (const t of s.tables) named.add(tableKey(t, dialect));
  }
  const tables = new Tables(dialect, input.baseSchema, created, named, input.tableSizes, added);
  // env.py's own `SET lock_timeout` (before the first revision) holds for the whole session.
  const preambleTimeout = (input.preamble ?? []).some((p) => {
    const parsed = pg?.parse(p.sql);
    return parsed?.ok === true && lockTimeoutSetting(parsed.node)?.on === true;
  });
  link(statements, {
    mode: input.mode,
    tables,
    assumeLockTimeout: input.settings?.lockTimeout === true || preambleTimeout,
  });
  const ctx: RuleContext = {
    dialect,
    version: chooseVersion(
      dialect,
      dialect === 'postgresql' ? input.settings?.postgresVersion : input.settings?.mysqlVersion,
      input.serverVersion,
    ),
    mode: input.mode,
    tables,
    statements,
  };
  const rules = sqlRules.filter((r) => r.dialects.includes(dialect));
  const findings: Finding[] = [];
  for (const s of statements) {
    if (s.raw.bookkeeping || (!s.pg && !s.my)) continue;
    for (const rule of rules)
      for (const hit of hits(rule, s, ctx)) findings.push(toFinding(rule, hit, s, input));
  }
  return [...onePerLine(findings), ...unparsedNote(unparsed, input, dialect, grammarOf(input))];
}

function hits(rule: SqlRule, s: Statement, ctx: RuleContext): Hit[] {
  const h = rule.check(s, ctx);
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
}

function toFinding(rule: SqlRule, hit: Hit, s: Statement, input: SqlRulesInput): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    message: hit.message,
    environment: input.environment,
    ...(s.file ? { file: s.file } : {}),
    ...(s.file && s.line ? { line: s.line } : {}),
    fix: { summary: hit.fix ?? rule.safe },
    statement: clip(s.sql, STATEMENT_MAX),
  };
}

/**
 * One finding per rule and line: an `op.*` call that issues several statements (a batch block, a table with
 * its indexes) is one pattern to fix, said once.
 */
function onePerLine(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.line ? `${f.rule}\0${f.file}\0${f.line}` : `${f.rule}\0${byKey.size}\0${f.message}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  return [...byKey.values()].map(([first, ...more]) =>
    more.length
      ? {
          ...first,
          message: `${first.message} The same line issues ${more.length} more ${more.length === 1 ? 'statement' : 'statements'} this rule flags.`,
        }
      : first,
  );
}

function unparsedNote(
  unparsed: Unparsed[],
  input: SqlRulesInput,
  dialect: SqlDialect,
  grammar: MyGrammar,
): Finding[] {
  if (!unparsed.length) return [];
  const [first] = unparsed;
  const parserName =
    dialect === 'postgresql' ? 'PostgreSQL’s parser (libpg-query)' : `node-sql-parser (${grammar})`;
  const file = first.statement.file ?? input.fileOf.get(first.step.revision);
  return [
    {
      rule: 'sql-not-parsed',
      severity: 'notice',
      environment: input.environment,
      ...(file ? { file } : {}),
      ...(file && first.statement.line ? { line: first.statement.line } : {}),
      message:
        `${unparsed.length === 1 ? 'One statement' : `${unparsed.length} statements`} the dry run executed could not be parsed by ${parserName}, so the SQL rules skipped ${unparsed.length === 1 ? 'it' : 'them'}; ` +
        `the first: ${first.error}.`,
      statement: clip(first.statement.sql.trim(), STATEMENT_MAX),
    },
  ];
}

/** The line of a module-level `def name():` (where offline findings point: the statements carry no line). */
function defLine(source: string | undefined, name: string): number | undefined {
  if (!source) return undefined;
  const top = pythonParser.parse(source).topNode;
  for (let n = top.firstChild; n; n = n.nextSibling) {
    const fn = n.name === 'DecoratedStatement' ? n.getChild('FunctionDefinition') : n;
    const id = fn?.name === 'FunctionDefinition' ? fn.getChild('VariableName') : null;
    if (id && source.slice(id.from, id.to) === name) return source.slice(0, fn!.from).split('\n').length;
  }
  return undefined;
}

/**
 * Offline, nothing is downgraded, so the dry run does not say which revisions cannot be: read from their
 * source, as the online dry run does (which then reports it itself: never twice).
 */
function irreversible(input: SqlRulesInput): Finding[] {
  const out: Finding[] = [];
  for (const id of input.prRevisions) {
    const file = input.fileOf.get(id);
    const source = file ? input.sources.get(file) : undefined;
    const how = source ? irreversibleDowngrade(source) : undefined;
    if (how && file) out.push(irreversibleFinding(id, how, input.environment, file));
  }
  return out;
}
