import { describe, expect, it } from 'vitest';
import { buildGraph, type RevisionNode } from '../../graph/revision-graph.js';
import { headsAbove } from './graph-queries.js';

/** Seeded pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

function randomGraph(seed: number, n: number, cyclic: boolean): RevisionNode[] {
  const r = rng(seed);
  const nodes: RevisionNode[] = [];
  for (let i = 0; i < n; i++) {
    const parents = new Set<string>();
    const count = i === 0 ? 0 : r() < 0.1 ? 0 : r() < 0.2 ? 2 : 1;
    for (let k = 0; k < count; k++) parents.add(`r${Math.floor(r() * i)}`);
    if (r() < 0.05) parents.add('missing'); // a parent that is not loaded
    nodes.push({
      id: `r${i}`,
      downRevisions: [...parents],
      dependsOn: [],
      branchLabels: [],
      file: `v/${i}.py`,
      line: 1,
    });
  }
  if (cyclic) nodes[0].downRevisions = [`r${n - 1}`];
  return nodes;
}

/** The definition: walk the children from `start` (a loaded revision) and keep the heads met. */
function bySearch(nodes: RevisionNode[], heads: string[], start: string): string[] {
  if (!nodes.some((n) => n.id === start)) return [];
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    for (const c of nodes) {
      if (!c.downRevisions.includes(id) || seen.has(c.id)) continue;
      seen.add(c.id);
      stack.push(c.id);
    }
  }
  return heads.filter((h) => seen.has(h));
}

describe('headsAbove', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'agrees with a plain search on random graph %i (cyclic and not)',
    (seed) => {
      for (const cyclic of [false, true]) {
        const nodes = randomGraph(seed, 120, cyclic);
        const graph = buildGraph(nodes);
        for (const start of [...nodes.map((n) => n.id), 'missing', 'nope'])
          expect(headsAbove(graph, start)).toEqual(bySearch(nodes, graph.heads, start));
      }
    },
  );
});
