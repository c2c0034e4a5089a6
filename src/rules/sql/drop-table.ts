import { batchRebuilds, existing } from './lib/common.js';
import type { SqlRule } from './lib/types.js';

export const dropTable: SqlRule = {
  id: 'drop-table',
  severity: 'warning',
  dialects: ['postgresql', 'mysql', 'sqlite'],
  doc: 'Dropping a table that existed before the PR: the running code (the version deployed while the migration runs) may still read or write it, and its data is gone for good.',
  safe: 'Ship the code that stops using the table first; drop it in a later release, after a backup if the data matters.',
  example: {
    unsafe: "op.drop_table('legacy_sessions')",
    safe: "# release N: the code stops using legacy_sessions\n# release N+1:\nop.drop_table('legacy_sessions')",
  },
  check(s, ctx) {
    const drops = s.facts.flatMap((f) =>
      f.kind === 'drop-table' && ctx.tables.preexisting(f.table) && !batchRebuilds(s, ctx, f.table)
        ? [f.table]
        : [],
    );
    if (!drops.length) return;
    return {
      message:
        `Dropping ${existing(ctx, drops[0])} breaks any running code that still queries it, and deletes its data with it.` +
        (drops.length > 1
          ? ` (${drops.length - 1} more table${drops.length > 2 ? 's' : ''} in this statement.)`
          : ''),
    };
  },
};
