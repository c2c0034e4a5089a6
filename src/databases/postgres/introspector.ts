/**
 * PostgreSQL schema snapshots (servers and PGlite): kysely's introspector for tables and columns, then one
 * catalog query that returns everything else as a single JSON document. One round trip whatever the schema's
 * size matters on PGlite, where each query crosses to a worker thread. Non-system schemas only; objects that
 * belong to an extension are the extension's, not the migrations'.
 */
import type { ThrowawayDatabase } from '../types.js';
import { kyselyOver } from '../../dryrun/schema/kysely-dialect.js';
import type {
  ColumnSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  ReferentialAction,
  SchemaSnapshot,
  SnapshotOptions,
  TableSnapshot,
} from '../../dryrun/schema/model.js';
import { collapse, finish, json, kyselyTables, prune, qualify } from '../../dryrun/schema/normalize.js';

/** Relations of the migrations: user schemas, not an extension's members. */
const RELS = `
  select c.oid, c.relname, n.nspname, c.relkind
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
    and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')`;

/** The attribute names of `keys` (an int2 array) on `rel`, in key order, as a JSON array. */
const attnames = (rel: string, keys: string): string => `(
  select json_agg(a.attname order by k.i)
  from unnest(${keys}) with ordinality k(num, i)
  join pg_catalog.pg_attribute a on a.attrelid = ${rel} and a.attnum = k.num)`;

const CATALOG = `
with rels as (${RELS})
select json_build_object(
  'columns', (
    select json_agg(json_build_object(
      's', r.nspname, 't', r.relname, 'n', a.attname,
      'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'notnull', a.attnotnull, 'default', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
      'identity', a.attidentity, 'generated', a.attgenerated,
      'comment', pg_catalog.col_description(r.oid, a.attnum)))
    from rels r
    join pg_catalog.pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
    left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where r.relkind in ('r', 'p', 'f')),
  'tables', (
    select json_agg(json_build_object('s', r.nspname, 't', r.relname,
      'comment', pg_catalog.obj_description(r.oid, 'pg_class')))
    from rels r where r.relkind in ('r', 'p', 'f')),
  'constraints', (
    select json_agg(json_build_object(
      's', r.nspname, 't', r.relname, 'n', co.conname, 'type', co.contype,
      'cols', ${attnames('co.conrelid', 'co.conkey')},
      'rs', fn.nspname, 'rt', fc.relname, 'rcols', ${attnames('co.confrelid', 'co.confkey')},
      'upd', co.confupdtype, 'del', co.confdeltype,
      'deferrable', co.condeferrable, 'deferred', co.condeferred, 'valid', co.convalidated,
      'def', pg_catalog.pg_get_constraintdef(co.oid)))
    from pg_catalog.pg_constraint co
    join rels r on r.oid = co.conrelid
    left join pg_catalog.pg_class fc on fc.oid = co.confrelid
    left join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
    where co.contype in ('p', 'u', 'c', 'f')),
  'indexes', (
    select json_agg(json_build_object(
      's', r.nspname, 't', r.relname, 'n', ic.relname, 'unique', i.indisunique, 'method', am.amname,
      'where', pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), 'nkeys', i.indnkeyatts,
      'cols', (select json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k, true) order by k)
               from generate_series(1, i.indnatts) k),
      'options', i.indoption::int2[],
      'opclasses', (select json_agg(case when oc.opcdefault then null else oc.opcname end order by k.i)
                    from unnest(i.indclass::oid[]) with ordinality k(o, i)
                    join pg_catalog.pg_opclass oc on oc.oid = k.o)))
    from pg_catalog.pg_index i
    join rels r on r.oid = i.indrelid
    join pg_catalog.pg_class ic on ic.oid = i.indexrelid
    join pg_catalog.pg_am am on am.oid = ic.relam
    where not exists (select 1 from pg_catalog.pg_constraint co
                      where co.conindid = i.indexrelid and co.conrelid = i.indrelid and co.contype in ('p', 'u'))),
  'views', (
    select json_agg(json_build_object('s', r.nspname, 't', r.relname, 'kind', r.relkind,
      'def', pg_catalog.pg_get_viewdef(r.oid)))
    from rels r where r.relkind in ('v', 'm')),
  'enums', (
    select json_agg(json_build_object('s', n.nspname, 't', t.typname,
      'values', (select json_agg(e.enumlabel order by e.enumsortorder)
                 from pg_catalog.pg_enum e where e.enumtypid = t.oid)))
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'e' and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')),
  'sequences', (
    select json_agg(json_build_object('s', r.nspname, 't', r.relname,
      'type', pg_catalog.format_type(sq.seqtypid, null), 'start', sq.seqstart::text,
      'increment', sq.seqincrement::text, 'min', sq.seqmin::text, 'max', sq.seqmax::text, 'cycle', sq.seqcycle,
      'owner_s', on_.nspname, 'owner_t', oc.relname, 'owner_c', oa.attname))
    from rels r
    join pg_catalog.pg_sequence sq on sq.seqrelid = r.oid
    left join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_class'::regclass and d.objid = r.oid
      and d.refclassid = 'pg_catalog.pg_class'::regclass and d.deptype in ('a', 'i')
    left join pg_catalog.pg_class oc on oc.oid = d.refobjid
    left join pg_catalog.pg_namespace on_ on on_.oid = oc.relnamespace
    left join pg_catalog.pg_attribute oa on oa.attrelid = d.refobjid and oa.attnum = d.refobjsubid
    where r.relkind = 'S' and d.deptype is distinct from 'i'),
  'extensions', (
    select json_agg(json_build_object('n', x.extname, 'v', x.extversion)) from pg_catalog.pg_extension x)
)::text as snapshot`;

interface Row {
  s: string;
  t: string;
}
interface ColumnRow extends Row {
  n: string;
  type: string;
  notnull: boolean;
  default: string | null;
  identity: '' | 'a' | 'd';
  generated: '' | 's' | 'v';
  comment: string | null;
}
interface ConstraintRow extends Row {
  n: string;
  type: 'p' | 'u' | 'c' | 'f';
  cols: string[] | null;
  rs: string | null;
  rt: string | null;
  rcols: string[] | null;
  upd: string;
  del: string;
  deferrable: boolean;
  deferred: boolean;
  valid: boolean;
  def: string;
}
interface IndexRow extends Row {
  n: string;
  unique: boolean;
  method: string;
  where: string | null;
  nkeys: number;
  cols: string[];
  options: number[];
  opclasses: (string | null)[];
}
interface Catalog {
  columns: ColumnRow[] | null;
  tables: (Row & { comment: string | null })[] | null;
  constraints: ConstraintRow[] | null;
  indexes: IndexRow[] | null;
  views: (Row & { kind: 'v' | 'm'; def: string })[] | null;
  enums: (Row & { values: string[] })[] | null;
  sequences:
    | (Row & {
        type: string;
        start: string;
        increment: string;
        min: string;
        max: string;
        cycle: boolean;
        owner_s: string | null;
        owner_t: string | null;
        owner_c: string | null;
      })[]
    | null;
  extensions: { n: string; v: string }[] | null;
}

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** PostgreSQL's long type names as people write them (`format_type` spells them out). */
export function shortPostgresType(type: string): string {
  return type
    .replace(/\bcharacter varying\b/g, 'varchar')
    .replace(/\bcharacter\b/g, 'char')
    .replace(/\bbit varying\b/g, 'varbit')
    .replace(/\b(timestamp|time)(\(\d+\))? without time zone\b/g, '$1$2')
    .replace(/\b(timestamp|time)(\(\d+\))? with time zone\b/g, '$1tz$2');
}

export async function introspectPostgres(
  db: ThrowawayDatabase,
  opts?: SnapshotOptions,
): Promise<SchemaSnapshot> {
  const skeleton = kyselyTables(
    await kyselyOver(db).introspection.getTables({ withInternalKyselyTables: true }),
    true,
  );
  const [row] = await db.query<{ snapshot: string }>(CATALOG);
  const catalog = json<Catalog>(row.snapshot);

  const details = new Map<string, ColumnRow>();
  for (const c of catalog.columns ?? []) details.set(`${qualify(c.s, c.t)}\0${c.n}`, c);

  const tables = new Map<string, TableSnapshot>();
  for (const t of catalog.tables ?? []) {
    const name = qualify(t.s, t.t);
    const meta = skeleton.get(name);
    if (!meta) continue; // a relation kysely does not list (no USAGE on its schema)
    const columns = meta.columns.map((c): ColumnSnapshot => {
      const d = details.get(`${name}\0${c.name}`);
      return prune({
        name: c.name,
        type: d ? shortPostgresType(d.type) : c.dataType,
        nullable: c.isNullable,
        default: d?.default != null && !d.generated ? d.default : undefined,
        identity: d?.identity === 'a' ? 'always' : d?.identity === 'd' ? 'by default' : undefined,
        generated:
          d?.generated && d.default != null
            ? { expression: d.default, stored: d.generated === 's' }
            : undefined,
        comment: c.comment,
      } satisfies ColumnSnapshot);
    });
    tables.set(
      name,
      prune({
        name,
        columns,
        uniques: [],
        checks: [],
        foreignKeys: [],
        indexes: [],
        comment: t.comment ?? undefined,
      }),
    );
  }

  for (const c of catalog.constraints ?? []) {
    const table = tables.get(qualify(c.s, c.t));
    if (!table) continue;
    const columns = c.cols ?? [];
    if (c.type === 'p') table.primaryKey = { name: c.n, columns };
    else if (c.type === 'u') table.uniques.push({ name: c.n, columns });
    else if (c.type === 'c') table.checks.push({ name: c.n, expression: checkExpression(c.def) });
    else table.foreignKeys.push(foreignKey(c));
  }

  for (const i of catalog.indexes ?? []) tables.get(qualify(i.s, i.t))?.indexes.push(index(i));

  return finish(
    {
      engine: 'postgresql',
      tables: [...tables.values()],
      views: (catalog.views ?? []).map((v) =>
        prune({
          name: qualify(v.s, v.t),
          definition: collapse(v.def),
          materialized: v.kind === 'm' ? (true as const) : undefined,
        }),
      ),
      enums: (catalog.enums ?? []).map((e) => ({ name: qualify(e.s, e.t), values: e.values ?? [] })),
      sequences: (catalog.sequences ?? []).map((s) =>
        prune({
          name: qualify(s.s, s.t),
          type: s.type,
          start: s.start,
          increment: s.increment,
          min: s.min,
          max: s.max,
          cycle: s.cycle,
          ownedBy: s.owner_t ? `${qualify(s.owner_s, s.owner_t)}.${s.owner_c}` : undefined,
        }),
      ),
      extensions: (catalog.extensions ?? []).map((x) => ({ name: x.n, version: x.v })),
    },
    opts,
  );
}

/** `CHECK ((price > 0)) NOT VALID` → `(price > 0)`: the expression as SQLAlchemy's inspector reports it. */
function checkExpression(def: string): string {
  const m = /^CHECK \((.*)\)( NO INHERIT)?( NOT VALID)?$/s.exec(def);
  return m ? m[1] : def;
}

function foreignKey(c: ConstraintRow): ForeignKeySnapshot {
  return prune({
    name: c.n,
    columns: c.cols ?? [],
    referencedTable: qualify(c.rs, c.rt ?? ''),
    referencedColumns: c.rcols ?? [],
    onDelete: ACTIONS[c.del] ?? 'NO ACTION',
    onUpdate: ACTIONS[c.upd] ?? 'NO ACTION',
    deferrable: c.deferrable
      ? c.deferred
        ? ('initially deferred' as const)
        : ('initially immediate' as const)
      : undefined,
    notValid: c.valid ? undefined : (true as const),
  });
}

function index(i: IndexRow): IndexSnapshot {
  const keys = i.cols.slice(0, i.nkeys).map((col, k) => {
    const option = i.options?.[k] ?? 0;
    const desc = (option & 1) !== 0;
    const nullsFirst = (option & 2) !== 0;
    const opclass = i.opclasses?.[k];
    return (
      col +
      (opclass ? ` ${opclass}` : '') +
      (desc ? ' DESC' : '') +
      (desc && !nullsFirst ? ' NULLS LAST' : !desc && nullsFirst ? ' NULLS FIRST' : '')
    );
  });
  const include = i.cols.slice(i.nkeys);
  return prune({
    name: i.n,
    columns: keys,
    unique: i.unique,
    where: i.where ?? undefined,
    method: i.method,
    include: include.length ? include : undefined,
  });
}
