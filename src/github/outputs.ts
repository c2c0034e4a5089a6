import * as core from '@actions/core';
import type { Report } from '../report/model.js';
import { CONFLICT_RULES } from './annotations.js';

/** Whether the tree that would land has a graph conflict (not merely a warning). */
export function hasConflict(report: Report): boolean {
  return (
    report.findings.some((f) => CONFLICT_RULES.has(f.rule) && f.severity === 'error') ||
    report.environments.some((e) => e.mergedHeads.length > 1)
  );
}

export function setOutputs(report: Report, reportPath: string): void {
  core.setOutput('report', reportPath);
  core.setOutput('errors', String(report.counts.error));
  core.setOutput('warnings', String(report.counts.warning));
  core.setOutput('notices', String(report.counts.notice));
  core.setOutput('conflict', String(hasConflict(report)));
  // Space-separated so a shell `for` loop can use it; per environment order, no duplicates.
  core.setOutput('heads', [...new Set(report.environments.flatMap((e) => e.mergedHeads))].join(' '));
}
