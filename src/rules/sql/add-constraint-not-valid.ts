import { alterOfExisting, existing, lockNote, lockPhrase } from './lib/common.js';
import { alterCommands, constraintOf, relationName } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';

export const addConstraintNotValid: SqlRule = {
  id: 'add-constraint-not-valid',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'A CHECK or FOREIGN KEY added to a table that existed before the PR is validated at once: every row is read while the table is locked (writes blocked; for CHECK, reads too).',
  safe: 'Add it NOT VALID (new rows are checked at once), then VALIDATE CONSTRAINT in a later migration: validation only takes a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes through.',
  example: {
    unsafe: "op.create_foreign_key('fk_orders_user', 'orders', 'users', ['user_id'], ['id'])",
    safe: [
      "op.create_foreign_key('fk_orders_user', 'orders', 'users', ['user_id'], ['id'], postgresql_not_valid=True)",
      '# in a later revision:',
      "op.execute('ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user')",
    ].join('\n'),
  },
  check(s, ctx) {
    const { alter, table } = alterOfExisting(s, ctx) ?? {};
    if (!alter || !table) return;
    const added = alterCommands(alter).flatMap((cmd) => {
      const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd.def) : undefined;
      return c && !c.skip_validation && (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_FOREIGN')
        ? [c]
        : [];
    });
    if (!added.length) return;
    const [c] = added;
    const kind = c.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY';
    const name = c.conname ? ` \`${c.conname}\`` : '';
    const mode = kind === 'CHECK' ? 'AccessExclusiveLock' : 'ShareRowExclusiveLock';
    const fk = c.contype === 'CONSTR_FOREIGN' && c.pktable ? relationName(c.pktable) : undefined;
    return {
      message:
        `Adding the ${kind}${name} to ${existing(ctx, table)} checks every existing row before it returns, and meanwhile ` +
        lockPhrase(s, ctx, table, mode, true) +
        (fk && fk !== table ? ` (and holds \`${fk}\` against writes too).` : '.') +
        lockNote(s, ctx, table, mode) +
        (added.length > 1 ? ` (${added.length} such constraints in this statement.)` : ''),
      fix: `Add it NOT VALID (\`postgresql_not_valid=True\`, or \`… NOT VALID\` in SQL), then run \`ALTER TABLE ${table} VALIDATE CONSTRAINT ${c.conname ?? '<name>'}\` in a later migration.`,
    };
  },
};
