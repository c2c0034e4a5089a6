import { alterOfExisting, existing, lockNote, lockPhrase } from './lib/common.js';
import { alterCommands, constraintOf, str } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';

export const addKeyBuildsIndex: SqlRule = {
  id: 'add-key-builds-index',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'ADD PRIMARY KEY or ADD UNIQUE on a table that existed before the PR builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait for the whole build.',
  safe: 'Build a unique index CONCURRENTLY first (in an autocommit_block), then add the constraint with `USING INDEX`, which only takes the lock for a moment.',
  example: {
    unsafe: "op.create_unique_constraint('uq_users_email', 'users', ['email'])",
    safe: [
      'with op.get_context().autocommit_block():',
      "    op.create_index('uq_users_email', 'users', ['email'], unique=True, postgresql_concurrently=True)",
      "op.execute('ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_users_email')",
    ].join('\n'),
  },
  check(s, ctx) {
    const { alter, table } = alterOfExisting(s, ctx) ?? {};
    if (!alter || !table) return;
    const key = alterCommands(alter)
      .map((cmd) => (cmd.subtype === 'AT_AddConstraint' ? constraintOf(cmd.def) : undefined))
      .find((c) => c && (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE') && !c.indexname);
    if (!key) return;
    const kind = key.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE constraint';
    const cols = (key.keys ?? []).map(str).join(', ');
    const name = key.conname ?? `${table}_${kind === 'PRIMARY KEY' ? 'pkey' : 'key'}`;
    return {
      message:
        `The ${kind}${key.conname ? ` \`${key.conname}\`` : ''} on ${existing(ctx, table)} builds its index inside the ALTER TABLE, which ` +
        `${lockPhrase(s, ctx, table, 'AccessExclusiveLock', true)}: reads and writes wait until every row is indexed.` +
        lockNote(s, ctx, table, 'AccessExclusiveLock'),
      fix: `\`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} (${cols})\` in an autocommit_block, then \`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${key.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${name}\`.`,
    };
  },
};
