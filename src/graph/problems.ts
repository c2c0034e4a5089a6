/** Graph problems, worded like Alembic's own errors where users know them. */
import type { GraphProblem, RevisionNode } from './types.js';

const at = (node: RevisionNode | undefined): Pick<GraphProblem, 'file' | 'line'> =>
  node ? { file: node.file, line: node.line } : {};

export function duplicateRevision(first: RevisionNode, later: RevisionNode): GraphProblem {
  return {
    kind: 'duplicate-revision',
    message: `Revision ${later.id} is present more than once (${first.file} and ${later.file}); Alembic only warns and uses the last file loaded`,
    revisions: [later.id],
    ...at(later),
  };
}

/** Alembic 1.8.1 rejects `@ - +`; `:` is flagged too because it breaks the `A:B` range syntax. */
export const ILLEGAL_ID_CHARS = ['+', '-', ':', '@'];

export function invalidRevisionId(node: RevisionNode, chars: string[]): GraphProblem {
  return {
    kind: 'invalid-revision-id',
    message: `Character(s) '${chars.join(', ')}' not allowed in revision identifier '${node.id}'`,
    revisions: [node.id],
    ...at(node),
  };
}

export const MAX_ID_LENGTH = 32;

export function revisionIdTooLong(node: RevisionNode): GraphProblem {
  return {
    kind: 'revision-id-too-long',
    message: `Revision identifier '${node.id}' is ${node.id.length} characters long; alembic_version.version_num is VARCHAR(${MAX_ID_LENGTH}), so the upgrade to it fails`,
    revisions: [node.id],
    ...at(node),
  };
}

export function selfLoop(node: RevisionNode): GraphProblem {
  return {
    kind: 'self-loop',
    message: `Self-loop is detected in revisions (${node.id})`,
    revisions: [node.id],
    ...at(node),
  };
}

export function dependencySelfLoop(node: RevisionNode): GraphProblem {
  return {
    kind: 'dependency-cycle',
    message: `Dependency self-loop is detected in revisions (${node.id})`,
    revisions: [node.id],
    ...at(node),
  };
}

/** `ids` sorted as Alembic sorts them; `first` is the member loaded first (where to point). */
export function cycle(ids: string[], first: RevisionNode, viaDependencies: boolean): GraphProblem {
  return {
    kind: viaDependencies ? 'dependency-cycle' : 'cycle',
    message: `${viaDependencies ? 'Dependency cycle' : 'Cycle'} is detected in revisions (${ids.join(', ')})`,
    revisions: ids,
    ...at(first),
  };
}

export function missingParent(node: RevisionNode, parent: string, isLabel: boolean): GraphProblem {
  const hint = isLabel ? ` (it is a branch label; down_revision needs a revision id)` : '';
  return {
    kind: 'missing-parent',
    message: `Revision ${parent} referenced from ${node.id} is not present${hint}`,
    revisions: [node.id, parent],
    ...at(node),
  };
}

export function missingDependency(node: RevisionNode, dependency: string): GraphProblem {
  return {
    kind: 'missing-dependency',
    message: `Revision or branch label ${dependency} referenced from ${node.id} (depends_on) is not present`,
    revisions: [node.id, dependency],
    ...at(node),
  };
}

export function duplicateBranchLabel(node: RevisionNode, label: string, owner: RevisionNode): GraphProblem {
  return {
    kind: 'duplicate-branch-label',
    message: `Branch name '${label}' in revision ${node.id} already used by revision ${owner.id}`,
    revisions: owner === node ? [node.id] : [node.id, owner.id],
    ...at(node),
  };
}

export function labelClashesRevision(node: RevisionNode, label: string): GraphProblem {
  return {
    kind: 'label-clashes-revision',
    message: `Branch name '${label}' in revision ${node.id} already used by revision ${label}`,
    revisions: label === node.id ? [node.id] : [node.id, label],
    ...at(node),
  };
}
