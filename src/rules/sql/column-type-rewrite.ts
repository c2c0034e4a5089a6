import { alterOfExisting, existing, lockNote, lockPhrase } from './lib/common.js';
import { alterCommands, body, columnDef, str, typeText } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';

/** `varchar(50)` → ['varchar', [50]]; `numeric` → ['numeric', []]. */
function split(type: string): [string, number[]] {
  const m = /^([a-z][a-z0-9 _]*?)(?:\(([\d, ]+)\))?(\[\])?$/.exec(type.trim().toLowerCase());
  if (!m) return [type, []];
  return [m[1] + (m[3] ?? ''), m[2] ? m[2].split(',').map((n) => Number(n.trim())) : []];
}

/**
 * Changes PostgreSQL makes without rewriting the table or its indexes (binary-coercible, and no narrower):
 * varchar(n) → varchar(m ≥ n), varchar, text; text → varchar; numeric(p,s) → numeric(p' ≥ p, s), numeric;
 * varbit(n) → varbit(m ≥ n); cidr → inet.
 */
export function rewriteFree(from: string, to: string): boolean {
  if (from === to) return true;
  const [a, am] = split(from);
  const [b, bm] = split(to);
  if (a === 'varchar' && (b === 'text' || (b === 'varchar' && (!bm.length || (am.length && bm[0] >= am[0])))))
    return true;
  if (a === 'text' && b === 'varchar' && !bm.length) return true;
  if (a === 'numeric' && b === 'numeric')
    return !bm.length || (am.length > 0 && bm[0] >= am[0] && (bm[1] ?? 0) === (am[1] ?? 0));
  if (a === 'varbit' && b === 'varbit') return !bm.length || (am.length > 0 && bm[0] >= am[0]);
  return a === 'cidr' && b === 'inet';
}

export const columnTypeRewrite: SqlRule = {
  id: 'column-type-rewrite',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'Changing a column’s type on a table that existed before the PR rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the change is binary-compatible (varchar → text, a wider varchar, more numeric precision).',
  safe: 'Add a new column of the new type, backfill it in batches, switch the code over, then drop the old column; or keep to a rewrite-free change (varchar → text, varchar(n) → varchar(m > n)).',
  example: {
    unsafe: "op.alter_column('orders', 'total', type_=sa.BigInteger(), existing_type=sa.Integer())",
    safe: [
      "op.add_column('orders', sa.Column('total_big', sa.BigInteger()))",
      '# backfill total_big in batches, move the code to it, then in a later revision:',
      "op.drop_column('orders', 'total')",
    ].join('\n'),
  },
  check(s, ctx) {
    const { alter, table } = alterOfExisting(s, ctx) ?? {};
    if (!alter || !table) return;
    for (const cmd of alterCommands(alter)) {
      const def = cmd.subtype === 'AT_AlterColumnType' ? columnDef(cmd) : undefined;
      if (!def || !cmd.name) continue;
      const to = typeText(def.typeName);
      const from = ctx.tables.column(table, cmd.name)?.type;
      // `USING col::type` is the cast PostgreSQL would apply anyway; any other expression recomputes each row.
      const cast = body(def.raw_default, 'TypeCast');
      const ref = body(cast?.arg, 'ColumnRef')?.fields ?? [];
      const plainUsing = !def.raw_default || (cast && str(ref[ref.length - 1]) === cmd.name);
      if (from !== undefined && plainUsing && rewriteFree(from, to)) continue;
      const change = from !== undefined ? `from \`${from}\` to \`${to}\`` : `to \`${to}\``;
      const why =
        from === undefined
          ? ' (its old type is unknown here: without a snapshot of the base schema headsup cannot tell a rewrite-free change)'
          : !plainUsing
            ? ' with a USING expression that is computed for every row'
            : '';
      return {
        message:
          `Changing \`${cmd.name}\` ${change} on ${existing(ctx, table)} rewrites the table and rebuilds its indexes${why}; ` +
          `the rewrite ${lockPhrase(s, ctx, table, 'AccessExclusiveLock', true)}, so reads and writes wait for all of it.` +
          lockNote(s, ctx, table, 'AccessExclusiveLock'),
      };
    }
    return undefined;
  },
};
