import { existing } from './lib/common.js';
import { SERIALS, baseType, columnConstraints, newColumns } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';

export const addColumnNotNullWithoutDefault: SqlRule = {
  id: 'add-column-not-null-without-default',
  severity: 'error',
  dialects: ['postgresql'],
  doc: 'ADD COLUMN … NOT NULL without a default fails on any table that has rows: the dry run’s empty copy passes, production does not.',
  safe: 'Add it nullable, backfill it in batches, then SET NOT NULL the safe way; or give it a constant server default (no rewrite since PostgreSQL 11).',
  example: {
    unsafe: "op.add_column('users', sa.Column('plan', sa.Text(), nullable=False))",
    safe: "op.add_column('users', sa.Column('plan', sa.Text(), nullable=False, server_default='free'))",
  },
  check(s, ctx) {
    const cols = newColumns(s).filter((c) => {
      if (c.how !== 'add' || !ctx.tables.preexisting(c.table) || SERIALS[baseType(c.type)]) return false;
      const kinds = columnConstraints(c.def).map((k) => k.contype);
      const notNull =
        kinds.includes('CONSTR_NOTNULL') || kinds.includes('CONSTR_PRIMARY') || c.def.is_not_null;
      const filled =
        kinds.includes('CONSTR_DEFAULT') ||
        kinds.includes('CONSTR_IDENTITY') ||
        kinds.includes('CONSTR_GENERATED');
      return notNull && !filled;
    });
    if (!cols.length) return;
    const [c] = cols;
    // Known to be empty: nothing to fail on.
    if (ctx.tables.size(c.table) === 0) return;
    return {
      message:
        `\`${c.column}\` is added NOT NULL without a default to ${existing(ctx, c.table)}, so PostgreSQL has no value for the rows already there: ` +
        'the statement fails ("column … contains null values") on any table that is not empty. It passed here only because the throwaway copy has no rows.',
      fix: `Add \`${c.column}\` with a constant \`server_default\` (PostgreSQL 11+ stores it without rewriting), or nullable, backfill it, and set NOT NULL afterwards.`,
    };
  },
};
