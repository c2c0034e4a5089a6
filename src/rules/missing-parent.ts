import type { Rule } from './rule.js';
import { graphProblemFindings } from './graph-problems.js';

/** A down_revision or depends_on names a revision that is not present. */
export const missingParent: Rule = {
  id: 'missing-parent',
  severity: 'error',
  doc: 'A down_revision or depends_on names a revision that is not present.',
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ['missing-parent', 'missing-dependency']);
  },
};
