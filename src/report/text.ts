import { environmentLabel, touchedByPr, type Finding, type Report, type Severity } from './model.js';
import { plural, someOf } from './wording.js';
import { visible } from './escape.js';
import {
  dryRunHeadline,
  duration,
  lockName,
  notableLocks,
  ownStatements,
  passesLine,
  passesOf,
  PHASE_WORDS,
} from './dry-run-view.js';
import type { EnvironmentReport } from './model.js';

/** ANSI colour only when writing to a terminal; the same words either way. */
export interface TextOptions {
  color: boolean;
  /** Print the SQL each PR revision ran (`--show-sql`). */
  showSql?: boolean;
}

const codes = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 } as const;
type Paint = (style: keyof typeof codes, s: string) => string;

const severityStyle: Record<Severity, keyof typeof codes> = {
  error: 'red',
  warning: 'yellow',
  notice: 'cyan',
};

function short(sha: string | null): string {
  return sha ? ` (${sha.slice(0, 12)})` : '';
}

function finding(f: Finding, paint: Paint): string[] {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : f.environment || '(run)';
  const lines = [
    `${paint(severityStyle[f.severity], f.severity.padEnd(7))} ${paint('bold', [f.rule, ...(f.alsoRules ?? [])].join(' + '))}  ${where}`,
  ];
  lines.push(`        ${f.message}`);
  if (f.statement !== undefined) {
    const sql = f.statement.replace(/\s+/g, ' ').trim();
    lines.push(`        ${paint('dim', `sql: ${sql.length > 200 ? `${sql.slice(0, 200)}…` : sql}`)}`);
  }
  if (f.fix) {
    lines.push(`        ${paint('green', 'fix:')} ${f.fix.summary}`);
    for (const e of f.fix.edits ?? []) {
      lines.push(`          ${paint('dim', `${e.file}:${e.line}`)}`);
      if (e.original !== undefined)
        lines.push(...e.original.split('\n').map((l) => `          ${paint('red', `- ${l}`)}`));
      lines.push(...e.replacement.split('\n').map((l) => `          ${paint('green', `+ ${l}`)}`));
    }
    if (f.fix.command) lines.push(`        ${f.fix.edits?.length ? 'or run:' : 'run:'} ${f.fix.command}`);
  }
  return lines;
}

/** At most 10 heads on a line; a graph with thousands of them says how many more. */
function headList(ids: string[]): string {
  return ids.length ? someOf(ids) : 'none';
}

/** Schema diff lines shown per environment. */
const SCHEMA_LINES = 20;
/** New revisions listed per environment. */
const LISTED = 50;
/** Environments a PR leaves alone, listed one per line up to this many. */
const UNTOUCHED_LISTED = 10;

/**
 * Text the renderer lays out itself, so it keeps its line breaks: edit code line by line, a finding's statement
 * on one line, the dry run's SQL (`sql`) and schema diff (`text`) line by line, a step's error by its first line.
 */
const MULTILINE = new Set(['original', 'replacement', 'statement', 'sql', 'text', 'error']);

/**
 * A copy of the report with every string made printable: ids, paths, messages and refs come from the
 * repository or the command line, and must not reach the terminal as control characters.
 */
function printable<T>(value: T, key = ''): T {
  if (typeof value === 'string')
    // SQLAlchemy indents CREATE TABLE's columns with tabs: in SQL a tab is layout, shown as spaces.
    return (
      MULTILINE.has(key)
        ? (key === 'sql' ? value.replace(/\t/g, '    ') : value).split('\n').map(visible).join('\n')
        : visible(value)
    ) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printable(v, key)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v, k)])) as T;
  return value;
}

/** The dry run: one line for the run, one per PR revision, and its SQL with --show-sql. */
function dryRunLines(env: EnvironmentReport, paint: Paint, showSql: boolean): string[] {
  const d = env.dryRun;
  const head = dryRunHeadline(d);
  if (d.status === 'skipped') return [paint('dim', `  ${head}`)];
  const out = [`  ${d.status === 'failed' ? paint('red', head) : head}`];
  const changes = d.schemaDiff ?? [];
  if (changes.length) {
    out.push(`    schema: ${plural(changes.length, 'change')}`);
    const lines = changes.flatMap((e) => e.text.split('\n'));
    for (const l of lines.slice(0, SCHEMA_LINES))
      out.push(paint(l.startsWith('-') ? 'red' : l.startsWith('+') ? 'green' : 'yellow', `      ${l}`));
    if (lines.length > SCHEMA_LINES)
      out.push(
        paint('dim', `      … ${lines.length - SCHEMA_LINES} more lines (--format json has them all)`),
      );
  }
  for (const a of env.added) {
    const p = passesOf(env, a.revision);
    if (!p.passes.length) continue;
    const mark = p.failed ? paint('red', '✗') : paint('green', '✓');
    out.push(`    ${mark} ${a.revision}  ${passesLine(p)}`);
    if (!showSql) continue;
    for (const { phase, step } of p.passes) {
      out.push(paint('dim', `      -- ${PHASE_WORDS[phase]} (${duration(step.ms)})`));
      for (const st of ownStatements(step)) {
        const where = st.file ? `  ${st.file}${st.line ? `:${st.line}` : ''}` : '';
        const locks = notableLocks(st.locks).map((l) => `${lockName(l.mode)} on ${l.relation}`);
        if (st.autocommit && st.locks === null) locks.push('autocommit: locks not traced');
        const sql = st.sql.trim().replace(/;$/, '');
        const lines = sql.split('\n');
        lines[lines.length - 1] += ';';
        out.push(...lines.map((l) => `      ${l}`));
        out.push(
          paint('dim', `      -- ${duration(st.ms)}${where}${locks.length ? ` · ${locks.join(', ')}` : ''}`),
        );
      }
      if (step.error !== undefined) out.push(paint('red', `      -- failed: ${step.error.split('\n')[0]}`));
    }
  }
  return out;
}

export function renderText(raw: Report, opts: TextOptions): string {
  // Decided on the real values: escaping could make two different paths read alike.
  const touched = raw.environments.map((e) => touchedByPr(e, raw.findings));
  const report = printable(raw);
  const paint: Paint = opts.color ? (style, s) => `\u001b[${codes[style]}m${s}\u001b[0m` : (_style, s) => s;
  const out: string[] = [];
  out.push(
    `headsup ${report.tool.version}: ${report.base.ref}${short(report.base.sha)} vs ${report.head.ref}${short(report.head.sha)}`,
  );
  const { error, warning, notice } = report.counts;
  const summary = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(notice, 'notice')}`;
  out.push(
    report.ok ? paint('green', `✓ ${summary}`) : paint('red', `✗ ${summary} (fails on ${report.failOn})`),
  );
  for (const h of report.hints ?? []) out.push(paint('dim', `hint: ${h}`));
  if (report.environments.length === 0)
    out.push('No Alembic migration environment found (pass --migrations DIR to name one).');
  // Environments the PR leaves alone get a line each, or one line for all in a repository with many.
  const untouched = report.environments.filter((_, i) => !touched[i]);
  const brief = untouched.length > UNTOUCHED_LISTED;
  for (const [i, env] of report.environments.entries()) {
    if (!touched[i]) {
      if (!brief)
        out.push(
          '',
          `${paint('bold', environmentLabel(env))} (${env.source}): ${plural(env.revisionCount, 'revision')}; ` +
            `heads: ${headList(env.mergedHeads)}; unchanged by this PR`,
        );
      continue;
    }
    out.push('');
    out.push(
      `${paint('bold', environmentLabel(env))} (${env.source}): ${plural(env.revisionCount, 'revision')}; ` +
        `base heads: ${headList(env.baseHeads)}; after merge: ${headList(env.mergedHeads)}`,
    );
    for (const a of env.added.slice(0, LISTED)) {
      const parents = a.downRevisions.length ? `revises ${a.downRevisions.join(', ')}` : 'new base';
      out.push(`  + ${a.revision}  ${parents}  ${paint('dim', `${a.file}:${a.line}`)}`);
    }
    // A huge PR's list would bury the findings below it.
    const more = env.added.length - LISTED;
    if (more > 0)
      out.push(paint('dim', `  … and ${plural(more, 'more new revision')} (--format json lists every one)`));
    for (const m of env.modified) out.push(`  ~ ${m}`);
    for (const d of env.deleted) out.push(`  - ${d}`);
    out.push(...dryRunLines(env, paint, opts.showSql === true));
  }
  if (brief)
    out.push(
      '',
      paint(
        'dim',
        `${plural(untouched.length, 'other environment')} unchanged by this PR (--format json lists them)`,
      ),
    );
  if (report.findings.length) out.push('');
  for (const f of report.findings) out.push(...finding(f, paint), '');
  if (report.waivers?.length) {
    out.push(paint('bold', `waivers (${report.waivers.length}):`));
    for (const w of report.waivers)
      out.push(
        `  ${w.rule}  ${w.file}:${w.line}${w.scope === 'file' ? ' (whole file)' : ''}  ${w.reason || paint('yellow', '(no reason given)')}`,
      );
  }
  return out.join('\n').trimEnd() + '\n';
}
