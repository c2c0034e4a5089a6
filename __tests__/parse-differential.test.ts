/**
 * Differential test of the static parser: random revision files — every declaration form ALEMBIC.md
 * lists, in random spellings (quotes, prefixes, escapes, implicit concatenation, continuation lines,
 * annotations, comments, semicolons, reassignments, decoys in docstrings and function bodies, CRLF,
 * BOM, coding cookies) — are read by the real Alembic (Debian's, through Script._from_filename, which
 * executes them) and by parseRevisionFile in its three modes (full, lean, whole-file lezer parse).
 * Every value we read must be the one Alembic sees; every form we do not evaluate must be reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRevisionFile, type ParseOptions } from '../src/formats/alembic/parse.js';
import type { ParsedRevisionFile } from '../src/formats/alembic/types.js';

const PYTHON = '/usr/bin/python3';
const SEED = 0x0a1e_b1c0;
const FILES = 400;

const FIELDS = ['revision', 'down_revision', 'branch_labels', 'depends_on'] as const;
type Field = (typeof FIELDS)[number];

/** mulberry32, seeded: the same files on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const chance = (rng: Rng, p: number) => rng() < p;

// ---------------------------------------------------------------------------------------------
// Spellings

/** One string literal whose value is `s`, spelled one of many ways. */
function stringLiteral(rng: Rng, s: string): string {
  const q = chance(rng, 0.5) ? "'" : '"';
  switch (Math.floor(rng() * 9)) {
    case 0:
      return `r${q}${s}${q}`;
    case 1:
      return `u${q}${s}${q}`;
    case 2:
      return `${q.repeat(3)}${s}${q.repeat(3)}`;
    case 3: {
      // Escapes: \x.., \u...., octal, and an escaped quote-free backslash-newline-free text.
      const k = Math.floor(rng() * s.length);
      const c = s.charCodeAt(k);
      const esc = pick(rng, [
        `\\x${c.toString(16).padStart(2, '0')}`,
        `\\u${c.toString(16).padStart(4, '0')}`,
        `\\${c.toString(8).padStart(3, '0')}`,
      ]);
      return `${q}${s.slice(0, k)}${esc}${s.slice(k + 1)}${q}`;
    }
    case 4: {
      if (s.length < 2) return `${q}${s}${q}`;
      const k = 1 + Math.floor(rng() * (s.length - 1));
      const gap = pick(rng, [' ', '', ' \\\n    ']);
      return `${q}${s.slice(0, k)}${q}${gap}${q}${s.slice(k)}${q}`;
    }
    case 5:
      return `(${q}${s}${q})`;
    default:
      return `${q}${s}${q}`;
  }
}

/** A value for a list field (down_revision, branch_labels, depends_on): None, a string or a tuple/list. */
function listLiteral(rng: Rng, items: string[]): string {
  if (!items.length) return pick(rng, ['None', '()', '[]', 'None  # a base']);
  if (items.length === 1 && chance(rng, 0.5)) return stringLiteral(rng, items[0]);
  const parts = items.map((x) => stringLiteral(rng, x));
  const [open, close] = chance(rng, 0.6) ? ['(', ')'] : ['[', ']'];
  const trailing = items.length === 1 && open === '(' ? ',' : chance(rng, 0.3) ? ',' : '';
  if (chance(rng, 0.3)) {
    // One item a line, with comments, the closer at column 0.
    return `${open}\n${parts.map((p) => `    ${p},  # parent`).join('\n')}\n${close}`;
  }
  return `${open}${parts.join(', ')}${trailing}${close}`;
}

const ANNOTATIONS: Record<Field, string[]> = {
  revision: ['', ': str'],
  down_revision: ['', ': Union[str, None]', ': Union[str, Sequence[str], None]', ': str | None'],
  branch_labels: ['', ': Union[str, Sequence[str], None]', ': Optional[Sequence[str]]'],
  depends_on: ['', ': Union[str, Sequence[str], None]', ': tuple[str, ...] | None'],
};

/** Forms Alembic runs but headsup does not evaluate: a problem must be reported for them. */
function dynamicValue(rng: Rng, value: string | string[]): string {
  const s = typeof value === 'string' ? value : (value[0] ?? 'x');
  return pick(rng, [
    `str(${JSON.stringify(s)})`,
    `${JSON.stringify(s)}.strip()`,
    `"".join([${JSON.stringify(s)}])`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Files

interface Generated {
  name: string;
  text: string;
  /** Fields spelled in a form we must evaluate exactly, vs ones we must report as unresolvable. */
  dynamic: Set<Field>;
}

/** A docstring like Alembic's template writes, with an assignment-looking line at column 0. */
function decoyDocstring(rng: Rng, id: string, parents: string[]): string {
  const q = pick(rng, ['"""', "'''"]);
  const title = pick(rng, ['add users', "it's a (test", 'C:\\\\path']);
  return (
    `${q}${title}\n\nRevision ID: ${id}\nRevises: ${parents.join(', ')}\n` +
    `Create Date: 2026-01-01 00:00:00\n\nrevision = 'decoy'\n${q}`
  );
}

const BODIES = [
  'def upgrade():\n    pass\n',
  "def upgrade() -> None:\n    op.create_table(\n        't',\n        sa.Column('id', sa.Integer(), primary_key=True),\n    )\n",
  // A column-0 line inside a triple-quoted string, with what looks like an assignment.
  'def upgrade():\n    op.execute("""\nrevision = \'decoy\'\ndown_revision = (\'x\', \'y\')\n""")\n',
  // A column-0 line inside brackets (legal Python), and a comment with a quote.
  "def upgrade():\n    op.add_column('t',\nsa.Column('x'))  # don't\n",
  // An f-string with a replacement field and nested other-quote strings.
  "def upgrade():\n    name = 't'\n    op.execute(f\"DROP TABLE {name!r} -- {'{'}\")\n",
  // A decorated function and a class.
  'def deco(f):\n    return f\n\n\n@deco\ndef downgrade():\n    """revision = \'decoy\'"""\n\n\nclass Helper:\n    revision = \'decoy\'\n',
];

function generate(rng: Rng, index: number): Generated {
  const id = chance(rng, 0.8)
    ? Array.from({ length: 12 }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('')
    : `rev_${index}_${pick(rng, ['users', 'orders'])}`;
  const parents = chance(rng, 0.15)
    ? []
    : Array.from({ length: chance(rng, 0.8) ? 1 : 2 }, (_, k) => `p${index}_${k}`);
  const labels = chance(rng, 0.25)
    ? [
        `label_${index}`,
        ...(chance(rng, 0.3) ? [`${pick(rng, ['x#y', 'a (b', 'p;q=r', 'sp ace'])}${index}`] : []),
      ]
    : [];
  const deps = chance(rng, 0.2) ? [`d${index}`, ...(chance(rng, 0.2) ? [`d${index}_b`] : [])] : [];
  const values: Record<Field, string | string[]> = {
    revision: id,
    down_revision: parents,
    branch_labels: labels,
    depends_on: deps,
  };
  const dynamic = new Set<Field>();
  const statement = (field: Field): string => {
    const v = values[field];
    const roll = rng();
    if (roll < 0.03) {
      dynamic.add(field);
      return `${field} = ${dynamicValue(rng, v)}`;
    }
    if (roll < 0.05) {
      // Python runs the block; headsup does not evaluate blocks.
      dynamic.add(field);
      return `if True:\n    ${field} = ${typeof v === 'string' ? stringLiteral(rng, v) : 'None'}`;
    }
    const annotation = pick(rng, ANNOTATIONS[field]);
    const literal = typeof v === 'string' ? stringLiteral(rng, v) : listLiteral(rng, v);
    const comment = chance(rng, 0.2) ? `  # ${pick(rng, ["it's", 'x = "y"', '(unbalanced'])}` : '';
    if (roll < 0.1) {
      // Through a module-level constant, possibly two hops away.
      const name = `_${field.toUpperCase()}`;
      return chance(rng, 0.5)
        ? `${name} = ${literal}\n${field}${annotation} = ${name}${comment}`
        : `${name}_RAW = ${literal}\n${name} = ${name}_RAW\n${field} = ${name}`;
    }
    if (roll < 0.13) return `${field} = other_${field} = ${literal}${comment}`; // chained
    if (roll < 0.16) return `_unused, ${field} = None, ${literal}`; // unpacking
    if (roll < 0.19) return `${field}${annotation} = \\\n    ${literal};${comment}`; // continuation, semicolon
    return `${field}${annotation} = ${literal}${comment}`;
  };

  const lines: string[] = [];
  if (chance(rng, 0.1)) lines.push('# -*- coding: utf-8 -*-');
  if (chance(rng, 0.85)) lines.push(decoyDocstring(rng, id, parents));
  lines.push(
    'from typing import TYPE_CHECKING, Optional, Sequence, Union',
    '',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
  );
  if (chance(rng, 0.2))
    lines.push(
      pick(rng, [
        'if TYPE_CHECKING:\n    from typing import Any\n',
        'try:\n    import json\nexcept ImportError:  # pragma: no cover\n\tjson = None\n',
        '\f\n# a form feed above\n',
      ]),
    );
  // Where each field goes: before the functions, after them, or twice (the later one wins).
  const before: string[] = [];
  const after: string[] = [];
  for (const field of FIELDS) {
    const roll = rng();
    if (roll < 0.08) {
      before.push(`${field} = ${pick(rng, ["'stale'", 'None', "('a', 'b')"])}`);
      after.push(statement(field));
    } else if (roll < 0.15) after.push(statement(field));
    else before.push(statement(field));
  }
  // Now and then two assignments share a line.
  if (before.length >= 2 && !/[#\n;]/.test(before[0]) && !before[1].includes('\n') && chance(rng, 0.15))
    before.splice(0, 2, `${before[0]}; ${before[1]}`);
  lines.push(...before, '', '');
  for (let k = 0, n = 1 + Math.floor(rng() * 3); k < n; k++) lines.push(pick(rng, BODIES), '');
  lines.push(...after, '');

  let text = lines.join('\n');
  if (chance(rng, 0.1)) text = text.replace(/\n/g, '\r\n');
  if (chance(rng, 0.05)) text = '\uFEFF' + text;
  return { name: `f${String(index).padStart(3, '0')}_rev.py`, text, dynamic };
}

// ---------------------------------------------------------------------------------------------
// The oracle

/** What Alembic itself reads from each file (Script._from_filename executes it). */
const ORACLE = String.raw`
import json, os, sys
sys.dont_write_bytecode = True
from alembic.script import ScriptDirectory, Script
vdir = sys.argv[1]
sd = ScriptDirectory(vdir)
norm = lambda v: [] if v is None else [v] if isinstance(v, str) else list(v)
out = {}
for fn in sorted(os.listdir(vdir)):
    try:
        s = Script._from_filename(sd, vdir, fn)
        out[fn] = {'revision': s.revision, 'down_revision': norm(s.down_revision),
                   'branch_labels': list(s._orig_branch_labels), 'depends_on': norm(s.dependencies)}
    except BaseException as e:
        out[fn] = {'error': type(e).__name__ + ': ' + str(e)}
print(json.dumps(out))
`;

function ours(r: ParsedRevisionFile, field: Field): string | string[] | undefined {
  if (field === 'revision') return r.revision?.value;
  const a =
    field === 'down_revision' ? r.downRevision : field === 'branch_labels' ? r.branchLabels : r.dependsOn;
  return a?.value;
}

describe('static parser vs the real Alembic, on random files', () => {
  let skip: string | undefined;
  try {
    execFileSync(PYTHON, ['-c', 'import alembic.script'], { stdio: 'pipe' });
  } catch {
    skip = `${PYTHON} cannot import alembic`;
  }
  if (skip) console.log(`skipping the parser differential: ${skip}`);

  const root = mkdtempSync(join(tmpdir(), 'headsup-parse-diff-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(!!skip)(`reads what Alembic reads from ${FILES} random files, in every parse mode`, async () => {
    const rng = prng(SEED);
    const versions = join(root, 'versions');
    mkdirSync(versions, { recursive: true });
    const files = Array.from({ length: FILES }, (_, i) => generate(rng, i));
    for (const f of files) writeFileSync(join(versions, f.name), f.text);
    const oracle = JSON.parse(
      execFileSync(PYTHON, ['-c', ORACLE, versions], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    ) as Record<string, Partial<Record<Field, string | string[]>> & { error?: string }>;

    const modes: [string, ParseOptions][] = [
      ['full', {}],
      ['lean', { lean: true }],
      ['whole-file parse', { fullParse: true }],
    ];
    let checked = 0;
    let reported = 0;
    for (const f of files) {
      const o = oracle[f.name];
      expect(o.error, `${f.name}: Alembic could not load it:\n${f.text}`).toBeUndefined();
      for (const [mode, opts] of modes) {
        // lezer's grammar has no form feed; the pre-pass does, which is why production never lets lezer
        // read whole files.
        if (opts.fullParse && f.text.includes('\f')) continue;
        const r = await parseRevisionFile(
          `migrations/versions/${f.name}`,
          readFileSync(join(versions, f.name)),
          opts,
        );
        const where = `${f.name} (${mode}):\n${f.text}`;
        for (const field of FIELDS) {
          if (f.dynamic.has(field)) {
            // Not evaluated: no value, and a problem that names the field.
            expect(ours(r, field), `${field} of ${where}`).toBeUndefined();
            expect(
              r.problems.some((p) => p.kind === 'unresolvable' && p.message.includes(`\`${field}\``)),
              `${field} of ${where}: ${JSON.stringify(r.problems)}`,
            ).toBe(true);
            reported++;
            continue;
          }
          const expected = field === 'revision' ? o.revision : o[field];
          const got = ours(r, field) ?? (field === 'revision' ? undefined : []);
          expect(got, `${field} of ${where}`).toEqual(expected);
          checked++;
        }
        if (!f.dynamic.size) expect(r.problems, where).toEqual([]);
      }
    }
    // The generator must actually exercise both kinds.
    expect(checked).toBeGreaterThan(FILES * 3 * 3);
    expect(reported).toBeGreaterThan(10);
  });
});
