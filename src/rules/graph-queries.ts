import type { RevisionGraph } from '../graph/types.js';

/** Heads of `graph` that descend from (or are) `start`, in the graph's head order. */
export function headsAbove(graph: RevisionGraph, start: string): string[] {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    for (const c of graph.childrenOf(id)) {
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return graph.heads.filter((h) => seen.has(h));
}

/** Heads per branch: each branch label, plus '' for heads that carry no label. */
export function headsPerBranch(heads: string[], labelsOf: Map<string, string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of heads) {
    const labels = labelsOf.get(h) ?? [];
    for (const l of labels.length ? labels : ['']) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return counts;
}
