import type { GraphSketch } from '../report/model.js';
import type { RuleContext } from '../rules/graph/rule.js';
import { headsAbove } from '../rules/graph/graph-queries.js';
import { forkOf } from '../rules/graph/multiple-heads.js';

const LIMIT = 40;

/**
 * The small picture for the PR comment: the PR's revisions, the base revisions they build on, what base has
 * built on those since, and the heads. Capped so a huge PR still draws.
 */
export function sketchOf(ctx: RuleContext): GraphSketch {
  const merged = ctx.merged.graph;
  const base = ctx.base?.graph;
  const ids = new Set<string>();
  const edges: GraphSketch['edges'] = [];
  for (const id of [...ctx.prRevisions].slice(0, LIMIT)) {
    const node = merged.byId.get(id);
    if (!node) continue;
    ids.add(id);
    for (const p of node.downRevisions) {
      ids.add(p);
      edges.push({ from: p, to: id });
      if (ctx.prRevisions.has(p) || !base) continue;
      for (const c of base.childrenOf(p)) {
        if (ctx.prRevisions.has(c)) continue;
        ids.add(c);
        edges.push({ from: p, to: c });
        for (const h of headsAbove(base, c)) {
          if (h === c) continue;
          ids.add(h);
          edges.push({ from: c, to: h, indirect: true });
        }
      }
    }
  }
  for (const h of merged.heads.slice(0, LIMIT)) ids.add(h);
  const heads = new Set(merged.heads);
  const fork = new Set(forkOf(ctx)?.joined);
  return {
    nodes: [...ids].map((id) => ({
      id,
      origin: ctx.prRevisions.has(id) ? 'pr' : 'base',
      head: heads.has(id),
      ...(fork.has(id) && ctx.prRevisions.has(id) ? { extraHead: true } : {}),
    })),
    edges: edges.filter((e, i) => edges.findIndex((o) => o.from === e.from && o.to === e.to) === i),
  };
}
