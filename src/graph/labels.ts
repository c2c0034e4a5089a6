/**
 * Branch labels, as RevisionMap._map_branch_labels and _add_branches compute them:
 * a label names the revision declaring it, is inherited by all its descendants, and
 * spreads to its ancestors when its descendants form a simple chain.
 */
import { degree } from './edges.js';
import { onlyParent, type Core } from './nodes.js';
import * as problem from './problems.js';
import type { GraphProblem } from './types.js';

/** label -> declaring revision; duplicates and labels equal to a revision id are reported (the first declarer keeps it). */
export function mapBranchLabels(core: Core, problems: GraphProblem[]): Map<string, number> {
  const owner = new Map<string, number>();
  for (let i = 0; i < core.nodes.length; i++) {
    const node = core.nodes[i];
    if (!node.branchLabels.length) continue;
    for (const label of node.branchLabels) {
      const taken = owner.get(label);
      if (core.index.has(label)) problems.push(problem.labelClashesRevision(node, label));
      else if (taken !== undefined)
        problems.push(problem.duplicateBranchLabel(node, label, core.nodes[taken]));
      else owner.set(label, i);
    }
  }
  return owner;
}

/**
 * Labels per revision, sorted. `allNext[i]` counts revisions that have i as parent or
 * resolved dependency (Alembic's `_all_nextrev`). Arrays are shared between revisions
 * that carry the same labels, so a 10k chain costs O(n).
 */
export function computeLabels(core: Core, allNext: ArrayLike<number>, topo: ArrayLike<number>): string[][] {
  const { nodes } = core;
  const { start, list } = core.parents;
  const declared = nodes.map((node) => (node.branchLabels.length ? sorted(node.branchLabels) : EMPTY));
  // Inherited: a revision carries the labels of all its versioned ancestors (members of a cycle keep their own).
  const labels = declared.slice();
  for (let t = 0; t < topo.length; t++) {
    const i = topo[t];
    let acc = declared[i];
    for (let e = start[i]; e < start[i + 1]; e++) acc = union(acc, labels[list[e]]);
    labels[i] = acc;
  }
  spreadToAncestors(core, allNext, labels);
  return labels;
}

const EMPTY: string[] = [];

function sorted(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

function union(a: string[], b: string[]): string[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  if (b.every((x) => a.includes(x))) return a;
  if (a.every((x) => b.includes(x))) return b;
  return sorted([...a, ...b]);
}

/**
 * _add_branches walks down from the last descendant of a labelled revision while the
 * revisions are neither merge points nor "real" branch points (two or more children,
 * dependents included). That walk passes the labelled revision only when its descendants
 * form such a clean chain; it then labels the ancestors down to the next branch point,
 * merge point or base. Every labelled revision of one such run labels the same run, so
 * each run is walked once and receives the union of the labels declared inside it.
 */
function spreadToAncestors(core: Core, allNext: ArrayLike<number>, labels: string[][]): void {
  const { nodes, children } = core;
  const passes = (i: number) => allNext[i] <= 1 && nodes[i].downRevisions.length <= 1;
  const UNKNOWN = -1;
  const NOT_CLEAN = -2;
  const runOf = new Array<number>(nodes.length).fill(UNKNOWN);
  const runs: { members: number[]; declared: string[] }[] = [];
  for (let r = 0; r < nodes.length; r++) {
    if (!nodes[r].branchLabels.length) continue;
    if (runOf[r] === UNKNOWN) walkRun(r);
    if (runOf[r] >= 0) runs[runOf[r]].declared.push(...nodes[r].branchLabels);
  }
  for (const run of runs) {
    const spread = sorted(run.declared);
    for (const i of run.members) labels[i] = union(labels[i], spread);
  }

  function walkRun(r: number): void {
    // Up: the chain of single children must be clean all the way to its tip
    // (passes() implies at most one child: children are counted in allNext).
    const up: number[] = [];
    let x = r;
    let clean = true;
    for (;;) {
      if (runOf[x] !== UNKNOWN || !passes(x)) {
        clean = runOf[x] >= 0 && passes(x);
        break;
      }
      up.push(x);
      runOf[x] = NOT_CLEAN; // provisional; also stops walks around a cycle
      if (!degree(children, x)) break;
      x = children.list[children.start[x]];
    }
    if (!clean) return;
    const id = runOf[x] >= 0 ? runOf[x] : runs.push({ members: [], declared: [] }) - 1;
    const run = runs[id];
    for (const i of up) {
      runOf[i] = id;
      run.members.push(i);
    }
    // Down: ancestors get the labels up to a real branch point, merge point, base or missing parent.
    let p = onlyParent(core, r);
    while (p >= 0 && runOf[p] === UNKNOWN && passes(p)) {
      runOf[p] = id;
      run.members.push(p);
      p = onlyParent(core, p);
    }
  }
}
