import type { GraphProblem, GraphProblemKind } from '../../graph/types.js';
import type { Finding, Fix } from '../../report/model.js';
import type { RuleContext } from './rule.js';
import { problemLine } from '../../analysis/problem-lines.js';

const key = (p: GraphProblem) => `${p.kind}:${[...p.revisions].sort().join(',')}`;

/**
 * Findings for the merged graph's problems of the given kinds. A problem base already had is a notice
 * (not the PR's doing); a new one is an error, with the fix `fixOf` finds for it.
 */
export function graphProblemFindings(
  ctx: RuleContext,
  rule: string,
  kinds: GraphProblemKind[],
  fixOf?: (p: GraphProblem) => Fix | undefined,
): Finding[] {
  const onBase = new Set((ctx.base?.graph.problems ?? []).map(key));
  return ctx.merged.graph.problems
    .filter((p) => kinds.includes(p.kind))
    .map((p) => {
      const old = onBase.has(key(p));
      const fix = old ? undefined : fixOf?.(p);
      return {
        rule,
        severity: old ? ('notice' as const) : ('error' as const),
        environment: ctx.environment,
        message: old ? `${p.message} (already on the base branch)` : p.message,
        file: p.file,
        line: problemLine(p, ctx.merged.byPath),
        ...(fix ? { fix } : {}),
      };
    });
}
