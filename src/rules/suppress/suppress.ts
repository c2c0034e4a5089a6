/**
 * Suppressions written next to the code, each with its reason:
 *
 *     # headsup: ignore[drop-column] the column is unused since v2.3 (PR #812)
 *     op.drop_column('users', 'legacy_flag')
 *
 * On the statement's line or the line above it, it covers that statement (all of its lines, or a whole `with`
 * block); above the first `def` (SQL: the first statement) it covers the file. Several rules: `ignore[a, b]`.
 * A suppression without a reason still suppresses, and is a warning; one that suppresses nothing is a notice.
 * Every suppression that took effect is a waiver in the report.
 */
import type { Finding, Waiver } from '../../report/model.js';
import { outline, type SourceLanguage } from './outline.js';

export interface Suppression {
  rules: string[];
  reason: string;
  file: string;
  /** The comment's line. */
  line: number;
  scope: 'file' | 'statement';
  /** Lines of the statement it covers (scope statement). */
  fromLine: number;
  toLine: number;
}

const DIRECTIVE = /^\s*headsup:\s*ignore\s*\[([^\]]*)\]\s*(.*?)\s*(\*\/)?\s*$/;

export function languageOf(file: string): SourceLanguage | undefined {
  return file.endsWith('.py') ? 'python' : file.endsWith('.sql') ? 'sql' : undefined;
}

export function suppressionsIn(file: string, source: string): Suppression[] {
  const language = languageOf(file);
  if (!language) return [];
  const { comments, statements, headerEnd } = outline(source, language);
  const out: Suppression[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const rules = m[1]
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const base = { rules, reason: m[2], file, line: c.line };
    if (c.standalone && c.from < headerEnd) {
      out.push({ ...base, scope: 'file', fromLine: 1, toLine: Number.MAX_SAFE_INTEGER });
      continue;
    }
    // On a statement's line: the innermost statement holding that line. Alone on a line: the next statement.
    const target = c.standalone
      ? statements.filter((s) => s.from > c.from).sort((a, b) => a.from - b.from || b.to - a.to)[0]
      : statements
          .filter((s) => s.fromLine <= c.line && c.line <= s.toLine)
          .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    if (target) out.push({ ...base, scope: 'statement', fromLine: target.fromLine, toLine: target.toLine });
    else out.push({ ...base, scope: 'statement', fromLine: c.line, toLine: c.line });
  }
  return out;
}

function covers(s: Suppression, f: Finding): boolean {
  if (f.file !== s.file || !s.rules.includes(f.rule)) return false;
  if (s.scope === 'file') return true;
  return f.line !== undefined && s.fromLine <= f.line && f.line <= s.toLine;
}

/**
 * Drops the findings a suppression covers and says what was waived. Adds a warning for a suppression without
 * a reason and a notice for one that covered nothing (`known`: rule ids headsup has, to name a typo).
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  environment: string,
  known: ReadonlySet<string>,
  /** Files whose code did not run (the dry run stopped before them): an idle suppression there says nothing. */
  notRun: ReadonlySet<string> = new Set(),
): { findings: Finding[]; waivers: Waiver[] } {
  const used = new Map<Suppression, Map<string, number>>();
  const kept = findings.filter((f) => {
    if (f.environment !== environment) return true;
    const by = suppressions.find((s) => covers(s, f));
    if (!by) return true;
    const counts = used.get(by) ?? new Map<string, number>();
    counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    used.set(by, counts);
    return false;
  });
  const waivers: Waiver[] = [];
  const notes: Finding[] = [];
  for (const s of suppressions) {
    const counts = used.get(s);
    for (const [rule, suppressed] of counts ?? [])
      waivers.push({
        rule,
        environment,
        file: s.file,
        line: s.line,
        reason: s.reason,
        scope: s.scope,
        suppressed,
      });
    const where = { environment, file: s.file, line: s.line };
    if (counts && !s.reason)
      notes.push({
        rule: 'suppression-without-reason',
        severity: 'warning',
        ...where,
        message: `This suppression of ${s.rules.map((r) => `\`${r}\``).join(', ')} gives no reason; reviewers read the reason to accept the waiver.`,
        fix: { summary: `Say why after the brackets: \`headsup: ignore[${s.rules.join(', ')}] <reason>\`.` },
      });
    const idle = s.rules.filter((r) => !counts?.has(r));
    if ((idle.length && !notRun.has(s.file)) || !s.rules.length)
      notes.push({
        rule: 'unused-suppression',
        severity: 'notice',
        ...where,
        message: s.rules.length
          ? `This suppression of ${idle.map((r) => `\`${r}\`${known.has(r) ? '' : ' (no rule has this id)'}`).join(', ')} suppresses nothing${s.scope === 'file' ? ' in this file' : ' on its statement'}.`
          : 'This suppression names no rule: `headsup: ignore[rule-id] reason`.',
        fix: { summary: 'Remove it, or name the rule the finding reports (`headsup rules` lists them).' },
      });
  }
  return { findings: [...kept, ...notes], waivers };
}
