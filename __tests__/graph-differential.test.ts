/**
 * Differential test: random revision graphs written as real Alembic files (the old template and
 * the typed ≥1.13 template, alternating), read back through the static parser, built by
 * buildGraph and compared with what Alembic 1.8.1 itself computes (one Python process for all
 * graphs: __tests__/oracle/revision_map.py, run with Debian's /usr/bin/python3).
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRevisionFile } from '../src/formats/alembic/parse.js';
import { buildGraph } from '../src/graph/revision-graph.js';
import type { GraphProblemKind, RevisionGraph, RevisionNode } from '../src/graph/types.js';
import { chance, pick, prng, type Rng, suiteCount, suiteSeed } from './helpers/random.js';

const PYTHON = '/usr/bin/python3';
const ORACLE = join(import.meta.dirname, 'oracle', 'revision_map.py');
const SEED = suiteSeed(0x5eed_2024);
const VALID_GRAPHS = suiteCount(520);

interface Rev {
  id: string;
  down: string[];
  labels: string[];
  deps: string[];
}

/** What the oracle prints for one versions directory. */
interface Oracle {
  dir: string;
  error: string | null;
  warnings: string[];
  heads?: string[];
  realHeads?: string[];
  bases?: string[];
  branchPoints?: string[];
  mergePoints?: string[];
  labels?: Record<string, string[]>;
  hashOrdered?: boolean;
  order?: string[];
}

// ---------------------------------------------------------------------------------------------
// Random graphs

const WORDS = ['user', 'orders', 'add_index', 'merge', 'initial', 'billing', 'audit', 'expand', 'contract'];

function randomId(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const id = chance(rng, 0.8)
      ? Array.from(
          { length: 4 + Math.floor(rng() * 9) },
          () => '0123456789abcdef'[Math.floor(rng() * 16)],
        ).join('')
      : `${pick(rng, WORDS)}_${Math.floor(rng() * 1000)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/**
 * Grows a graph the way teams do: mostly children of heads, some branches off older revisions,
 * merges of heads (and now and then of unrelated revisions), several bases, labels, and
 * depends_on on earlier revisions or labels. Creation order is topological, so every
 * reference points backwards and the graph is valid for Alembic.
 */
function randomGraph(rng: Rng): Rev[] {
  const size = 1 + Math.floor(rng() * 30);
  const taken = new Set<string>();
  const revs: Rev[] = [];
  const labels: string[] = [];
  const hasChild = new Set<string>();
  for (let i = 0; i < size; i++) {
    const heads = revs.filter((r) => !hasChild.has(r.id)).map((r) => r.id);
    const ids = revs.map((r) => r.id);
    const roll = rng();
    let down: string[];
    if (!revs.length || roll < 0.1) down = [];
    else if (roll < 0.25 && heads.length >= 2) down = distinct(rng, heads, chance(rng, 0.8) ? 2 : 3);
    else if (roll < 0.3 && ids.length >= 2) down = distinct(rng, ids, 2);
    else if (roll < 0.5) down = [pick(rng, ids)];
    else down = [pick(rng, heads)];
    const rev: Rev = { id: randomId(rng, taken), down, labels: [], deps: [] };
    if (chance(rng, 0.12)) {
      const count = chance(rng, 0.85) ? 1 : 2;
      for (let k = 0; k < count; k++) rev.labels.push(`lab${labels.length + k}_${rev.id.slice(0, 3)}`);
    }
    if (revs.length && chance(rng, 0.18)) {
      const count = chance(rng, 0.93) ? 1 : 2;
      for (let k = 0; k < count; k++) {
        const dep = labels.length && chance(rng, 0.3) ? pick(rng, labels) : pick(rng, ids);
        if (!rev.deps.includes(dep)) rev.deps.push(dep);
      }
    }
    labels.push(...rev.labels);
    for (const d of down) hasChild.add(d);
    revs.push(rev);
  }
  return revs;
}

function distinct(rng: Rng, xs: string[], count: number): string[] {
  const out = new Set<string>();
  while (out.size < Math.min(count, xs.length)) out.add(pick(rng, xs));
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Broken graphs: one mutation each, with the problem we must report.

interface Broken {
  revs: Rev[];
  expect: GraphProblemKind;
  /** A second file carrying an existing revision id. */
  duplicate?: Rev;
}

function breakGraph(rng: Rng, kind: GraphProblemKind): Broken | undefined {
  const revs = randomGraph(rng).map((r) => ({
    ...r,
    down: [...r.down],
    labels: [...r.labels],
    deps: [...r.deps],
  }));
  if (revs.length < 3) return undefined;
  const victim = pick(rng, revs.slice(1));
  switch (kind) {
    case 'cycle': {
      // Make the oldest revision on a straight line below a later one point up to it.
      // (No merge on that line: Alembic misses cycles entered through a merge, see graph.test.ts.)
      const byId = new Map(revs.map((r) => [r.id, r]));
      let bottom = victim;
      while (bottom.down.length === 1 && byId.get(bottom.down[0])!.down.length <= 1)
        bottom = byId.get(bottom.down[0])!;
      if (bottom === victim) return undefined;
      bottom.down = [victim.id];
      return { revs, expect: kind };
    }
    case 'self-loop':
      victim.down = [...victim.down, victim.id];
      return { revs, expect: kind };
    case 'missing-parent':
      victim.down = [...victim.down, 'feedface0000'];
      return { revs, expect: kind };
    case 'missing-dependency':
      victim.deps = [...victim.deps, 'no_such_label'];
      return { revs, expect: kind };
    case 'duplicate-revision':
      return { revs, expect: kind, duplicate: { ...pick(rng, revs), labels: [], deps: [] } };
    case 'duplicate-branch-label':
      revs[0].labels = [...revs[0].labels, 'shared'];
      victim.labels = [...victim.labels, 'shared'];
      return { revs, expect: kind };
    case 'label-clashes-revision':
      victim.labels = [...victim.labels, revs[0].id];
      return { revs, expect: kind };
    case 'invalid-revision-id': {
      const old = victim.id;
      victim.id = `${old}-x`;
      for (const r of revs) r.down = r.down.map((d) => (d === old ? victim.id : d));
      for (const r of revs) r.deps = r.deps.map((d) => (d === old ? victim.id : d));
      return { revs, expect: kind };
    }
    case 'dependency-cycle': {
      // The first revision depends on a descendant of itself.
      const child = revs.find((r) => r.down.includes(revs[0].id));
      if (!child) return undefined;
      revs[0].deps = [child.id];
      return { revs, expect: kind };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing real revision files

type Py = string | string[] | null;

function pyValue(v: Py, quote: string, tuple: boolean): string {
  const s = (x: string) => `${quote}${x}${quote}`;
  if (v === null) return 'None';
  if (typeof v === 'string') return s(v);
  if (tuple) return v.length === 1 ? `(${s(v[0])},)` : `(${v.map(s).join(', ')})`;
  return `[${v.map(s).join(', ')}]`;
}

/** None for [], a scalar for one entry (sometimes a 1-tuple), else a tuple or a list. */
function shape(rng: Rng, xs: string[]): Py {
  if (!xs.length) return null;
  if (xs.length === 1 && chance(rng, 0.8)) return xs[0];
  return xs;
}

function renderFile(rng: Rng, rev: Rev, typed: boolean): string {
  const quote = typed ? '"' : "'";
  const tuple = chance(rng, 0.75);
  const value = (xs: string[]) => pyValue(shape(rng, xs), quote, tuple);
  const down = !rev.down.length && chance(rng, 0.1) ? '()' : value(rev.down);
  const doc = `"""${pick(rng, WORDS)} change

Revision ID: ${rev.id}
Revises: ${rev.down.join(', ')}
Create Date: 2024-05-01 12:00:00.000000

"""
`;
  if (!typed) {
    return `${doc}from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = ${pyValue(rev.id, quote, tuple)}
down_revision = ${down}
branch_labels = ${value(rev.labels)}
depends_on = ${value(rev.deps)}


def upgrade():
    pass


def downgrade():
    pass
`;
  }
  return `${doc}from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = ${pyValue(rev.id, quote, tuple)}
down_revision: Union[str, Sequence[str], None] = ${down}
branch_labels: Union[str, Sequence[str], None] = ${value(rev.labels)}
depends_on: Union[str, Sequence[str], None] = ${value(rev.deps)}


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
`;
}

/** One directory per graph; file names fix the load order (sorted) to a random permutation. */
function writeGraph(rng: Rng, dir: string, revs: Rev[], typed: boolean, duplicate?: Rev): void {
  mkdirSync(dir);
  const all = duplicate ? [...revs, duplicate] : revs;
  const slots = all.map((_, i) => i);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  all.forEach((rev, i) => {
    const name = `${String(slots[i]).padStart(3, '0')}_${rev.id.replace(/\W/g, '_')}.py`;
    writeFileSync(join(dir, name), renderFile(rng, rev, typed));
  });
  // Alembic skips these; so must the reader.
  writeFileSync(join(dir, '__init__.py'), '');
}

// ---------------------------------------------------------------------------------------------
// Reading them back the way headsup does

async function readGraph(dir: string): Promise<RevisionNode[]> {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.py') && !f.startsWith('__init__') && !f.startsWith('.#'))
    .sort();
  const nodes: RevisionNode[] = [];
  for (const name of names) {
    const file = `versions/${name}`;
    const parsed = await parseRevisionFile(file, readFileSync(join(dir, name)));
    if (parsed.problems.length || !parsed.revision || !parsed.downRevision) {
      throw new Error(
        `parser: ${file}: ${JSON.stringify(parsed.problems)}\n${readFileSync(join(dir, name), 'utf8')}`,
      );
    }
    nodes.push({
      id: parsed.revision.value,
      downRevisions: parsed.downRevision.value,
      branchLabels: parsed.branchLabels?.value ?? [],
      dependsOn: parsed.dependsOn?.value ?? [],
      file,
      line: parsed.revision.line,
    });
  }
  return nodes;
}

function runOracle(dirs: string[], hashSeed: number): Oracle[] {
  const out = execFileSync(PYTHON, [ORACLE], {
    input: JSON.stringify(dirs),
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: String(hashSeed) },
  });
  return JSON.parse(out.toString('utf8')) as Oracle[];
}

/** Is `order` a permutation of all revisions where every revision follows its parents and dependencies? */
function isUpgradeOrder(g: RevisionGraph, order: string[]): boolean {
  const at = new Map(order.map((id, i) => [id, i]));
  if (at.size !== g.byId.size) return false;
  for (const [id, node] of g.byId) {
    const deps = [...node.downRevisions, ...(g.dependencies.get(id) ?? [])];
    if (deps.some((d) => !(at.get(d)! < at.get(id)!))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

const haveAlembic =
  existsSync(PYTHON) &&
  (() => {
    try {
      execFileSync(PYTHON, ['-c', 'import alembic.script.revision'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

describe('revision graph vs the real Alembic', () => {
  let root = '';
  const valid: { dir: string; revs: Rev[] }[] = [];
  const broken: { dir: string; case: Broken }[] = [];
  let oracle = new Map<string, Oracle>();
  const seedDependent = new Set<string>();

  beforeAll(() => {
    if (!haveAlembic) throw new Error(`${PYTHON} cannot import alembic: apt-get install python3-alembic`);
    root = mkdtempSync(join(tmpdir(), 'headsup-graph-diff-'));
    const rng = prng(SEED);
    for (let k = 0; k < VALID_GRAPHS; k++) {
      const dir = join(root, `g${k}`);
      const revs = randomGraph(rng);
      writeGraph(rng, dir, revs, k % 2 === 1);
      valid.push({ dir, revs });
    }
    const kinds: GraphProblemKind[] = [
      'cycle',
      'self-loop',
      'missing-parent',
      'missing-dependency',
      'duplicate-revision',
      'duplicate-branch-label',
      'label-clashes-revision',
      'invalid-revision-id',
      'dependency-cycle',
    ];
    for (const kind of kinds) {
      for (let made = 0, tries = 0; made < 5 && tries < 200; tries++) {
        const c = breakGraph(rng, kind);
        if (!c) continue;
        const dir = join(root, `bad-${kind}-${made++}`);
        writeGraph(rng, dir, c.revs, made % 2 === 0, c.duplicate);
        broken.push({ dir, case: c });
      }
    }
    const results = runOracle(
      [...valid, ...broken].map((g) => g.dir),
      0,
    );
    oracle = new Map(results.map((r) => [r.dir, r]));
    // Where Alembic's order goes through a set of 2+ dependencies, ask again under other hash
    // seeds: if it never changes, the order is still exact and compared as such. Nine more seeds:
    // with three, an order one seed in three gives went unseen in 2 of 1,040 graphs.
    const unsure = results.filter((r) => r.hashOrdered && !r.error).map((r) => r.dir);
    for (let seed = 1; seed <= 9; seed++) {
      for (const r of runOracle(unsure, seed)) {
        if (JSON.stringify(r.order) !== JSON.stringify(oracle.get(r.dir)!.order)) seedDependent.add(r.dir);
      }
    }
  });

  afterAll(() => {
    if (root && !process.env.HEADSUP_TEST_KEEP) rmSync(root, { recursive: true, force: true });
  });

  it(`agrees on heads, bases, branch/merge points, labels and upgrade order for ${VALID_GRAPHS} random graphs`, async () => {
    const mismatches: string[] = [];
    let exactOrders = 0;
    let hashOrdered = 0;
    let typed = 0;
    for (const [k, { dir }] of valid.entries()) {
      const want = oracle.get(dir)!;
      const got = buildGraph(await readGraph(dir));
      if (k % 2 === 1) typed++;
      const diff = (what: string, a: unknown, b: unknown) => {
        if (JSON.stringify(a) !== JSON.stringify(b))
          mismatches.push(`${dir} ${what}: headsup ${JSON.stringify(a)} alembic ${JSON.stringify(b)}`);
      };
      diff('alembic error/warnings', null, want.error ?? (want.warnings.length ? want.warnings : null));
      diff('problems', got.problems, []);
      if (want.error) continue;
      // Alembic lists these in load order, as we do: compare exactly (stronger than as sets).
      diff('heads', got.heads, want.heads);
      diff('real heads', got.realHeads, want.realHeads);
      diff('bases', got.bases, want.bases);
      diff('branch points', got.branchPoints, want.branchPoints);
      diff('merge points', got.mergePoints, want.mergePoints);
      diff('labels', Object.fromEntries(got.labelsOf), want.labels);
      if (!seedDependent.has(dir)) {
        exactOrders++;
        diff('upgrade order', got.order, want.order);
      } else {
        // Alembic keeps 2+ normalized dependencies in a set: its order then depends on
        // PYTHONHASHSEED. Ours is deterministic; it must still be a valid order of the same revisions.
        hashOrdered++;
        if (!got.order || !isUpgradeOrder(got, got.order))
          mismatches.push(`${dir} order ${JSON.stringify(got.order)} invalid`);
        diff('upgrade order (as a set)', [...(got.order ?? [])].sort(), [...(want.order ?? [])].sort());
      }
    }
    console.log(
      `graph differential: compared ${valid.length} random graphs with Alembic (${typed} typed template, ` +
        `${valid.length - typed} old template; exact upgrade order for ${exactOrders}, ` +
        `${hashOrdered} where Alembic's own order changes with PYTHONHASHSEED checked as valid orders), ` +
        `${mismatches.length} mismatches`,
    );
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('reports a problem wherever Alembic raises or warns', async () => {
    const mismatches: string[] = [];
    const seen = new Set<GraphProblemKind>();
    for (const { dir, case: c } of broken) {
      const want = oracle.get(dir)!;
      const got = buildGraph(await readGraph(dir));
      const kinds = got.problems.map((p) => p.kind);
      seen.add(c.expect);
      if (!kinds.includes(c.expect))
        mismatches.push(`${dir}: expected ${c.expect}, got ${JSON.stringify(kinds)}`);
      if (!want.error && !want.warnings.length) mismatches.push(`${dir}: Alembic accepted it (${c.expect})`);
      for (const p of got.problems) {
        if (!p.file || !p.line) mismatches.push(`${dir}: problem without a location: ${p.message}`);
      }
    }
    console.log(`graph differential: ${broken.length} broken graphs, kinds ${[...seen].join(', ')}`);
    expect(seen.size).toBe(9);
    expect(mismatches).toEqual([]);
  });
});
