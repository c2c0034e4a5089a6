import { someOf } from '../../report/wording.js';
import type { Rule } from './rule.js';
import { headsPerBranch } from './graph-queries.js';

/** Base already has several heads: worth knowing, but not the PR's doing. */
export const baseMultipleHeads: Rule = {
  id: 'base-multiple-heads',
  severity: 'notice',
  doc: 'A branch on the base already has several heads; reported once, not blamed on the PR.',
  check(ctx) {
    const heads = ctx.base?.graph.heads ?? [];
    // Labelled branches with a head each are the intended shape, not a problem.
    if ([...headsPerBranch(heads, ctx.base?.graph.labelsOf ?? new Map())].every(([, n]) => n <= 1)) return [];
    const first = ctx.base!.graph.byId.get(heads[0]);
    return [
      {
        rule: this.id,
        severity: 'notice',
        environment: ctx.environment,
        message: `The base branch already has ${heads.length} heads in ${ctx.environment}: ${someOf(heads.map((h) => `\`${h}\``))}. Someone should merge them; this PR is not blamed for it.`,
        file: first?.file,
        line: first?.line,
      },
    ];
  },
};
