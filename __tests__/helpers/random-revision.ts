/**
 * Random Alembic revision files for the differential tests: every declaration form ALEMBIC.md lists, in
 * random spellings (quotes, prefixes, escapes, implicit concatenation, continuation lines, annotations,
 * comments, semicolons, reassignments, constants, decoys in docstrings and function bodies, CRLF, BOM,
 * coding cookies).
 */
import { chance, pick, type Rng } from './random.js';

export const FIELDS = ['revision', 'down_revision', 'branch_labels', 'depends_on'] as const;
export type Field = (typeof FIELDS)[number];

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

/** The values a generated file declares (what Alembic must read from it). */
export interface RevisionValues {
  revision: string;
  down_revision: string[];
  branch_labels: string[];
  depends_on: string[];
}

/**
 * A revision file declaring `values`. With `dynamic`, now and then a field is spelled in a form that Python
 * evaluates but headsup does not (a call, an `if` block): those fields are returned, a problem must name them.
 */
export function randomRevisionFile(
  rng: Rng,
  values: RevisionValues,
  opts: { dynamic: boolean },
): { text: string; dynamic: Set<Field> } {
  const dynamic = new Set<Field>();
  const statement = (field: Field): string => {
    const v = values[field];
    const roll = rng();
    if (opts.dynamic && roll < 0.03) {
      dynamic.add(field);
      return `${field} = ${dynamicValue(rng, v)}`;
    }
    if (opts.dynamic && roll < 0.05) {
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
  if (chance(rng, 0.85)) lines.push(decoyDocstring(rng, values.revision, values.down_revision));
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
  for (let k = 0, n = Math.floor(rng() * 3); k < n; k++) lines.push(pick(rng, BODIES), '');
  lines.push('def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n', ''); // what Alembic runs
  lines.push(...after, '');

  let text = lines.join('\n');
  if (chance(rng, 0.1)) text = text.replace(/\n/g, '\r\n');
  if (chance(rng, 0.05)) text = '\uFEFF' + text;
  return { text, dynamic };
}
