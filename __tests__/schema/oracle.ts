/**
 * SQLAlchemy's inspector as the oracle for schema snapshots: both sides reduced to the facts SQLAlchemy 1.4
 * reports (tables, columns, keys, indexes, checks, views, enums), in one shape, so a test compares them with
 * one `toEqual`. What SQLAlchemy cannot see is taken out of headsup's side by name, in `blindSpots`, and the
 * tests assert that list too: a gap is stated, never silently skipped.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Engine } from '../../src/databases/types.js';
import type { SchemaSnapshot, TableSnapshot } from '../../src/dryrun/schema/model.js';
import { shortPostgresType } from '../../src/databases/postgres/introspector.js';
import { PYTHON } from '../helpers/alembic.js';

const ORACLE = join(import.meta.dirname, '..', 'oracle', 'inspect_schema.py');

interface SaColumn {
  name: string;
  type: string | null;
  nullable: boolean;
  default: string | null;
  autoincrement: boolean | string | null;
  computed: { sqltext: string; persisted?: boolean } | null;
  identity: { always: boolean } | null;
}
interface SaTable {
  columns: SaColumn[];
  pk: { constrained_columns: string[]; name: string | null };
  fks: {
    name: string | null;
    columns: string[];
    referred_schema: string | null;
    referred_table: string;
    referred_columns: string[];
    options: Record<string, string | boolean>;
  }[];
  indexes: {
    name: string;
    columns: (string | null)[];
    unique: boolean;
    duplicates_constraint: string | null;
    dialect_options: Record<string, string>;
  }[];
  uniques: { name: string | null; columns: string[] }[];
  checks: { name: string | null; sqltext: string }[];
}
export interface Inspected {
  tables: Record<string, SaTable>;
  views: string[];
  enums: { name: string; schema: string; labels: string[] }[];
}

/** Runs the inspector on a database URL (asynchronously: a server in this process may be serving it). */
export async function inspect(url: string): Promise<Inspected> {
  const { stdout } = await promisify(execFile)(PYTHON, [ORACLE, url], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as Inspected;
}

export interface Facts {
  tables: Record<string, TableFacts>;
  views: string[];
  enums: { name: string; values: string[] }[];
}
interface TableFacts {
  columns: {
    name: string;
    type: string;
    nullable: boolean;
    default: string | null;
    generated: string | null;
    identity?: string | null;
    autoincrement?: boolean;
  }[];
  pk: { name?: string | null; columns: string[] };
  fks: {
    name: string | null;
    columns: string[];
    table: string;
    refColumns: string[];
    onDelete: string;
    onUpdate: string;
    deferrable?: string | null;
  }[];
  indexes: {
    name: string;
    columns: string[];
    unique: boolean;
    where?: string | null;
    method?: string | null;
  }[];
  uniques: { name: string | null; columns: string[] }[];
  checks: { name: string | null; expression: string }[];
}

/** Outer parentheses and whitespace, which engines and SQLAlchemy add or drop around the same expression. */
export function bare(expression: string): string {
  let e = expression.replace(/\s+/g, ' ').trim();
  while (/^\(.*\)$/.test(e) && balanced(e.slice(1, -1))) e = e.slice(1, -1).trim();
  return e;
}
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A type as both sides can agree on: lower case, `(10, 2)` → `(10,2)`, without MySQL's charset and collation. */
function type(engine: Engine, t: string | null): string {
  let s = (t ?? '').toLowerCase().replace(/,\s+/g, ',').trim();
  if (engine === 'postgresql') s = shortPostgresType(s);
  if (engine === 'mysql')
    s = s
      .replace(/ character set \w+/, '')
      .replace(/ collate \w+/, '')
      .replace(/^integer/, 'int');
  return s;
}

const byName = <T extends { name: string | null }>(a: T, b: T): number =>
  (a.name ?? '').localeCompare(b.name ?? '') || JSON.stringify(a).localeCompare(JSON.stringify(b));

/** MySQL's InnoDB treats NO ACTION as RESTRICT, its default. */
function action(engine: Engine, a: string | undefined): string {
  const x = (a ?? (engine === 'mysql' ? 'RESTRICT' : 'NO ACTION')).toUpperCase();
  return engine === 'mysql' && x === 'NO ACTION' ? 'RESTRICT' : x;
}

/** SQLAlchemy's side. `sqlite_sequence` and the version table are SQLite's and Alembic's, not the schema's. */
export function oracleFacts(engine: Engine, sa: Inspected): Facts {
  const tables: Record<string, TableFacts> = {};
  for (const [name, t] of Object.entries(sa.tables)) {
    if (name === 'alembic_version' || name === 'sqlite_sequence') continue;
    tables[name] = {
      columns: t.columns.map((c) => ({
        name: c.name,
        type: type(engine, c.type),
        nullable: c.nullable,
        // MySQL: SQLAlchemy keeps ON UPDATE inside the default's text.
        default:
          c.default === null
            ? null
            : engine === 'mysql'
              ? c.default.replace(/ ON UPDATE .*$/, '')
              : c.default,
        generated: c.computed ? bare(c.computed.sqltext) : null,
        ...(engine === 'postgresql' && {
          identity: c.identity ? (c.identity.always ? 'always' : 'by default') : null,
        }),
        ...(engine === 'mysql' && { autoincrement: c.autoincrement === true }),
      })),
      pk: { ...(engine !== 'mysql' && { name: t.pk.name }), columns: t.pk.constrained_columns },
      fks: t.fks
        .map((f) => ({
          name: f.name,
          columns: f.columns,
          table: f.referred_schema ? `${f.referred_schema}.${f.referred_table}` : f.referred_table,
          refColumns: f.referred_columns,
          onDelete: action(engine, f.options.ondelete as string | undefined),
          onUpdate: action(engine, f.options.onupdate as string | undefined),
          ...(engine === 'postgresql' && {
            deferrable: f.options.deferrable
              ? `initially ${String(f.options.initially ?? 'immediate').toLowerCase()}`
              : null,
          }),
        }))
        .sort(byName),
      indexes: t.indexes
        // PostgreSQL: SQLAlchemy lists the indexes behind unique constraints among the indexes too.
        .filter((i) => !(engine === 'postgresql' && i.duplicates_constraint))
        .map((i) => ({
          name: i.name,
          columns: i.columns as string[],
          unique: i.unique,
          ...(engine === 'postgresql' && {
            where: i.dialect_options.postgresql_where ? bare(i.dialect_options.postgresql_where) : null,
            method: i.dialect_options.postgresql_using ?? 'btree',
          }),
          ...(engine === 'mysql' && { method: i.dialect_options.mysql_prefix?.toLowerCase() ?? null }),
        }))
        .sort(byName),
      uniques: t.uniques.map((u) => ({ name: u.name, columns: u.columns })).sort(byName),
      checks: t.checks.map((c) => ({ name: c.name, expression: bare(c.sqltext) })).sort(byName),
    };
  }
  return {
    tables,
    views: [...sa.views].sort(),
    enums: sa.enums
      .map((e) => ({ name: e.schema === 'public' ? e.name : `${e.schema}.${e.name}`, values: e.labels }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** What headsup sees and SQLAlchemy 1.4 does not, by engine: each entry says why. */
export interface BlindSpot {
  table: string;
  what: string;
  why: string;
}

/** headsup's side, minus what SQLAlchemy cannot see (returned in `blindSpots`). */
export function snapshotFacts(s: SchemaSnapshot): { facts: Facts; blindSpots: BlindSpot[] } {
  const engine = s.engine;
  const blindSpots: BlindSpot[] = [];
  const tables: Record<string, TableFacts> = {};
  for (const t of s.tables) {
    const plain = new Set(t.columns.map((c) => c.name));
    const keyColumn = (k: string): string =>
      k
        .replace(/ (DESC|NULLS (FIRST|LAST))/g, '')
        .replace(/ COLLATE \S+$/, '')
        .replace(/ \w+_ops$/, '')
        .replace(/\(\d+\)$/, '');
    const indexes = t.indexes.filter((i) => {
      // SQLAlchemy 1.4 skips expression indexes on PostgreSQL and SQLite (with a warning).
      if (engine !== 'mysql' && !i.columns.every((k) => plain.has(keyColumn(k)))) {
        blindSpots.push({ table: t.name, what: `index ${i.name}`, why: 'expression index' });
        return false;
      }
      return true;
    });
    const checks = t.checks.filter((c) => {
      // MariaDB: SQLAlchemy reads table-level CHECKs from SHOW CREATE TABLE; a column-level one (named after
      // its column, json_valid() of a JSON column included) sits inside the column's line.
      if (engine === 'mysql' && c.name !== undefined && plain.has(c.name)) {
        blindSpots.push({ table: t.name, what: `check ${c.name}`, why: 'column-level check' });
        return false;
      }
      return true;
    });
    const uniques = t.uniques.filter((u) => {
      // SQLite: SQLAlchemy finds an inline `col type(n) … UNIQUE` only when the type has no parentheses.
      if (engine === 'sqlite' && u.name === undefined && u.columns.length === 1) {
        const col = t.columns.find((c) => c.name === u.columns[0]);
        if (col && col.type.includes('(')) {
          blindSpots.push({
            table: t.name,
            what: `unique (${u.columns[0]})`,
            why: 'inline UNIQUE after a type with (n)',
          });
          return false;
        }
      }
      return true;
    });
    tables[t.name] = facts(engine, t, indexes, checks, uniques, keyColumn);
  }
  return {
    facts: {
      tables,
      views: s.views.map((v) => v.name).sort(),
      enums: s.enums.map((e) => ({ name: e.name, values: e.values })),
    },
    blindSpots,
  };
}

function facts(
  engine: Engine,
  t: TableSnapshot,
  indexes: TableSnapshot['indexes'],
  checks: TableSnapshot['checks'],
  uniques: TableSnapshot['uniques'],
  keyColumn: (k: string) => string,
): TableFacts {
  return {
    columns: t.columns.map((c) => ({
      name: c.name,
      type: type(engine, c.type),
      nullable: c.nullable,
      default: c.default ?? null,
      generated: c.generated ? bare(c.generated.expression) : null,
      ...(engine === 'postgresql' && { identity: c.identity ?? null }),
      ...(engine === 'mysql' && { autoincrement: c.autoincrement === true }),
    })),
    pk: {
      ...(engine !== 'mysql' && { name: t.primaryKey?.name ?? null }),
      columns: t.primaryKey?.columns ?? [],
    },
    fks: t.foreignKeys
      .map((f) => ({
        name: f.name ?? null,
        columns: f.columns,
        table: f.referencedTable,
        refColumns: f.referencedColumns,
        onDelete: action(engine, f.onDelete),
        onUpdate: action(engine, f.onUpdate),
        ...(engine === 'postgresql' && { deferrable: f.deferrable ?? null }),
      }))
      .sort(byName),
    indexes: indexes
      .map((i) => ({
        name: i.name,
        columns: i.columns.map(keyColumn),
        unique: i.unique,
        ...(engine === 'postgresql' && { where: i.where ? bare(i.where) : null, method: i.method }),
        ...(engine === 'mysql' && { method: i.method === 'btree' ? null : i.method }),
      }))
      .sort(byName),
    // MySQL has no unique constraint apart from a unique index: SQLAlchemy reports each unique index as both.
    uniques: (engine === 'mysql'
      ? t.indexes.filter((i) => i.unique).map((i) => ({ name: i.name as string | null, columns: i.columns }))
      : uniques.map((u) => ({ name: u.name ?? null, columns: u.columns }))
    ).sort(byName),
    checks: checks.map((c) => ({ name: c.name ?? null, expression: bare(c.expression) })).sort(byName),
  };
}
