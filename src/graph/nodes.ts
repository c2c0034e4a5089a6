/** Turns the loaded nodes into the integer-indexed core the other graph modules share. */
import { buildEdges, invertEdges, type Edges } from './edges.js';
import * as problem from './problems.js';
import type { GraphProblem, RevisionNode } from './types.js';

export interface Core {
  /** Revisions in Alembic's map order: a duplicate keeps its first position, the last file wins. */
  nodes: RevisionNode[];
  ids: string[];
  index: Map<string, number>;
  /** Versioned parents present in the graph, deduplicated, self-loops left out. */
  parents: Edges;
  /** Versioned children (Alembic's `nextrev`). */
  children: Edges;
}

/** Index the nodes the way RevisionMap fills its OrderedDict, reporting duplicates and bad ids. */
export function indexNodes(input: RevisionNode[], problems: GraphProblem[]): Core {
  const index = new Map<string, number>();
  const nodes: RevisionNode[] = [];
  // Indexed loops here and below: these run once per revision of 10k-revision graphs in a short-lived
  // process, where for-of iterators cost several times more before the JIT catches up.
  for (let k = 0; k < input.length; k++) {
    const node = input[k];
    const seen = index.get(node.id);
    if (seen === undefined) {
      index.set(node.id, nodes.length);
      nodes.push(node);
    } else {
      problems.push(problem.duplicateRevision(nodes[seen], node));
      nodes[seen] = node;
    }
  }
  let bound = 0;
  const ids: string[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    checkId(nodes[i], problems);
    bound += nodes[i].downRevisions.length;
    ids[i] = nodes[i].id;
  }
  const parents = buildEdges(nodes.length, bound, (i, add) => {
    const down = nodes[i].downRevisions;
    for (let k = 0; k < down.length; k++) {
      const p = index.get(down[k]);
      if (p !== undefined && p !== i) add(p);
    }
  });
  return { nodes, ids, index, parents, children: invertEdges(parents) };
}

/** Whether `id` holds one of `@ + : -`; char codes, not a regex call per revision. */
function hasIllegal(id: string): boolean {
  for (let k = 0; k < id.length; k++) {
    const c = id.charCodeAt(k);
    if (c === 64 || c === 43 || c === 58 || c === 45) return true;
  }
  return false;
}

function checkId(node: RevisionNode, problems: GraphProblem[]): void {
  if (hasIllegal(node.id)) {
    const illegal = problem.ILLEGAL_ID_CHARS.filter((c) => node.id.includes(c));
    problems.push(problem.invalidRevisionId(node, illegal));
  }
  if (node.id.length > problem.MAX_ID_LENGTH) problems.push(problem.revisionIdTooLong(node));
}

/** Self-loops and parents that are not loaded; returns whether any parent is missing. */
export function checkParents(
  core: Core,
  isLabel: (name: string) => boolean,
  problems: GraphProblem[],
): boolean {
  let missing = false;
  for (let i = 0; i < core.nodes.length; i++) {
    const node = core.nodes[i];
    for (let k = 0; k < node.downRevisions.length; k++) {
      const id = node.downRevisions[k];
      if (id === node.id) problems.push(problem.selfLoop(node));
      else if (!core.index.has(id)) {
        missing = true;
        problems.push(problem.missingParent(node, id, isLabel(id)));
      }
    }
  }
  return missing;
}

/** The single present parent of i, or -1 (base, merge point, or parent not loaded). */
export function onlyParent(core: Core, i: number): number {
  const { start, list } = core.parents;
  return start[i + 1] - start[i] === 1 && core.nodes[i].downRevisions.length === 1 ? list[start[i]] : -1;
}
