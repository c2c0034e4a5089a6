import type { GraphProblem, GraphProblemKind } from '../graph/types.js';
import type { ParsedRevisionFile } from '../formats/alembic/types.js';

/** The assignment a graph problem is about: what names the missing parent, the clashing label, the loop. */
const FIELD: Partial<Record<GraphProblemKind, 'downRevision' | 'dependsOn' | 'branchLabels'>> = {
  'missing-parent': 'downRevision',
  'missing-dependency': 'dependsOn',
  'self-loop': 'downRevision',
  cycle: 'downRevision',
  'dependency-cycle': 'dependsOn',
  'duplicate-branch-label': 'branchLabels',
  'label-clashes-revision': 'branchLabels',
};

/**
 * The line to show a graph problem at: the graph knows revisions by their `revision` line, but an
 * annotation belongs on the line to change, e.g. the `down_revision` that names a missing parent.
 */
export function problemLine(
  p: GraphProblem,
  byPath: ReadonlyMap<string, ParsedRevisionFile>,
): number | undefined {
  const field = FIELD[p.kind];
  const at = field && p.file !== undefined ? byPath.get(p.file)?.[field]?.line : undefined;
  return at ?? p.line;
}
