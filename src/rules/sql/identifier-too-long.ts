import type { SqlRule } from './lib/types.js';

/** PostgreSQL's NAMEDATALEN - 1. */
const MAX_BYTES = 63;

/** An identifier as written: quotes removed, doubled quotes undone. */
function unquote(id: string): string {
  return id.startsWith('"') && id.endsWith('"') ? id.slice(1, -1).replace(/""/g, '"') : id;
}

export const identifierTooLong: SqlRule = {
  id: 'identifier-too-long',
  severity: 'warning',
  dialects: ['postgresql'],
  doc: 'An identifier longer than 63 bytes: PostgreSQL truncates it silently, so the object gets another name than the code (and Alembic’s autogenerate) use, and two long names can collide.',
  safe: 'Name it within 63 bytes (SQLAlchemy’s naming_convention can shorten generated constraint and index names).',
  example: {
    // op.create_index refuses such a name itself; SQL written by hand is where PostgreSQL truncates it.
    unsafe:
      "op.execute('CREATE INDEX ix_customer_subscription_billing_events_customer_subscription_id_created_at ON customer_subscription_billing_events (customer_subscription_id, created_at)')",
    safe: "op.create_index('ix_csbe_subscription_created', 'customer_subscription_billing_events', ['customer_subscription_id', 'created_at'])",
  },
  check(s) {
    const long = [...new Set((s.identifiers ?? []).map(unquote))].filter(
      (id) => Buffer.byteLength(id, 'utf8') > MAX_BYTES,
    );
    if (!long.length) return;
    const [id] = long;
    const kept = Buffer.from(id, 'utf8')
      .subarray(0, MAX_BYTES)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    return {
      message:
        `\`${id}\` is ${Buffer.byteLength(id, 'utf8')} bytes long; PostgreSQL keeps the first ${MAX_BYTES} (\`${kept}\`) without an error.` +
        (long.length > 1
          ? ` ${long.length - 1} more identifier${long.length > 2 ? 's' : ''} in this statement ${long.length > 2 ? 'are' : 'is'} too long as well.`
          : ''),
    };
  },
};
