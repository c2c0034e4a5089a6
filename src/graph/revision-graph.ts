/**
 * The Alembic revision graph with RevisionMap's semantics (alembic/script/revision.py,
 * 1.8.1): heads, bases, branch/merge points, branch labels, normalized depends_on and
 * the `upgrade heads` order. Never throws: problems are reported and the rest is still
 * computed; `order` is left undefined when a cycle or a missing revision makes it meaningless.
 */
import { checkCycles } from './cycles.js';
import { resolveDependencies } from './dependencies.js';
import { computeLabels, mapBranchLabels } from './labels.js';
import { buildEdges, degree, invertEdges, targets as edgeTargets, topologicalOrder } from './edges.js';
import { checkParents, indexNodes } from './nodes.js';
import { upgradeOrder } from './order.js';
import type { GraphProblem, RevisionGraph, RevisionNode } from './types.js';

export type { GraphProblem, GraphProblemKind, RevisionGraph, RevisionNode } from './types.js';

const NO_LABELS: string[] = Object.freeze([]) as unknown as string[];

/** `nodes` in Alembic's file load order. */
export function buildGraph(nodes: RevisionNode[]): RevisionGraph {
  const problems: GraphProblem[] = [];
  const core = indexNodes(nodes, problems);
  const { ids, parents, children } = core;
  const n = ids.length;
  const labelOwner = mapBranchLabels(core, problems);
  const missingParent = checkParents(core, (name) => labelOwner.has(name), problems);
  const topo = topologicalOrder(parents, children);
  const deps = resolveDependencies(core, labelOwner, topo, problems);
  const cyclic = checkCycles(core, deps.resolved, topo.length === n, problems);

  // Alembic's _all_nextrev: revisions naming i as parent or (resolved) dependency.
  const allNext = new Int32Array(n);
  // Plain indexed loops, no destructuring or views: this runs once, mostly before the JIT has compiled it.
  for (let i = 0; i < n; i++) {
    const from = parents.start[i];
    const to = parents.start[i + 1];
    for (let e = from; e < to; e++) allNext[parents.list[e]]++;
    const resolved = deps.resolved[i];
    for (let k = 0; k < resolved.length; k++) {
      let e = from;
      while (e < to && parents.list[e] !== resolved[k]) e++;
      if (e === to) allNext[resolved[k]]++;
    }
  }
  const heads: string[] = [];
  const realHeads: number[] = [];
  const effectiveHeads: string[] = [];
  const bases: string[] = [];
  const branchPoints: string[] = [];
  const mergePoints: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const nChildren = degree(children, i);
    if (nChildren === 0) {
      heads.push(id);
      if (allNext[i]) effectiveHeads.push(id);
      else realHeads.push(i);
    }
    if (nChildren > 1) branchPoints.push(id);
    const down = core.nodes[i].downRevisions.length;
    if (down === 0) bases.push(id);
    else if (down > 1) mergePoints.push(id);
  }
  // Most histories declare no branch labels: then no revision carries any, and nothing is worked out.
  let declared = false;
  for (let i = 0; i < n && !declared; i++) declared = core.nodes[i].branchLabels.length > 0;
  const labels = declared ? computeLabels(core, allNext, topo) : new Array<string[]>(n).fill(NO_LABELS);

  // Self-loops are left out of the edges, but Alembic refuses them: no order either.
  const loops = problems.some((p) => p.kind === 'self-loop' || p.kind === 'dependency-cycle');
  const broken = cyclic || loops || missingParent || deps.missing;
  let order: string[] | undefined;
  if (!broken) {
    const extra = deps.normalized.reduce((sum, d) => sum + d.length, 0);
    // Alembic's _normalized_down_revisions: down_revision, then normalized depends_on.
    const down = !extra
      ? parents
      : buildEdges(n, parents.list.length + extra, (i, add) => {
          for (let e = parents.start[i]; e < parents.start[i + 1]; e++) add(parents.list[e]);
          const normalized = deps.normalized[i];
          for (let k = 0; k < normalized.length; k++) add(normalized[k]);
        });
    order = upgradeOrder(down, extra ? invertEdges(down) : children, realHeads)?.map((i) => ids[i]);
  }

  const dependencies = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const targets = deps.normalized[i];
    if (targets.length) {
      dependencies.set(
        ids[i],
        targets.map((x) => ids[x]),
      );
    }
  }
  let labelsOf: Map<string, string[]> | undefined;
  let byId: Map<string, RevisionNode> | undefined;
  return {
    nodes: core.nodes,
    // Checks look revisions up by id; drawing a graph as JSON does not.
    get byId() {
      return (byId ??= new Map(core.nodes.map((node) => [node.id, node])));
    },
    heads,
    realHeads: realHeads.map((i) => ids[i]),
    effectiveHeads,
    bases,
    branchPoints,
    mergePoints,
    // Only checks ask for labels; drawing a graph does not.
    get labelsOf() {
      return (labelsOf ??= new Map(ids.map((id, i) => [id, labels[i]])));
    },
    dependencies,
    childrenOf: (id) => {
      const i = core.index.get(id);
      return i === undefined ? [] : Array.from(edgeTargets(children, i), (c) => ids[c]);
    },
    order,
    problems,
  };
}
