import { existing } from './lib/common.js';
import type { SqlRule } from './lib/types.js';

export const renameColumn: SqlRule = {
  id: 'rename-column',
  severity: 'warning',
  dialects: ['postgresql', 'mysql', 'sqlite'],
  doc: 'Renaming a column of a table that existed before the PR: the running code still uses the old name and fails until the new code is deployed.',
  safe: 'Expand and contract: add the new column, write both and backfill, move reads over, then drop the old column in a later release.',
  example: {
    unsafe: "op.alter_column('users', 'name', new_column_name='full_name')",
    safe: "op.add_column('users', sa.Column('full_name', sa.Text()))\n# backfill, write both, move reads; later: op.drop_column('users', 'name')",
  },
  check(s, ctx) {
    const r = s.facts.find(
      (f) => f.kind === 'rename-column' && ctx.tables.preexistingColumn(f.table, f.column),
    );
    if (r?.kind !== 'rename-column') return;
    return {
      message: `Renaming \`${r.column}\` to \`${r.to}\` on ${existing(ctx, r.table)} breaks the running code, which still reads and writes \`${r.column}\`, until the new code is deployed.`,
    };
  },
};
