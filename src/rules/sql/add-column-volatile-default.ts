import { existing, lockNote, lockPhrase } from './lib/common.js';
import { SERIALS, baseType, calledFunctions, columnConstraints, newColumns } from './lib/pg.js';
import type { SqlRule } from './lib/types.js';
import { atLeast, versionWords } from './lib/version.js';

/**
 * Functions PostgreSQL evaluates once per row (VOLATILE): a default calling one forces a rewrite. STABLE and
 * IMMUTABLE ones (now(), current_timestamp, lower()) are evaluated once and stored as the "missing" value.
 */
const VOLATILE = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'gen_random_bytes',
  'random_normal',
  'txid_current',
  'setseed',
]);

/** Built-in functions known to be STABLE or IMMUTABLE (others are named as possibly volatile). */
const STEADY = new Set([
  'now',
  'statement_timestamp',
  'transaction_timestamp',
  'current_setting',
  'lower',
  'upper',
  'concat',
  'coalesce',
  'make_date',
  'make_interval',
  'to_jsonb',
  'jsonb_build_object',
  'json_build_object',
  'array',
]);

export const addColumnVolatileDefault: SqlRule = {
  id: 'add-column-volatile-default',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'ADD COLUMN with a volatile default (gen_random_uuid(), random(), clock_timestamp(), a serial or identity, a stored generated column) rewrites the whole table under an ACCESS EXCLUSIVE lock (before PostgreSQL 11: any default).',
  safe: 'Add the column without the default (or with a constant one), backfill it in batches, then set the default for new rows with ALTER COLUMN … SET DEFAULT (no rewrite).',
  example: {
    unsafe:
      "op.add_column('orders', sa.Column('public_id', postgresql.UUID(), server_default=sa.text('gen_random_uuid()')))",
    safe: [
      "op.add_column('orders', sa.Column('public_id', postgresql.UUID()))",
      "op.alter_column('orders', 'public_id', server_default=sa.text('gen_random_uuid()'))",
      '# backfill existing rows in batches, in a data migration or a job',
    ].join('\n'),
  },
  check(s, ctx) {
    const modern = atLeast(ctx.version, 11);
    for (const c of newColumns(s)) {
      if (c.how !== 'add' || !ctx.tables.preexisting(c.table)) continue;
      const constraints = columnConstraints(c.def);
      const def = constraints.find((k) => k.contype === 'CONSTR_DEFAULT');
      const calls = def ? calledFunctions(def.raw_expr) : [];
      const volatile = calls.filter((f) => VOLATILE.has(f.split('.').pop()!));
      const unknown = calls.filter(
        (f) => !VOLATILE.has(f.split('.').pop()!) && !STEADY.has(f.split('.').pop()!),
      );
      const why = SERIALS[baseType(c.type)]
        ? `a \`${baseType(c.type)}\` column fills each row from its sequence`
        : constraints.some((k) => k.contype === 'CONSTR_IDENTITY')
          ? 'an identity column fills each row from its sequence'
          : constraints.some((k) => k.contype === 'CONSTR_GENERATED')
            ? 'a stored generated column is computed for each row'
            : volatile.length
              ? `its default calls ${volatile.map((f) => `\`${f}()\``).join(', ')}, which is volatile: evaluated for each row`
              : unknown.length
                ? `its default calls ${unknown.map((f) => `\`${f}()\``).join(', ')}, evaluated for each row unless the function is STABLE or IMMUTABLE`
                : def && !modern
                  ? `before PostgreSQL 11 any default is written into every row (${versionWords(ctx.version)})`
                  : undefined;
      if (!why) continue;
      return {
        message:
          `Adding \`${c.column}\` to ${existing(ctx, c.table)} rewrites the whole table: ${why}. ` +
          `The rewrite ${lockPhrase(s, ctx, c.table, 'AccessExclusiveLock', true)}, so reads and writes wait for as long as it takes to copy every row.` +
          lockNote(s, ctx, c.table, 'AccessExclusiveLock'),
      };
    }
    return undefined;
  },
};
