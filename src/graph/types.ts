/** The input and output of the revision graph, independent of how revisions were read. */

/**
 * One revision. `graph --format json` prints these objects as they are (no copy per revision), so a field
 * added here shows in that output: the graph-output tests say so.
 */
export interface RevisionNode {
  id: string;
  /** Parent ids; [] for a base. */
  downRevisions: string[];
  /** Raw `depends_on` entries: revision ids or branch labels. */
  dependsOn: string[];
  /** Labels declared by this revision (not inherited). */
  branchLabels: string[];
  /** Repo-relative posix path of the file, and the line of its `revision` assignment. */
  file: string;
  line: number;
}

export type GraphProblemKind =
  | 'cycle'
  | 'self-loop'
  | 'dependency-cycle'
  | 'missing-parent'
  | 'missing-dependency'
  | 'duplicate-revision'
  | 'duplicate-branch-label'
  | 'label-clashes-revision'
  | 'invalid-revision-id'
  | 'revision-id-too-long';

export interface GraphProblem {
  kind: GraphProblemKind;
  /** Alembic's wording where users know it. */
  message: string;
  /** Revisions involved, in a stable order. */
  revisions: string[];
  file?: string;
  line?: number;
}

export interface RevisionGraph {
  /** Nodes in load order (the last duplicate wins, as in Alembic). */
  nodes: RevisionNode[];
  byId: Map<string, RevisionNode>;
  /** What `alembic heads` prints: no down_revision points to them (depends_on ignored). */
  heads: string[];
  /** heads that nothing depends on either (what `upgrade heads` targets). */
  realHeads: string[];
  /** heads that some revision depends on: `upgrade head` then fails. */
  effectiveHeads: string[];
  bases: string[];
  branchPoints: string[];
  mergePoints: string[];
  /** Every label a revision carries, declared or inherited. */
  labelsOf: Map<string, string[]>;
  /**
   * depends_on resolved to revision ids (a label means its declaring revision), minus those a
   * versioned ancestor already depends on (Alembic's normalization). Only revisions that keep some.
   */
  dependencies: Map<string, string[]>;
  /** Alembic's upgrade order from empty to all heads; undefined when the graph has a cycle or a missing node. */
  order?: string[];
  problems: GraphProblem[];
  /** Revisions whose down_revision names `id`, in load order ([] for unknown ids). */
  childrenOf(id: string): string[];
}
