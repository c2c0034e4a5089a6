import type { SqlRule } from './lib/types.js';

/**
 * A rule card only: the dry run reads each PR revision's downgrade() (dryrun/irreversible.ts) and reports it
 * when the round trip would run, and the engine does for offline SQL, where nothing is downgraded.
 */
export const irreversibleMigration: SqlRule = {
  id: 'irreversible-migration',
  severity: 'notice',
  dialects: ['postgresql', 'mysql', 'sqlite'],
  doc: 'A revision whose downgrade() is missing, empty or raises cannot be rolled back; the dry run skips its round trip instead of failing it.',
  safe: 'Write the downgrade when a rollback is possible; when it is deliberately one-way, say why in a `# headsup: ignore[irreversible-migration] <reason>` comment.',
  example: {
    unsafe: 'def downgrade():\n    pass',
    safe: "def downgrade():\n    op.drop_column('users', 'nickname')",
  },
  check() {
    return undefined;
  },
};
