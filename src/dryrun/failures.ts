/** A revision's failure as the report says it: the database's message, and the fix for the common ones. */

/**
 * The database's error on one line: PostgreSQL's `LINE n: …` echo of the statement and its caret go (the
 * finding carries the statement), its DETAIL and HINT stay.
 */
export function databaseMessage(text: string): string {
  const lines = text.trim().split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^LINE \d+: /.test(lines[i])) {
      if (/^\s*\^\s*$/.test(lines[i + 1] ?? '')) i++;
      continue;
    }
    if (lines[i].trim()) kept.push(lines[i].trim().replace(/^(DETAIL|HINT|CONTEXT):\s+/, '$1: '));
  }
  return kept.join(' ');
}

/**
 * Fixes for database errors a migration commonly meets on its first real run: the error alone names the
 * symptom, the fix says what Alembic does not do for you.
 */
export function failureFix(message: string, sql: string | undefined): string | undefined {
  // op.add_column / op.alter_column with sa.Enum: Alembic creates an enum type only inside op.create_table.
  const type = /type "([^"]+)" does not exist/.exec(message)?.[1];
  if (type && sql && /^\s*ALTER\s+TABLE\b/i.test(sql))
    return (
      `op.add_column and op.alter_column do not create the enum type \`${type}\` (only op.create_table does): ` +
      `create it first, \`sa.Enum(…, name='${type}').create(op.get_bind(), checkfirst=True)\`, ` +
      `and drop it in downgrade() after the column, \`sa.Enum(name='${type}').drop(op.get_bind(), checkfirst=True)\`.`
    );
  // CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, VACUUM, ALTER TYPE … ADD VALUE before PostgreSQL 12.
  if (/cannot run inside a transaction block/.test(message))
    return (
      'Alembic runs each migration in a transaction; run this statement outside it: ' +
      '`with op.get_context().autocommit_block():` around the op.* call (it commits what came before).'
    );
  // ALTER TYPE … ADD VALUE and the new value used in the same transaction (PostgreSQL 12+ allows the ADD only).
  if (/unsafe use of new value/.test(message))
    return (
      'A new enum value must be committed before it is used: add it outside the transaction, ' +
      '`with op.get_context().autocommit_block():` around the ALTER TYPE … ADD VALUE (or in an earlier revision).'
    );
  return undefined;
}
