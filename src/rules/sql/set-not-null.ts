import { alterOfExisting, existing, lockNote, lockPhrase } from './lib/common.js';
import { alterCommands, constraintOf, relationName, stmt, str, walk } from './lib/pg.js';
import type { RuleContext, SqlRule, Statement } from './lib/types.js';
import { atLeast, versionWords } from './lib/version.js';

/** Whether a CHECK expression is `column IS NOT NULL` (alone or among ANDed terms). */
function provesNotNull(expr: unknown, column: string): boolean {
  for (const [kind, v] of walk(expr)) {
    if (kind !== 'NullTest') continue;
    const t = v as { nulltesttype?: string; arg?: { ColumnRef?: { fields?: never[] } } };
    const fields = t.arg?.ColumnRef?.fields ?? [];
    if (t.nulltesttype === 'IS_NOT_NULL' && str(fields[fields.length - 1]) === column) return true;
  }
  return false;
}

/** A validated CHECK (column IS NOT NULL) on the table before `s`: in the base schema, or added earlier in the PR. */
function hasValidatedCheck(s: Statement, ctx: RuleContext, table: string, column: string): boolean {
  const wanted = `${column} is not null`;
  const printed = (e: string) => e.toLowerCase().replace(/[()"]/g, '').replace(/\s+/g, ' ');
  if (ctx.tables.table(table)?.checks.some((c) => printed(c.expression).includes(wanted))) return true;
  // In the PR before this statement: a CHECK added validated, or added NOT VALID and validated since.
  const key = ctx.tables.key(table);
  const notValid = new Set<string>();
  for (const x of ctx.statements.slice(0, ctx.statements.indexOf(s))) {
    const alter = stmt(x, 'AlterTableStmt');
    if (!alter || ctx.tables.key(relationName(alter.relation)) !== key) continue;
    for (const cmd of alterCommands(alter)) {
      if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name && notValid.has(cmd.name)) return true;
      const c = cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd.def) : undefined;
      if (c?.contype !== 'CONSTR_CHECK' || !provesNotNull(c.raw_expr, column)) continue;
      if (!c.skip_validation) return true;
      if (c.conname) notValid.add(c.conname);
    }
  }
  return false;
}

export const setNotNull: SqlRule = {
  id: 'set-not-null',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'ALTER COLUMN … SET NOT NULL on a table that existed before the PR reads every row under an ACCESS EXCLUSIVE lock, unless a validated CHECK (column IS NOT NULL) already proves it.',
  safe: 'PostgreSQL 12+: add `CHECK (col IS NOT NULL) NOT VALID`, VALIDATE it in a later migration, then SET NOT NULL (it uses the check and skips the scan) and drop the check.',
  example: {
    unsafe: "op.alter_column('users', 'email', nullable=False)",
    safe: [
      "op.create_check_constraint('ck_users_email_nn', 'users', 'email IS NOT NULL', postgresql_not_valid=True)",
      '# next revision:',
      "op.execute('ALTER TABLE users VALIDATE CONSTRAINT ck_users_email_nn')",
      '# the one after:',
      "op.alter_column('users', 'email', nullable=False)",
      "op.drop_constraint('ck_users_email_nn', 'users')",
    ].join('\n'),
  },
  check(s, ctx) {
    const { alter, table } = alterOfExisting(s, ctx) ?? {};
    if (!alter || !table) return;
    const columns = alterCommands(alter).flatMap((c) =>
      c.subtype === 'AT_SetNotNull' && c.name ? [c.name] : [],
    );
    const scanned = columns.filter((c) => !hasValidatedCheck(s, ctx, table, c));
    if (!scanned.length) return;
    const col = scanned[0];
    const modern = atLeast(ctx.version, 12);
    return {
      message:
        `Setting \`${col}\` NOT NULL on ${existing(ctx, table)} reads every row to prove it, and ${lockPhrase(s, ctx, table, 'AccessExclusiveLock', true)} ` +
        'for the whole scan: reads and writes of the table wait.' +
        lockNote(s, ctx, table, 'AccessExclusiveLock'),
      fix: modern
        ? `Add \`CHECK (${col} IS NOT NULL) NOT VALID\`, VALIDATE it in a later migration (SHARE UPDATE EXCLUSIVE: reads and writes go on), then SET NOT NULL, which uses the check instead of scanning, and drop the check.`
        : `Before PostgreSQL 12 (${versionWords(ctx.version)}) SET NOT NULL always scans: keep the validated CHECK (${col} IS NOT NULL) NOT VALID constraint instead of NOT NULL, or set it in a maintenance window.`,
    };
  },
};
