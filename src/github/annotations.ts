import * as core from '@actions/core';
import { posix } from 'node:path';
import type { Finding, Severity } from '../report/model.js';

/** GitHub shows 10 error and 10 warning annotations per step; more are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** Rules whose findings mean the migration graph will not merge cleanly: they go first. */
export const CONFLICT_RULES = new Set([
  'multiple-heads',
  'stale-parent',
  'duplicate-revision',
  'missing-parent',
  'cycle',
  'branch-label-conflict',
]);

/** The most important findings per level: conflicts, then those with a file and line, in report order. */
export function pickAnnotations(findings: Finding[]): Record<Severity, Finding[]> {
  const rank = (f: Finding) => (CONFLICT_RULES.has(f.rule) ? 0 : 2) + (f.file && f.line ? 0 : 1);
  const out: Record<Severity, Finding[]> = { error: [], warning: [], notice: [] };
  for (const level of Object.keys(out) as Severity[]) {
    out[level] = findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.severity === level)
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .slice(0, ANNOTATIONS_PER_LEVEL)
      .map(({ f }) => f);
  }
  return out;
}

/** Annotation text is plain: the message, then the fix in one line. */
export function annotationText(f: Finding): string {
  const fix = f.fix ? `\nFix: ${f.fix.summary}${f.fix.command ? `\n  ${f.fix.command}` : ''}` : '';
  const sql = f.statement?.replace(/\s+/g, ' ').trim();
  const statement = sql ? `\nSQL: ${sql.length > 300 ? `${sql.slice(0, 300)}…` : sql}` : '';
  return `${f.message}${statement}${fix}`;
}

/**
 * Emits annotations. `prefix` turns repo-relative paths into workspace-relative ones when the repository
 * is checked out below the workspace (actions/checkout `path:`).
 */
export function annotate(findings: Finding[], prefix = ''): { shown: number; hidden: number } {
  const picked = pickAnnotations(findings);
  const emit = { error: core.error, warning: core.warning, notice: core.notice };
  let shown = 0;
  for (const level of ['error', 'warning', 'notice'] as const) {
    for (const f of picked[level]) {
      emit[level](annotationText(f), {
        title: `headsup: ${[f.rule, ...(f.alsoRules ?? [])].join(' + ')}`,
        ...(f.file ? { file: prefix ? posix.join(prefix, f.file) : f.file } : {}),
        ...(f.file && f.line ? { startLine: f.line } : {}),
      });
      shown++;
    }
  }
  return { shown, hidden: findings.length - shown };
}
