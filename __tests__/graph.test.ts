import { describe, expect, it } from 'vitest';
import { buildGraph } from '../src/graph/revision-graph.js';
import type { GraphProblemKind, RevisionNode } from '../src/graph/types.js';

/** rev('b', 'a') / rev('c', ['a', 'b'], { labels: ['x'], deps: ['y'] }); line = position. */
let line = 0;
function rev(
  id: string,
  down: string | string[] | null = null,
  o: { labels?: string[]; deps?: string[] } = {},
): RevisionNode {
  return {
    id,
    downRevisions: down === null ? [] : typeof down === 'string' ? [down] : down,
    dependsOn: o.deps ?? [],
    branchLabels: o.labels ?? [],
    file: `versions/${id}.py`,
    line: ++line,
  };
}
const set = (xs: Iterable<string>) => new Set(xs);
const kinds = (nodes: RevisionNode[]) => buildGraph(nodes).problems.map((p) => p.kind);

describe('ALEMBIC.md checked examples', () => {
  it('a, b(a), c(b) -> a b c', () => {
    const g = buildGraph([rev('a'), rev('b', 'a'), rev('c', 'b')]);
    expect(g.heads).toEqual(['c']);
    expect(g.bases).toEqual(['a']);
    expect(g.order).toEqual(['a', 'b', 'c']);
    expect(g.problems).toEqual([]);
  });

  it('a, b(a), c1(b), c2(b) -> two heads, a b c2 c1', () => {
    const g = buildGraph([rev('a'), rev('b', 'a'), rev('c1', 'b'), rev('c2', 'b')]);
    expect(g.heads).toEqual(['c1', 'c2']);
    expect(g.realHeads).toEqual(['c1', 'c2']);
    expect(g.branchPoints).toEqual(['b']);
    expect(g.order).toEqual(['a', 'b', 'c2', 'c1']);
  });

  it('a, b1(a), b2(a), c(b1,b2), d(c) -> a b2 b1 c d', () => {
    const g = buildGraph([rev('a'), rev('b1', 'a'), rev('b2', 'a'), rev('c', ['b1', 'b2']), rev('d', 'c')]);
    expect(g.heads).toEqual(['d']);
    expect(g.branchPoints).toEqual(['a']);
    expect(g.mergePoints).toEqual(['c']);
    expect(g.order).toEqual(['a', 'b2', 'b1', 'c', 'd']);
  });

  it('a, b1(a), b2(a), c1(b1), d11(c1), d12(c1) -> a b1 c1 d12 d11 b2', () => {
    const g = buildGraph([
      rev('a'),
      rev('b1', 'a'),
      rev('b2', 'a'),
      rev('c1', 'b1'),
      rev('d11', 'c1'),
      rev('d12', 'c1'),
    ]);
    expect(set(g.heads)).toEqual(set(['b2', 'd11', 'd12']));
    expect(set(g.branchPoints)).toEqual(set(['a', 'c1']));
    expect(g.order).toEqual(['a', 'b1', 'c1', 'd12', 'd11', 'b2']);
  });

  it('a, b(a), c(), d(c) -> two bases, c d a b', () => {
    const g = buildGraph([rev('a'), rev('b', 'a'), rev('c'), rev('d', 'c')]);
    expect(g.heads).toEqual(['b', 'd']);
    expect(g.bases).toEqual(['a', 'c']);
    expect(g.order).toEqual(['c', 'd', 'a', 'b']);
  });

  it('labelled bases with a cross-branch dependency -> x1 x2 y1 y2', () => {
    const g = buildGraph([
      rev('y1', null, { labels: ['y'] }),
      rev('x1', null, { labels: ['x'] }),
      rev('y2', 'y1', { deps: ['x1'] }),
      rev('x2', 'x1'),
    ]);
    expect(g.heads).toEqual(['y2', 'x2']);
    expect(g.realHeads).toEqual(['y2', 'x2']);
    expect(g.order).toEqual(['x1', 'x2', 'y1', 'y2']);
    expect(g.labelsOf.get('y2')).toEqual(['y']);
    expect(g.labelsOf.get('x2')).toEqual(['x']);
  });

  it('user_foo, user(user_foo; depends user_foo) -> one head, no loop', () => {
    const g = buildGraph([rev('user_foo'), rev('user', 'user_foo', { deps: ['user_foo'] })]);
    expect(g.heads).toEqual(['user']);
    expect(g.realHeads).toEqual(['user']);
    expect(g.order).toEqual(['user_foo', 'user']);
    expect(g.problems).toEqual([]);
  });
});

describe('heads and dependencies', () => {
  it('a head something depends on is an effective head, not a real head', () => {
    const g = buildGraph([rev('a'), rev('b', 'a'), rev('c'), rev('d', 'c', { deps: ['b'] })]);
    expect(g.heads).toEqual(['b', 'd']);
    expect(g.realHeads).toEqual(['d']);
    expect(g.effectiveHeads).toEqual(['b']);
    expect(g.order).toEqual(['a', 'b', 'c', 'd']); // checked against Alembic 1.8.1
  });

  it('depends_on may name a branch label: it means the revision declaring it', () => {
    const g = buildGraph([
      rev('a', null, { labels: ['lib'] }),
      rev('b', 'a'),
      rev('c'),
      rev('d', 'c', { deps: ['lib'] }),
    ]);
    expect(g.dependencies.get('d')).toEqual(['a']);
    expect(g.realHeads).toEqual(['b', 'd']);
  });

  it('drops a dependency an ancestor already has (normalization)', () => {
    const g = buildGraph([
      rev('a'),
      rev('b', 'a', { deps: ['x'] }),
      rev('c', 'b', { deps: ['x', 'y'] }),
      rev('x'),
      rev('y'),
    ]);
    expect(g.dependencies.get('b')).toEqual(['x']);
    expect(g.dependencies.get('c')).toEqual(['y']);
    expect(g.dependencies.has('a')).toBe(false);
    expect(g.order).toEqual(['x', 'y', 'a', 'b', 'c']); // checked against Alembic 1.8.1
  });
});

describe('branch labels', () => {
  it('are inherited by descendants and spread down a simple chain to the base', () => {
    const g = buildGraph([rev('a'), rev('b', 'a', { labels: ['x'] }), rev('c', 'b')]);
    expect([...g.labelsOf.values()]).toEqual([['x'], ['x'], ['x']]);
  });

  it('stop spreading at a branch point, and not at all when descendants branch', () => {
    const g = buildGraph([rev('a'), rev('b', 'a'), rev('c', 'a', { labels: ['x'] }), rev('d', 'c')]);
    expect(g.labelsOf.get('a')).toEqual([]);
    expect(g.labelsOf.get('b')).toEqual([]);
    expect(g.labelsOf.get('c')).toEqual(['x']);
    const h = buildGraph([rev('a'), rev('b', 'a', { labels: ['x'] }), rev('c', 'b'), rev('d', 'b')]);
    expect(h.labelsOf.get('a')).toEqual([]);
    expect(h.labelsOf.get('d')).toEqual(['x']);
  });

  it('stop at a merge point and at a revision other revisions depend on', () => {
    const g = buildGraph([
      rev('a'),
      rev('b'),
      rev('m', ['a', 'b']),
      rev('n', 'm'),
      rev('o', 'n', { labels: ['x'] }),
    ]);
    expect(g.labelsOf.get('n')).toEqual(['x']);
    expect(g.labelsOf.get('m')).toEqual([]);
    const h = buildGraph([
      rev('a'),
      rev('b', 'a'),
      rev('c', 'b', { labels: ['x'] }),
      rev('z', null, { deps: ['a'] }),
    ]);
    expect(h.labelsOf.get('b')).toEqual(['x']);
    expect(h.labelsOf.get('a')).toEqual([]);
  });

  it('combine across a merge', () => {
    const g = buildGraph([
      rev('a', null, { labels: ['x'] }),
      rev('b', null, { labels: ['y'] }),
      rev('m', ['a', 'b']),
    ]);
    expect(g.labelsOf.get('m')).toEqual(['x', 'y']);
  });
});

describe('problems', () => {
  const only = (nodes: RevisionNode[], kind: GraphProblemKind) => {
    const g = buildGraph(nodes);
    expect(g.problems.map((p) => p.kind)).toEqual([kind]);
    return g;
  };

  it('cycle', () => {
    const g = only([rev('a'), rev('b', ['a', 'd']), rev('c', 'b'), rev('d', 'c'), rev('e', 'd')], 'cycle');
    expect(g.problems[0].message).toBe('Cycle is detected in revisions (b, c, d)');
    expect(g.problems[0].file).toBe('versions/b.py');
    expect(g.order).toBeUndefined();
    expect(g.heads).toEqual(['e']);
  });

  it('cycle entered through a merge: Alembic 1.8.1 misses it (and returns an order), we report it', () => {
    // Alembic only flags revisions outside ancestors-of-heads ∩ descendants-of-bases; here
    // b merges the base a with c, so the b <-> c loop lies inside both sets.
    const g = only([rev('a'), rev('b', ['a', 'c']), rev('c', 'b'), rev('d', 'c')], 'cycle');
    expect(g.problems[0].message).toBe('Cycle is detected in revisions (b, c)');
    expect(g.order).toBeUndefined();
  });

  it('self-loop', () => {
    const g = only([rev('a'), rev('b', ['a', 'b'])], 'self-loop');
    expect(g.problems[0].message).toBe('Self-loop is detected in revisions (b)');
    expect(g.order).toBeUndefined();
  });

  it('dependency cycle, and a dependency on itself', () => {
    const g = only([rev('a', null, { deps: ['b'] }), rev('b', 'a')], 'dependency-cycle');
    expect(g.problems[0].message).toBe('Dependency cycle is detected in revisions (a, b)');
    expect(g.order).toBeUndefined();
    const self = only([rev('a', null, { deps: ['a'] })], 'dependency-cycle');
    expect(self.problems[0].message).toBe('Dependency self-loop is detected in revisions (a)');
    expect(self.order).toBeUndefined();
    expect(kinds([rev('a', null, { labels: ['x'], deps: ['x'] })])).toEqual(['dependency-cycle']);
  });

  it('missing parent, also when it names a branch label', () => {
    const g = only([rev('a'), rev('b', 'zz')], 'missing-parent');
    expect(g.problems[0]).toMatchObject({
      message: 'Revision zz referenced from b is not present',
      file: 'versions/b.py',
      revisions: ['b', 'zz'],
    });
    expect(g.order).toBeUndefined();
    expect(g.heads).toEqual(['a', 'b']);
    expect(
      only([rev('a', null, { labels: ['x'] }), rev('b', 'x')], 'missing-parent').problems[0].message,
    ).toMatch(/branch label/);
  });

  it('missing dependency', () => {
    const g = only([rev('a'), rev('b', 'a', { deps: ['nope'] })], 'missing-dependency');
    expect(g.order).toBeUndefined();
  });

  it('duplicate revision id: reported, the last file wins at the first position', () => {
    const g = only([rev('a'), rev('b', 'a'), rev('a', null, { labels: ['x'] })], 'duplicate-revision');
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(g.byId.get('a')!.branchLabels).toEqual(['x']);
    expect(g.problems[0].file).toBe('versions/a.py');
    expect(g.problems[0].line).toBe(g.byId.get('a')!.line);
    expect(g.order).toEqual(['a', 'b']);
  });

  it('duplicate branch label and a label equal to a revision id', () => {
    const g = only(
      [rev('a', null, { labels: ['x'] }), rev('b', 'a', { labels: ['x'] })],
      'duplicate-branch-label',
    );
    expect(g.problems[0].message).toBe("Branch name 'x' in revision b already used by revision a");
    only([rev('a'), rev('b', 'a', { labels: ['a'] })], 'label-clashes-revision');
  });

  it('illegal characters and ids longer than 32 characters', () => {
    for (const id of ['a-b', 'a+b', 'a@b', 'a:b']) only([rev(id)], 'invalid-revision-id');
    const g = buildGraph([rev('a-@b')]);
    expect(g.problems[0].message).toBe("Character(s) '-, @' not allowed in revision identifier 'a-@b'");
    only([rev('x'.repeat(33))], 'revision-id-too-long');
    expect(kinds([rev('x'.repeat(32))])).toEqual([]);
  });

  it('keeps going: several problems in one graph, all reported', () => {
    expect(
      new Set(
        kinds([
          rev('a-1'),
          rev('b', 'gone'),
          rev('c', 'c'),
          rev('d', 'a-1', { deps: ['nope'] }),
          rev('d', 'a-1'),
        ]),
      ),
    ).toEqual(new Set(['invalid-revision-id', 'missing-parent', 'self-loop', 'duplicate-revision']));
  });
});

/**
 * A line-by-line port of RevisionMap._topological_sort (Alembic 1.8.1, one ancestor set per
 * tip), to check the fast walk in order.ts on graphs larger than the Python differential uses.
 */
function alembicOrder(g: ReturnType<typeof buildGraph>): string[] {
  const down = (id: string) => [
    ...new Set([...g.byId.get(id)!.downRevisions, ...(g.dependencies.get(id) ?? [])]),
  ];
  const ancestors = (id: string) => {
    const seen = new Set<string>();
    const todo = [id];
    while (todo.length) {
      const r = todo.pop()!;
      if (seen.has(r)) continue;
      seen.add(r);
      todo.push(...down(r));
    }
    return seen;
  };
  const todo = new Set(g.byId.keys());
  const heads = [...g.realHeads];
  const ancestorsByIdx = heads.map(ancestors);
  const output: string[] = [];
  let idx = 0;
  while (heads.length) {
    const candidate = heads[idx];
    const blocker = ancestorsByIdx.findIndex((a, j) => j !== idx && a.has(candidate));
    if (blocker >= 0) {
      idx = blocker;
      continue;
    }
    if (todo.delete(candidate)) output.push(candidate);
    const add = down(candidate).filter((r) => todo.has(r) && !heads.includes(r));
    if (!add.length) {
      heads.splice(idx, 1);
      ancestorsByIdx.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else {
      heads[idx] = add[0];
      ancestorsByIdx[idx] = ancestors(add[0]);
      for (const r of add.slice(1)) {
        heads.push(r);
        ancestorsByIdx.push(ancestors(r));
      }
    }
  }
  return output.reverse();
}

describe('upgrade order vs a direct port of _topological_sort', () => {
  /** Seeded random DAGs with long lines, ladders, stars, merges and dependencies. */
  function randomDag(seed: number): RevisionNode[] {
    let a = seed;
    const rnd = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const nodes: RevisionNode[] = [];
    const size = 50 + Math.floor(rnd() * 350);
    const ids: string[] = [];
    const childless = new Set<string>();
    for (let i = 0; i < size; i++) {
      const id = `n${i}`;
      const heads = [...childless];
      const roll = rnd();
      let down: string[] = [];
      if (i && roll > 0.05) {
        if (roll < 0.2 && heads.length > 1)
          down = [...new Set([heads[Math.floor(rnd() * heads.length)], ids[i - 1]])];
        else if (roll < 0.35) down = [ids[Math.floor(rnd() * i)]];
        else if (roll < 0.45 && i > 2)
          down = [...new Set([ids[i - 1], ids[i - 2 - Math.floor(rnd() * Math.min(i - 2, 5))]])];
        else down = [rnd() < 0.5 ? ids[i - 1] : (heads[Math.floor(rnd() * heads.length)] ?? ids[i - 1])];
      }
      const deps = i > 3 && rnd() < 0.1 ? [ids[Math.floor(rnd() * (i - 1))]] : [];
      for (const d of down) childless.delete(d);
      childless.add(id);
      ids.push(id);
      nodes.push(rev(id, down, { deps }));
    }
    // Load order differs from creation order.
    for (let i = nodes.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
    }
    return nodes;
  }

  it('agrees on 300 random graphs of 50-400 revisions', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const g = buildGraph(randomDag(seed));
      expect(g.problems).toEqual([]);
      expect(g.order, `seed ${seed}`).toEqual(alembicOrder(g));
    }
  });

  it('agrees on a ladder (two lines merged into each other every other revision)', () => {
    const nodes = [rev('l0'), rev('r0', 'l0')];
    for (let i = 1; i < 300; i++)
      nodes.push(rev(`l${i}`, `l${i - 1}`), rev(`r${i}`, i % 2 ? `r${i - 1}` : [`r${i - 1}`, `l${i}`]));
    const g = buildGraph(nodes);
    expect(g.order).toEqual(alembicOrder(g));
  });
});

describe('scale', () => {
  /** A main line with a side branch every 50 revisions merged back 20 later, labels and dependencies. */
  function big(n: number): RevisionNode[] {
    const nodes: RevisionNode[] = [rev('r0', null, { labels: ['main'] })];
    let tip = 'r0';
    let side: string | undefined;
    for (let i = 1; nodes.length < n; i++) {
      const id = `r${i}`;
      if (i % 50 === 0) {
        side = `s${i}`;
        nodes.push(rev(side, tip, { labels: i % 500 === 0 ? [`l${i}`] : [] }));
      }
      if (side && i % 50 === 20) {
        nodes.push(rev(id, [tip, side], { deps: i % 200 === 20 ? ['r0'] : [] }));
        side = undefined;
      } else {
        if (side && i % 5 === 0) {
          const s = `t${i}`;
          nodes.push(rev(s, side));
          side = s;
        }
        nodes.push(rev(id, tip));
      }
      tip = id;
    }
    return nodes;
  }

  it('builds a 10,000-revision chain without recursion limits', () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) =>
      rev(`c${i}`, i ? `c${i - 1}` : null, { labels: i === 5000 ? ['mid'] : [] }),
    );
    const g = buildGraph(nodes);
    expect(g.heads).toEqual(['c9999']);
    expect(g.order).toHaveLength(10_000);
    expect(g.order![9999]).toBe('c9999');
    expect(g.labelsOf.get('c0')).toEqual(['mid']);
  });

  it('orders 10,000 heads on one base like Alembic (last loaded head first) without quadratic searches', () => {
    const nodes = [rev('a'), ...Array.from({ length: 9_999 }, (_, i) => rev(`c${i}`, 'a'))];
    const g = buildGraph(nodes);
    expect(g.heads).toHaveLength(9_999);
    expect(g.order!.slice(0, 3)).toEqual(['a', 'c9998', 'c9997']);
    expect(g.order!.at(-1)).toBe('c0');
  });

  it('builds 10,000 revisions with branches and merges (time printed; npm run bench measures it)', () => {
    const nodes = big(10_000);
    for (let k = 0; k < 2; k++) buildGraph(nodes); // warm up the JIT
    // Best of 20: other test files (and the Python oracle) share the CPU; the best run is
    // the cost of the build itself.
    const times: number[] = [];
    let g = buildGraph(nodes);
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      g = buildGraph(nodes);
      times.push(performance.now() - t);
    }
    const best = Math.min(...times);
    const median = times.sort((a, b) => a - b)[times.length >> 1];
    console.log(
      `buildGraph(${nodes.length} revisions): best ${best.toFixed(1)} ms, median ${median.toFixed(1)} ms of ${times.length} runs`,
    );
    expect(g.problems).toEqual([]);
    expect(g.heads).toHaveLength(1);
    expect(g.order).toHaveLength(nodes.length);
  });
});
