/**
 * Cheap ancestry tests for the upgrade walk. Revisions with exactly one parent edge form a
 * forest (merge points, bases and revisions with dependencies are its roots); an Euler tour
 * gives O(1) "is c on t's line down to its root". When that root has no parents at all, the
 * line is all of t's ancestry, so "no" is decided too.
 */
import { degree, type Edges } from './edges.js';

export interface Forest {
  /** true: c is an ancestor of t (or t itself); false: it is not; undefined: cannot tell cheaply. */
  descends(t: number, c: number): boolean | undefined;
}

/** `down`: parent edges (normalized); `up`: the same reversed. */
export function singleParentForest(down: Edges, up: Edges): Forest {
  const n = down.start.length - 1;
  const enter = new Int32Array(n);
  const exit = new Int32Array(n);
  const root = new Int32Array(n);
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  let clock = 0;
  for (let r = 0; r < n; r++) {
    if (degree(down, r) === 1) continue; // not a root
    let top = 0;
    stack[0] = r;
    cursor[r] = up.start[r];
    enter[r] = clock++;
    root[r] = r;
    while (top >= 0) {
      const v = stack[top];
      if (cursor[v] < up.start[v + 1]) {
        const c = up.list[cursor[v]++];
        if (degree(down, c) !== 1) continue; // a merge point roots its own tree
        enter[c] = clock++;
        root[c] = r;
        cursor[c] = up.start[c];
        stack[++top] = c;
      } else {
        exit[v] = clock++;
        top--;
      }
    }
  }
  return {
    descends(t, c) {
      if (enter[c] <= enter[t] && exit[t] <= exit[c]) return true;
      return degree(down, root[t]) === 0 ? false : undefined;
    },
  };
}
