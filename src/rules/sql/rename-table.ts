import { existing } from './lib/common.js';
import { BATCH_PREFIX } from './lib/tables.js';
import type { SqlRule } from './lib/types.js';

export const renameTable: SqlRule = {
  id: 'rename-table',
  severity: 'warning',
  dialects: ['postgresql', 'mysql', 'sqlite'],
  doc: 'Renaming a table that existed before the PR: the running code still uses the old name and fails from the moment the migration commits until the new code is deployed.',
  safe: 'Expand and contract: create the new table (or a view with the new name), move the code over, then drop the old name in a later release.',
  example: {
    unsafe: "op.rename_table('customers', 'clients')",
    safe: "op.execute('CREATE VIEW clients AS SELECT * FROM customers')  # release N: code moves to clients\n# release N+1: rename the table and drop the view",
  },
  check(s, ctx) {
    const r = s.facts.find(
      (f) =>
        f.kind === 'rename-table' &&
        !ctx.tables.key(f.table).startsWith(BATCH_PREFIX) &&
        ctx.tables.preexisting(f.table),
    );
    if (r?.kind !== 'rename-table') return;
    return {
      message: `Renaming ${existing(ctx, r.table)} to \`${r.to}\` breaks the running code, which still queries \`${r.table}\`, until the new code is deployed.`,
    };
  },
};
