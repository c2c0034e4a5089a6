import { existing } from './lib/common.js';
import type { SqlRule } from './lib/types.js';

export const dropColumn: SqlRule = {
  id: 'drop-column',
  severity: 'warning',
  dialects: ['postgresql', 'mysql', 'sqlite'],
  doc: 'Dropping a column of a table that existed before the PR: the running code (ORM models select every mapped column) fails until it is deployed without the column.',
  safe: 'Remove the column from the code (SQLAlchemy: drop it from the model, or mark it deferred) and deploy; drop it in a later migration.',
  example: {
    unsafe: "op.drop_column('users', 'legacy_flag')",
    safe: "# release N: remove legacy_flag from the User model\n# release N+1:\nop.drop_column('users', 'legacy_flag')",
  },
  check(s, ctx) {
    const drops = s.facts.flatMap((f) =>
      f.kind === 'drop-column' && ctx.tables.preexistingColumn(f.table, f.column) ? [f] : [],
    );
    if (!drops.length) return;
    const [d] = drops;
    return {
      message:
        `Dropping \`${d.column}\` from ${existing(ctx, d.table)} breaks the running code that still reads it (an ORM model selects every mapped column), and its data is gone.` +
        (drops.length > 1
          ? ` (${drops.length - 1} more column${drops.length > 2 ? 's' : ''} in this statement.)`
          : ''),
    };
  },
};
