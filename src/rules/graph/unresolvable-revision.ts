import type { Rule } from './rule.js';
import { parseProblemFindings } from './parse-problems.js';

/** A revision value that cannot be evaluated without running Python; the rest of the graph is still checked. */
export const unresolvableRevision: Rule = {
  id: 'unresolvable-revision',
  severity: 'error',
  doc: 'A revision, down_revision, branch_labels or depends_on value cannot be resolved statically; the file is left out of the graph.',
  check(ctx) {
    return parseProblemFindings(ctx, this.id, ['unresolvable']);
  },
};
