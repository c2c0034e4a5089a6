import type { SqlRule } from './lib/types.js';

export const dropSchemaOrDatabase: SqlRule = {
  id: 'drop-schema-or-database',
  severity: 'error',
  dialects: ['postgresql', 'mysql'],
  doc: 'DROP SCHEMA or DROP DATABASE in a migration removes everything in it at once; a migration is almost never the place for it.',
  safe: 'Drop the objects you mean to drop, one by one, in reviewed migrations; leave databases to the operators.',
  example: {
    unsafe: "op.execute('DROP SCHEMA reporting CASCADE')",
    safe: "op.drop_table('daily_totals', schema='reporting')",
  },
  check(s) {
    const d = s.facts.find((f) => f.kind === 'drop-schema' || f.kind === 'drop-database');
    if (d?.kind !== 'drop-schema' && d?.kind !== 'drop-database') return;
    const what = d.kind === 'drop-schema' ? 'schema' : 'database';
    return { message: `This drops the ${what} \`${d.name}\` and everything in it.` };
  },
};
