import { lineWords } from './lib/common.js';
import { alterCommands, constraintOf, relationName, stmt } from './lib/pg.js';
import type { SqlRule, Statement } from './lib/types.js';

/** The constraints a statement adds NOT VALID, by name. */
function addedNotValid(s: Statement): string[] {
  return alterCommands(stmt(s, 'AlterTableStmt')).flatMap((cmd) => {
    const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd.def) : undefined;
    return c?.skip_validation && c.conname ? [c.conname] : [];
  });
}

export const validateInSameTransaction: SqlRule = {
  id: 'validate-in-same-transaction',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID undoes the point of NOT VALID: the scan runs while the ADD’s stronger lock is still held.',
  safe: 'Validate in a later migration (its own transaction), or after `op.get_context().autocommit_block()` has committed the ADD.',
  example: {
    unsafe: [
      "op.create_check_constraint('ck_orders_total', 'orders', 'total >= 0', postgresql_not_valid=True)",
      "op.execute('ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total')",
    ].join('\n'),
    safe: [
      "op.create_check_constraint('ck_orders_total', 'orders', 'total >= 0', postgresql_not_valid=True)",
      '# in the next revision:',
      "op.execute('ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total')",
    ].join('\n'),
  },
  check(s) {
    if (s.tx.autocommit) return;
    const alter = stmt(s, 'AlterTableStmt');
    const validated = alterCommands(alter).flatMap((c) =>
      c.subtype === 'AT_ValidateConstraint' && c.name ? [c.name] : [],
    );
    if (!validated.length) return;
    const earlier = s.tx.statements.slice(0, s.tx.statements.indexOf(s));
    const adder = earlier.find((x) => addedNotValid(x).some((n) => validated.includes(n)));
    if (!adder) return;
    const name = validated.find((n) => addedNotValid(adder).includes(n))!;
    return {
      message:
        `\`${name}\` on \`${relationName(alter!.relation)}\` is validated in the same transaction that added it NOT VALID (${lineWords(adder)}): ` +
        'the ADD’s lock is held until commit, so the validating scan still blocks the table.',
    };
  },
};
