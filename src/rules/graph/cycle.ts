import type { Rule } from './rule.js';
import { graphProblemFindings } from './graph-problems.js';

/** Cycles in down_revision or depends_on (including a revision revising itself): Alembic cannot order them. */
export const cycle: Rule = {
  id: 'cycle',
  severity: 'error',
  doc: 'Cycles in down_revision or depends_on (including a revision revising itself): Alembic cannot order them.',
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ['cycle', 'self-loop', 'dependency-cycle']);
  },
};
