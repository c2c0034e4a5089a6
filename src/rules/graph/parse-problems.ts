import type { ParseProblem } from '../../formats/alembic/types.js';
import type { Finding } from '../../report/model.js';
import type { RuleContext } from './rule.js';
import { landedPath } from '../../git/tree.js';

/** Findings for parse problems of the given kinds: an error in a file the PR touches, a notice in one it does not. */
export function parseProblemFindings(
  ctx: RuleContext,
  rule: string,
  kinds: ParseProblem['kind'][],
): Finding[] {
  const touched = new Set(ctx.changes.map(landedPath));
  const findings: Finding[] = [];
  for (const file of ctx.merged.files) {
    for (const p of file.problems) {
      if (!kinds.includes(p.kind)) continue;
      const mine = touched.has(file.file);
      findings.push({
        rule,
        severity: mine ? 'error' : 'notice',
        environment: ctx.environment,
        file: file.file,
        line: p.line,
        message: mine ? p.message : `${p.message} (already on the base branch)`,
      });
    }
  }
  return findings;
}
