/**
 * Small helpers every introspector shares: names, texts and the final order of a snapshot, so that the same
 * schema always yields the same snapshot whatever order the catalogs return rows in.
 */
import {
  DEFAULT_IGNORED_TABLES,
  type SchemaSnapshot,
  type SnapshotOptions,
  type TableSnapshot,
} from './model.js';

/** PostgreSQL names outside `public` carry their schema; elsewhere (MySQL, SQLite) `schema` is omitted. */
export function qualify(schema: string | null | undefined, name: string): string {
  return !schema || schema === 'public' ? name : `${schema}.${name}`;
}

/** Runs of whitespace (newlines and indentation of view definitions) become one space. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A JSON column that a provider may hand back parsed (pg, PGlite) or as text. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const byName = <T extends { name?: string }>(a: T, b: T): number => compare(a.name ?? '', b.name ?? '');

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable key for a list element without a name (SQLite constraints written without CONSTRAINT). */
function keyOf(item: object): string {
  return JSON.stringify(item);
}

/**
 * Drops ignored tables (and anything that names them) and puts every list in its canonical order.
 * Columns keep the table's order; an index's or key's columns keep theirs.
 */
export function finish(snapshot: SchemaSnapshot, opts: SnapshotOptions | undefined): SchemaSnapshot {
  const ignored = new Set(opts?.ignoreTables ?? DEFAULT_IGNORED_TABLES);
  const tables = snapshot.tables.filter((t) => !ignored.has(t.name)).map(sortTable);
  tables.sort(byName);
  return {
    engine: snapshot.engine,
    tables,
    views: [...snapshot.views].sort(byName),
    enums: [...snapshot.enums].sort(byName),
    sequences: snapshot.sequences
      .filter((s) => !s.ownedBy || !ignored.has(s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.'))))
      .sort(byName),
    extensions: [...snapshot.extensions].sort(byName),
  };
}

function sortTable(t: TableSnapshot): TableSnapshot {
  const unnamedLast = <T extends { name?: string }>(list: T[]): T[] =>
    [...list].sort((a, b) =>
      a.name !== undefined && b.name !== undefined
        ? compare(a.name, b.name)
        : a.name !== undefined
          ? -1
          : b.name !== undefined
            ? 1
            : compare(keyOf(a), keyOf(b)),
    );
  // A fixed key order too, so the JSON reads the same whichever order an introspector filled the table in.
  return prune({
    name: t.name,
    columns: t.columns,
    primaryKey: t.primaryKey,
    uniques: unnamedLast(t.uniques),
    checks: unnamedLast(t.checks),
    foreignKeys: unnamedLast(t.foreignKeys),
    indexes: [...t.indexes].sort(byName),
    comment: t.comment,
  });
}

/** Rows by a key, each group in the rows' order. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Leaves out keys whose value is undefined, so optional fields absent and undefined serialise alike. */
export function prune<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
