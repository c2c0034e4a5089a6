import { existing } from './lib/common.js';
import type { SqlRule } from './lib/types.js';

export const dropNotNull: SqlRule = {
  id: 'drop-not-null',
  severity: 'warning',
  dialects: ['postgresql', 'mysql'],
  doc: 'Making a column of an existing table nullable: code that assumes a value (the running version included) meets NULLs as soon as new code writes them, and the constraint is hard to restore once it has.',
  safe: 'Make sure every reader handles NULL before the change ships; consider a default instead of NULL.',
  example: {
    unsafe: "op.alter_column('users', 'email', nullable=True)",
    safe: "# first ship readers that handle a missing email, then:\nop.alter_column('users', 'email', nullable=True)",
  },
  check(s, ctx) {
    const d = s.facts.find((f) => {
      if (f.kind !== 'drop-not-null' || !ctx.tables.preexistingColumn(f.table, f.column)) return false;
      // MySQL restates the whole column (MODIFY … NULL): a change only if it was NOT NULL at the base.
      return f.explicit || ctx.tables.column(f.table, f.column)?.nullable === false;
    });
    if (d?.kind !== 'drop-not-null') return;
    return {
      message: `\`${d.column}\` on ${existing(ctx, d.table)} becomes nullable: code that relies on it having a value (the version running now included) can meet NULL once new code writes one.`,
    };
  },
};
