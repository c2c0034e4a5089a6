/**
 * depends_on, as RevisionMap._add_depends_on and _normalize_depends_on treat it: entries
 * are revision ids or branch labels (a label means the revision declaring it), and a
 * dependency some versioned ancestor already depends on is dropped ("normalized").
 */
import type { Core } from './nodes.js';
import * as problem from './problems.js';
import type { GraphProblem } from './types.js';

/** Shared by every revision without dependencies (most of them). Never mutated. */
export const NONE = Object.freeze([]) as unknown as number[];

export interface Dependencies {
  /** Resolved dependency targets per revision, declared order, deduplicated. */
  resolved: number[][];
  /** resolved minus those implied by a versioned ancestor's dependencies. */
  normalized: number[][];
  /** Whether some dependency could not be resolved. */
  missing: boolean;
}

export function resolveDependencies(
  core: Core,
  labelOwner: Map<string, number>,
  topo: ArrayLike<number>,
  problems: GraphProblem[],
): Dependencies {
  let missing = false;
  const resolved = core.nodes.map((node, i) => {
    if (!node.dependsOn.length) return NONE;
    const out: number[] = [];
    for (const dep of node.dependsOn) {
      const target = core.index.get(dep) ?? labelOwner.get(dep);
      if (target === undefined) {
        missing = true;
        problems.push(problem.missingDependency(node, dep));
      } else if (target === i) {
        // Alembic raises DependencyLoopDetected (or a cycle error when named by its label).
        problems.push(problem.dependencySelfLoop(node));
      } else if (!out.includes(target)) out.push(target);
    }
    return out;
  });
  return { resolved, normalized: normalize(core, resolved, topo), missing };
}

/**
 * One pass in topological order: `above[i]` is the union of the dependencies of i's strict
 * versioned ancestors, shared between revisions while nothing is added (O(n) for chains).
 * Members of a cycle are not normalized (the graph is reported as broken anyway).
 */
function normalize(core: Core, resolved: number[][], topo: ArrayLike<number>): number[][] {
  if (resolved.every((deps) => deps === NONE)) return resolved;
  const { start, list } = core.parents;
  const above: (Set<number> | undefined)[] = new Array(core.nodes.length);
  const withOwn: (Set<number> | undefined)[] = new Array(core.nodes.length);
  for (let t = 0; t < topo.length; t++) {
    const i = topo[t];
    let acc: Set<number> | undefined;
    let owned = false;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const s = withOwn[list[e]];
      if (!s || s === acc) continue;
      if (!acc) acc = s;
      else {
        if (!owned) {
          acc = new Set(acc);
          owned = true;
        }
        for (const x of s) acc.add(x);
      }
    }
    above[i] = acc;
    withOwn[i] = resolved[i].length ? new Set([...(acc ?? []), ...resolved[i]]) : acc;
  }
  return resolved.map((deps, i) => {
    const a = above[i];
    return a && deps.length ? deps.filter((d) => !a.has(d)) : deps;
  });
}
