/**
 * MySQL and MariaDB schema snapshots of the current database: one information_schema query per kind of
 * object, whole-schema, never per table. (kysely's introspector, the tests' cross-check of tables and columns,
 * took ~300 of ~410 ms on a 300-table MariaDB schema: its join of two information_schema views is slow there.) MySQL knows no
 * difference between a unique constraint and a unique index: both are unique indexes here.
 */
import type { ThrowawayDatabase } from '../types.js';
import type {
  ColumnSnapshot,
  ForeignKeySnapshot,
  ReferentialAction,
  SchemaSnapshot,
  SnapshotOptions,
  TableSnapshot,
} from '../../dryrun/schema/model.js';
import { collapse, finish, groupBy, prune } from '../../dryrun/schema/normalize.js';

interface TableRow {
  t: string;
  type: string;
  comment: string | null;
}
interface ColumnRow {
  t: string;
  n: string;
  type: string;
  nullable: 'YES' | 'NO';
  d: string | null;
  extra: string | null;
  g: string | null;
  comment: string | null;
}
interface IndexRow {
  t: string;
  n: string;
  non_unique: number | string;
  seq: number;
  c: string | null;
  sub_part: number | null;
  collation: string | null;
  index_type: string;
  expr?: string | null;
}
interface ForeignKeyRow {
  t: string;
  n: string;
  c: string;
  pos: number;
  rs: string;
  rt: string;
  rc: string;
  upd: string;
  del: string;
}

const TABLES = `select table_name as t, table_type as type, table_comment as comment
  from information_schema.tables where table_schema = database()`;
const COLUMNS = `select table_name as t, column_name as n, column_type as type, is_nullable as nullable,
    column_default as d, extra as extra, generation_expression as g, column_comment as comment
  from information_schema.columns where table_schema = database()
  order by table_name, ordinal_position`;
// Every column aliased: MySQL 8's data-dictionary views name unaliased columns in upper case.
const INDEXES = (
  mysql8: boolean,
): string => `select table_name as t, index_name as n, non_unique as non_unique,
    seq_in_index as seq, column_name as c, sub_part as sub_part, collation as collation,
    index_type as index_type${mysql8 ? ', expression as expr' : ''}
  from information_schema.statistics where table_schema = database()`;
const FOREIGN_KEYS = `select k.table_name as t, k.constraint_name as n, k.column_name as c,
    k.ordinal_position as pos, k.referenced_table_schema as rs, k.referenced_table_name as rt,
    k.referenced_column_name as rc, r.update_rule as upd, r.delete_rule as del
  from information_schema.key_column_usage k
  join information_schema.referential_constraints r
    on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name
   and r.table_name = k.table_name
  where k.table_schema = database() and k.referenced_table_name is not null`;
// MariaDB names a column-level check after its column, so names repeat across tables: match on the table too.
const CHECKS = (mariadb: boolean): string =>
  mariadb
    ? `select table_name as t, constraint_name as n, check_clause as e
         from information_schema.check_constraints where constraint_schema = database()`
    : `select tc.table_name as t, tc.constraint_name as n, cc.check_clause as e
         from information_schema.table_constraints tc
         join information_schema.check_constraints cc
           on cc.constraint_schema = tc.constraint_schema and cc.constraint_name = tc.constraint_name
         where tc.table_schema = database() and tc.constraint_type = 'CHECK'`;
const VIEWS = `select table_name as t, view_definition as def
  from information_schema.views where table_schema = database()`;

export async function introspectMysql(
  db: ThrowawayDatabase,
  opts?: SnapshotOptions,
): Promise<SchemaSnapshot> {
  const mariadb = /mariadb/i.test(db.engineVersion);
  const tableRows = await db.query<TableRow>(TABLES);
  const columnRows = await db.query<ColumnRow>(COLUMNS);
  const indexRows = await db.query<IndexRow>(INDEXES(!mariadb));
  const foreignKeyRows = await db.query<ForeignKeyRow>(FOREIGN_KEYS);
  const checkRows = await db.query<{ t: string; n: string; e: string }>(CHECKS(mariadb));
  const viewRows = await db.query<{ t: string; def: string }>(VIEWS);
  const [{ name: database }] = await db.query<{ name: string }>('select database() as name');

  const columnsOf = groupBy(columnRows, (c) => c.t);
  const tables = new Map<string, TableSnapshot>();
  const sequences: string[] = [];
  for (const t of tableRows) {
    if (t.type === 'SEQUENCE') sequences.push(t.t);
    if (t.type !== 'BASE TABLE') continue;
    tables.set(
      t.t,
      prune({
        name: t.t,
        columns: (columnsOf.get(t.t) ?? []).map((c) => column(c, mariadb)),
        uniques: [],
        checks: [],
        foreignKeys: [],
        indexes: [],
        comment: t.comment || undefined,
      }),
    );
  }

  // Statistics rows: one per key part, in no promised order.
  for (const parts of groupBy(indexRows, (r) => `${r.t}\0${r.n}`).values()) {
    parts.sort((a, b) => Number(a.seq) - Number(b.seq));
    const first = parts[0];
    const table = tables.get(first.t);
    if (!table) continue;
    const columns = parts.map(keyPart);
    if (first.n === 'PRIMARY') table.primaryKey = { columns };
    else {
      const method = first.index_type.toLowerCase();
      table.indexes.push({ name: first.n, columns, unique: Number(first.non_unique) === 0, method });
    }
  }

  for (const parts of groupBy(foreignKeyRows, (r) => `${r.t}\0${r.n}`).values()) {
    parts.sort((a, b) => Number(a.pos) - Number(b.pos));
    const f = parts[0];
    tables.get(f.t)?.foreignKeys.push({
      name: f.n,
      columns: parts.map((p) => p.c),
      referencedTable: f.rs && f.rs !== database ? `${f.rs}.${f.rt}` : f.rt,
      referencedColumns: parts.map((p) => p.rc),
      onDelete: action(f.del),
      onUpdate: action(f.upd),
    } satisfies ForeignKeySnapshot);
  }

  for (const c of checkRows) tables.get(c.t)?.checks.push({ name: c.n, expression: c.e });

  return finish(
    {
      engine: 'mysql',
      tables: [...tables.values()],
      views: viewRows.map((v) => ({ name: v.t, definition: viewDefinition(v.def, database) })),
      enums: [],
      sequences: sequences.map((name) => ({ name })),
      extensions: [],
    },
    opts,
  );
}

function column(d: ColumnRow, mariadb: boolean): ColumnSnapshot {
  const extra = (d.extra ?? '').toLowerCase();
  const generated = /\b(stored|virtual|persistent) generated\b/.exec(extra);
  const onUpdate = /\bon update (.+)$/i.exec(d.extra ?? '');
  return prune({
    name: d.n,
    type: d.type.toLowerCase(),
    nullable: d.nullable === 'YES',
    default: generated ? undefined : columnDefault(d, mariadb),
    generated: generated && d.g != null ? { expression: d.g, stored: generated[1] !== 'virtual' } : undefined,
    autoincrement: extra.includes('auto_increment') ? (true as const) : undefined,
    onUpdate: onUpdate ? onUpdate[1] : undefined,
    comment: d.comment || undefined,
  });
}

/**
 * MariaDB (10.2.7+) prints a default as SQL: `'x'`, `0`, `current_timestamp()`, and `NULL` for none.
 * MySQL 8 prints a literal bare and marks expressions DEFAULT_GENERATED: quote the literals to match.
 */
function columnDefault(d: ColumnRow, mariadb: boolean): string | undefined {
  if (d.d === null || d.d === 'NULL') return undefined;
  if (mariadb || /default_generated/i.test(d.extra ?? '')) return d.d;
  return /^-?\d+(\.\d+)?$/.test(d.d) && !/char|text|enum|set|binary|blob/.test(d.type)
    ? d.d
    : `'${d.d.replace(/'/g, "''")}'`;
}

/** InnoDB treats NO ACTION as RESTRICT, its default: one spelling, so a re-created key compares equal. */
function action(rule: string): ReferentialAction {
  return rule === 'NO ACTION' ? 'RESTRICT' : (rule as ReferentialAction);
}

function keyPart(r: IndexRow): string {
  const base = r.c ?? `(${r.expr ?? ''})`;
  return base + (r.sub_part != null ? `(${r.sub_part})` : '') + (r.collation === 'D' ? ' DESC' : '');
}

/** The database's own name qualifies every reference in a view: take it out, so a rebuilt schema compares equal. */
function viewDefinition(def: string, database: string): string {
  return collapse(def.split(`\`${database}\`.`).join(''));
}
