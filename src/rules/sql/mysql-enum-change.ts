import { existing, myAlterOfExisting } from './lib/common.js';
import { columnName, enumValues, obj, text } from './lib/my.js';
import type { SqlRule } from './lib/types.js';

/** `enum('a','b')` (a snapshot's type) → ['a', 'b']. */
function valuesOf(type: string): string[] | undefined {
  const m = /^(enum|set)\((.*)\)$/is.exec(type.trim());
  if (!m) return undefined;
  return [...m[2].matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1].replace(/''/g, "'"));
}

export const mysqlEnumChange: SqlRule = {
  id: 'mysql-enum-change',
  severity: 'warning',
  dialects: ['mysql'],
  doc: 'Changing an ENUM or SET column other than by appending values at the end (reordering, removing, renaming, inserting in the middle) makes MySQL/MariaDB copy the table.',
  safe: 'Only append new values at the end of the list (an instant, metadata-only change while the member count stays under 256); remove values in a rebuild you schedule.',
  example: {
    unsafe:
      "op.alter_column('orders', 'status', type_=sa.Enum('new', 'cancelled', 'paid', name='status'), existing_type=sa.Enum('new', 'paid', name='status'))",
    safe: "op.alter_column('orders', 'status', type_=sa.Enum('new', 'paid', 'cancelled', name='status'), existing_type=sa.Enum('new', 'paid', name='status'))",
  },
  check(s, ctx) {
    const { clauses, table } = myAlterOfExisting(s, ctx) ?? {};
    if (!clauses || !table) return;
    for (const c of clauses) {
      if (c.action !== 'modify' && c.action !== 'change') continue;
      const kind = text(obj(c.definition)?.dataType)?.toLowerCase();
      if (kind !== 'enum' && kind !== 'set') continue;
      const column = columnName(c.old_column ?? c.column);
      const next = enumValues(c.definition);
      const before = ctx.tables.column(table, column);
      const old = before ? valuesOf(before.type) : undefined;
      if (old && old.every((v, i) => next[i] === v) && next.length >= old.length && next.length < 256)
        continue;
      return {
        message: old
          ? `\`${column}\` on ${existing(ctx, table)} changes from ${kind.toUpperCase()}(${old.map((v) => `'${v}'`).join(', ')}) to (${next.map((v) => `'${v}'`).join(', ')}): not an append at the end, so the table is copied.`
          : `\`${column}\` on ${existing(ctx, table)} is restated as ${kind.toUpperCase()}(${next.map((v) => `'${v}'`).join(', ')}); unless the only change is values appended at the end, the table is copied (its old definition is unknown here).`,
      };
    }
    return undefined;
  },
};
