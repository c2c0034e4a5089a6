import type { ThrowawayDatabase } from '../databases/types.js';

/** Quotes an identifier for the engine at hand (names come from env.py's configure()). */
function ident(db: ThrowawayDatabase, name: string): string {
  return db.engine === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

/**
 * The rows of the throwaway database's version table: what proves Alembic ran there. Empty when the table is
 * missing (env.py connected elsewhere) or holds nothing.
 */
export async function versionRows(
  db: ThrowawayDatabase,
  table: { name: string; schema: string | null } = { name: 'alembic_version', schema: null },
): Promise<string[]> {
  const qualified = `${table.schema ? `${ident(db, table.schema)}.` : ''}${ident(db, table.name)}`;
  try {
    const rows = await db.query<{ version_num: string }>(`SELECT version_num FROM ${qualified}`);
    return rows.map((r) => String(r.version_num));
  } catch {
    return [];
  }
}

/**
 * The relations that exist now (PostgreSQL), named as `relation::regclass::text` names them, so a lock
 * probe's rows can be told apart: a table that existed at the base heads, or one the PR made. Keys are
 * names and OIDs; values are names.
 */
export async function relationsOf(db: ThrowawayDatabase): Promise<Map<string, string>> {
  if (db.engine !== 'postgresql') return new Map();
  const rows = await db.query<{ oid: string | number; name: string }>(
    `SELECT c.oid::text AS oid, c.oid::regclass::text AS name FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  // By name, and by OID: a relation a statement drops is named by its bare OID in pg_locks afterwards.
  const out = new Map<string, string>();
  for (const r of rows) {
    out.set(r.name, r.name);
    out.set(String(r.oid), r.name);
  }
  return out;
}
