import { lineWords } from './lib/common.js';
import { body, stmt, stringLiterals } from './lib/pg.js';
import type { SqlRule, Statement } from './lib/types.js';
import { atLeast, versionWords } from './lib/version.js';

function addedValue(s: Statement): { type: string; value: string } | undefined {
  const e = stmt(s, 'AlterEnumStmt');
  if (!e?.newVal || e.oldVal) return undefined;
  const type = (e.typeName ?? []).map((n) => body(n, 'String')?.sval).join('.');
  return { type, value: e.newVal };
}

export const enumValueInTransaction: SqlRule = {
  id: 'enum-value-in-transaction',
  severity: 'error',
  dialects: ['postgresql'],
  doc: 'A value added with ALTER TYPE … ADD VALUE cannot be used in the transaction that added it (and before PostgreSQL 12 ADD VALUE cannot run in a transaction at all): the migration fails.',
  safe: 'Add the value in an `autocommit_block` (or its own earlier revision), and use it after that commit.',
  example: {
    unsafe: [
      'op.execute("ALTER TYPE order_status ADD VALUE \'refunded\'")',
      'op.execute("UPDATE orders SET status = \'refunded\' WHERE refunded_at IS NOT NULL")',
    ].join('\n'),
    safe: [
      'with op.get_context().autocommit_block():',
      '    op.execute("ALTER TYPE order_status ADD VALUE \'refunded\'")',
      'op.execute("UPDATE orders SET status = \'refunded\' WHERE refunded_at IS NOT NULL")',
    ].join('\n'),
  },
  check(s, ctx) {
    if (s.tx.autocommit) return;
    const own = addedValue(s);
    if (own && !atLeast(ctx.version, 12))
      return {
        message: `\`ALTER TYPE ${own.type} ADD VALUE\` runs inside the migration’s transaction, which PostgreSQL before 12 refuses (${versionWords(ctx.version)}).`,
      };
    const before = s.tx.statements.slice(0, s.tx.statements.indexOf(s));
    const literals = new Set(stringLiterals(s.pg));
    const adder = before.find((x) => {
      const v = addedValue(x);
      return v !== undefined && literals.has(v.value);
    });
    if (!adder) return;
    const v = addedValue(adder)!;
    return {
      message: `This statement uses \`'${v.value}'\`, which ${lineWords(adder)} added to \`${v.type}\` in the same transaction: PostgreSQL refuses it ("unsafe use of new value") until that transaction commits.`,
    };
  },
};
