/**
 * SQLite schema snapshots of `main`: the table-valued pragmas joined over sqlite_master (one query per pragma,
 * whatever the number of tables), and the CREATE texts for what only they hold (constraint names, CHECKs,
 * generated expressions, partial indexes).
 */
import type { ThrowawayDatabase } from '../types.js';
import type {
  ColumnSnapshot,
  IndexSnapshot,
  ReferentialAction,
  SchemaSnapshot,
  SnapshotOptions,
  TableSnapshot,
} from '../../dryrun/schema/model.js';
import { collapse, finish, groupBy, prune } from '../../dryrun/schema/normalize.js';
import { parseCreateIndex, parseCreateTable, type ParsedTable } from './ddl.js';

const MASTER = `select type, name, tbl_name as t, sql from main.sqlite_master where name not like 'sqlite\\_%' escape '\\'`;
const COLUMNS = `select m.name as t, p.name, p.type, p."notnull" as nn, p.dflt_value as d, p.pk, p.hidden
  from main.sqlite_master m join pragma_table_xinfo(m.name) p
  where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'
  order by m.name, p.cid`;
const INDEXES = `select m.name as t, il.name as i, il."unique" as u, il.origin, ii.seqno, ii.name as c,
    ii."desc" as "desc", ii.coll
  from main.sqlite_master m join pragma_index_list(m.name) il join pragma_index_xinfo(il.name) ii
  where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\' and ii.key = 1`;
const FOREIGN_KEYS = `select m.name as t, f.id, f.seq, f."table" as rt, f."from" as c, f."to" as rc,
    f.on_update as upd, f.on_delete as del
  from main.sqlite_master m join pragma_foreign_key_list(m.name) f
  where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'`;

interface MasterRow {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  t: string;
  sql: string | null;
}
interface ColumnRow {
  t: string;
  name: string;
  type: string;
  nn: number;
  d: string | null;
  pk: number;
  /** 0 normal, 1 hidden (virtual tables), 2 generated virtual, 3 generated stored. */
  hidden: number;
}
interface IndexRow {
  t: string;
  i: string;
  u: number;
  origin: 'c' | 'u' | 'pk';
  seqno: number;
  c: string | null;
  desc: number;
  coll: string | null;
}
interface ForeignKeyRow {
  t: string;
  id: number;
  seq: number;
  rt: string;
  c: string;
  rc: string | null;
  upd: string;
  del: string;
}

export async function introspectSqlite(
  db: ThrowawayDatabase,
  opts?: SnapshotOptions,
): Promise<SchemaSnapshot> {
  const master = await db.query<MasterRow>(MASTER);
  const columnRows = await db.query<ColumnRow>(COLUMNS);
  const indexRows = await db.query<IndexRow>(INDEXES);
  const foreignKeyRows = await db.query<ForeignKeyRow>(FOREIGN_KEYS);

  const columnsOf = groupBy(columnRows, (c) => c.t);
  const parsed = new Map<string, ParsedTable>();
  const tables = new Map<string, TableSnapshot>();
  const pkColumns = groupBy(
    columnRows.filter((c) => c.pk > 0),
    (c) => c.t,
  );

  for (const m of master) {
    if (m.type !== 'table') continue;
    const ddl = parseCreateTable(m.sql ?? '');
    parsed.set(m.name, ddl);
    // table_xinfo, not table_info: only it lists generated columns.
    const columns = (columnsOf.get(m.name) ?? []).map((c) => column(c, ddl));
    const pk = (pkColumns.get(m.name) ?? []).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    tables.set(
      m.name,
      prune({
        name: m.name,
        columns,
        primaryKey: pk.length ? prune({ name: ddl.primaryKeyName, columns: pk }) : undefined,
        uniques: [],
        checks: ddl.checks.map((c) => ({ ...c })),
        foreignKeys: [],
        indexes: [],
      }),
    );
  }

  const indexSql = new Map(master.filter((m) => m.type === 'index' && m.sql).map((m) => [m.name, m.sql!]));
  const byIndex = groupBy(indexRows, (r) => r.i);
  for (const [name, parts] of byIndex) {
    parts.sort((a, b) => a.seqno - b.seqno);
    const first = parts[0];
    const table = tables.get(first.t);
    if (!table || first.origin === 'pk') continue;
    if (first.origin === 'u') {
      const columns = parts.map((p) => p.c ?? '');
      const constraintName = parsed.get(first.t)?.uniqueNames.get(columns.join(','));
      table.uniques.push(prune({ name: constraintName, columns }));
      continue;
    }
    table.indexes.push(index(name, parts, indexSql.get(name)));
  }

  const byForeignKey = groupBy(foreignKeyRows, (r) => `${r.t}\0${r.id}`);
  for (const parts of byForeignKey.values()) {
    parts.sort((a, b) => a.seq - b.seq);
    const f = parts[0];
    const table = tables.get(f.t);
    if (!table) continue;
    const columns = parts.map((p) => p.c);
    // `REFERENCES parent` without columns means the parent's primary key.
    const referencedColumns = parts.every((p) => p.rc !== null)
      ? parts.map((p) => p.rc as string)
      : (pkColumns.get(f.rt) ?? []).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    table.foreignKeys.push(
      prune({
        name: parsed.get(f.t)?.foreignKeyNames.get(columns.join(',')),
        columns,
        referencedTable: f.rt,
        referencedColumns,
        onDelete: f.del as ReferentialAction,
        onUpdate: f.upd as ReferentialAction,
      }),
    );
  }

  return finish(
    {
      engine: 'sqlite',
      tables: [...tables.values()],
      views: master
        .filter((m) => m.type === 'view')
        .map((m) => ({ name: m.name, definition: collapse(m.sql ?? '') })),
      enums: [],
      sequences: [],
      extensions: [],
    },
    opts,
  );
}

function column(d: ColumnRow, ddl: ParsedTable): ColumnSnapshot {
  const name = d.name;
  const generated = d.hidden >= 2 ? ddl.generated.get(name) : undefined;
  return prune({
    name,
    type: d.type.toLowerCase(),
    nullable: !d.nn,
    default: d.d ?? undefined,
    generated: generated !== undefined ? { expression: generated, stored: d.hidden === 3 } : undefined,
    autoincrement: ddl.autoincrement.has(name) ? (true as const) : undefined,
  });
}

function index(name: string, parts: IndexRow[], sql: string | undefined): IndexSnapshot {
  const written = sql ? parseCreateIndex(sql) : { keys: [] };
  const columns = parts.map(
    (p, k) =>
      (p.c ?? written.keys[k] ?? '?') +
      (p.coll && p.coll.toUpperCase() !== 'BINARY' ? ` COLLATE ${p.coll}` : '') +
      (p.desc ? ' DESC' : ''),
  );
  return prune({ name, columns, unique: parts[0].u === 1, where: written.where });
}
