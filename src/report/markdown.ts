import {
  environmentLabel,
  touchedByPr,
  type DryRunStep,
  type EnvironmentReport,
  type Finding,
  type Report,
} from './model.js';
import { code, defuseMentions, fenced, inline, knownCode, message, type KnownCode } from './escape.js';
import { sketchToMermaid } from './mermaid.js';
import { plural, someOf } from './wording.js';
import {
  dryRunHeadline,
  duration,
  LOCK_BLOCKS,
  lockName,
  notableLocks,
  ownStatements,
  passesLine,
  passesOf,
  PHASE_WORDS,
} from './dry-run-view.js';

/** GitHub rejects comment bodies over 65,536 characters; keep room for the hidden marker. */
export const COMMENT_LIMIT = 65_536 - 512;

export interface MarkdownOptions {
  /** Link for a file (and line) at the head commit; plain text when absent. */
  fileUrl?: (file: string, line?: number) => string;
  /** Footer link to the run that produced the report. */
  runUrl?: string;
  /** Where the complete report lives when this one is cut (the job summary). */
  summaryUrl?: string;
  /** Commit named in the footer when it is not `report.head.sha` (a PR head rather than its merge commit). */
  commit?: string;
  /** Size budget for the whole document (default: the comment limit). */
  limit?: number;
  /** How the budget is measured: UTF-16 units (≥ characters) by default; the job summary counts bytes. */
  measure?: (s: string) => number;
  /** `comment` folds and caps SQL; `full` (job summary) keeps everything that fits. */
  detail?: 'comment' | 'full';
  /** Ready, already-escaped Markdown blocks shown above the footer (radar warnings, notes). */
  extra?: string[];
  /** First line of the document. */
  title?: string;
  /**
   * Where a rule's documentation is (`docs/rules.md#<id>` made absolute: headsup's own repository at the
   * version the workflow runs). Rule ids stay plain text without it.
   */
  ruleUrl?: (rule: string) => string;
}

const icon = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

export function verdict(report: Report): string {
  const { error, warning } = report.counts;
  const tally = `${plural(error, 'error')}, ${plural(warning, 'warning')}`;
  if (
    error > 0 &&
    report.findings.some(
      (f) => f.severity === 'error' && (f.rule === 'multiple-heads' || f.rule === 'stale-parent'),
    )
  ) {
    return `❌ **This PR would fork the migration graph.** ${tally}.`;
  }
  if (error > 0) return `❌ **${plural(error, 'migration error')}**, ${plural(warning, 'warning')}.`;
  const fails = report.ok ? '' : ` This check fails on ${report.failOn}s.`;
  if (warning > 0) return `⚠️ **No conflicts**, ${plural(warning, 'warning')} to review.${fails}`;
  if (
    report.environments.every(
      (e) => e.added.length === 0 && e.modified.length === 0 && e.deleted.length === 0,
    )
  ) {
    return '✅ **No migration changes.**';
  }
  return '✅ **Migrations are clean:** one head after merge, nothing to fix.';
}

// ---- escaping beyond escape.ts: references and links that GitHub would autolink in plain text ----

/** `#123`, `GH-123`, bare URLs: GitHub turns them into cross-references/links; hostile text must not. */
function defuseRefs(s: string): string {
  return s
    .replace(/#(?=\d)/g, '#\u200d')
    .replace(/\b(GH)-(?=\d)/gi, '$1\u200d-')
    .replace(/:\/\//g, ':\u200d//')
    .replace(/\bwww\./gi, 'www\u200d.');
}

/** Plain text for Markdown (escaped, one line, nothing that links or notifies). */
function txt(s: string): string {
  return defuseRefs(inline(s));
}

/**
 * Rule messages mark ids with `backticks`: those stay code spans, the rest is plain text. An id that itself
 * holds backticks is matched against the report's ids (see message()); every piece is still escaped on its
 * own, so a wrong pairing reads oddly but stays inert.
 */
function msg(s: string, c: Ctx): string {
  return message(s, c.known, txt);
}

/** What rules put in backticks and the report knows: revision ids and branch labels. */
function reportCode(report: Report): KnownCode {
  return knownCode(
    report.environments.flatMap((e) => [
      ...e.baseHeads,
      ...e.mergedHeads,
      ...e.modified,
      ...e.deleted,
      ...e.added.flatMap((a) => [a.revision, ...a.downRevisions, ...a.branchLabels]),
      ...e.sketch.nodes.map((n) => n.id),
    ]),
  );
}

/** Text inside raw HTML (`<summary>`): entity-escaped, mentions and references defused. */
function html(s: string): string {
  const escaped = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r?\n/g, ' ');
  return defuseRefs(defuseMentions(escaped));
}

/** GFM splits table cells on `|` even inside code spans unless it is escaped. */
function cell(s: string): string {
  return s.replace(/(?<!\\)\|/g, '\\|');
}

/** Cut text to `max` characters at a line break when possible, saying how much was left out. */
export function clip(s: string, max: number, what = 'characters'): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max);
  const nl = s.lastIndexOf('\n', end);
  if (nl > end * 0.6) end = nl;
  // Never split a surrogate pair.
  if (end > 0 && /[\uD800-\uDBFF]/.test(s[end - 1])) end--;
  return `${s.slice(0, end)}\n… ${s.length - end} more ${what} not shown`;
}

const short = (sha: string) => sha.slice(0, 12);

// ---- sections; each renders the richest version that fits a budget, or '' ----

interface Ctx {
  report: Report;
  opts: MarkdownOptions;
  measure: (s: string) => number;
  full: boolean;
  /** Set when anything was left out, so the footer can say where the rest is. */
  cut: boolean;
  known: KnownCode;
}

function fileLink(file: string, line: number | undefined, opts: MarkdownOptions): string {
  const text = code(`${file}${line ? `:${line}` : ''}`);
  return opts.fileUrl ? `[${text}](${opts.fileUrl(file, line)})` : text;
}

function where(f: Finding, opts: MarkdownOptions): string {
  if (!f.file) return f.environment ? code(f.environment) : '_run_';
  return fileLink(f.file, f.line, opts);
}

/** In the SQL warnings' cell: the file's name and line (the revision id tells it), linked to the full path. */
function shortWhere(f: Finding, opts: MarkdownOptions): string {
  if (!f.file) return where(f, opts);
  const text = code(`${f.file.slice(f.file.lastIndexOf('/') + 1)}${f.line ? `:${f.line}` : ''}`);
  return opts.fileUrl ? `[${text}](${opts.fileUrl(f.file, f.line)})` : text;
}

/** A rule id, linked to its documentation when the renderer knows where that is. */
function ruleRef(rule: string, opts: MarkdownOptions, bold = false): string {
  const name = bold ? `**${txt(rule)}**` : txt(rule);
  return opts.ruleUrl ? `[${name}](${opts.ruleUrl(rule)})` : name;
}

/** The rule id, and those the finding also stands for (`stale-parent + multiple-heads`). */
function ruleIds(f: Finding, opts: MarkdownOptions): string {
  return [f.rule, ...(f.alsoRules ?? [])].map((r) => ruleRef(r, opts)).join(' + ');
}

function ruleName(f: Finding, opts: MarkdownOptions): string {
  return [f.rule, ...(f.alsoRules ?? [])].map((r) => ruleRef(r, opts, true)).join(' + ');
}

function fixBlock(f: Finding, c: Ctx, cap: number, shown: Set<string>): string[] {
  if (!f.fix) return [];
  const out = [`**Fix:** ${msg(clip(f.fix.summary, cap), c)}`];
  for (const e of f.fix.edits ?? []) {
    const diff = [
      ...(e.original?.split('\n').map((l) => `- ${l}`) ?? []),
      ...e.replacement.split('\n').map((l) => `+ ${l}`),
    ];
    out.push('', `${code(`${e.file}:${e.line}`)}`, fenced(clip(diff.join('\n'), cap), 'diff'));
  }
  if (f.fix.command && shown.has(f.fix.command))
    out.push('', `${f.fix.edits?.length ? 'Or run' : 'Run'} the same command as above.`);
  else if (f.fix.command) {
    shown.add(f.fix.command);
    out.push('', `${f.fix.edits?.length ? 'Or run' : 'Run'}:`, fenced(clip(f.fix.command, cap), 'sh'));
  }
  return out;
}

function fullFinding(f: Finding, c: Ctx, shown: Set<string>): string {
  const cap = c.full ? 20_000 : 3_000;
  return [
    `${icon[f.severity]} ${ruleName(f, c.opts)} in ${where(f, c.opts)}`,
    '',
    msg(clip(f.message, cap), c),
    '',
    ...(f.statement !== undefined ? [fenced(clip(f.statement, c.full ? 20_000 : 1_500), 'sql'), ''] : []),
    ...fixBlock(f, c, cap, shown),
  ]
    .join('\n')
    .trimEnd();
}

function compactFinding(f: Finding, c: Ctx): string {
  return `- ${icon[f.severity]} ${ruleName(f, c.opts)} in ${where(f, c.opts)}: ${msg(clip(f.message, 300).replace(/\n.*$/s, '…'), c)}`;
}

/** Errors first and in full; when they do not fit, later ones shrink to one line, then to a count. */
function errorsSection(c: Ctx, budget: number): string {
  // In the report's order, as every renderer lists them.
  const errors = c.report.findings.filter((f) => f.severity === 'error');
  if (!errors.length) return '';
  const head = `#### ${errors.length === 1 ? 'Error' : `Errors (${errors.length})`}`;
  const shown = new Set<string>();
  const full = errors.map((f) => fullFinding(f, c, shown));
  const compact = errors.map((f) => compactFinding(f, c));
  // Sizes add up (both measures are additive), so sizes of every mix come from prefix sums.
  const n = errors.length;
  const fullSize = full.map((s) => c.measure(s) + 2);
  const compactSize = compact.map((s) => c.measure(s) + 1);
  const compactFrom = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) compactFrom[i] = compactFrom[i + 1] + compactSize[i];
  let fullUpTo = 0;
  let best = -1;
  for (let k = 0; k <= n; k++) {
    if (c.measure(head) + fullUpTo + compactFrom[k] + 2 <= budget) best = k;
    if (k < n) fullUpTo += fullSize[k];
  }
  if (best >= 0) {
    if (best < n) c.cut = true;
    const parts = [head, ...full.slice(0, best)];
    if (best < n) parts.push(compact.slice(best).join('\n'));
    return parts.join('\n\n');
  }
  // Not even one line each: as many lines as fit, then a count.
  c.cut = true;
  const lines: string[] = [head];
  let size = c.measure(head);
  for (let i = 0; i < n; i++) {
    const more = `- …and ${n - i} more errors; see ${fullerReport(c)}.`;
    if (size + compactSize[i] + c.measure(more) + 2 > budget) return [...lines, more].join('\n');
    lines.push(compact[i]);
    size += compactSize[i];
  }
  return lines.join('\n');
}

/** Rows of a table under a heading, as many as fit the budget, then a line saying how many more. */
function tableSection(c: Ctx, budget: number, head: string[], rows: string[]): string {
  const out = [...head];
  let size = c.measure(head.join('\n'));
  for (let i = 0; i < rows.length; i++) {
    const more = `\n\n…and ${rows.length - i} more; see ${fullerReport(c)}.`;
    const rowSize = c.measure(rows[i]) + 1;
    if (size + rowSize + c.measure(more) > budget) {
      c.cut = true;
      return i === 0 ? '' : out.join('\n') + more;
    }
    out.push(rows[i]);
    size += rowSize;
  }
  return out.join('\n');
}

const titled = (rest: Finding[], what: string) =>
  `#### ${what}${rest.some((f) => f.severity === 'notice') ? ' and notices' : ''} (${rest.length})`;

/**
 * Warnings and notices about executed SQL: the warning, the statement that drew it and the safe alternative
 * side by side, each rule linked to its documentation.
 */
function sqlWarningsSection(c: Ctx, budget: number): string {
  const rest = c.report.findings.filter((f) => f.severity !== 'error' && f.statement !== undefined);
  if (!rest.length) return '';
  const head = [titled(rest, 'SQL warnings'), '', '| | what happens | instead |', '|---|---|---|'];
  const cap = c.full ? 4_000 : 600;
  // Two wide columns side by side: the rule, where, what happens and the statement; the safe alternative.
  const rows = rest.map(
    (f) =>
      `| ${icon[f.severity]} | ${cell(ruleName(f, c.opts))} · ${cell(shortWhere(f, c.opts))}<br>${cell(msg(clip(f.message, cap).replace(/\n/g, ' '), c))}<br>${cell(code(clip(f.statement!, c.full ? 2_000 : 300).replace(/\s+/g, ' ')))} | ${f.fix ? cell(msg(clip(f.fix.summary, 400), c)) : ''} |`,
  );
  return tableSection(c, budget, head, rows);
}

function warningsSection(c: Ctx, budget: number): string {
  const rest = c.report.findings.filter((f) => f.severity !== 'error' && f.statement === undefined);
  if (!rest.length) return '';
  const head = [titled(rest, 'Warnings'), '', '| | rule | where | message |', '|---|---|---|---|'];
  const rows = rest.map(
    (f) =>
      `| ${icon[f.severity]} | ${cell(ruleIds(f, c.opts))} | ${cell(where(f, c.opts))} | ${cell(msg(clip(f.message, c.full ? 4_000 : 600).replace(/\n/g, ' '), c))}${f.fix ? `<br>**Fix:** ${cell(msg(clip(f.fix.summary, 400), c))}` : ''} |`,
  );
  return tableSection(c, budget, head, rows);
}

/** Suppressions that took effect, with the reasons reviewers accept them on. */
function waiversSection(c: Ctx, budget: number): string {
  const waivers = c.report.waivers ?? [];
  if (!waivers.length) return '';
  const head = [
    `#### Waivers (${waivers.length})`,
    '',
    '| rule | where | reason | suppressed |',
    '|---|---|---|---|',
  ];
  const rows = waivers.map(
    (w) =>
      `| ${cell(ruleRef(w.rule, c.opts))} | ${cell(fileLink(w.file, w.line, c.opts))}${w.scope === 'file' ? ' (whole file)' : ''} | ${w.reason ? cell(txt(clip(w.reason, 500))) : '_no reason given_'} | ${w.suppressed} |`,
  );
  return tableSection(c, budget, head, rows);
}

function sketchSection(c: Ctx, budget: number): string {
  const envs = c.report.environments.filter(
    (e) => e.sketch.edges.length || e.sketch.nodes.some((n) => n.origin === 'pr'),
  );
  if (!envs.length) return '';
  const parts = ['#### Revision graph'];
  for (const env of envs) {
    if (c.report.environments.length > 1) parts.push(`${code(environmentLabel(env))}`);
    parts.push(fenced(sketchToMermaid(env.sketch), 'mermaid'));
  }
  const forks = envs.some((e) => e.sketch.nodes.some((n) => n.extraHead));
  parts.push(
    `<sub>PR revisions in blue; ${forks ? 'a head this PR adds beside another (the fork) in red; ' : ''}dotted: several revisions collapsed.</sub>`,
  );
  const s = parts.join('\n\n');
  if (c.measure(s) <= budget) return s;
  c.cut = true;
  return '';
}

const ms = duration;
/** Schema diffs up to this many changes are shown open. */
const SHORT_DIFF = 8;

/** One step's SQL as a script: statements in order; time, the issuing line and notable locks as SQL comments. */
function stepSql(step: DryRunStep): string {
  return ownStatements(step)
    .map((st) => {
      const sql = st.sql.trim();
      const locks = notableLocks(st.locks).map(
        (l) => `${lockName(l.mode)} on ${l.relation} (${LOCK_BLOCKS[l.mode] ?? 'see the PostgreSQL docs'})`,
      );
      const meta = [
        ms(st.ms),
        ...(st.file ? [`${st.file}${st.line ? `:${st.line}` : ''}`] : []),
        ...(st.autocommit ? [st.locks === null ? 'autocommit: locks not traced' : 'autocommit'] : []),
        ...locks,
      ];
      return `${sql}${/;$/.test(sql) ? '' : ';'}\n-- ${meta.join(' · ').replace(/\n/g, ' ')}`;
    })
    .join('\n\n');
}

const sameSql = (a: DryRunStep, b: DryRunStep) =>
  a.statements.length === b.statements.length && a.statements.every((s, i) => s.sql === b.statements[i].sql);

function revisionDetails(env: EnvironmentReport, c: Ctx, sqlCap: number): string[] {
  return env.added.map((a) => {
    const p = passesOf(env, a.revision);
    const locks = [
      ...new Set(
        p.passes
          .filter((x) => x.phase === 'upgrade')
          .flatMap((x) => x.step.statements.flatMap((st) => notableLocks(st.locks)))
          .map((l) => `${lockName(l.mode)} on ${l.relation}`),
      ),
    ];
    const summary = [
      `${p.failed ? '❌' : p.passes.length ? '✅' : '⏭️'} <code>${html(a.revision)}</code>`,
      a.downRevisions.length
        ? `revises ${a.downRevisions.map((d) => `<code>${html(d)}</code>`).join(', ')}`
        : 'new base',
      p.passes.length ? html(passesLine(p)) : 'not run',
      ...(locks.length ? [`🔒 ${html(locks.slice(0, 3).join(', '))}${locks.length > 3 ? ', …' : ''}`] : []),
    ].join(' · ');
    const body: string[] = [fileLink(a.file, a.line, c.opts)];
    const up = p.passes.find((x) => x.phase === 'upgrade')?.step;
    for (const { phase, step } of p.passes) {
      const title = `**${PHASE_WORDS[phase]}** · ${plural(ownStatements(step).length, 'statement')} · ${ms(step.ms)}`;
      if (phase === 'reupgrade' && up && step.error === undefined && sameSql(step, up)) {
        body.push(`${title} · the same SQL as the first upgrade`);
        continue;
      }
      body.push(title);
      if (sqlCap > 0 && ownStatements(step).length) body.push(fenced(clip(stepSql(step), sqlCap), 'sql'));
      else if (ownStatements(step).length) body.push(`_SQL left out to fit; see ${fullerReport(c)}._`);
      if (step.error) body.push('Error:', fenced(clip(step.error, c.full ? 20_000 : 2_000), 'text'));
    }
    return `<details><summary>${summary}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
  });
}

function revisionTable(env: EnvironmentReport, c: Ctx, max: number): string {
  const rows = env.added
    .slice(0, max)
    .map(
      (a) =>
        `| ${cell(code(a.revision))} | ${cell(a.downRevisions.map(code).join(', ')) || '_new base_'} | ${cell(fileLink(a.file, a.line, c.opts))} |`,
    );
  return ['| revision | revises | file |', '|---|---|---|', ...rows].join('\n');
}

function dryRunLine(env: EnvironmentReport): string {
  const d = env.dryRun;
  if (d.status === 'skipped')
    return `⏭️ Dry run skipped: ${txt((d.reason ?? 'no reason given').replace(/\.$/, ''))}. No SQL was captured.`;
  const icon = d.status === 'failed' ? '❌' : d.mode === 'offline' ? '📄' : '🧪';
  const dialect =
    d.dialect && !/^sqlalchemy\.url|^--dialect/.test(d.dialect.basis) ? ` (${txt(d.dialect.basis)})` : '';
  return `${icon} ${txt(dryRunHeadline(d))}${dialect}`;
}

/** Per environment: the changed revisions, their SQL folded per revision, the dry run and schema diff. */
function revisionsSection(c: Ctx, budget: number): string {
  const envs = c.report.environments.filter(
    (e) => e.added.length || e.modified.length || e.deleted.length || e.dryRun.steps.length,
  );
  if (!envs.length) return '';
  const caps = c.full ? [200_000, 20_000, 2_000, 0] : [4_000, 1_500, 400, 0];
  const render = (cap: number, withDiff: boolean, maxRevisions: number) => {
    const parts = ['#### Revisions'];
    let shown = 0;
    let hidden = 0;
    for (const env of envs) {
      // The environment, then its dry run at a glance (engine, phases, the schema diff), then each revision.
      const lines = [
        `${code(environmentLabel(env))} · base ${heads(env.baseHeads)} → after merge ${heads(env.mergedHeads)}`,
        dryRunLine(env),
      ];
      const changes = env.dryRun.schemaDiff ?? [];
      if (withDiff && changes.length) {
        const block = fenced(clip(changes.map((e) => e.text).join('\n'), c.full ? 200_000 : 8_000), 'diff');
        // A short diff reads at a glance; a long one is folded.
        lines.push(
          changes.length <= SHORT_DIFF
            ? `**Schema diff**\n\n${block}`
            : `<details><summary>Schema diff (${plural(changes.length, 'change')})</summary>\n\n${block}\n\n</details>`,
        );
      }
      if (env.added.length) {
        // Folded SQL per revision when the dry run captured some, else a table; either way as many as fit.
        const room = Math.max(0, maxRevisions - shown);
        const details = env.dryRun.steps.length ? revisionDetails(env, c, cap) : undefined;
        const count = details?.length ?? env.added.length;
        if (details) lines.push(...details.slice(0, room));
        else if (room) lines.push(revisionTable(env, c, room));
        shown += Math.min(room, count);
        hidden += Math.max(0, count - room);
      }
      if (env.modified.length) lines.push(`Modified: ${env.modified.map(code).join(', ')}`);
      if (env.deleted.length) lines.push(`Deleted: ${env.deleted.map(code).join(', ')}`);
      parts.push(lines.join('\n\n'));
    }
    if (hidden) parts.push(`…and ${plural(hidden, 'more revision')}; see ${fullerReport(c)}.`);
    return parts.join('\n\n');
  };
  const total = envs.reduce((t, e) => t + e.added.length, 0);
  for (const cap of caps)
    for (const withDiff of [true, false]) {
      const s = render(cap, withDiff, total);
      if (c.measure(s) <= budget) {
        if (cap !== caps[0] || !withDiff) c.cut = true;
        return s;
      }
    }
  c.cut = true;
  // Fewer revisions never render longer: binary search for the most that fit (a huge PR has thousands).
  let best = '';
  let lo = 0;
  let hi = total - 1;
  while (lo <= hi) {
    const n = (lo + hi) >> 1;
    const s = render(0, false, n);
    if (c.measure(s) <= budget) {
      best = s;
      lo = n + 1;
    } else hi = n - 1;
  }
  return best;
}

function heads(ids: string[]): string {
  return ids.length ? someOf(ids.map(code), 6) : '_none_';
}

/** One line per environment under the verdict: what changed and the heads, readable at a glance. */
function glance(c: Ctx, budget: number): string {
  const lines = c.report.environments
    .filter((e) => touchedByPr(e, c.report.findings))
    .map((e) => {
      const what = [
        e.added.length ? plural(e.added.length, 'new revision') : '',
        e.modified.length ? `${e.modified.length} modified` : '',
        e.deleted.length ? `${e.deleted.length} deleted` : '',
      ].filter(Boolean);
      return `${code(environmentLabel(e))}: ${what.join(', ') || 'no revision changes'} · heads after merge: ${heads(e.mergedHeads)}`;
    });
  const s = lines.slice(0, 20).join('<br>\n');
  return c.measure(s) <= budget ? s : '';
}

/** `main abc123` — or just the short sha when the ref was the sha itself. */
function baseLabel(report: Report): string {
  const { ref, sha } = report.base;
  if (!sha) return code(ref);
  if (ref === sha || (/^[0-9a-f]{7,}$/.test(ref) && sha.startsWith(ref))) return code(short(sha));
  return `${code(ref)} ${code(short(sha))}`;
}

function footer(c: Ctx): string {
  const { report, opts } = c;
  const commit = opts.commit ?? report.head.sha;
  const bits = [
    `headsup ${txt(report.tool.version)}`,
    ...(commit ? [`commit ${code(short(commit))}`] : []),
    `base ${baseLabel(report)}`,
    ...(opts.runUrl ? [`[workflow run](${opts.runUrl})`] : []),
    ...(opts.summaryUrl && opts.summaryUrl !== opts.runUrl && !c.full
      ? [`[full report](${opts.summaryUrl})`]
      : []),
  ];
  return `<sub>${bits.join(' · ')}</sub>`;
}

/** Where what this rendering leaves out can be read: the job summary for a comment, the report JSON for the summary. */
function fullerReport(c: Ctx): string {
  return c.full ? 'the report JSON' : 'the job summary';
}

function cutNote(c: Ctx): string {
  const where = c.opts.summaryUrl ? `the [job summary](${c.opts.summaryUrl})` : 'the job summary';
  return c.full
    ? '> [!NOTE]\n> Parts of this report were shortened to fit the job summary limit; the report JSON has everything.'
    : `> [!NOTE]\n> This comment was shortened to fit GitHub's size limit; ${where} has the full report.`;
}

/** The PR comment body (without the hidden marker that the GitHub layer adds), within `limit`. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const c: Ctx = {
    report,
    opts,
    measure: opts.measure ?? ((s) => s.length),
    full: opts.detail === 'full',
    cut: false,
    known: reportCode(report),
  };
  const limit = opts.limit ?? COMMENT_LIMIT;
  const title = opts.title ?? '### headsup · migration review';
  const fixed = [title, verdict(report), footer(c), cutNote(c), ...(opts.extra ?? [])];
  // Separators between at most ~10 blocks, plus slack.
  let budget = limit - fixed.reduce((t, s) => t + c.measure(s), 0) - 64;
  // Priority order; the layout order below differs.
  const take = (section: (c: Ctx, b: number) => string) => {
    const s = section(c, Math.max(0, budget));
    budget -= s ? c.measure(s) + 2 : 0;
    return s;
  };
  const errors = take(errorsSection);
  const atGlance = take(glance);
  const sqlWarnings = take(sqlWarningsSection);
  const warnings = take(warningsSection);
  const waivers = take(waiversSection);
  const sketch = take(sketchSection);
  const revisions = take(revisionsSection);
  const blocks = [
    title,
    verdict(report),
    atGlance,
    errors,
    sketch,
    sqlWarnings,
    warnings,
    waivers,
    revisions,
    ...(opts.extra ?? []),
    c.cut ? cutNote(c) : '',
    footer(c),
  ];
  const out = blocks.filter(Boolean).join('\n\n') + '\n';
  if (c.measure(out) <= limit) return out;
  // The budget above should make this unreachable; never hand GitHub a body it rejects.
  return [title, verdict(report), cutNote({ ...c, cut: true }), footer(c)].join('\n\n') + '\n';
}

/** A PR that had findings and is now clean: a short ✅ first, the (clean) report folded underneath. */
export function renderResolved(report: Report, opts: MarkdownOptions = {}): string {
  const commit = opts.commit ?? report.head.sha;
  const head = [
    opts.title ?? '### headsup · migration review',
    `✅ **Fixed.** The migration findings reported earlier are resolved${commit ? ` as of ${code(short(commit))}` : ''}.`,
  ].join('\n\n');
  const limit = (opts.limit ?? COMMENT_LIMIT) - head.length - 64;
  const inner = renderMarkdown(report, { ...opts, title: '', limit });
  return `${head}\n\n<details><summary>Details</summary>\n\n${inner}\n</details>\n`;
}
