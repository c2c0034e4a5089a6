import type { Rule } from './rule.js';
import { graphProblemFindings } from './graph-problems.js';

/** A branch label is declared twice, or equals a revision id. */
export const branchLabelConflict: Rule = {
  id: 'branch-label-conflict',
  severity: 'error',
  doc: 'A branch label is declared twice, or equals a revision id.',
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ['duplicate-branch-label', 'label-clashes-revision']);
  },
};
