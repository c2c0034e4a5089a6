import type { GraphProblemKind, RevisionGraph } from '../../graph/types.js';
import type { EnvSnapshot } from '../../analysis/snapshot.js';

/** Heads of `graph` that descend from (or are) `start`, in the graph's head order. */
export function headsAbove(graph: RevisionGraph, start: string): string[] {
  let index = headIndexes.get(graph);
  if (index === undefined) headIndexes.set(graph, (index = headIndex(graph)));
  return index ? index(start) : headsAboveBySearch(graph, start);
}

/**
 * A PR with thousands of revisions asks this once per finding: one search each would be quadratic. So each
 * graph gets, once, the set of heads above every revision (bit sets, children before parents); `null` when
 * that does not work out (a cycle) or would take too much memory, and each query searches instead.
 */
const headIndexes = new WeakMap<RevisionGraph, ((start: string) => string[]) | null>();
const MAX_WORDS = 8_000_000; // 32 MB of bit sets

function headIndex(graph: RevisionGraph): ((start: string) => string[]) | null {
  const nodes = graph.nodes;
  const n = nodes.length;
  const words = Math.ceil(graph.heads.length / 32);
  if (n * words > MAX_WORDS) return null;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(nodes[i].id, i);
  const reach = new Uint32Array(n * words);
  const pending = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (!(pending[i] = graph.childrenOf(nodes[i].id).length)) queue.push(i);
  graph.heads.forEach((h, k) => {
    const i = index.get(h);
    if (i !== undefined) reach[i * words + (k >> 5)] |= 1 << (k & 31);
  });
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const id of new Set(nodes[v].downRevisions)) {
      const p = index.get(id);
      if (p === undefined || p === v) continue; // not loaded, or a self-loop (not an edge)
      for (let w = 0; w < words; w++) reach[p * words + w] |= reach[v * words + w];
      if (--pending[p] === 0) queue.push(p);
    }
  }
  if (queue.length < n) return null; // a cycle: its members never ran out of pending children
  return (start) => {
    const i = index.get(start);
    if (i === undefined) return [];
    return graph.heads.filter((_, k) => (reach[i * words + (k >> 5)] >>> (k & 31)) & 1);
  };
}

function headsAboveBySearch(graph: RevisionGraph, start: string): string[] {
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

const headRanks = new WeakMap<RevisionGraph, Map<string, number>>();

/**
 * `ids` in the order `alembic heads` prints the heads (load order), others after them as given: a merge
 * command names the same heads in the same order whichever finding offers it.
 */
export function inHeadOrder(graph: RevisionGraph, ids: string[]): string[] {
  let rank = headRanks.get(graph);
  if (!rank) headRanks.set(graph, (rank = new Map(graph.heads.map((h, i) => [h, i]))));
  const at = (id: string) => rank.get(id) ?? graph.heads.length;
  return ids
    .map((id, i) => ({ id, i }))
    .sort((a, b) => at(a.id) - at(b.id) || a.i - b.i)
    .map((x) => x.id);
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

const anchored = new WeakMap<RevisionGraph, string[]>();

/**
 * The heads that do not hang from a missing revision: those with a base (down_revision None) below them.
 * A chain whose bottom names a revision that is not there makes a head of its own, but no fork to merge:
 * Alembic cannot even load the tree until the parent is fixed. The heads themselves when nothing is missing.
 */
export function anchoredHeads(graph: RevisionGraph): string[] {
  if (!graph.problems.some((p) => p.kind === 'missing-parent')) return graph.heads;
  let heads = anchored.get(graph);
  if (heads) return heads;
  const reached = new Set<string>(graph.bases);
  const stack = [...graph.bases];
  while (stack.length)
    for (const c of graph.childrenOf(stack.pop()!))
      if (!reached.has(c)) {
        reached.add(c);
        stack.push(c);
      }
  heads = graph.heads.filter((h) => reached.has(h));
  anchored.set(graph, heads);
  return heads;
}

/** Graph problems that stop Alembic from building its revision map: every command fails on them. */
const UNLOADABLE: Partial<Record<GraphProblemKind, string>> = {
  'missing-parent': 'a down_revision names a revision that is not there',
  'missing-dependency': 'a depends_on names a revision that is not there',
  cycle: 'the revisions form a cycle',
  'self-loop': 'a revision revises itself',
  'dependency-cycle': 'the dependencies form a cycle',
  'duplicate-branch-label': 'a branch label is declared twice',
  'label-clashes-revision': 'a branch label equals a revision id',
  'invalid-revision-id': 'a revision id holds a character Alembic refuses',
};

/**
 * Why Alembic cannot load this environment's revisions (so no `alembic` command headsup could suggest would
 * run), or undefined when it can: a graph problem its revision map raises on, or a file Python cannot import.
 */
export function alembicCannotLoad(snapshot: EnvSnapshot): string | undefined {
  for (const p of snapshot.graph.problems) if (UNLOADABLE[p.kind]) return UNLOADABLE[p.kind];
  // Values headsup cannot evaluate are Python's to read; a file that is no revision at all stops Alembic, one
  // whose odd value still reads (`down_revision = ""` on 1.8) does not.
  const files = snapshot.files;
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    for (const p of f.problems)
      if (p.kind !== 'unresolvable' && (p.kind !== 'invalid' || !f.revision || !f.downRevision))
        return `${f.file} cannot be loaded`;
  }
  return undefined;
}
