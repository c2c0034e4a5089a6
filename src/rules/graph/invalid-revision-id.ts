import type { Rule } from './rule.js';
import { graphProblemFindings } from './graph-problems.js';

/** A revision id with @ - + : or longer than 32 characters (alembic_version.version_num is VARCHAR(32)). */
export const invalidRevisionId: Rule = {
  id: 'invalid-revision-id',
  severity: 'error',
  doc: 'A revision id with @ - + : or longer than 32 characters (alembic_version.version_num is VARCHAR(32)).',
  check(ctx) {
    return graphProblemFindings(ctx, this.id, ['invalid-revision-id', 'revision-id-too-long']);
  },
};
