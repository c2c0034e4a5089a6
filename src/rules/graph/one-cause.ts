import type { Finding } from '../../report/model.js';
import type { RuleContext } from './rule.js';
import { forkOf, multipleHeads } from './multiple-heads.js';
import { staleParent } from './stale-parent.js';

/**
 * One cause, one finding. When a stale parent is all that makes the extra head, stale-parent and
 * multiple-heads say the same thing twice: the reader gets one error, the fork with the re-parent edit and
 * the merge alternative, and the JSON keeps both rule ids (`alsoRules`). Applied to one environment's
 * findings, in the rules' order.
 */
export function oneFindingPerCause(ctx: RuleContext, findings: Finding[]): Finding[] {
  const heads = findings.find((f) => f.rule === multipleHeads.id && f.severity === 'error');
  const stale = findings.find((f) => f.rule === staleParent.id && f.severity === 'error');
  if (!heads || !stale) return findings;
  const fork = forkOf(ctx);
  if (!fork?.staleOnly) return findings;
  const { rule, ...rest } = stale;
  const folded: Finding = {
    rule,
    alsoRules: [multipleHeads.id],
    ...rest,
    message: `${stale.message} ${fork.heads} ${fork.fails}`,
    fix: {
      summary: stale.fix!.summary,
      ...(stale.fix?.edits ? { edits: stale.fix.edits } : {}),
      // The merge that joins every head of the fork (the same command multiple-heads would offer).
      ...(fork.command ? { command: fork.command } : {}),
    },
  };
  return findings.filter((f) => f !== heads).map((f) => (f === stale ? folded : f));
}
