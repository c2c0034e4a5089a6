/**
 * Upgrade order from an empty database to all heads: what `alembic upgrade heads` runs.
 *
 * Mirrors RevisionMap._topological_sort (1.8.1) as called by _collect_upgrade_revisions:
 * walk from the real heads (in map order) towards the bases, emit the current tip unless
 * another tip descends from it (then move to the first such tip), replace an emitted tip
 * by its first normalized parent still to emit (others go to the end of the tip list) and
 * drop a tip with nothing left, stepping the index back by one. The result is reversed.
 *
 * Alembic keeps one ancestor set per tip (O(n) per merge). Here "another tip descends from
 * the candidate" is answered by a counter instead: in that walk every revision not yet
 * emitted lies below some tip, and emitted revisions have all their descendants emitted, so
 * a tip descends from the candidate exactly when one of its children is still pending.
 * Only then do we look for the first such tip: by an O(1) test on single-parent lines while
 * that decides (a forest of single-parent edges, ./lines.ts), else by a search upwards
 * through pending revisions.
 */
import { degree, type Edges } from './edges.js';
import { singleParentForest, type Forest } from './lines.js';

/**
 * `down[i]`: Alembic's `_normalized_down_revisions` (down_revision then normalized
 * depends_on); `up` the same edges reversed; `realHeads` in map order. Undefined only if
 * the graph is not acyclic (callers check that first).
 */
export function upgradeOrder(down: Edges, up: Edges, realHeads: number[]): number[] | undefined {
  const n = down.start.length - 1;
  const pendingChildren = new Int32Array(n);
  for (let i = 0; i < n; i++) pendingChildren[i] = degree(up, i);
  const emitted = new Uint8Array(n);
  const isTip = new Uint8Array(n);
  const seen = new Int32Array(n); // stamp per upward search
  const skipped = new Int32Array(n); // per revision: where its not-yet-emitted children start in up.list
  let stamp = 0;
  let forest: Forest | undefined; // built on the first blocked candidate
  const tips = realHeads.slice();
  for (const t of tips) isTip[t] = 1;
  const out: number[] = [];
  let idx = 0;

  while (tips.length) {
    const candidate = tips[idx];
    if (pendingChildren[candidate] > 0) {
      idx = firstTipAbove(candidate, idx);
      if (idx < 0) return undefined;
      continue;
    }
    out.push(candidate);
    emitted[candidate] = 1;
    isTip[candidate] = 0;
    const first = down.start[candidate];
    const end = down.start[candidate + 1];
    for (let e = first; e < end; e++) pendingChildren[down.list[e]]--;
    // Parents still to emit and not already tips: the first replaces the candidate.
    let replaced = false;
    for (let e = first; e < end; e++) {
      const p = down.list[e];
      if (emitted[p] || isTip[p]) continue;
      if (replaced) tips.push(p);
      else tips[idx] = p;
      isTip[p] = 1;
      replaced = true;
    }
    if (!replaced) {
      tips.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    }
  }
  return out.reverse();

  /** The lowest tip index (other than `idx`) whose tip descends from `candidate`. */
  function firstTipAbove(candidate: number, idx: number): number {
    forest ??= singleParentForest(down, up);
    for (let j = 0; j < tips.length; j++) {
      if (j === idx) continue;
      const answer = forest.descends(tips[j], candidate);
      if (answer === true) return j;
      if (answer === undefined) break; // undecided: search
    }
    stamp++;
    const best = idx === 0 ? 1 : 0; // lowest index that could answer: stop early on it
    const queue = [candidate];
    seen[candidate] = stamp;
    for (let k = 0; k < queue.length; k++) {
      const v = queue[k];
      const end = up.start[v + 1];
      // Skip the emitted prefix for good: with many heads on one revision (a star) they are
      // emitted in list order, so repeated searches stay linear overall.
      let from = Math.max(skipped[v], up.start[v]);
      while (from < end && emitted[up.list[from]]) from++;
      skipped[v] = from;
      for (let e = from; e < end; e++) {
        const c = up.list[e];
        if (emitted[c] || seen[c] === stamp) continue;
        seen[c] = stamp;
        if (c === tips[best]) return best;
        queue.push(c);
      }
    }
    for (let j = 0; j < tips.length; j++) if (j !== idx && seen[tips[j]] === stamp) return j;
    return -1; // impossible in an acyclic graph
  }
}
