import type { Rule } from './rule.js';
import { graphProblemFindings } from './graph-problems.js';

/** Two files declare the same revision id; Alembic only warns and silently keeps the last one. */
export const duplicateRevision: Rule = {
  id: 'duplicate-revision',
  severity: 'error',
  doc: 'Two files declare the same revision id; Alembic only warns and silently keeps the last one.',
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ['duplicate-revision']);
  },
};
