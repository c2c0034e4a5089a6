/**
 * Cycle detection. Alembic only notices cycles indirectly (revisions outside
 * ancestors-of-heads ∩ descendants-of-bases); strongly connected components name
 * exactly the revisions on each cycle, also when parents are missing.
 */
import { buildEdges, type Edges } from './edges.js';
import type { Core } from './nodes.js';
import * as problem from './problems.js';
import type { GraphProblem } from './types.js';

/** Components with more than one member, via iterative Tarjan (no recursion: 10k-long chains are fine). */
export function cyclicComponents(edges: Edges): number[][] {
  const { start, list } = edges;
  const n = start.length - 1;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const frames: number[] = []; // pairs: node, next edge position
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] >= 0) continue;
    frames.push(root, 0);
    while (frames.length) {
      const v = frames[frames.length - 2];
      const pos = frames[frames.length - 1];
      if (pos === 0 && order[v] < 0) {
        order[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      if (start[v] + pos < start[v + 1]) {
        frames[frames.length - 1] = pos + 1;
        const w = list[start[v] + pos];
        if (order[w] < 0) frames.push(w, 0);
        else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      frames.length -= 2;
      if (frames.length) {
        const parent = frames[frames.length - 2];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) out.push(component);
      }
    }
  }
  return out;
}

/**
 * Reports cycles through down_revision, then cycles that need depends_on edges too.
 * `acyclic`: a topological order of the down_revision edges covered every revision.
 * Returns whether any cycle was found.
 */
export function checkCycles(
  core: Core,
  resolved: number[][],
  acyclic: boolean,
  problems: GraphProblem[],
): boolean {
  const hasDependencies = resolved.some((deps) => deps.length > 0);
  if (acyclic && !hasDependencies) return false; // nothing to find: skip both searches
  const versioned = acyclic ? [] : cyclicComponents(core.parents);
  const componentOf = new Map<number, number[]>();
  for (const c of versioned) {
    for (const i of c) componentOf.set(i, c);
    problems.push(report(core, c, false));
  }
  const { start, list } = core.parents;
  const bound = list.length + resolved.reduce((sum, deps) => sum + deps.length, 0);
  const all = cyclicComponents(
    buildEdges(resolved.length, bound, (i, add) => {
      for (let e = start[i]; e < start[i + 1]; e++) add(list[e]);
      const deps = resolved[i];
      for (let k = 0; k < deps.length; k++) add(deps[k]);
    }),
  );
  let found = versioned.length > 0;
  for (const c of all) {
    // A component that is exactly a down_revision cycle was reported above.
    const same = componentOf.get(c[0]);
    if (same && same.length === c.length && c.every((i) => componentOf.get(i) === same)) continue;
    problems.push(report(core, c, true));
    found = true;
  }
  return found;
}

function report(core: Core, members: number[], viaDependencies: boolean): GraphProblem {
  const first = members.reduce((a, b) => Math.min(a, b));
  const ids = members.map((i) => core.ids[i]).sort();
  return problem.cycle(ids, core.nodes[first], viaDependencies);
}
