import type { Rule } from './rule.js';
import { parseProblemFindings } from './parse-problems.js';

/** A file in a versions folder that is not a readable Alembic revision. */
export const invalidMigration: Rule = {
  id: 'invalid-migration',
  severity: 'error',
  doc: 'A file in a versions folder does not parse, is not text, or lacks `revision`/`down_revision`; Alembic would fail to load it.',
  check(ctx) {
    return parseProblemFindings(ctx, this.id, ['syntax', 'encoding', 'invalid', 'unreadable']);
  },
};
