/**
 * Adjacency lists in compressed rows: the targets of i are list[start[i]] .. list[start[i + 1] - 1].
 * Two typed arrays instead of 10k small arrays keep garbage collection out of large builds.
 */
export interface Edges {
  start: Int32Array;
  list: Int32Array;
}

/** Rows for 0..n-1 from `row(i, add)`; `add` skips duplicates within the row. `bound` caps the total. */
export function buildEdges(
  n: number,
  bound: number,
  row: (i: number, add: (target: number) => void) => void,
): Edges {
  const start = new Int32Array(n + 1);
  let list = new Int32Array(bound);
  let end = 0;
  let from = 0;
  const add = (t: number) => {
    for (let k = from; k < end; k++) if (list[k] === t) return;
    list[end++] = t;
  };
  for (let i = 0; i < n; i++) {
    from = end;
    row(i, add);
    start[i + 1] = end;
  }
  if (end < list.length) list = list.slice(0, end);
  return { start, list };
}

export const degree = (e: Edges, i: number) => e.start[i + 1] - e.start[i];

/** The targets of i (a view, no copy). */
export const targets = (e: Edges, i: number) => e.list.subarray(e.start[i], e.start[i + 1]);

/** Reversed edges; each row lists its sources in increasing order. */
export function invertEdges(e: Edges): Edges {
  const n = e.start.length - 1;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < e.list.length; k++) start[e.list[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(e.list.length);
  for (let i = 0; i < n; i++) for (let k = e.start[i]; k < e.start[i + 1]; k++) list[fill[e.list[k]]++] = i;
  return { start, list };
}

/** Kahn's order (sources first, i.e. parents first for parent edges); members of cycles are left out. */
export function topologicalOrder(parents: Edges, children: Edges): Int32Array {
  const n = parents.start.length - 1;
  const waiting = new Int32Array(n);
  const order = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) if (!(waiting[i] = degree(parents, i))) order[size++] = i;
  for (let k = 0; k < size; k++) {
    const v = order[k];
    for (let e = children.start[v]; e < children.start[v + 1]; e++) {
      if (--waiting[children.list[e]] === 0) order[size++] = children.list[e];
    }
  }
  return order.subarray(0, size);
}
